//! The kinds of problem, their data, and their codes.

use super::Severity;
use super::payload::{Counted, Decl, Declarable, Fits, Found, ItemType, RowSide, TypeDesc, Wanted};

/// Every kind of problem, with its data. `Display` is the English message ([`super::en`]); the Dutch one
/// is [`DiagKind::message_nl`] ([`super::nl`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", super::en::message(self))]
pub enum DiagKind {
    // ---- E1xx: reading ----
    /// Characters that have no place in the language: one, or a run of them with nothing between (one
    /// diagnostic for the run).
    UnexpectedChar {
        /// The first characters of the run (at most [`super::RUN_SHOWN`]).
        start: String,
        /// How many characters the run has.
        count: usize,
    },
    /// A text without its closing quote.
    UnterminatedString,
    /// An escape other than `\"`, `\\`, `\n`.
    BadEscape(char),
    /// A number that does not fit.
    NumberTooLarge(String),
    /// A date that does not exist.
    BadDate(String),
    /// The source is larger than the limit.
    SourceTooLarge {
        /// Actual size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Nesting deeper than the limit.
    TooDeep(usize),
    /// A text longer than the limit.
    TextTooLong {
        /// Its length in characters.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// A name that cannot be used because it means something else where answers travel (JavaScript).
    ReservedName(String),
    /// Bytes that are not UTF-8 text (read by [`crate::source::decode`]).
    NotUtf8 {
        /// The offset of the first bad byte in the file (a leading byte order mark counted).
        offset: usize,
        /// That byte.
        byte: u8,
    },
    /// More facts, rules or records than the limit.
    TooMany {
        /// What there are too many of.
        what: Counted,
        /// The limit.
        limit: usize,
    },

    /// More problems than [`crate::limits::MAX_DIAGNOSTICS`]: the list stops and this says how many more
    /// there are. `E111` when errors are among them, `W507` when they are all warnings.
    MoreProblems {
        /// How many diagnostics are not shown.
        more: usize,
        /// How many are shown.
        shown: usize,
        /// True when at least one not shown is an error.
        errors: bool,
    },

    // ---- E2xx: structure ----
    /// Something else was expected.
    Expected {
        /// What was expected.
        expected: Wanted,
        /// What was found.
        found: Found,
    },
    /// A clause keyword that does not belong in this item.
    ClauseNotAllowed {
        /// The clause keyword.
        clause: String,
        /// The item.
        item: ItemType,
    },
    /// The same clause twice.
    DuplicateClause(String),
    /// The file does not start with `ruleset`.
    MissingHeader,
    /// A second `ruleset` header.
    DuplicateHeader,
    /// A required clause is missing.
    MissingClause {
        /// The item.
        item: ItemType,
        /// The missing clause: its keyword (and what follows it), or the alternatives.
        clauses: Vec<String>,
    },
    /// A table row with the wrong number of cells.
    RowWidth {
        /// Input or output.
        side: RowSide,
        /// Header width.
        expected: usize,
        /// Row width.
        found: usize,
    },

    // ---- E3xx: names and types ----
    /// An unknown fact.
    UnknownFact {
        /// The name written.
        name: String,
        /// A declared fact with a name close to it.
        suggestion: Option<String>,
    },
    /// A name that is neither a fact nor a value in this place.
    UnknownName(String),
    /// An unknown outcome.
    UnknownOutcome {
        /// The name written.
        name: String,
        /// A declared outcome with a name close to it.
        suggestion: Option<String>,
    },
    /// An unknown value of an outcome.
    UnknownValue {
        /// The outcome.
        outcome: String,
        /// The value.
        value: String,
        /// A value of the outcome with a name close to it.
        suggestion: Option<String>,
    },
    /// An unknown option of a choice fact.
    UnknownOption {
        /// The fact.
        fact: String,
        /// The option.
        option: String,
        /// An option of the fact with a name close to it.
        suggestion: Option<String>,
    },
    /// A name declared twice.
    Duplicate {
        /// The name.
        name: String,
        /// What it already is.
        what: Decl,
    },
    /// A type mismatch.
    TypeMismatch {
        /// Expected type.
        expected: TypeDesc,
        /// Found type.
        found: TypeDesc,
    },
    /// Two sides of a comparison that cannot be compared.
    Incomparable {
        /// Left type.
        left: TypeDesc,
        /// Right type.
        right: TypeDesc,
    },
    /// `<` and friends on values without order.
    NotOrdered {
        /// The operator.
        op: String,
        /// The type.
        found: TypeDesc,
    },
    /// `ask when` conditions that depend on each other in a circle.
    AskWhenCycle(String),
    /// A value given to an outcome whose policy allows one value per rule.
    ListForSingle(String),
    /// The same outcome twice in one rule.
    DuplicateAssignment(String),
    /// An empty range or bounds.
    EmptyRange {
        /// Lower bound.
        min: i64,
        /// Upper bound.
        max: i64,
    },
    /// A choice without options.
    NoOptions(String),
    /// Options or levels on the wrong type.
    WrongTypeClause {
        /// The clause.
        clause: String,
        /// The type it belongs to.
        ty: String,
    },
    /// A scale level outside the scale.
    LevelOutOfRange {
        /// The level.
        level: i64,
        /// Scale minimum.
        min: i64,
        /// Scale maximum.
        max: i64,
    },
    /// An outcome without values.
    NoValues(String),
    /// A literal outside a fact's bounds.
    OutOfBounds {
        /// The fact.
        fact: String,
        /// The value.
        value: i64,
        /// The bounds as text.
        bounds: String,
    },

    // ---- E4xx: tests ----
    /// A test needs `today`.
    TestNeedsToday,
    /// A test expectation form that does not fit the outcome.
    ExpectForm {
        /// The form written.
        form: String,
        /// The outcome.
        outcome: String,
        /// Its policy, or what fits instead.
        policy: Fits,
    },
    /// A test for another ruleset.
    TestsForOther {
        /// The id named by `tests for`.
        expected: String,
        /// The ruleset they were run against.
        found: String,
    },
    /// Two tests with the same name.
    DuplicateTest(String),
    /// The same fact given twice in a test.
    DuplicateGiven(String),

    // ---- W5xx: warnings ----
    /// A text pair without English.
    MissingEnglish,
    /// A rule whose outcome's policy ignores its priority.
    PriorityIgnored(String),
    /// A value of an outcome that no rule or default gives.
    ValueNeverGiven {
        /// The outcome.
        outcome: String,
        /// The value.
        value: String,
    },
    /// A fact that no rule, ask-when or table uses.
    FactUnused(String),
    /// A timeline whose first field is not a date.
    TimelineNeedsDate(String),
    /// `count`/`latest`/`earliest` over something that is not a timeline.
    NotATimeline(String),
    /// A field name that the timeline does not have.
    UnknownField {
        /// The timeline.
        list: String,
        /// The field.
        field: String,
        /// A field of the timeline with a name close to it.
        suggestion: Option<String>,
    },
    /// `{name}` in a text names no parameter.
    UnknownParamInText {
        /// The name in braces.
        name: String,
        /// A parameter with a name close to it.
        suggestion: Option<String>,
    },
    /// `values parties` / `fact x: party` without any `party` declared (or phases).
    NothingDeclared(Declarable),
    /// A handover whose requirements are only about time passing.
    HandoverOnlyTime(String),
    /// A parameter that nothing reads.
    ParamUnused(String),
    /// The header's `phases` line names a phase the ruleset does not declare.
    UnknownPhase {
        /// The name written.
        name: String,
        /// A declared phase with a name close to it.
        suggestion: Option<String>,
    },
    /// Case: a fact with the same id has another type in another ruleset of the case.
    CaseFactType {
        /// The fact.
        fact: String,
        /// This ruleset's id.
        here: String,
        /// Its type here (`bool`, `choice`, `int`, `scale`, `date`, `timeline`).
        ty: &'static str,
        /// The other ruleset's id.
        other: String,
        /// Its type there.
        other_ty: &'static str,
    },
    /// Case: a fact with the same id has other options, bounds, levels or fields in another ruleset.
    CaseFactDetails {
        /// The fact.
        fact: String,
        /// This ruleset's id.
        here: String,
        /// The other ruleset's id.
        other: String,
    },
    /// Case: a phase in the `phases` line that no ruleset of the case declares.
    CaseUnknownPhase {
        /// The name written.
        name: String,
        /// A declared phase of the case with a name close to it.
        suggestion: Option<String>,
    },
    /// Case: two rulesets declare phases, not the same ones in the same order with the same labels.
    CasePhasesDiffer {
        /// This ruleset's id.
        here: String,
        /// The other ruleset's id.
        other: String,
    },
    /// Case: a fact with the same id has another question or help text in another ruleset.
    CaseLabelDiffers {
        /// The fact.
        fact: String,
        /// This ruleset's id.
        here: String,
        /// The other ruleset's id.
        other: String,
    },
    /// Case: a second fact of type `phase` with another id than the first.
    CasePhaseFacts {
        /// This fact.
        fact: String,
        /// The first phase fact of the case, which the case follows.
        first: String,
    },
    /// `follows` names an outcome without one resulting value (a collect or deadline outcome).
    FollowsNotSingle {
        /// The outcome named.
        outcome: String,
        /// Its policy (`collect`, `deadline`).
        policy: String,
    },
    /// `follows` on an outcome that is not a collect outcome.
    FollowsNotCollect {
        /// The outcome with the clause.
        outcome: String,
        /// Its policy.
        policy: String,
    },

    // ---- E7xx: a variant against its base ----
    /// A variant checked without its base.
    VariantNeedsBase {
        /// The base's id, as the variant names it.
        base: String,
    },
    /// The base given is another ruleset than the variant names.
    BaseIsOther {
        /// The id the variant names.
        expected: String,
        /// The id of the base given.
        found: String,
    },
    /// The base has another version than the variant was written for.
    BaseVersion {
        /// The base's id.
        base: String,
        /// The version the variant names.
        expected: String,
        /// The base's version.
        found: String,
    },
    /// The base does not compile on its own.
    BaseHasErrors {
        /// The base's id.
        base: String,
    },
    /// A change names something the base does not have (any more).
    NotInBase {
        /// What kind of declaration.
        what: Decl,
        /// The name written.
        name: String,
        /// A name of that kind in the base close to it.
        suggestion: Option<String>,
    },
    /// `replace`, `remove` or `extend` in a ruleset that is not a variant.
    ChangeWithoutBase,
}

/// The codes, in order: one table from which both [`DiagKind::code`] and [`ALL_CODES`] come, so a new
/// kind cannot be left out of either (the match is exhaustive).
macro_rules! codes {
    ($($kind:pat => $code:literal,)*) => {
        /// Every code a diagnostic can have, in order (`E1xx` … `E4xx`, `E6xx` (a case), then `W5xx`, `W6xx`).
        pub const ALL_CODES: &[&str] = &[$($code),*];

        impl DiagKind {
            /// The stable code of this kind of problem.
            pub fn code(&self) -> &'static str {
                use DiagKind::*;
                match self {
                    $($kind => $code,)*
                }
            }
        }
    };
}

codes! {
    UnexpectedChar { .. } => "E101",
    UnterminatedString => "E102",
    BadEscape(_) => "E103",
    NumberTooLarge(_) => "E104",
    BadDate(_) => "E105",
    SourceTooLarge { .. } => "E106",
    TooDeep(_) => "E107",
    TextTooLong { .. } => "E108",
    TooMany { .. } => "E109",
    ReservedName(_) => "E110",
    MoreProblems { errors: true, .. } => "E111",
    NotUtf8 { .. } => "E112",
    Expected { .. } => "E201",
    ClauseNotAllowed { .. } => "E202",
    DuplicateClause(_) => "E203",
    MissingHeader => "E204",
    DuplicateHeader => "E205",
    MissingClause { .. } => "E206",
    RowWidth { .. } => "E207",
    UnknownFact { .. } => "E301",
    UnknownName(_) => "E302",
    UnknownOutcome { .. } => "E303",
    UnknownValue { .. } => "E304",
    UnknownOption { .. } => "E305",
    Duplicate { .. } => "E306",
    TypeMismatch { .. } => "E307",
    Incomparable { .. } => "E308",
    NotOrdered { .. } => "E309",
    AskWhenCycle(_) => "E311",
    ListForSingle(_) => "E312",
    DuplicateAssignment(_) => "E313",
    EmptyRange { .. } => "E314",
    NoOptions(_) => "E315",
    WrongTypeClause { .. } => "E316",
    LevelOutOfRange { .. } => "E317",
    NoValues(_) => "E318",
    OutOfBounds { .. } => "E319",
    TimelineNeedsDate(_) => "E320",
    NotATimeline(_) => "E321",
    UnknownField { .. } => "E322",
    NothingDeclared(_) => "E323",
    UnknownParamInText { .. } => "E324",
    UnknownPhase { .. } => "E325",
    FollowsNotSingle { .. } => "E330",
    FollowsNotCollect { .. } => "E331",
    TestNeedsToday => "E401",
    ExpectForm { .. } => "E402",
    TestsForOther { .. } => "E403",
    DuplicateTest(_) => "E404",
    DuplicateGiven(_) => "E405",
    CaseFactType { .. } => "E601",
    CaseFactDetails { .. } => "E602",
    CaseUnknownPhase { .. } => "E603",
    CasePhasesDiffer { .. } => "E604",
    VariantNeedsBase { .. } => "E701",
    BaseIsOther { .. } => "E702",
    BaseVersion { .. } => "E703",
    BaseHasErrors { .. } => "E704",
    NotInBase { .. } => "E705",
    ChangeWithoutBase => "E706",
    MissingEnglish => "W501",
    PriorityIgnored(_) => "W502",
    ValueNeverGiven { .. } => "W503",
    FactUnused(_) => "W504",
    ParamUnused(_) => "W505",
    HandoverOnlyTime(_) => "W506",
    MoreProblems { errors: false, .. } => "W507",
    CaseLabelDiffers { .. } => "W601",
    CasePhaseFacts { .. } => "W602",
}

impl DiagKind {
    /// Error or warning.
    pub fn severity(&self) -> Severity {
        if self.code().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// The message in Dutch.
    pub fn message_nl(&self) -> String {
        super::nl::message(self)
    }
}
