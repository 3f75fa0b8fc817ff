//! The checked, resolved form of a ruleset: what evaluation (and later analysis) works on.
//!
//! The checker (`check`) builds a [`Model`] from a syntax tree only when it has no errors, so
//! every index in here is valid: fact ids index [`Model::facts`], outcome ids [`Model::outcomes`], value ids
//! that outcome's [`OutcomeDef::values`], option ids that fact's options. Code that reads a model still uses
//! `get` rather than indexing, so that a hand-built model can never panic.

use crate::ast::{CmpOp, Policy, Span};
use crate::date::Date;
use serde::Serialize;

/// A text in Dutch and English (English falls back to the Dutch text when the author gave none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Text {
    /// Dutch.
    pub nl: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The text in `lang` (`"en"`; anything else is Dutch).
    pub fn get(&self, lang: &str) -> &str {
        if lang == "en" { &self.en } else { &self.nl }
    }

    /// The same text in both languages.
    pub fn both(s: impl Into<String>) -> Text {
        let s = s.into();
        Text {
            nl: s.clone(),
            en: s,
        }
    }

    /// A message written `"Dutch / English"` (as the core's error types display) as its two languages;
    /// without the separator, the same text in both.
    pub fn from_pair(full: &str) -> Text {
        match full.split_once(" / ") {
            Some((nl, en)) => Text {
                nl: nl.to_string(),
                en: en.to_string(),
            },
            None => Text::both(full),
        }
    }
}

/// Index of a fact in [`Model::facts`].
pub type FactId = usize;
/// Index of an outcome in [`Model::outcomes`].
pub type OutcomeId = usize;
/// Index of a value in [`OutcomeDef::values`].
pub type ValueId = usize;

/// The identity of a ruleset, carried by every result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// The ruleset id.
    pub id: String,
    /// The title.
    pub title: Text,
    /// The version text.
    pub version: String,
    /// In force from.
    pub valid_from: Option<Date>,
    /// A note (e.g. "an example to adapt").
    pub note: Option<Text>,
    /// `sha256:` and the hex SHA-256 of the source text with line ends normalised to `\n`. For a
    /// variant, the hash of the variant's own text; its base's is in `base`.
    pub hash: String,
    /// For a variant (`variant of BASE "VERSION"`): the base it was resolved against.
    pub base: Option<BaseRef>,
}

/// The identity of the base ruleset a variant was resolved against.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BaseRef {
    /// The base's id.
    pub id: String,
    /// The base's version.
    pub version: String,
    /// The base's content hash (`sha256:` + hex of its text).
    pub hash: String,
}

/// A checked ruleset.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Identity.
    pub meta: Meta,
    /// Sections in source order.
    pub sections: Vec<SectionDef>,
    /// Facts in source order.
    pub facts: Vec<FactDef>,
    /// Facts ordered so that every fact comes after the facts its `ask when` uses.
    pub ask_order: Vec<FactId>,
    /// Parameters in source order.
    pub parameters: Vec<ParamDef>,
    /// Declared parties (who can hold the lead), in source order.
    pub parties: Vec<OptionDef>,
    /// Declared phases of a case, in source order.
    pub phases: Vec<OptionDef>,
    /// The header's `phases` line: the phases of a case in which this ruleset is used (`None`: every
    /// phase).
    pub used_in: Option<Vec<String>>,
    /// Where each phase of [`Model::used_in`] is written (not in the binary form: only the checks read it).
    pub used_in_spans: Vec<Span>,
    /// Declared reasons for deciding otherwise than the advice (`override reason`), in source order.
    pub override_reasons: Vec<OptionDef>,
    /// Handovers in source order.
    pub handovers: Vec<HandoverDef>,
    /// Outcomes in source order.
    pub outcomes: Vec<OutcomeDef>,
    /// Rules in source order; each table row is one rule.
    pub rules: Vec<RuleDef>,
    /// Tests in source order.
    pub tests: Vec<TestDef>,
    /// True when any condition uses `today` (directly or through `days since`).
    pub uses_today: bool,
    /// Byte offsets at which the source lines start (for line numbers in reasons and test results).
    pub line_starts: Vec<u32>,
}

/// Index of a parameter in [`Model::parameters`].
pub type ParamId = usize;

