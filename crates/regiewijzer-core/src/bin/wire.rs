//! The wire of the binary model: the [`Writer`] and [`Reader`] of the bytes, the [`Bin`] trait of a type
//! with a binary form, and the forms of numbers, texts, lists, options, boxes and pairs.

use super::{HEADER, MAX_DEPTH};

/// Where the model is written while it is encoded.
#[derive(Default)]
pub(super) struct Writer {
    pub(super) out: Vec<u8>,
    /// The source offset written last (see the `u32` of [`Bin`]).
    pub(super) last_offset: u32,
}

impl Writer {
    pub(super) fn push(&mut self, b: u8) {
        self.out.push(b);
    }

    /// A text: its length and bytes.
    pub(super) fn text(&mut self, s: &str) {
        put_uint(&mut self.out, s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }
}

/// A cursor over the encoded bytes. A read past the end or of an impossible value records where it
/// happened and gives a placeholder; the caller checks `failed_at` once at the end. (No early returns:
/// that keeps the decoder small, which matters because it ships in the widget bundle.)
pub(super) struct Reader<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) pos: usize,
    pub(super) depth: u32,
    pub(super) failed_at: Option<usize>,
    /// The source offset read last (see the `u32` of [`Bin`]).
    pub(super) last_offset: u32,
}

impl Reader<'_> {
    /// Records damage at the current position (the first one counts) and stops reading.
    pub(super) fn fail(&mut self) {
        if self.failed_at.is_none() {
            self.failed_at = Some(self.pos + HEADER);
        }
        self.pos = self.bytes.len();
    }

    pub(super) fn byte(&mut self) -> u8 {
        match self.bytes.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                b
            }
            None => {
                self.fail();
                0
            }
        }
    }

    /// An unsigned LEB128 number.
    pub(super) fn uint(&mut self) -> u64 {
        let mut n: u64 = 0;
        let mut shift = 0u32;
        loop {
            let b = self.byte();
            if shift > 63 || (shift == 63 && b > 1) {
                self.fail();
                return 0;
            }
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return n;
            }
            shift += 7;
        }
    }

    /// A length or count: never more than the bytes that are left, so a damaged length cannot make us
    /// allocate without bound.
    pub(super) fn len(&mut self) -> usize {
        let n = self.uint();
        match usize::try_from(n) {
            Ok(n) if n <= self.bytes.len().saturating_sub(self.pos) => n,
            _ => {
                self.fail();
                0
            }
        }
    }

    /// A variant tag up to `max` (anything higher is damage and reads as 0).
    pub(super) fn tag(&mut self, max: u8) -> u8 {
        let t = self.byte();
        if t > max {
            self.fail();
            return 0;
        }
        t
    }

    /// Reads a nested value, one level deeper; too deep is damage.
    pub(super) fn nested<T: Bin>(&mut self) -> T {
        if self.depth >= MAX_DEPTH {
            self.fail();
        }
        self.depth += 1;
        let v = T::get(self);
        self.depth -= 1;
        v
    }
}

/// An unsigned LEB128 number.
pub(super) fn put_uint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A type with a binary form.
pub(super) trait Bin: Sized {
    /// Writes the value.
    fn put(&self, out: &mut Writer);
    /// Reads a value written by `put` (a placeholder, with the damage recorded, when it cannot).
    fn get(r: &mut Reader<'_>) -> Self;
}

impl Bin for bool {
    fn put(&self, out: &mut Writer) {
        out.push(u8::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Self {
        r.tag(1) == 1
    }
}

impl Bin for u64 {
    fn put(&self, out: &mut Writer) {
        put_uint(&mut out.out, *self);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        r.uint()
    }
}

impl Bin for usize {
    fn put(&self, out: &mut Writer) {
        put_uint(&mut out.out, *self as u64);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        let n = r.uint();
        usize::try_from(n).unwrap_or_else(|_| {
            r.fail();
            0
        })
    }
}

/// Every `u32` of a model is a byte offset in the source (the places of rules, handovers, facts and
/// outcomes; the line starts), stored as the distance from the offset before it: mostly one or two bytes,
/// where the offsets themselves took three and compressed badly (measured: 784 bytes less after gzip for
/// the default triage rules).
impl Bin for u32 {
    fn put(&self, out: &mut Writer) {
        let delta = i64::from(*self) - i64::from(out.last_offset);
        out.last_offset = *self;
        delta.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        let delta = i64::get(r);
        let at = i64::from(r.last_offset).checked_add(delta);
        match at.and_then(|at| u32::try_from(at).ok()) {
            Some(at) => {
                r.last_offset = at;
                at
            }
            None => {
                r.fail();
                0
            }
        }
    }
}

impl Bin for i64 {
    /// Zigzag, so that small negative numbers stay short.
    fn put(&self, out: &mut Writer) {
        put_uint(&mut out.out, ((*self << 1) ^ (*self >> 63)) as u64);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        let n = r.uint();
        ((n >> 1) as i64) ^ -((n & 1) as i64)
    }
}

impl Bin for String {
    fn put(&self, out: &mut Writer) {
        out.text(self);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        let end = r.pos + n;
        match r.bytes.get(r.pos..end).map(std::str::from_utf8) {
            Some(Ok(s)) => {
                r.pos = end;
                s.to_string()
            }
            _ => {
                r.fail();
                String::new()
            }
        }
    }
}

impl<T: Bin> Bin for Vec<T> {
    fn put(&self, out: &mut Writer) {
        put_uint(&mut out.out, self.len() as u64);
        for item in self {
            item.put(out);
        }
    }
    fn get(r: &mut Reader<'_>) -> Self {
        // Every item takes at least one byte, so the count is bounded by what is left.
        let n = r.len();
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            if r.failed_at.is_some() {
                break;
            }
            items.push(T::get(r));
        }
        items
    }
}

impl<T: Bin> Bin for Option<T> {
    fn put(&self, out: &mut Writer) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.put(out);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Self {
        if r.tag(1) == 1 { Some(T::get(r)) } else { None }
    }
}

impl<T: Bin> Bin for Box<T> {
    fn put(&self, out: &mut Writer) {
        (**self).put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        Box::new(r.nested())
    }
}

impl<A: Bin, B: Bin> Bin for (A, B) {
    fn put(&self, out: &mut Writer) {
        self.0.put(out);
        self.1.put(out);
    }
    fn get(r: &mut Reader<'_>) -> Self {
        (A::get(r), B::get(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(bytes: &[u8]) -> Reader<'_> {
        Reader {
            bytes,
            pos: 0,
            depth: 0,
            failed_at: None,
            last_offset: 0,
        }
    }

    #[test]
    fn numbers_round_trip() {
        for n in [0i64, 1, -1, 63, -64, 64, i64::MAX, i64::MIN, 1 << 40] {
            let mut w = Writer::default();
            n.put(&mut w);
            let mut r = reader(&w.out);
            assert_eq!(i64::get(&mut r), n);
            assert_eq!(r.failed_at, None);
            assert_eq!(r.pos, w.out.len());
        }
    }

    #[test]
    fn an_overlong_number_is_damage_not_a_panic() {
        let bytes = [0xffu8; 12];
        let mut r = reader(&bytes);
        assert_eq!(u64::get(&mut r), 0);
        assert!(r.failed_at.is_some());
    }
}
