//! The common line of a JSON Lines file, read without serde: `{"today": "…", "answers": {"id": value,
//! …}}` whose answers are texts without escapes, whole numbers, `true`/`false` and `null`. Any other line
//! (an escape, a fraction, a list or object as an answer, another key, a key of the line given twice,
//! anything that is not JSON) is left to the full reader in [`super::jsonl`], which also words what is
//! wrong with it. What this one reads, it reads as that one does (`tests/replay_read.rs` holds the reading
//! of a file to the reference reading, for lines of every kind).

/// An answer as read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scalar<'a> {
    Null,
    Bool(bool),
    Int(i64),
    /// A text without escapes, as it stands in the line.
    Text(&'a str),
}

/// What a line's `today` was: not given, `null`, or a text.
pub(super) type Today<'a> = Option<Option<&'a str>>;

/// An answer as read: its key, its value, and the column of the key when it was one of the keys
/// expected (see [`scan`]).
pub(super) type Read<'a> = (&'a str, Scalar<'a>, Option<usize>);

/// Reads the common line at the start of `text` (the rest of a file, from the start of a line): its
/// `today` and how many bytes the line takes with its line end, with its answers (key, value and column,
/// in line order) in `answers` (cleared first). `None`: the line is not such a line (or is blank);
/// `answers` then means nothing. A line ends at `\n` (which no common line holds: it is no white space
/// to this scanner and ends no text without escapes), as `str::lines` ends it.
///
/// `expected` are the keys of the line before with their columns, in its order: most files give the keys
/// in the same order on every line (some left out), so each key is first compared with the next few
/// expected ones, without looking for where it ends; only a key that is none of them is read as a text
/// (and its column is then not known here).
pub(super) fn scan<'a>(
    text: &'a str,
    expected: &[(&'a str, usize)],
    answers: &mut Vec<Read<'a>>,
) -> Option<(Today<'a>, usize)> {
    answers.clear();
    let mut s = Scanner {
        text,
        at: 0,
        expected,
    };
    let (mut today, mut seen_answers) = (None, false);
    s.open(b'{')?;
    if !s.close(b'}') {
        loop {
            match s.string()? {
                "today" if today.is_none() => {
                    s.colon()?;
                    today = Some(match s.scalar()? {
                        Scalar::Null => None,
                        Scalar::Text(t) => Some(t),
                        _ => return None,
                    });
                }
                "answers" if !seen_answers => {
                    s.colon()?;
                    seen_answers = true;
                    s.answers(answers)?;
                }
                _ => return None,
            }
            if s.close(b'}') {
                break;
            }
            s.open(b',')?;
        }
    }
    s.ws();
    match s.peek() {
        None => Some((today, s.at)),
        Some(b'\n') => Some((today, s.at + 1)),
        Some(_) => None,
    }
}

/// How many expected keys on from the last one found a key is compared with.
const LOOK_AHEAD: usize = 4;

/// Where the scanner is in a line.
struct Scanner<'a, 'e> {
    text: &'a str,
    at: usize,
    /// The keys expected (see [`scan`]).
    expected: &'e [(&'a str, usize)],
}

