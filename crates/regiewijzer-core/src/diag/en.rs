//! The English messages: one match over every kind of problem, and the English words for their data.

use super::kind::DiagKind;
use super::payload::{Counted, Decl, Declarable, Fits, Found, ItemType, RowSide, TypeDesc, Wanted};
use super::{RelatedKind, alternatives, quoted_run};

/// The English message of a problem (the `Display` of [`DiagKind`]).
pub(super) fn message(kind: &DiagKind) -> String {
    use DiagKind::*;
    match kind {
        UnexpectedChar { start, count } => match count {
            0 | 1 => format!("unexpected character `{start}`"),
            n => format!(
                "{n} unexpected characters in a row: {}",
                quoted_run(start, *n)
            ),
        },
        UnterminatedString => "this text has no closing `\"` on the same line".into(),
        BadEscape(c) => format!("unknown escape `\\{c}` in a text (use \\\" \\\\ or \\n)"),
        NumberTooLarge(n) => format!("the number `{n}` is too large"),
        BadDate(d) => {
            format!("`{d}` is not a valid date (write year-month-day, e.g. 2026-03-01)")
        }
        SourceTooLarge { size, limit } => {
            format!("the file is too large ({size} bytes; at most {limit})")
        }
        TooDeep(n) => format!(
            "the condition is nested too deeply or chains too many `and`/`or`/arithmetic steps (at most {n} levels)"
        ),
        TextTooLong { length, limit } => {
            format!("this text is too long ({length} characters; at most {limit})")
        }
        ReservedName(name) => format!(
            "`{name}` cannot be a name: in JavaScript, where answers and results travel as objects, it is special"
        ),
        NotUtf8 { offset, byte } => format!(
            "the file is not UTF-8 text: byte {offset} (0x{byte:02X}) is not part of a character; save the file as UTF-8"
        ),
        TooMany { what, limit } => format!("too many {} (at most {limit})", counted(*what)),
        MoreProblems {
            more,
            shown,
            errors,
        } => more_problems(*more, *shown, *errors),
        Expected { expected, found } => {
            format!(
                "expected {}, found {}",
                wanted(expected),
                self::found(found)
            )
        }
        ClauseNotAllowed { clause, item } => {
            format!("`{clause}` does not belong in a {}", self::item(item))
        }
        DuplicateClause(c) => format!("`{c}` is given twice here"),
        MissingHeader => "a ruleset file starts with `ruleset NAME`".into(),
        DuplicateHeader => "only one `ruleset` header per file".into(),
        MissingClause { item, clauses } => format!(
            "this {} needs a {}",
            self::item(item),
            alternatives(clauses, "or")
        ),
        RowWidth {
            side,
            expected,
            found,
        } => format!(
            "this row has {found} {} cells, the header has {expected}",
            row_side(*side)
        ),
        UnknownFact { name, suggestion } => {
            format!("unknown fact `{name}`{}", did_you_mean(suggestion))
        }
        UnknownName(n) => format!("`{n}` is not a fact, nor a value that fits here"),
        UnknownOutcome { name, suggestion } => {
            format!("unknown outcome `{name}`{}", did_you_mean(suggestion))
        }
        UnknownValue {
            outcome,
            value,
            suggestion,
        } => format!(
            "outcome `{outcome}` has no value `{value}`{}",
            did_you_mean(suggestion)
        ),
        UnknownOption {
            fact,
            option,
            suggestion,
        } => format!(
            "fact `{fact}` has no option `{option}`{}",
            did_you_mean(suggestion)
        ),
        Duplicate { name, what } => format!("`{name}` is already declared as a {}", decl(*what)),
        TypeMismatch { expected, found } => {
            format!("expected {}, but this is {}", ty(expected), ty(found))
        }
        Incomparable { left, right } => format!("cannot compare {} with {}", ty(left), ty(right)),
        NotOrdered { op, found } => {
            format!("`{op}` needs numbers or dates; {} has no order", ty(found))
        }
        AskWhenCycle(c) => format!("`ask when` goes round in a circle: {c}"),
        ListForSingle(o) => {
            format!("outcome `{o}` takes one value per rule; a list is only for collect outcomes")
        }
        DuplicateAssignment(o) => format!("outcome `{o}` is set twice in this rule"),
        EmptyRange { min, max } => format!("the range {min}..{max} is empty"),
        NoOptions(f) => format!("choice fact `{f}` has no options"),
        WrongTypeClause { clause, ty } => format!("`{clause}` only belongs to a `{ty}` fact"),
        LevelOutOfRange { level, min, max } => {
            format!("level {level} lies outside the scale {min}..{max}")
        }
        NoValues(o) => format!("outcome `{o}` has no values"),
        OutOfBounds {
            fact,
            value,
            bounds,
        } => format!("{value} lies outside the bounds of `{fact}` ({bounds})"),
        TestNeedsToday => {
            "this test needs `today YYYY-MM-DD`, because the rules use dates relative to today"
                .into()
        }
        ExpectForm {
            form,
            outcome,
            policy,
        } => format!(
            "`{form}` does not fit outcome `{outcome}` ({})",
            fits(policy)
        ),
        TestsForOther { expected, found } => {
            format!("these tests are for ruleset `{expected}`, not `{found}`")
        }
        DuplicateTest(t) => format!("there is already a test named \"{t}\""),
        DuplicateGiven(f) => format!("`{f}` is given twice in this test"),
        MissingEnglish => "no English text (`en \"...\"`); the Dutch text will be shown".into(),
        PriorityIgnored(o) => {
            format!("`priority` has no effect: outcome(s) {o} do not use the priority policy")
        }
        ValueNeverGiven { outcome, value } => {
            format!("no rule gives `{outcome}` the value `{value}`")
        }
        FactUnused(f) => format!("fact `{f}` is asked but no rule uses it"),
        TimelineNeedsDate(t) => {
            format!("the first field of timeline `{t}` must be its date (`field datum: date ...`)")
        }
        NotATimeline(t) => format!("`{t}` is not a timeline"),
        UnknownField {
            list,
            field,
            suggestion,
        } => format!(
            "timeline `{list}` has no field `{field}`{}",
            did_you_mean(suggestion)
        ),
        UnknownParamInText { name, suggestion } => format!(
            "`{{{name}}}` in this text names no parameter (write `{{{{` for a literal brace){}",
            did_you_mean(suggestion)
        ),
        UnknownPhase { name, suggestion } => format!(
            "the phase `{name}` is not one of this ruleset's phases{}",
            did_you_mean(suggestion)
        ),
        CaseFactType {
            fact,
            here,
            ty,
            other,
            other_ty,
        } => format!(
            "the question `{fact}` is {} in {here}, but {} in {other}: in one case it is the same question",
            type_words(ty),
            type_words(other_ty)
        ),
        CaseFactDetails { fact, here, other } => format!(
            "the question `{fact}` has other answers in {here} than in {other} (options, bounds or fields): in one case it is the same question"
        ),
        CaseUnknownPhase { name, suggestion } => format!(
            "no ruleset of the case has the phase `{name}`{}",
            did_you_mean(suggestion)
        ),
        CasePhasesDiffer { here, other } => format!(
            "{here} and {other} both name the phases of the case, but not the same ones (other phases, order or names): a case has one series of phases"
        ),
        CaseLabelDiffers { fact, here, other } => format!(
            "the question `{fact}` is worded differently in {here} than in {other}: in one case it is asked once, in the words of the first"
        ),
        CasePhaseFacts { fact, first } => {
            format!("`{fact}` is a second question for the phase; the case follows `{first}`")
        }
        NothingDeclared(d) => {
            let w = d.keyword();
            format!(
                "no {} is declared (declare them with `{w} NAME` and a label)",
                declarable(*d)
            )
        }
        HandoverOnlyTime(h) => format!(
            "handover `{h}` happens only because time passed: every requirement is about dates relative to today"
        ),
        ParamUnused(p) => format!("parameter `{p}` is not used by any rule"),
        FollowsNotSingle { outcome, policy } => format!(
            "`follows` names `{outcome}`, a {policy} outcome; only priority and unique outcomes have one value to follow"
        ),
        FollowsNotCollect { outcome, policy } => {
            format!("`follows` belongs to a collect outcome; `{outcome}` is a {policy} outcome")
        }
        VariantNeedsBase { base } => format!(
            "this ruleset is a variant of `{base}`: check it together with its base (`--base FILE`)"
        ),
        BaseIsOther { expected, found } => {
            format!("this variant is of `{expected}`, but the base given is `{found}`")
        }
        BaseVersion {
            base,
            expected,
            found,
        } => format!(
            "this variant was written for `{base}` version \"{expected}\", but the base is version \"{found}\": check the changes against it, then write its version here"
        ),
        BaseHasErrors { base } => {
            format!("the base `{base}` has errors: check it on its own first")
        }
        NotInBase {
            what,
            name,
            suggestion,
        } => format!(
            "the base has no {} `{name}` (any more){}",
            decl(*what),
            did_you_mean(suggestion)
        ),
        ChangeWithoutBase => "`replace`, `remove` and `extend` belong in a variant (`ruleset NAME variant of BASE \"VERSION\"`)".into(),
    }
}

