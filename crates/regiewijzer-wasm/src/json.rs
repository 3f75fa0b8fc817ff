//! A compact JSON writer for what crosses to the page: a `serde::Serializer` that writes the same text
//! as `serde_json::to_string` for every value the bindings return (evaluations, checklists, texts,
//! diagnostics, analyses), in a fraction of the code: serde_json's writer threads an `io::Result` through
//! every field (an error path per field, each mapped and dropped); this one writes into a `String` that
//! cannot fail, so a field is a call and a push (measured: the widget's wasm 6.5 KB smaller, 1.4 KB
//! gzip; docs/performance.md).
//!
//! The same text: strings escaped as serde_json escapes them (`"`, `\`, and the control characters
//! below U+0020, as `\b \t \n \f \r` or `\u00xx`; nothing else), integers in decimal, `null` for
//! `None` and `()`, enums as serde's data model says (`"Variant"`, `{"Variant":…}`), map keys that are
//! texts or integers as texts. What the bindings never return is refused instead of written
//! differently: floating-point numbers, bytes, and map keys of any other kind. The property tests below
//! compare it with serde_json over the evaluations, checklists, diagnostics and analyses of the shipped
//! rulesets and the rules core's fixtures.

use serde::ser::{self, Serialize};

/// `value` as JSON text, or `None` for a value of a kind the writer refuses (see the module doc).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let mut w = Writer { out: String::new() };
    value.serialize(&mut w).ok()?;
    Some(w.out)
}

/// A value of a kind this writer does not write (a float, bytes, a map key that is no text or
/// integer), or an error a value's own `Serialize` raised.
#[derive(Debug)]
pub struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not written as JSON")
    }
}

impl std::error::Error for Refused {}

impl ser::Error for Refused {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Refused
    }
}

/// The text written so far.
struct Writer {
    out: String,
}

impl Writer {
    /// A string, quoted and escaped as serde_json escapes it.
    fn text(&mut self, s: &str) {
        self.out.push('"');
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..0x20 => "",
                _ => continue,
            };
            self.out.push_str(s.get(start..i).unwrap_or_default());
            start = i + 1;
            if escape.is_empty() {
                self.out.push_str("\\u00");
                self.out.push(hex(b >> 4));
                self.out.push(hex(b & 0xf));
            } else {
                self.out.push_str(escape);
            }
        }
        self.out.push_str(s.get(start..).unwrap_or_default());
        self.out.push('"');
    }

    /// A whole number in decimal, without `core::fmt`.
    fn int(&mut self, negative: bool, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            if let Some(d) = digits.get_mut(i) {
                *d = b'0' + (n % 10) as u8;
            }
            n /= 10;
            if n == 0 || i == 0 {
                break;
            }
        }
        if negative {
            self.out.push('-');
        }
        for d in digits.get(i..).unwrap_or_default() {
            self.out.push(char::from(*d));
        }
    }

    /// `{"name":` (the opening of a variant with data).
    fn variant(&mut self, name: &str) {
        self.out.push('{');
        self.text(name);
        self.out.push(':');
    }

    /// A variant's list or object: `{"name":` and `open`, closed by `]}` or `}}`.
    fn variant_compound(&mut self, name: &str, open: char) -> Compound<'_> {
        self.variant(name);
        let mut c = self.compound(open);
        c.variant = true;
        c
    }

    /// A list or an object: opened by `open`.
    fn compound(&mut self, open: char) -> Compound<'_> {
        self.out.push(open);
        Compound {
            w: self,
            first: true,
            variant: false,
        }
    }
}

/// A lower-case hex digit.
fn hex(n: u8) -> char {
    char::from(if n < 10 { b'0' + n } else { b'a' + n - 10 })
}

/// A list or object being written: whether the next item is the first, and whether a variant's `}`
/// closes it too.
struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
    variant: bool,
}

