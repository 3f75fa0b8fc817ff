//! Reasons in plain words: one sentence per condition part, built from the question, the answer's label
//! and the parameters' labels and values, e.g. "Contactpogingen met resultaat geen contact of contact
//! geweigerd in de laatste 14 dagen: 3 (minstens 3, mislukte contactpogingen voordat bemoeizorg het
//! overneemt)." or "Is er nu acuut gevaar? Ja." A sentence never holds an id, an operator, a keyword of
//! the language or a line number; a question that is not asked now is never cited (a part that reads only
//! such questions has an empty sentence).

use super::logic::Ctx;
use super::{Asked, PLAIN, shown_type};
use crate::ast::CmpOp;
use crate::model::{ArithOp, Atom, Cond, FactId, FactType, Pred, Term, Text, Value};
use crate::walk::{self, Node, Step};
use crate::words::JoinWords;

/// Dutch or English.
#[derive(Clone, Copy)]
struct Lang {
    en: bool,
}

impl Lang {
    fn pick<'s>(self, nl: &'s str, en: &'s str) -> &'s str {
        if self.en { en } else { nl }
    }

    fn text(self, t: &Text) -> &str {
        if self.en { &t.en } else { &t.nl }
    }
}

impl Ctx<'_> {
    /// The sentence of one condition part (`neg`: under an odd number of `not`s), in Dutch and English;
    /// empty when the part reads only questions that are not asked now, or no question at all and no
    /// parameter (an always-true row).
    pub(super) fn sentence(&self, a: &Atom, neg: bool) -> Text {
        if !a.facts.is_empty() && a.facts.iter().all(|&f| !self.asked(f)) {
            return Text::default();
        }
        Text {
            nl: self.atom_words(a, neg, Lang { en: false }),
            en: self.atom_words(a, neg, Lang { en: true }),
        }
    }

    /// The sentences of the answers to `facts` that are asked now (the dates of a deadline).
    pub(super) fn answers_sentence(&self, facts: &[FactId]) -> Text {
        let of = |lang: Lang| {
            facts
                .iter()
                .filter(|&&f| self.asked(f))
                .map(|&f| self.subject(&Term::Fact(f), None, None, lang))
                .collect::<Vec<_>>()
                .join_words(" ")
        };
        Text {
            nl: of(Lang { en: false }),
            en: of(Lang { en: true }),
        }
    }

    fn asked(&self, f: FactId) -> bool {
        self.facts.get(f).is_some_and(|s| s.asked == Asked::Yes)
    }

    fn atom_words(&self, a: &Atom, neg: bool, lang: Lang) -> String {
        match &a.pred {
            Pred::Truth(Term::Lit(_)) => String::new(),
            Pred::Truth(Term::Cond(c)) | Pred::Nested(c) => self.cond_words(c, lang),
            Pred::Truth(t) | Pred::In { term: t, .. } | Pred::Known { term: t, .. } => {
                self.subject(t, None, None, lang)
            }
            Pred::Answered { fact, .. } => self.subject(&Term::Fact(*fact), None, None, lang),
            Pred::Cmp(op, l, r) => self.compare_words(*op, l, r, neg, lang),
            Pred::Between { term, low, high } => {
                let ty = self.term_type(term, None);
                let q = format!(
                    "{}{} {} {} {}",
                    if neg { lang.pick("niet ", "not ") } else { "" },
                    lang.pick("tussen", "between"),
                    self.constant(low, ty, lang),
                    lang.pick("en", "and"),
                    self.constant(high, ty, lang)
                );
                self.subject(term, Some(q), None, lang)
            }
        }
    }

    /// The sentences of the atoms of a condition used as a value, each once.
    fn cond_words(&self, c: &Cond, lang: Lang) -> String {
        let mut atoms = Vec::new();
        atoms_of(c, &mut atoms);
        let mut out: Vec<String> = Vec::new();
        for a in atoms {
            if !a.facts.is_empty() && a.facts.iter().all(|&f| !self.asked(f)) {
                continue;
            }
            let s = self.atom_words(a, false, lang);
            if !s.is_empty() && !out.contains(&s) {
                out.push(s);
            }
        }
        out.join_words(" ")
    }

    /// `l OP r` as the tested side with its value, and the bound it was compared with.
    fn compare_words(&self, op: CmpOp, l: &Term, r: &Term, neg: bool, lang: Lang) -> String {
        let (op, subject, bound) = if is_constant(l) && !is_constant(r) {
            (op.mirrored(), r, l)
        } else {
            (op, l, r)
        };
        let op = if neg { op.negated() } else { op };
        let ty = self.term_type(subject, None);
        if matches!(ty, Some(FactType::Bool | FactType::Choice { .. }))
            && matches!(op, CmpOp::Eq | CmpOp::Ne)
        {
            return self.subject(subject, None, None, lang);
        }
        let dated = matches!(ty, Some(FactType::Date)) || matches!(subject, Term::DatePlus(..));
        let bound_words = if is_constant(bound) {
            self.constant(bound, ty, lang)
        } else {
            let v = self.term(bound).now;
            format!(
                "{} ({})",
                self.name(bound, None, lang),
                self.value_words(v, self.term_type(bound, None), lang)
            )
        };
        let q = format!("{} {bound_words}", op_words(op, dated, lang));
        self.subject(subject, Some(q), None, lang)
    }

    /// "Question? Answer (qualifier)." or "Name: value (qualifier).", with the value the term has now.
    fn subject(
        &self,
        t: &Term,
        qualifier: Option<String>,
        list: Option<FactId>,
        lang: Lang,
    ) -> String {
        let name = self.name(t, list, lang);
        let now = self.term(t).now;
        let value = match (now, t) {
            (None, Term::Fact(_)) => lang
                .pick("nog niet beantwoord", "not answered yet")
                .to_string(),
            (None, _) => lang.pick("nog niet bekend", "not known yet").to_string(),
            (Some(_), _) => self.value_words(now, self.term_type(t, list), lang),
        };
        let qualifier = qualifier.map(|q| format!(" ({q})")).unwrap_or_default();
        format!("{}{qualifier}.", question_and_answer(&name, &value))
    }

    /// A value in words, as its type shows it.
    fn value_words(&self, v: Option<Value>, ty: Option<&FactType>, lang: Lang) -> String {
        match v {
            Some(v) => lang
                .text(&shown_type(ty.unwrap_or(&PLAIN), v).label)
                .to_string(),
            None => lang.pick("onbekend", "unknown").to_string(),
        }
    }

    /// A constant bound: a literal in words, or a parameter's value and what it means.
    fn constant(&self, t: &Term, ty: Option<&FactType>, lang: Lang) -> String {
        // A scale's bound is its number; the label belongs to the answer.
        let ty = ty.filter(|t| !matches!(t, FactType::Scale { .. }));
        match t {
            Term::Param(p) => match self.model.parameters.get(*p) {
                Some(def) => format!(
                    "{}, {}",
                    self.value_words(Some(def.value), ty, lang),
                    lower_first(lang.text(&def.label))
                ),
                None => String::new(),
            },
            _ => self.value_words(self.term(t).now, ty, lang),
        }
    }

    /// What a term is, in words: the question, the parameter's label, or a description of a count, a
    /// record's field or a calculation. `list` is the timeline whose records a `where` looks at.
    fn name(&self, t: &Term, list: Option<FactId>, lang: Lang) -> String {
        match t {
            Term::Fact(f) => self
                .model
                .facts
                .get(*f)
                .map(|d| lang.text(&d.label).to_string())
                .unwrap_or_default(),
            Term::Param(p) => self
                .model
                .parameters
                .get(*p)
                .map(|d| lang.text(&d.label).to_string())
                .unwrap_or_default(),
            Term::Lit(v) => self.value_words(Some(*v), None, lang),
            Term::Today => lang.pick("vandaag", "today").to_string(),
            Term::Field(i) => self.field_label(list, *i, lang),
            Term::Count {
                list,
                filter,
                window,
            } => self.records_name(*list, filter.as_deref(), window.as_deref(), lang),
            Term::Pick {
                latest,
                field,
                list,
                filter,
                window,
            } => format!(
                "{} {} {}",
                self.field_label(Some(*list), *field, lang),
                match latest {
                    true => lang.pick("van de laatste van", "of the latest of"),
                    false => lang.pick("van de eerste van", "of the earliest of"),
                },
                lower_first(&self.records_name(*list, filter.as_deref(), window.as_deref(), lang))
            ),
            Term::DateDiff(a, b) if matches!(**a, Term::Today) => format!(
                "{} {}",
                lang.pick("Dagen sinds", "Days since"),
                lower_first(bare(&self.name(b, list, lang)))
            ),
            Term::DateDiff(a, b) => format!(
                "{} {} {} {}",
                lang.pick("Dagen van", "Days from"),
                bare(&self.name(b, list, lang)),
                lang.pick("tot", "to"),
                bare(&self.name(a, list, lang))
            ),
            Term::DatePlus(d, n) | Term::WorkdaysPlus(d, n) => format!(
                "{} {} {} {}",
                bare(&self.name(d, list, lang)),
                lang.pick("plus", "plus"),
                self.value_words(self.term(n).now, None, lang),
                match t {
                    Term::WorkdaysPlus(..) => lang.pick("werkdagen", "working days"),
                    _ => lang.pick("dagen", "days"),
                }
            ),
            Term::Arith(op, a, b) => format!(
                "{} {} {}",
                bare(&self.name(a, list, lang)),
                match op {
                    ArithOp::Add => lang.pick("plus", "plus"),
                    ArithOp::Sub => lang.pick("min", "minus"),
                    ArithOp::Mul => lang.pick("maal", "times"),
                },
                bare(&self.name(b, list, lang))
            ),
            Term::Neg(a) => format!(
                "{} {}",
                lang.pick("min", "minus"),
                bare(&self.name(a, list, lang))
            ),
            Term::Cond(_) => lang.pick("Voorwaarde", "Condition").to_string(),
        }
    }

    /// "Contactpogingen met resultaat geen contact of contact geweigerd in de laatste 14 dagen".
    fn records_name(
        &self,
        list: FactId,
        filter: Option<&Cond>,
        window: Option<&Term>,
        lang: Lang,
    ) -> String {
        let mut s = bare(&self.name(&Term::Fact(list), None, lang)).to_string();
        if let Some(c) = filter {
            s.push(' ');
            s.push_str(lang.pick("met", "with"));
            s.push(' ');
            s.push_str(&self.filter_words(c, list, lang));
        }
        if let Some(w) = window {
            let n = self.value_words(self.term(w).now, None, lang);
            s.push_str(&match lang.en {
                false => format!(" in de laatste {n} dagen"),
                true => format!(" in the last {n} days"),
            });
        }
        s
    }

    /// A `where` over a timeline's records in words: "resultaat geen contact of contact geweigerd".
    fn filter_words(&self, c: &Cond, list: FactId, lang: Lang) -> String {
        match c {
            Cond::True => String::new(),
            Cond::And(cs) | Cond::Or(cs) => {
                let join = match (c, lang.en) {
                    (Cond::And(_), false) => " en ",
                    (Cond::And(_), true) => " and ",
                    (_, false) => " of ",
                    (_, true) => " or ",
                };
                cs.iter()
                    .map(|c| self.filter_words(c, list, lang))
                    .collect::<Vec<_>>()
                    .join_words(join)
            }
            Cond::Not(inner) | Cond::Definitely(inner) => {
                let not = if matches!(c, Cond::Not(_)) {
                    lang.pick("niet ", "not ")
                } else {
                    ""
                };
                format!("{not}{}", self.filter_words(inner, list, lang))
            }
            Cond::Atom(a) => self.filter_atom(a, list, lang),
        }
    }

    fn filter_atom(&self, a: &Atom, list: FactId, lang: Lang) -> String {
        let field = |t: &Term| lower_first(&self.name(t, Some(list), lang));
        let ty = |t: &Term| self.term_type(t, Some(list));
        let or = lang.pick(" of ", " or ");
        match &a.pred {
            Pred::In {
                term,
                list: items,
                negated,
            } => format!(
                "{}{} {}",
                field(term),
                if *negated {
                    lang.pick(" niet", " not")
                } else {
                    ""
                },
                items
                    .iter()
                    .map(|i| self.constant(i, ty(term), lang))
                    .collect::<Vec<_>>()
                    .join_words(or)
            ),
            Pred::Cmp(op, l, r) => {
                let words = match (op, ty(l)) {
                    (CmpOp::Eq, _) => "",
                    (op, t) => op_words(*op, matches!(t, Some(FactType::Date)), lang),
                };
                let sep = if words.is_empty() { "" } else { " " };
                format!("{} {words}{sep}{}", field(l), self.constant(r, ty(l), lang))
            }
            Pred::Truth(t) => field(t),
            _ => lang.pick("een voorwaarde", "a condition").to_string(),
        }
    }

    fn field_label(&self, list: Option<FactId>, i: usize, lang: Lang) -> String {
        match self.list_fields(list).and_then(|fs| fs.get(i)) {
            Some(f) => lang.text(&f.label).to_string(),
            None => String::new(),
        }
    }

    fn list_fields(&self, list: Option<FactId>) -> Option<&[crate::model::FieldDef]> {
        match &self.model.facts.get(list?)?.ty {
            FactType::Timeline { fields } => Some(fields),
            _ => None,
        }
    }

    /// The type whose labels show a term's value (a fact's or field's type; none for numbers).
    fn term_type(&self, t: &Term, list: Option<FactId>) -> Option<&FactType> {
        match t {
            Term::Fact(f) => self.model.facts.get(*f).map(|d| &d.ty),
            Term::Field(i) => self.list_fields(list)?.get(*i).map(|f| &f.ty),
            Term::Pick { field, list, .. } => {
                self.list_fields(Some(*list))?.get(*field).map(|f| &f.ty)
            }
            Term::Today | Term::DatePlus(..) | Term::WorkdaysPlus(..) => Some(&FactType::Date),
            Term::Cond(_) => Some(&FactType::Bool),
            _ => None,
        }
    }
}