/// A fact's type in words: `yes/no`, `a choice`, ...
fn type_words(ty: &str) -> &'static str {
    match ty {
        "bool" => "yes/no",
        "choice" => "a choice",
        "int" => "a number",
        "scale" => "a scale",
        "date" => "a date",
        _ => "a timeline",
    }
}

/// `; did you mean `x`?` after a message, when there is a close name.
fn did_you_mean(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map_or_else(String::new, |s| format!("; did you mean `{s}`?"))
}

/// "2 more problems not shown ...".
fn more_problems(more: usize, shown: usize, errors: bool) -> String {
    let what = match (errors, more) {
        (true, 1) => "problem",
        (true, _) => "problems",
        (false, 1) => "warning",
        (false, _) => "warnings",
    };
    format!("{more} more {what} not shown (only the first {shown}); fix these and check again")
}

/// What there are too many of.
fn counted(c: Counted) -> &'static str {
    match c {
        Counted::Facts => "facts",
        Counted::Rules => "rules (a row of a table counts as a rule)",
        Counted::Records => "records in one timeline",
    }
}

/// What was expected.
fn wanted(w: &Wanted) -> String {
    match w {
        Wanted::Said(words) => words.en.clone(),
        Wanted::OnlyTests => "`test` (a tests file holds only tests)".into(),
        Wanted::RulesetHeader => "`ruleset NAME` (`tests for` starts a separate tests file)".into(),
    }
}

