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

/// Reads `text` as the common line: its `today`, with its answers (key and value, in line order) in
/// `answers` (cleared first). `None`: not such a line; `answers` then means nothing.
pub(super) fn scan<'a>(
    text: &'a str,
    answers: &mut Vec<(&'a str, Scalar<'a>)>,
) -> Option<Today<'a>> {
    answers.clear();
    let mut s = Scanner { text, at: 0 };
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
    (s.at == text.len()).then_some(today)
}

/// Where the scanner is in a line.
struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Skips JSON's white space.
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
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
        let len = rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        (rest.get(len) == Some(&b'"')).then_some(())?;
        self.at = start + len + 1;
        self.text.get(start..start + len)
    }

    /// The object of answers (or `null`: none).
    fn answers(&mut self, out: &mut Vec<(&'a str, Scalar<'a>)>) -> Option<()> {
        self.ws();
        if self.peek() == Some(b'n') {
            return self.word("null");
        }
        self.open(b'{')?;
        if self.close(b'}') {
            return Some(());
        }
        loop {
            let key = self.string()?;
            self.colon()?;
            out.push((key, self.scalar()?));
            if self.close(b'}') {
                return Some(());
            }
            self.open(b',')?;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Option<(Today<'_>, Vec<(&str, Scalar<'_>)>)> {
        let mut answers = Vec::new();
        scan(line, &mut answers).map(|t| (t, answers))
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