/// A named value a region sets once (e.g. the number of failed contact attempts before escalating).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParamDef {
    /// Id.
    pub id: String,
    /// What it means.
    pub label: Text,
    /// Its value.
    pub value: Value,
    /// Where the number comes from (law, guideline, ...).
    pub sources: Vec<String>,
    /// True when it is a regional choice rather than a number from a source.
    pub regional: bool,
}

/// A section of the checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionDef {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Help text.
    pub help: Option<Text>,
    /// Its facts, in source order.
    pub facts: Vec<FactId>,
}

/// A question of the checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct FactDef {
    /// Id.
    pub id: String,
    /// Index of its section.
    pub section: usize,
    /// The question.
    pub label: Text,
    /// Help text.
    pub help: Option<Text>,
    /// Type and its details.
    pub ty: FactType,
    /// Only asked when this holds.
    pub ask_when: Option<Cond>,
    /// The canonical text of the `ask when` condition.
    pub ask_when_text: Option<String>,
    /// Where it is declared.
    pub span: Span,
}

/// A labelled option of a choice fact, or a labelled level of a scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionDef {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
}

/// The type of a fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum FactType {
    /// yes/no
    Bool,
    /// One of the options.
    Choice {
        /// The options in source order.
        options: Vec<OptionDef>,
    },
    /// A whole number within optional bounds.
    Int {
        /// Lowest allowed.
        min: Option<i64>,
        /// Highest allowed.
        max: Option<i64>,
    },
    /// A whole number from `min` to `max` with optional labels per level.
    Scale {
        /// Lowest level.
        min: i64,
        /// Highest level.
        max: i64,
        /// Labelled levels.
        levels: Vec<(i64, Text)>,
    },
    /// A date.
    Date,
    /// A list of dated records (contact attempts, reports, admissions); the first field is the date.
    Timeline {
        /// The fields of every record, in order; the first is a date.
        fields: Vec<FieldDef>,
    },
}

/// A field of a timeline's records.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldDef {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Type (never a timeline).
    #[serde(flatten)]
    pub ty: FactType,
}

/// One record of a timeline: a value per field, in field order (`None`: not filled in).
pub type Record = Vec<Option<Value>>;

/// A typed value: an answer, a literal, or the result of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// yes/no
    Bool(bool),
    /// A whole number (also scale levels and day counts).
    Int(i64),
    /// A date.
    Date(Date),
    /// An option: index into the choice fact's options.
    Choice(usize),
}

/// An outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeDef {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// How fired rules combine.
    pub policy: Policy,
    /// What happens when no rule fires.
    pub fallback: FallbackDef,
    /// The possible values.
    pub values: Vec<OptionDef>,
    /// For a collect outcome: the single-value outcomes its values follow (`follows`). A rule's values
    /// count only when, for each of these it also sets, its value is that outcome's result.
    pub follows: Vec<OutcomeId>,
    /// Where its name is written.
    pub span: Span,
}

/// What happens when no rule decides an outcome.
#[derive(Debug, Clone, PartialEq)]
pub enum FallbackDef {
    /// Report "no decision".
    Required,
    /// Use this value, with this reason.
    Default {
        /// The value.
        value: ValueId,
        /// Why.
        because: Text,
    },
}

/// Where a rule comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RuleOrigin {
    /// A `rule` item.
    Rule,
    /// A row of a `table` (row numbers count from 1, the header not counted).
    Row {
        /// The table id.
        table: String,
        /// The row number.
        row: usize,
    },
    /// One of the two rules a `handover` compiles to.
    Handover {
        /// The handover id.
        handover: String,
        /// True for the rule that gives the lead to the receiver (all requirements hold); false for the
        /// one that keeps it with the sender.
        complete: bool,
    },
}

/// A handover: the lead passes from one party to another only when every requirement holds.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoverDef {
    /// Id.
    pub id: String,
    /// Title.
    pub title: Option<Text>,
    /// The outcome that holds the lead.
    pub lead: OutcomeId,
    /// The sending party (a value of the lead outcome).
    pub from: ValueId,
    /// The receiving party (a value of the lead outcome).
    pub to: ValueId,
    /// When the handover is proposed.
    pub when: Cond,
    /// The canonical text of `when`.
    pub when_text: String,
    /// What must hold before the lead passes.
    pub requires: Vec<RequireDef>,
    /// Why.
    pub because: Text,
    /// Sources.
    pub sources: Vec<String>,
    /// True when every requirement is only about time passing (dates relative to today).
    pub time_only: bool,
    /// Where it is written.
    pub span: Span,
}