/// What was found.
fn found(f: &Found) -> String {
    match f {
        Found::Code(c) => format!("`{c}`"),
        Found::Text(t) => format!("\"{t}\""),
        Found::Keyword(k) => format!("the keyword `{k}`"),
        Found::EndOfFile => "end of file".into(),
        Found::SomethingElse => "something else".into(),
        Found::ThisRow => "this row".into(),
        Found::EmptyCell => "an empty cell".into(),
        Found::AnotherItem => "another item".into(),
    }
}

/// An item, as in "does not belong in a ...".
fn item(i: &ItemType) -> String {
    let word = match i {
        ItemType::Ruleset => "ruleset",
        ItemType::Section => "section",
        ItemType::Fact => "fact",
        ItemType::Outcome => "outcome",
        ItemType::DeadlineOutcome => "deadline outcome",
        ItemType::OutcomeWithValuesFrom => "outcome with `values parties/phases`",
        ItemType::Rule => "rule",
        ItemType::Table => "table",
        ItemType::Test => "test",
        ItemType::Parameter => "parameter",
        ItemType::Party => "party",
        ItemType::Phase => "phase",
        ItemType::OverrideReason => "override reason",
        ItemType::Handover => "handover",
        ItemType::Other(keyword) => return format!("`{keyword}`"),
    };
    word.into()
}

