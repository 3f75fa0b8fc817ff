//! Texts: label pairs, `{parameter}` filled in, required and optional text clauses.

use super::*;

impl Checker<'_> {
    pub(super) fn text(&mut self, p: &TextPair) -> Text {
        let nl = self.fill(&p.nl, false);
        let en = match &p.en {
            Some(e) => self.fill(e, true),
            None => {
                self.err(DiagKind::MissingEnglish, p.span);
                fill_params(&p.nl.value, &self.text_params, false, |_, _| {})
            }
        };
        Text { nl, en }
    }

    /// A text with every `{parameter}` replaced by its value; an unknown name is `E324` at the name.
    pub(super) fn fill(&mut self, lit: &StrLit, en: bool) -> String {
        let mut unknown = Vec::new();
        let out = fill_params(&lit.value, &self.text_params, en, |name, at| {
            unknown.push((name.to_string(), at));
        });
        // The name's place in the source is exact when the literal has no escapes (the usual case).
        let start = lit.span.start as usize + 1;
        let exact = (lit.span.end as usize).checked_sub(start) == Some(lit.value.len() + 1);
        for (name, at) in unknown {
            let span = if exact {
                Span::new(start + at, start + at + name.len() + 2)
            } else {
                lit.span
            };
            let suggestion = self.near(&name, self.param_names.iter().map(String::as_str));
            self.err(DiagKind::UnknownParamInText { name, suggestion }, span);
        }
        out
    }

    pub(super) fn opt_text(&mut self, p: &Option<Clause<TextPair>>) -> Option<Text> {
        p.as_ref().map(|c| self.text(&c.value))
    }

    pub(super) fn required_text(
        &mut self,
        p: &Option<Clause<TextPair>>,
        item: ItemType,
        clause: &str,
        at: Span,
    ) -> Text {
        match p {
            Some(c) => self.text(&c.value),
            None => {
                self.err(
                    DiagKind::MissingClause {
                        item,
                        clauses: vec![clause.into()],
                    },
                    at,
                );
                Text::default()
            }
        }
    }
}

/// Every parameter's value by name, as written (a later duplicate does not replace the first).
pub(super) fn text_params(file: &File) -> HashMap<String, Value> {
    let mut out = HashMap::new();
    for item in &file.items {
        if let ItemKind::Parameter(p) = &item.kind {
            let value = match &p.value {
                Literal::Bool(b, _) => Value::Bool(*b),
                Literal::Int(n, _) => Value::Int(*n),
                Literal::Date(d, _) => Value::Date(*d),
                Literal::Name(_) | Literal::Records(..) => continue,
            };
            out.entry(p.name.name.clone()).or_insert(value);
        }
    }
    out
}

/// `text` with every `{name}` of a parameter replaced by its value in words (`en`: English), `{{` and
/// `}}` by one brace. A `{name}` that names no parameter is kept and passed to `unknown` with the byte
/// offset of its `{`; any other brace is kept as written.
pub fn fill_params(
    text: &str,
    params: &HashMap<String, Value>,
    en: bool,
    mut unknown: impl FnMut(&str, usize),
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut at = 0;
    while let Some(i) = rest.find(['{', '}']) {
        let (before, from) = rest.split_at(i);
        out.push_str(before);
        at += i;
        if from.starts_with("{{") || from.starts_with("}}") {
            out.push_str(from.get(..1).unwrap_or_default());
            rest = from.get(2..).unwrap_or_default();
            at += 2;
            continue;
        }
        let name = from
            .strip_prefix('{')
            .and_then(|r| r.split_once('}'))
            .map(|(n, _)| n)
            .filter(|n| is_name(n));
        match name {
            Some(n) => {
                match params.get(n) {
                    Some(v) => out.push_str(&value_words(*v, en)),
                    None => {
                        unknown(n, at);
                        out.push_str(from.get(..n.len() + 2).unwrap_or_default());
                    }
                }
                rest = from.get(n.len() + 2..).unwrap_or_default();
                at += n.len() + 2;
            }
            None => {
                out.push_str(from.get(..1).unwrap_or_default());
                rest = from.get(1..).unwrap_or_default();
                at += 1;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A name as the language writes it: a letter or `_`, then letters, digits and `_`.
pub(super) fn is_name(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A parameter's value in words: the number, the date, or yes/no in the text's language.
pub(super) fn value_words(v: Value, en: bool) -> String {
    match (v, en) {
        (Value::Bool(true), false) => "ja".into(),
        (Value::Bool(false), false) => "nee".into(),
        (Value::Bool(true), true) => "yes".into(),
        (Value::Bool(false), true) => "no".into(),
        (Value::Int(n), _) => n.to_string(),
        (Value::Date(d), _) => d.to_string(),
        (Value::Choice(i), _) => i.to_string(),
    }
}