impl Compound<'_> {
    /// A `,` before every item but the first.
    fn next(&mut self) {
        if !self.first {
            self.w.out.push(',');
        }
        self.first = false;
    }

    /// An object's key (a text) and the `:` after it.
    fn key(&mut self, key: &str) {
        self.next();
        self.w.text(key);
        self.w.out.push(':');
    }

    /// Closes with `close` (and the variant's `}`).
    fn close(self, close: char) {
        self.w.out.push(close);
        if self.variant {
            self.w.out.push('}');
        }
    }
}

type Done = Result<(), Refused>;

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Done {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Done {
        self.int(v < 0, v.unsigned_abs());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Done {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Done {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Done {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.int(false, v);
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Done {
        Err(Refused)
    }
    fn serialize_f64(self, _: f64) -> Done {
        Err(Refused)
    }
    fn serialize_char(self, v: char) -> Done {
        self.text(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.text(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Done {
        Err(Refused)
    }
    fn serialize_none(self) -> Done {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.variant(variant);
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Refused> {
        Ok(self.compound('['))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Refused> {
        Ok(self.compound('['))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Refused> {
        Ok(self.compound('['))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Refused> {
        Ok(self.variant_compound(variant, '['))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Refused> {
        Ok(self.compound('{'))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Refused> {
        Ok(self.compound('{'))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Refused> {
        Ok(self.variant_compound(variant, '{'))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        self.next();
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Done {
        self.close(']');
        Ok(())
    }
}

/// The list-like compounds (tuples, tuple structs and variants) write as a list does.
macro_rules! as_list {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Refused;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                ser::SerializeSeq::serialize_element(self, value)
            }
            fn end(self) -> Done {
                ser::SerializeSeq::end(self)
            }
        }
    )*};
}
as_list!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Refused;
    /// A key as serde_json writes it: a text as it is, an integer as a text; anything else is refused.
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        self.next();
        let start = self.w.out.len();
        key.serialize(&mut *self.w)?;
        match self.w.out.as_bytes().get(start) {
            Some(b'"') => {}
            Some(b'-' | b'0'..=b'9') => {
                self.w.out.insert(start, '"');
                self.w.out.push('"');
            }
            _ => return Err(Refused),
        }
        self.w.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Done {
        self.close('}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        self.key(key);
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Done {
        self.close('}');
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Done {
        ser::SerializeStruct::end(self)
    }
}

#[cfg(test)]
mod tests {
    //! The writer against serde_json: the same text for everything the bindings return, so that the two
    //! can never drift apart unseen.
    use super::*;
    use crate::common::{evaluate_read, read_answers};
    use crate::test_answers as answers;
    use proptest::prelude::*;
    use regiewijzer_core::SortedMap;
    use regiewijzer_core::answers::RawValue;
    use regiewijzer_core::eval::{evaluate, evaluate_outcomes};
    use regiewijzer_core::model::Text;
    use regiewijzer_core::{Model, compile, describe};
    use std::sync::LazyLock;

    /// The fixtures of the rules core and the shipped rulesets: name, source and model (when it compiles).
    static RULES: LazyLock<Vec<(String, String, Option<Model>)>> = LazyLock::new(|| {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut out = Vec::new();
        for dir in ["../regiewijzer-core/tests/fixtures", "../../rulesets"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
                let path = entry.unwrap().path();
                let name = path.display().to_string();
                if name.ends_with(".regels") {
                    let src = std::fs::read_to_string(&path).unwrap();
                    let model = compile(&src).model;
                    out.push((name, src, model));
                }
            }
        }
        assert!(out.iter().filter(|r| r.2.is_some()).count() >= 8);
        out
    });

    fn models() -> impl Iterator<Item = &'static Model> {
        RULES.iter().filter_map(|r| r.2.as_ref())
    }

    /// The writer gives serde_json's text for `value`.
    fn same<T: Serialize>(value: &T) {
        let ours = to_string(value).expect("written");
        let theirs = serde_json::to_string(value).unwrap();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn checklists_diagnostics_and_titles_are_serde_jsons_text() {
        for (_, src, model) in RULES.iter() {
            same(&compile(src).diagnostics);
            // A broken copy: errors with spans and texts quoting the source.
            same(&compile(&src.replace("regel", "regl \"\\\t")).diagnostics);
            if let Some(m) = model {
                same(&describe::checklist(m));
                same(&m.meta.title);
            }
        }
    }

    #[test]
    fn related_places_of_diagnostics_are_serde_jsons_text() {
        // Every fact and outcome declared twice: each `E306` carries the first declaration as `related`.
        let mut with_related = 0;
        for (_, src, model) in RULES.iter() {
            let twice = format!("{src}\n{}", src.replace("ruleset ", "section "));
            let diags = compile(&twice).diagnostics;
            same(&diags);
            if model.is_some() {
                let ours = to_string(&diags).expect("written");
                assert!(ours.contains("\"related\":[{\"start\":"), "{ours}");
                with_related += 1;
            }
        }
        assert!(with_related >= 8);
    }

    #[cfg(feature = "api")]
    #[test]
    fn analyses_are_serde_jsons_text() {
        use regiewijzer_core::analysis::{Options, analyze};
        for m in models() {
            let mut options = Options::new(answers::today(3));
            options.budget = 2_000;
            same(&analyze(m, &options));
        }
    }

    /// A loose answer from a seed: every kind of value the page can send, texts with characters that
    /// must be escaped.
    fn loose(seed: u32, text: &str) -> RawValue {
        match seed % 6 {
            0 => RawValue::Bool(seed.is_multiple_of(4)),
            1 => RawValue::Int(i64::from(seed) - 1_000),
            2 => RawValue::Text(text.to_string()),
            3 => RawValue::Text("2026-02-30".into()),
            4 => RawValue::List(vec![RawValue::Text(text.into()), RawValue::Null]),
            _ => RawValue::Int(i64::MIN),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whole evaluations and the outcomes alone, of valid answers on every ruleset.
        #[test]
        fn evaluations_are_serde_jsons_text(
            picks in proptest::collection::vec(proptest::option::of(any::<u32>()), 0..40),
            day in any::<u32>(),
        ) {
            for m in models() {
                let a = answers::answers_from(m, &picks);
                let today = answers::today(day);
                same(&evaluate_outcomes(m, &a, today));
                same(&evaluate(m, &a, today));
            }
        }

        /// Evaluations of answers the page could send, with the issues they raise (quoting the
        /// answers' keys and texts, with any character).
        #[test]
        fn answer_issues_are_serde_jsons_text(
            entries in proptest::collection::vec((any::<u32>(), any::<u32>(), "\\PC*|[\\x00-\\x20\"\\\\\\x7f\\u{2028}é]{0,8}"), 0..12),
            day in any::<u32>(),
        ) {
            for m in models() {
                let mut record = SortedMap::new();
                for (which, seed, text) in &entries {
                    let id = m.facts.get(*which as usize % (m.facts.len() + 1))
                        .map_or_else(|| text.clone(), |f| f.id.clone());
                    record.insert(id, loose(*seed, text));
                }
                let read = read_answers(Ok(RawValue::Record(record)));
                same(&evaluate_read(m, read, answers::today(day)));
            }
        }

        /// Any text, any whole number, integer map keys.
        #[test]
        fn texts_and_numbers_are_serde_jsons_text(s in "\\PC*|[\\x00-\\x7f]*", n in any::<i64>(), u in any::<u64>()) {
            same(&Text { nl: s.clone(), en: s.clone() });
            same(&(n, u, s.chars().next(), ()));
            let mut map = std::collections::BTreeMap::new();
            map.insert(n, s.clone());
            same(&map);
        }
    }

    #[test]
    fn floats_and_bytes_are_refused_not_written_otherwise() {
        assert_eq!(to_string(&1.5f64), None);
        assert_eq!(to_string(&serde_bytes_like()), None);
        let mut map = std::collections::BTreeMap::new();
        map.insert(true, 1);
        assert_eq!(to_string(&map), None);
    }

    /// A value whose `Serialize` writes bytes.
    fn serde_bytes_like() -> impl Serialize {
        struct Bytes;
        impl Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(b"ab")
            }
        }
        Bytes
    }
}