/// A row side.
fn row_side(s: RowSide) -> &'static str {
    match s {
        RowSide::Input => "input",
        RowSide::Output => "output",
    }
}

/// What a name is already declared as.
fn decl(d: Decl) -> &'static str {
    match d {
        Decl::Section => "section",
        Decl::Fact => "fact",
        Decl::FactOrParameter => "fact or parameter",
        Decl::Option => "option",
        Decl::Level => "level",
        Decl::Field => "field",
        Decl::Outcome => "outcome",
        Decl::Value => "value",
        Decl::RuleOrTable => "rule or table",
        Decl::RuleTableOrHandover => "rule, table or handover",
        Decl::Party => "party",
        Decl::Phase => "phase",
        Decl::OverrideReason => "reason for overriding",
        Decl::Parameter => "parameter",
        Decl::Row => "row",
        Decl::Labelled => "question, outcome, section, parameter, party, phase or reason",
    }
}

/// What can be declared by name.
fn declarable(d: Declarable) -> &'static str {
    match d {
        Declarable::Party => "party",
        Declarable::Phase => "phase",
        Declarable::OverrideReason => "reason for overriding",
    }
}

/// What fits an outcome in a test.
fn fits(f: &Fits) -> String {
    match f {
        Fits::Policy(p) => p.clone(),
        Fits::Handover => "handover: `is blocked` or `is complete`".into(),
    }
}

/// A type or what a value is.
fn ty(t: &TypeDesc) -> String {
    match t {
        TypeDesc::YesNo => "yes/no".into(),
        TypeDesc::Number => "a number".into(),
        TypeDesc::Date => "a date".into(),
        TypeDesc::Days => "a number of days".into(),
        TypeDesc::WorkingDays => "a number of working days".into(),
        TypeDesc::ChoiceOf(f) => format!("a choice of `{f}`"),
        TypeDesc::FieldChoice(f) => format!("a choice of field `{f}`"),
        TypeDesc::Name(n) => format!("the name `{n}`"),
        TypeDesc::Timeline(f) => {
            format!("the timeline `{f}` (use count(...), latest(...) or earliest(...))")
        }
        TypeDesc::DaysOrDate => "a number of days (e.g. `14 days`) or a date".into(),
        TypeDesc::Condition => "a condition (yes/no)".into(),
        TypeDesc::PriorityLead => "a `priority` outcome for the lead".into(),
        TypeDesc::Code(c) => format!("`{c}`"),
        TypeDesc::ValueOf(o) => format!("a value of `{o}`"),
        TypeDesc::Expression(e) => format!("the expression `{e}`"),
        TypeDesc::ParamValue => "`yes`, `no`, a number or a date".into(),
        TypeDesc::FieldType => crate::keywords::type_list(false).en,
        TypeDesc::TimelineAsField => "`timeline` (a field cannot be a list)".into(),
        TypeDesc::OptionOf(f) => format!("an option of `{f}`"),
        TypeDesc::RecordsOf(f) => format!("records of `{f}`"),
        TypeDesc::RecordsShape(f) => format!("records of `{f}`: [(date, ...), ...]"),
        TypeDesc::FieldValues { count, names } => format!("{count} field values ({names})"),
        TypeDesc::OneValue => "one value".into(),
        TypeDesc::Count(n) => n.to_string(),
        TypeDesc::AName => "a name".into(),
        TypeDesc::ListOfRecords => "a list of records".into(),
    }
}

/// The message of a related place at `at` (`line:column`).
pub(super) fn related(kind: RelatedKind, at: &str) -> String {
    match kind {
        RelatedKind::FirstDeclared => format!("first declared at {at}"),
    }
}