/// One requirement of a handover.
#[derive(Debug, Clone, PartialEq)]
pub struct RequireDef {
    /// The condition.
    pub cond: Cond,
    /// Its canonical text.
    pub text: String,
    /// What it means, in words.
    pub label: Text,
}

/// A rule (a `rule` item, or one table row).
#[derive(Debug, Clone, PartialEq)]
pub struct RuleDef {
    /// Id: the rule id, or `table#row` for a table row.
    pub id: String,
    /// Where it comes from.
    pub origin: RuleOrigin,
    /// Title (for a row: the table's title).
    pub title: Option<Text>,
    /// The condition.
    pub cond: Cond,
    /// The canonical text of the whole condition.
    pub cond_text: String,
    /// What it sets when it fires. A collect outcome may appear more than once.
    pub assigns: Vec<(OutcomeId, ValueId)>,
    /// The dates it sets for deadline outcomes when it fires.
    pub deadlines: Vec<DeadlineAssign>,
    /// Priority (default 0).
    pub priority: i64,
    /// Tie-break within equal priority: higher wins (only `first` tables set it; otherwise 0).
    pub rank: i64,
    /// Why.
    pub because: Text,
    /// Sources.
    pub sources: Vec<String>,
    /// Where it is written (for a row: the row).
    pub span: Span,
}

/// `then OUTCOME = DATE-EXPRESSION` for a deadline outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineAssign {
    /// The deadline outcome.
    pub outcome: OutcomeId,
    /// The date.
    pub date: Term,
    /// The canonical text of the date expression.
    pub text: String,
    /// The facts it reads.
    pub facts: Vec<FactId>,
}

/// A condition: logic over atoms.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    /// Always true (an empty table row).
    True,
    /// All must hold.
    And(Vec<Cond>),
    /// At least one must hold.
    Or(Vec<Cond>),
    /// Must not hold.
    Not(Box<Cond>),
    /// A test of values.
    Atom(Box<Atom>),
    /// Holds *now* for sure: yes when the inner condition is yes, no when it is no or unknown (it still
    /// depends on the open questions). Used for warm handover: the sender keeps the lead until every
    /// requirement definitely holds.
    Definitely(Box<Cond>),
}

/// An atomic yes/no test, with its text for reasons.
#[derive(Debug, Clone, PartialEq)]
pub struct Atom {
    /// The test.
    pub pred: Pred,
    /// Canonical text, e.g. `leeftijd >= 18` (for a table cell: column head and cell).
    pub text: String,
    /// The facts it reads, in order of appearance, without repeats.
    pub facts: Vec<FactId>,
    /// The parameters it reads, in order of appearance, without repeats.
    pub params: Vec<ParamId>,
}

/// The atomic tests.
#[derive(Debug, Clone, PartialEq)]
pub enum Pred {
    /// A yes/no valued expression (a bool fact, `yes`, a nested condition used as a value).
    Truth(Term),
    /// `a OP b`
    Cmp(CmpOp, Term, Term),
    /// `a in [..]` / `a not in [..]`
    In {
        /// Tested.
        term: Term,
        /// Listed.
        list: Vec<Term>,
        /// `not in`
        negated: bool,
    },
    /// `a between lo and hi`
    Between {
        /// Tested.
        term: Term,
        /// Low bound.
        low: Term,
        /// High bound.
        high: Term,
    },
    /// `fact is answered` (`negated`: `is unknown`)
    Answered {
        /// The fact.
        fact: FactId,
        /// `is unknown`.
        negated: bool,
    },
    /// A whole condition used inside a comparison (e.g. `(a or b) = yes`).
    Nested(Box<Cond>),
    /// `EXPR is answered` / `is unknown` for an expression that is not a plain fact, e.g.
    /// `latest(eind of opnames) is unknown`: whether it has a value now.
    Known {
        /// The expression.
        term: Term,
        /// `is unknown`.
        negated: bool,
    },
}