impl<'a> Scanner<'a, '_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Skips JSON's white space within a line (all of it but `\n`).
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r')) {
            self.at += 1;
        }
    }

    /// White space, then `b`.
    fn open(&mut self, b: u8) -> Option<()> {
        self.ws();
        (self.peek() == Some(b)).then(|| self.at += 1)
    }

    /// White space, then whether `b` comes (taken when it does).
    fn close(&mut self, b: u8) -> bool {
        self.open(b).is_some()
    }

    fn colon(&mut self) -> Option<()> {
        self.open(b':')
    }

    /// A text without escapes or control characters: its contents.
    fn string(&mut self) -> Option<&'a str> {
        self.open(b'"')?;
        let start = self.at;
        let rest = self.text.as_bytes().get(start..)?;
        let len = text_end(rest)?;
        (rest.get(len) == Some(&b'"')).then_some(())?;
        self.at = start + len + 1;
        self.text.get(start..start + len)
    }

    /// The object of answers (or `null`: none).
    fn answers(&mut self, out: &mut Vec<Read<'a>>) -> Option<()> {
        self.ws();
        if self.peek() == Some(b'n') {
            return self.word("null");
        }
        self.open(b'{')?;
        if self.close(b'}') {
            return Some(());
        }
        let mut next = 0;
        loop {
            let (key, column) = match self.expected_key(next) {
                Some((j, key, column)) => {
                    next = j + 1;
                    (key, Some(column))
                }
                None => (self.string()?, None),
            };
            self.colon()?;
            out.push((key, self.scalar()?, column));
            if self.close(b'}') {
                return Some(());
            }
            self.open(b',')?;
        }
    }

    /// The key here when it is one of the expected keys from number `from` on (and the next few): its
    /// number, the key and its column. An expected key was read by [`Scanner::string`] from an earlier
    /// line, so it has no quote, backslash or control character: the same bytes here, then a quote, are
    /// that key as `string` would read it.
    fn expected_key(&mut self, from: usize) -> Option<(usize, &'a str, usize)> {
        self.ws();
        let rest = self.text.as_bytes().get(self.at..)?;
        let (&b'"', rest) = rest.split_first()? else {
            return None;
        };
        let near = self.expected.iter().enumerate().skip(from).take(LOOK_AHEAD);
        let (j, &(key, column)) = near.into_iter().find(|(_, (key, _))| {
            let n = key.len();
            rest.get(n) == Some(&b'"') && rest.get(..n).is_some_and(|b| same(b, key.as_bytes()))
        })?;
        let start = self.at + 1;
        self.at = start + key.len() + 1;
        Some((j, self.text.get(start..start + key.len())?, column))
    }

    /// A text, a whole number, `true`, `false` or `null`.
    fn scalar(&mut self) -> Option<Scalar<'a>> {
        self.ws();
        match self.peek()? {
            b'"' => self.string().map(Scalar::Text),
            b't' => self.word("true").map(|()| Scalar::Bool(true)),
            b'f' => self.word("false").map(|()| Scalar::Bool(false)),
            b'n' => self.word("null").map(|()| Scalar::Null),
            b'-' | b'0'..=b'9' => self.whole().map(Scalar::Int),
            _ => None,
        }
    }

    /// The word `w` (compared byte by byte: a call of `memcmp` costs more than these few bytes in wasm).
    fn word(&mut self, w: &str) -> Option<()> {
        let end = self.at + w.len();
        let got = self.text.as_bytes().get(self.at..end)?;
        got.iter()
            .zip(w.as_bytes())
            .all(|(a, b)| a == b)
            .then(|| self.at = end)
    }

    /// A whole number within `i64` without fraction or exponent (JSON's form: no leading zeros, no `+`).
    fn whole(&mut self) -> Option<i64> {
        let negative = self.peek() == Some(b'-');
        self.at += usize::from(negative);
        let start = self.at;
        let mut n: i64 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            let d = i64::from(d - b'0');
            n = n.checked_mul(10).and_then(|n| {
                if negative {
                    n.checked_sub(d)
                } else {
                    n.checked_add(d)
                }
            })?;
            self.at += 1;
        }
        let digits = self.at - start;
        let leading_zero = digits > 1 && self.text.as_bytes().get(start) == Some(&b'0');
        let more = matches!(self.peek(), Some(b'.' | b'e' | b'E'));
        (digits > 0 && !leading_zero && !more).then_some(n)
    }
}