/// Leaves out a sentence that an earlier part of the same reason already says (two parts reading the
/// same answer, e.g. `datum is answered` and a deadline computed from that date).
pub(super) fn drop_repeats(parts: &mut [super::ConditionPart]) {
    let mut seen: Vec<Text> = Vec::new();
    for p in parts.iter_mut() {
        if p.sentence.nl.is_empty() {
            continue;
        }
        if seen.contains(&p.sentence) {
            p.sentence = Text::default();
        } else {
            seen.push(p.sentence.clone());
        }
    }
}

/// Every atom of a condition, in order.
fn atoms_of<'c>(c: &'c Cond, out: &mut Vec<&'c Atom>) {
    walk::cond(c, &mut |n| match n {
        Node::Cond(Cond::Atom(a)) => {
            out.push(a);
            Step::Over
        }
        _ => Step::Into,
    });
}

/// A bound that does not depend on answers.
fn is_constant(t: &Term) -> bool {
    match t {
        Term::Lit(_) | Term::Param(_) => true,
        Term::Neg(a) => is_constant(a),
        _ => false,
    }
}

/// A comparison in words (`dated`: between dates).
fn op_words(op: CmpOp, dated: bool, lang: Lang) -> &'static str {
    let (nl, en) = match (op, dated) {
        (CmpOp::Eq, _) => ("gelijk aan", "equal to"),
        (CmpOp::Ne, _) => ("niet gelijk aan", "not equal to"),
        (CmpOp::Ge, false) => ("minstens", "at least"),
        (CmpOp::Gt, false) => ("meer dan", "more than"),
        (CmpOp::Le, false) => ("hooguit", "at most"),
        (CmpOp::Lt, false) => ("minder dan", "less than"),
        (CmpOp::Ge, true) => ("op of na", "on or after"),
        (CmpOp::Gt, true) => ("na", "after"),
        (CmpOp::Le, true) => ("op of voor", "on or before"),
        (CmpOp::Lt, true) => ("voor", "before"),
    };
    if lang.en { en } else { nl }
}

/// A question with its answer in words, as a professional reads it: "Is er nu acuut gevaar? Ja" (after a
/// question mark the answer starts a sentence), else "Woonsituatie: Dakloos".
pub fn question_and_answer(question: &str, answer: &str) -> String {
    if question.ends_with('?') {
        format!("{question} {}", capitalised(answer))
    } else {
        format!("{question}: {}", capitalised(answer))
    }
}

/// A question's text without its question mark, for use inside a longer phrase.
fn bare(s: &str) -> &str {
    s.trim_end_matches('?').trim_end()
}

/// The first letter in upper case.
fn capitalised(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// The first letter in lower case, unless the word is an abbreviation (its second letter is upper case).
fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match (cs.next(), s.chars().nth(1)) {
        (Some(c), Some(d)) if !d.is_uppercase() => c.to_lowercase().chain(cs).collect(),
        _ => s.to_string(),
    }
}