/// A value-producing expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// The answer to a fact.
    Fact(FactId),
    /// A constant.
    Lit(Value),
    /// The evaluation date.
    Today,
    /// A parameter's value.
    Param(ParamId),
    /// `date + n working days` (Monday to Friday; the int term is the signed count).
    WorkdaysPlus(Box<Term>, Box<Term>),
    /// `a + b`, `a - b`, `a * b` on numbers.
    Arith(ArithOp, Box<Term>, Box<Term>),
    /// `-a`
    Neg(Box<Term>),
    /// `date + n days` / `date - n days` (the int term is the signed day count).
    DatePlus(Box<Term>, Box<Term>),
    /// `date - date`: days from the second to the first.
    DateDiff(Box<Term>, Box<Term>),
    /// A condition used as a yes/no value.
    Cond(Box<Cond>),
    /// `count(LIST where FILTER in the last WINDOW days)`.
    Count {
        /// The timeline fact.
        list: FactId,
        /// Only records for which this holds.
        filter: Option<Box<Cond>>,
        /// Only records dated in the last this many days (today included).
        window: Option<Box<Term>>,
    },
    /// `latest(FIELD of LIST ...)` / `earliest(...)`: a field of the most (least) recent matching record.
    Pick {
        /// Latest (true) or earliest.
        latest: bool,
        /// The field index.
        field: usize,
        /// The timeline fact.
        list: FactId,
        /// Only records for which this holds.
        filter: Option<Box<Cond>>,
        /// Only records dated in the last this many days (today included).
        window: Option<Box<Term>>,
    },
    /// A field of the record being filtered (only inside a `where`).
    Field(usize),
}

/// Arithmetic on whole numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
}

impl ArithOp {
    /// `x OP y`, or `None` when it overflows.
    #[inline]
    pub fn apply(self, x: i64, y: i64) -> Option<i64> {
        match self {
            ArithOp::Add => x.checked_add(y),
            ArithOp::Sub => x.checked_sub(y),
            ArithOp::Mul => x.checked_mul(y),
        }
    }
}

/// A checked test.
#[derive(Debug, Clone, PartialEq)]
pub struct TestDef {
    /// The name.
    pub name: String,
    /// The evaluation date (`None`: the ruleset does not use today, any date will do).
    pub today: Option<Date>,
    /// The answers.
    pub given: Vec<(FactId, Value)>,
    /// The timelines given.
    pub given_lists: Vec<(FactId, Vec<Record>)>,
    /// What is expected.
    pub expects: Vec<ExpectDef>,
    /// Where it is written (in the file that holds it: the ruleset or a sibling tests file).
    pub span: Span,
    /// The line of its name, in the file that holds it.
    pub line: u32,
}

/// One expectation of a test.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectDef {
    /// The outcome.
    pub outcome: OutcomeId,
    /// What is expected.
    pub kind: ExpectDefKind,
    /// The canonical text of the expectation, e.g. `route = crisisdienst`.
    pub text: String,
    /// Where it is written.
    pub span: Span,
    /// Its line, in the file that holds it.
    pub line: u32,
}

/// What a test expects of an outcome.
#[derive(Debug, Clone, PartialEq)]
pub enum ExpectDefKind {
    /// The decided (or default) value is this one.
    Equals(ValueId),
    /// A collect outcome has all of these.
    Contains(Vec<ValueId>),
    /// A collect outcome has exactly these.
    Exactly(Vec<ValueId>),
    /// No rule decides it (required outcome).
    Undecided,
    /// It is provisional.
    Provisional,
    /// It is not provisional.
    Final,
    /// A deadline outcome has this date.
    DateIs(Date),
    /// A deadline outcome's date lies before today.
    Overdue,
    /// A handover is proposed and complete (`true`) or blocked (`false`).
    Handover {
        /// Index in [`Model::handovers`].
        handover: usize,
        /// Complete (true) or blocked (false).
        complete: bool,
    },
}

impl Model {
    /// The line (from 1) of a byte offset in the ruleset source.
    pub fn line_of(&self, offset: u32) -> u32 {
        let n = self.line_starts.partition_point(|&start| start <= offset);
        u32::try_from(n.max(1)).unwrap_or(u32::MAX)
    }

    /// The fact with this id.
    pub fn fact_by_name(&self, name: &str) -> Option<FactId> {
        self.facts.iter().position(|f| f.id == name)
    }

    /// The outcome with this id.
    pub fn outcome_by_name(&self, name: &str) -> Option<OutcomeId> {
        self.outcomes.iter().position(|o| o.id == name)
    }
}