/// Whether `a` and `b` are the same bytes, compared eight at a time (a call of `memcmp` compares a byte
/// at a time in wasm).
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a, mut b) = (a, b);
    while let (Some((x, a_rest)), Some((y, b_rest))) =
        (a.split_first_chunk::<8>(), b.split_first_chunk::<8>())
    {
        if u64::from_le_bytes(*x) != u64::from_le_bytes(*y) {
            return false;
        }
        (a, b) = (a_rest, b_rest);
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// Where the first byte in `rest` is that ends a text without escapes: a quote, a backslash or a control
/// character. Eight bytes at a time: the bytes of keys and answers are most of a line, and a byte at a
/// time was most of the reading. (In a word, a byte `b` is flagged when `b - n` borrows while `b` has
/// its high bit clear, i.e. `b < n`, for `n` = 1 after an exclusive or with `"` or `\\`, and for
/// `n` = 0x20. A borrow can flag a byte wrongly only after a byte flagged rightly, so the lowest flag is
/// always right.)
fn text_end(rest: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |w: u64, n: u64| w.wrapping_sub(ONES * n) & !w & HIGH;
    let mut chunks = rest.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).ok()?);
        let hit = below(w ^ (ONES * u64::from(b'"')), 1)
            | below(w ^ (ONES * u64::from(b'\\')), 1)
            | below(w, 0x20);
        if hit != 0 {
            return Some(at + (hit.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = chunks.remainder();
    let end = tail
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    Some(at + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Option<(Today<'_>, Vec<(&str, Scalar<'_>)>)> {
        let mut answers = Vec::new();
        let (today, len) = scan(line, &[], &mut answers)?;
        assert_eq!(len, line.len(), "{line}");
        assert!(answers.iter().all(|a| a.2.is_none()), "no key was expected");
        Some((today, answers.into_iter().map(|(k, v, _)| (k, v)).collect()))
    }

    #[test]
    fn expected_keys_are_found_with_their_columns_and_the_others_read_as_texts() {
        let expected = [
            ("a", 10),
            ("bb", 11),
            ("c", 12),
            ("d", 13),
            ("e", 14),
            ("f", 15),
            ("g", 16),
            ("h", 17),
            ("i", 18),
        ];
        let mut answers = Vec::new();
        // "bb" left out, "x" new, "bbb" and "b" are not "bb", "a" given again after "g".
        let line = r#"{"answers": {"a": 1, "c": 2, "x": 3, "bbb": 4, "b": 5, "d": 6, "i": 7, "g": 8, "a": 9}}"#;
        assert!(scan(line, &expected, &mut answers).is_some());
        let got: Vec<(&str, Option<usize>)> = answers.iter().map(|a| (a.0, a.2)).collect();
        assert_eq!(
            got,
            [
                ("a", Some(10)),
                ("c", Some(12)),
                ("x", None),
                ("bbb", None),
                ("b", None),
                ("d", Some(13)),
                // "i" is five on from "d": further than a key is looked for.
                ("i", None),
                ("g", Some(16)),
                ("a", None)
            ]
        );
        // What is read is what is read without expected keys.
        let plain = read(line).expect("read").1;
        let with: Vec<(&str, Scalar<'_>)> = answers.iter().map(|a| (a.0, a.1)).collect();
        assert_eq!(with, plain);
        // A key that ends in a backslash is not an expected key followed by an escape.
        let escaped = r#"{"answers": {"a\\": 1}}"#;
        assert_eq!(scan(escaped, &expected, &mut answers), None);
    }

    #[test]
    fn a_line_ends_at_its_line_end_and_only_there() {
        let mut answers = Vec::new();
        let text = "{\"answers\": {\"a\": 1}} \r\n{\"answers\": {}}";
        let (_, len) = scan(text, &[], &mut answers).expect("the first line");
        assert_eq!(text.get(len..), Some("{\"answers\": {}}"));
        // An object over two lines is two lines, neither of them common.
        assert_eq!(scan("{\"answers\":\n{\"a\": 1}}", &[], &mut answers), None);
        assert_eq!(
            scan("{\"answers\": {\"a\": \"x\ny\"}}", &[], &mut answers),
            None
        );
        assert_eq!(scan("\n{}", &[], &mut answers), None);
    }

    #[test]
    fn same_compares_every_byte() {
        let a = b"vermoeden_psychische_stoornis";
        for i in 0..a.len() {
            let mut b = *a;
            b[i] ^= 1;
            assert!(!same(a, &b), "{i}");
        }
        assert!(same(a, a));
        assert!(!same(b"abc", b"abcd"));
    }

    #[test]
    fn the_common_line_is_read() {
        let line = r#" {"today": "2026-03-20", "answers": {"a": true, "b": -12, "c": "dakloos", "d": null}} "#;
        let (today, answers) = read(line).expect("read");
        assert_eq!(today, Some(Some("2026-03-20")));
        assert_eq!(
            answers,
            [
                ("a", Scalar::Bool(true)),
                ("b", Scalar::Int(-12)),
                ("c", Scalar::Text("dakloos")),
                ("d", Scalar::Null)
            ]
        );
        assert_eq!(read("{}").map(|(t, a)| (t, a.len())), Some((None, 0)));
        assert_eq!(
            read(r#"{"today":null,"answers":null}"#).map(|r| r.0),
            Some(Some(None))
        );
    }

    #[test]
    fn a_text_ends_at_its_first_quote_backslash_or_control_character_at_any_place() {
        let plain = "abcdefghijklmnopqrstuvwxyz0123456789 äöü €";
        for end in ['"', '\\', '\n', '\u{1f}', '\0'] {
            for at in 0..=plain.len() {
                let Some(head) = plain.get(..at) else {
                    continue;
                };
                let text = format!("{head}{end}x{}", plain);
                assert_eq!(text_end(text.as_bytes()), Some(at), "{text}");
            }
        }
        assert_eq!(text_end(plain.as_bytes()), None);
        assert_eq!(text_end(b""), None);
    }

    #[test]
    fn anything_else_is_left_to_the_full_reader() {
        for line in [
            r#"{"answers": {"a": "x\"y"}}"#,
            r#"{"answers": {"a": 1.5}}"#,
            r#"{"answers": {"a": 1e3}}"#,
            r#"{"answers": {"a": 01}}"#,
            r#"{"answers": {"a": 9223372036854775808}}"#,
            r#"{"answers": {"a": [1]}}"#,
            r#"{"answers": {"a": {}}}"#,
            r#"{"answers": {"a": tru}}"#,
            r#"{"answers": {}, "answers": {}}"#,
            r#"{"today": 3}"#,
            r#"{"other": 1}"#,
            r#"{"answers": {"a": 1,}}"#,
            r#"{"answers": {"a": 1}} x"#,
            "[1]",
            "{\"answers\": {\"a\": \"\t\"}}",
        ] {
            assert_eq!(read(line), None, "{line}");
        }
        assert_eq!(
            read(r#"{"answers": {"a": -9223372036854775808}}"#).map(|r| r.1),
            Some(vec![("a", Scalar::Int(i64::MIN))])
        );
    }
}
