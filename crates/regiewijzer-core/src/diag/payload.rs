//! The data inside a diagnostic: what was expected or found, a type, a kind of declaration or item. Each
//! is worded once per language, in [`super::en`] and [`super::nl`]; names and quoted code read the same in
//! both.

/// A description in both languages, each written by hand where it is made (used by the parser's
/// phrases of what it expected, and by [`crate::verify`] for labels that come with the ruleset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// In English.
    pub en: String,
    /// In Dutch.
    pub nl: String,
}

impl Words {
    /// A description with its English and Dutch wording.
    pub fn new(en: impl Into<String>, nl: impl Into<String>) -> Words {
        Words {
            en: en.into(),
            nl: nl.into(),
        }
    }

    /// Code or a name, which reads the same in both languages.
    pub fn same(text: impl Into<String>) -> Words {
        let text = text.into();
        Words {
            en: text.clone(),
            nl: text,
        }
    }
}

impl std::fmt::Display for Words {
    /// The English wording.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

/// What the parser or checker expected where something else stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    /// A phrase of the parser, written in both languages at the place that expects it.
    Said(Words),
    /// `test` (a tests file holds only tests).
    OnlyTests,
    /// `ruleset NAME` (`tests for` starts a separate tests file).
    RulesetHeader,
}

/// What stood where something else was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A word, number, date or symbol, quoted as written: `` `x` ``.
    Code(String),
    /// The start of a text, in double quotes.
    Text(String),
    /// A keyword of the language.
    Keyword(String),
    /// The end of the file.
    EndOfFile,
    /// Something else than a table row.
    SomethingElse,
    /// A table row of the wrong shape.
    ThisRow,
    /// A table cell with nothing in it.
    EmptyCell,
    /// An item other than a test, in a tests file.
    AnotherItem,
}

/// A type, or what a value is or should be, as a message names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeDesc {
    /// yes/no.
    YesNo,
    /// A number.
    Number,
    /// A date.
    Date,
    /// A number of days.
    Days,
    /// A number of working days.
    WorkingDays,
    /// A choice of the fact named.
    ChoiceOf(String),
    /// A choice of the timeline field named.
    FieldChoice(String),
    /// A bare name that is not a fact.
    Name(String),
    /// The timeline named (usable only in `count`, `latest`, `earliest`).
    Timeline(String),
    /// A number of days or a date (after `date +`/`date -`).
    DaysOrDate,
    /// A condition (yes/no).
    Condition,
    /// A `priority` outcome, for a handover's lead.
    PriorityLead,
    /// Code as written, quoted (an outcome, a literal).
    Code(String),
    /// A value of the outcome named.
    ValueOf(String),
    /// The expression written.
    Expression(String),
    /// A parameter's value: `yes`, `no`, a number or a date.
    ParamValue,
    /// The type of a timeline field (not `timeline`).
    FieldType,
    /// `timeline` where a field's type stands.
    TimelineAsField,
    /// An option of the choice fact named.
    OptionOf(String),
    /// Records of the timeline named.
    RecordsOf(String),
    /// Records of the timeline named, with their shape.
    RecordsShape(String),
    /// A record's field values: how many, and the fields' names.
    FieldValues {
        /// How many.
        count: usize,
        /// The fields' names, as written.
        names: String,
    },
    /// One value (not a list).
    OneValue,
    /// A count of values.
    Count(usize),
    /// A name (an option).
    AName,
    /// A list of records.
    ListOfRecords,
}

/// What a name was already declared as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decl {
    /// A section.
    Section,
    /// A fact.
    Fact,
    /// A fact or a parameter (they share names).
    FactOrParameter,
    /// An option of a choice.
    Option,
    /// A level of a scale.
    Level,
    /// A field of a timeline.
    Field,
    /// An outcome.
    Outcome,
    /// A value of an outcome.
    Value,
    /// A rule or a table.
    RuleOrTable,
    /// A rule, table or handover.
    RuleTableOrHandover,
    /// A party.
    Party,
    /// A phase.
    Phase,
    /// A reason for overriding.
    OverrideReason,
    /// A parameter.
    Parameter,
    /// A row of a table (named by its input cells).
    Row,
    /// Anything with a label: a question, outcome, section, parameter, party, phase or reason.
    Labelled,
}

/// The item a clause belongs to or is missing from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemType {
    /// The `ruleset` header.
    Ruleset,
    /// A section.
    Section,
    /// A fact.
    Fact,
    /// An outcome.
    Outcome,
    /// A deadline outcome.
    DeadlineOutcome,
    /// An outcome with `values parties/phases`.
    OutcomeWithValuesFrom,
    /// A rule.
    Rule,
    /// A table.
    Table,
    /// A test.
    Test,
    /// A parameter.
    Parameter,
    /// A party.
    Party,
    /// A phase.
    Phase,
    /// A reason for overriding.
    OverrideReason,
    /// A handover.
    Handover,
    /// An item keyword not named above, as written.
    Other(String),
}

impl ItemType {
    /// The item an item keyword starts.
    pub fn of_keyword(keyword: &str) -> ItemType {
        match keyword {
            "ruleset" => ItemType::Ruleset,
            "section" => ItemType::Section,
            "fact" => ItemType::Fact,
            "outcome" => ItemType::Outcome,
            "rule" => ItemType::Rule,
            "table" => ItemType::Table,
            "test" => ItemType::Test,
            "parameter" => ItemType::Parameter,
            "party" => ItemType::Party,
            "phase" => ItemType::Phase,
            "override reason" => ItemType::OverrideReason,
            "handover" => ItemType::Handover,
            other => ItemType::Other(other.to_string()),
        }
    }
}

/// What there are too many of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Facts.
    Facts,
    /// Rules (a table row counts as one).
    Rules,
    /// Records in one timeline.
    Records,
}

/// The side of a table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowSide {
    /// The input cells (before `||`).
    Input,
    /// The output cells (after `||`).
    Output,
}

/// What can be declared by name for `values parties`, `fact x: party` and the like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declarable {
    /// `party`.
    Party,
    /// `phase`.
    Phase,
    /// `override reason`.
    OverrideReason,
}

impl Declarable {
    /// The keyword that declares one.
    pub fn keyword(self) -> &'static str {
        match self {
            Declarable::Party => "party",
            Declarable::Phase => "phase",
            Declarable::OverrideReason => "override reason",
        }
    }
}

/// Which expectations fit an outcome, in an `E402`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fits {
    /// The outcome's policy, as its keyword.
    Policy(String),
    /// A handover: `is blocked` or `is complete`.
    Handover,
}
