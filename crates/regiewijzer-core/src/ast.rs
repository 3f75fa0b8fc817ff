//! The syntax tree of a `.regels` file, as written (names unresolved).
//!
//! The parser ([`crate::parse`]) produces it; the formatter ([`crate::fmt`]) prints it back in canonical
//! layout; the checker (`check`) resolves it into a [`crate::model::Model`]. Every node that the
//! formatter can attach a comment to carries a [`Span`].

use crate::date::Date;

/// A byte range in the source text (`start..end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset just past the last byte.
    pub end: u32,
}

impl Span {
    /// True when `other` lies within this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// A span from `start` to `end` (byte offsets).
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// The smallest span that covers both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// A whole parsed file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct File {
    /// The items in source order.
    pub items: Vec<Item>,
    /// Every comment in the file, in source order.
    pub comments: Vec<Comment>,
    /// Clauses that were written but could not be read (their keyword and its place): the error is
    /// reported where it is, and the checker does not report the clause as missing as well.
    pub broken_clauses: Vec<Clause<String>>,
}

/// A `# ...` comment.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    /// The text after `#`, without the line break (leading space kept).
    pub text: String,
    /// Where the comment stands, from `#` to the end of the line.
    pub span: Span,
    /// True when the comment is alone on its line; false when code stands before it on the same line.
    pub own_line: bool,
}

/// A name: ruleset, section, fact, option, outcome, value, rule or table id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The name as written.
    pub name: String,
    /// Where it is written.
    pub span: Span,
}

/// A `"..."` text with escapes resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrLit {
    /// The text, escapes resolved.
    pub value: String,
    /// Where it is written, quotes included.
    pub span: Span,
}

/// `nl "..." en "..."`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPair {
    /// The Dutch text (required).
    pub nl: StrLit,
    /// The English text (expected; a warning when missing).
    pub en: Option<StrLit>,
    /// The whole pair.
    pub span: Span,
}

/// A clause: one keyword-led part of an item, with the span of the whole clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause<T> {
    /// What the clause says.
    pub value: T,
    /// From the clause keyword to the end of the clause.
    pub span: Span,
}

/// A whole-number literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntLit {
    /// The value.
    pub value: i64,
    /// Where it is written.
    pub span: Span,
}

/// A date literal `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateLit {
    /// The date.
    pub value: Date,
    /// Where it is written.
    pub span: Span,
}

/// One item of a file, with the span from its keyword to the end of its last clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// What kind of item.
    pub kind: ItemKind,
    /// Where it stands.
    pub span: Span,
}

/// The kinds of item.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    /// `ruleset ID ...`
    Header(Header),
    /// `section ID ...`
    Section(Section),
    /// `fact ID: TYPE ...`
    Fact(Fact),
    /// `outcome ID: POLICY ...`
    Outcome(Outcome),
    /// `rule ID ...`
    Rule(Rule),
    /// `table ID ...`
    Table(Table),
    /// `test "name" ...`
    Test(Test),
    /// `tests for RULESET_ID` (a file of tests for another file's ruleset)
    TestsFor(Ident),
    /// `parameter NAME = VALUE ...`
    Parameter(Parameter),
    /// `party NAME`, `phase NAME` or `override reason NAME` with a label.
    Named(Named),
    /// `handover NAME ...`
    Handover(Handover),
    /// `replace ...`, `remove ...`, `extend ...`: a change a variant makes to its base.
    Change(Change),
}

/// A change a variant makes to its base ruleset (see `variant of` in the header).
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// `replace rule NAME` with the whole new rule.
    ReplaceRule(Box<Rule>),
    /// `remove rule NAME` or `remove table NAME`.
    Remove {
        /// True for `remove table`.
        table: bool,
        /// The rule's or table's name in the base.
        name: Ident,
    },
    /// `extend outcome NAME` with more `value` lines.
    ExtendOutcome {
        /// The outcome in the base.
        outcome: Ident,
        /// The values added.
        values: Vec<Clause<ValueDecl>>,
    },
    /// `replace rows TABLE`, `remove rows TABLE`, `extend table TABLE`, each with rows: rows of a base table
    /// replaced (matched by their input cells, given new output cells), removed (matched by their input
    /// cells) or added (after the table's own).
    Rows {
        /// Replace, remove or add.
        kind: RowChange,
        /// The table in the base.
        table: Ident,
        /// The rows written.
        rows: Vec<Clause<TableRow>>,
    },
    /// `replace label NAME [PART] nl ".." en ".."`: the label of a question, outcome, section, parameter,
    /// party, phase or override reason of the base, or of one of its options, values or levels.
    ReplaceLabel {
        /// The declaration in the base.
        target: Ident,
        /// An option, value (or level number) of it.
        part: Option<Ident>,
        /// The new label.
        label: TextPair,
    },
}

/// What a variant does with the rows it writes for a base table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowChange {
    /// `replace rows`: the base's row with the same input cells gets these output cells.
    Replace,
    /// `remove rows`: the base's row with the same input cells is left out.
    Remove,
    /// `extend table`: the rows are added after the base's.
    Add,
}

/// `variant of BASE "VERSION"` on the header line: this ruleset is its base with changes.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantOf {
    /// The base ruleset's id.
    pub base: Ident,
    /// The base's version the changes were written against.
    pub version: StrLit,
}

/// `party NAME` / `phase NAME` / `override reason NAME` with its label: a party that can hold the lead, a
/// phase of a case, or a reason a professional can give for deciding otherwise than the advice.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    /// `party` or `phase`.
    pub kind: NamedKind,
    /// The id.
    pub name: Ident,
    /// `label ...` (required by the checker).
    pub label: Option<Clause<TextPair>>,
}

/// What a [`Named`] item declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    /// `party`
    Party,
    /// `phase`
    Phase,
    /// `override reason`
    OverrideReason,
}

/// `handover NAME` with its clauses: a transfer of the lead from one party to another that is only
/// complete when every requirement holds; until then the sending party keeps the lead.
#[derive(Debug, Clone, PartialEq)]
pub struct Handover {
    /// The handover id.
    pub name: Ident,
    /// `title ...`
    pub title: Option<Clause<TextPair>>,
    /// `from PARTY to PARTY` (required by the checker).
    pub from_to: Option<Clause<(Ident, Ident)>>,
    /// `lead OUTCOME`: the outcome that holds the lead (required by the checker).
    pub lead: Option<Clause<Ident>>,
    /// `when CONDITION`: when this handover is proposed (required by the checker).
    pub when: Option<Clause<Expr>>,
    /// `require CONDITION nl ".." en ".."` clauses.
    pub requires: Vec<Clause<(Expr, TextPair)>>,
    /// `priority N` (default 1000: above ordinary rules).
    pub priority: Option<Clause<IntLit>>,
    /// `because ...` (required by the checker).
    pub because: Option<Clause<TextPair>>,
    /// `source "..."` clauses.
    pub sources: Vec<Clause<StrLit>>,
}

/// `parameter NAME = VALUE` with its clauses: a number a region sets once and rules use by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The parameter id.
    pub name: Ident,
    /// Its value: yes/no, a whole number or a date.
    pub value: Literal,
    /// `label ...` (required by the checker).
    pub label: Option<Clause<TextPair>>,
    /// `source "..."` clauses.
    pub sources: Vec<Clause<StrLit>>,
    /// `source regional`: a regional choice (where it was written).
    pub regional: Option<Span>,
}

/// `ruleset ID` with its clauses.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The ruleset id.
    pub id: Ident,
    /// `title nl ".." en ".."`
    pub title: Option<Clause<TextPair>>,
    /// `version "1.0.0"`
    pub version: Option<Clause<StrLit>>,
    /// `valid from 2026-01-01`
    pub valid_from: Option<Clause<DateLit>>,
    /// `phases melding, vangnet`: the phases of a case in which the ruleset is used (absent: every phase).
    pub phases: Option<Clause<Vec<Ident>>>,
    /// `note nl ".." en ".."`
    pub note: Option<Clause<TextPair>>,
    /// `variant of BASE "VERSION"` after the id: a region's own version of another ruleset.
    pub variant_of: Option<Clause<VariantOf>>,
}

/// `section ID` with its clauses.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The section id.
    pub id: Ident,
    /// `label ...`
    pub label: Option<Clause<TextPair>>,
    /// `help ...`
    pub help: Option<Clause<TextPair>>,
}

/// The type written after `fact NAME:`.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// `bool`
    Bool,
    /// `choice`
    Choice,
    /// `int`, `int A..B`, `int A..`, `int ..B`
    Int {
        /// Lowest allowed answer.
        min: Option<i64>,
        /// Highest allowed answer.
        max: Option<i64>,
    },
    /// `scale A..B`
    Scale {
        /// Lowest level.
        min: i64,
        /// Highest level.
        max: i64,
    },
    /// `date`
    Date,
    /// `timeline`: a list of dated records with `field`s.
    Timeline,
    /// `party`: one of the declared parties.
    Party,
    /// `phase`: one of the declared phases.
    Phase,
}

/// A type with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    /// The type.
    pub kind: TypeKind,
    /// Where it is written.
    pub span: Span,
}

/// `fact NAME: TYPE` with its clauses.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// The fact id.
    pub name: Ident,
    /// Its type.
    pub ty: TypeExpr,
    /// `label ...` (required by the checker).
    pub label: Option<Clause<TextPair>>,
    /// `help ...`
    pub help: Option<Clause<TextPair>>,
    /// `ask when CONDITION`
    pub ask_when: Option<Clause<Expr>>,
    /// `option NAME nl ".." en ".."` clauses of a choice.
    pub options: Vec<Clause<OptionDecl>>,
    /// `level N nl ".." en ".."` clauses of a scale.
    pub levels: Vec<Clause<LevelDecl>>,
    /// `field NAME: TYPE nl ".." en ".."` clauses of a timeline (options after a choice field belong to it).
    pub fields: Vec<Clause<FieldDecl>>,
}

/// `field NAME: TYPE nl ".." en ".."` of a timeline, with the options of a choice field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDecl {
    /// The field id.
    pub name: Ident,
    /// Its type (not `timeline`).
    pub ty: TypeExpr,
    /// Its label.
    pub label: TextPair,
    /// `option` clauses that follow a choice field.
    pub options: Vec<Clause<OptionDecl>>,
}

/// `option NAME nl ".." en ".."`
#[derive(Debug, Clone, PartialEq)]
pub struct OptionDecl {
    /// The option id.
    pub name: Ident,
    /// Its label.
    pub label: TextPair,
}

/// `level N nl ".." en ".."`
#[derive(Debug, Clone, PartialEq)]
pub struct LevelDecl {
    /// The level.
    pub level: IntLit,
    /// Its label.
    pub label: TextPair,
}

/// How the values of fired rules are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    /// The highest priority wins; equal priority with different values is a conflict.
    Priority,
    /// At most one rule may fire.
    Unique,
    /// All values of all fired rules.
    Collect,
    /// A date computed by the rules that fire; the earliest wins.
    Deadline,
}

/// What happens when no rule decides an outcome.
#[derive(Debug, Clone, PartialEq)]
pub enum Fallback {
    /// `required`: "no decision" is reported.
    Required,
    /// `default VALUE because nl ".." en ".."`
    Default {
        /// The default value.
        value: Ident,
        /// Why this default.
        because: TextPair,
    },
}

/// `outcome NAME: POLICY ...` with its clauses.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The outcome id.
    pub name: Ident,
    /// The combination policy, with where it is written.
    pub policy: Clause<Policy>,
    /// `required` or `default ...` (required by the checker).
    pub fallback: Option<Clause<Fallback>>,
    /// `label ...`
    pub label: Option<Clause<TextPair>>,
    /// `value NAME nl ".." en ".."` clauses.
    pub values: Vec<Clause<ValueDecl>>,
    /// `values parties` / `values phases`: the declared parties or phases are the values.
    pub values_from: Option<Clause<NamedKind>>,
    /// `follows OUTCOME, ...` (collect outcomes): a rule's values count only when its values for these
    /// single-value outcomes are their results.
    pub follows: Option<Clause<Vec<Ident>>>,
}

/// `value NAME nl ".." en ".."`
#[derive(Debug, Clone, PartialEq)]
pub struct ValueDecl {
    /// The value id.
    pub name: Ident,
    /// Its label.
    pub label: TextPair,
}

/// `rule NAME` with its clauses.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// The rule id.
    pub name: Ident,
    /// `title ...`
    pub title: Option<Clause<TextPair>>,
    /// `when CONDITION` (required by the checker).
    pub when: Option<Clause<Expr>>,
    /// `then A = x, B = [y, z]` (required by the checker).
    pub then: Option<Clause<Vec<Assignment>>>,
    /// `priority N`
    pub priority: Option<Clause<IntLit>>,
    /// `because ...` (required by the checker).
    pub because: Option<Clause<TextPair>>,
    /// `source "..."` clauses.
    pub sources: Vec<Clause<StrLit>>,
}

/// `OUTCOME = VALUE` or `OUTCOME = [V1, V2]` in a `then`.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// The outcome.
    pub outcome: Ident,
    /// The value(s).
    pub value: AssignValue,
    /// From the outcome name to the end of the value.
    pub span: Span,
}

/// The right-hand side of an assignment.
#[derive(Debug, Clone, PartialEq)]
pub enum AssignValue {
    /// One value.
    One(Ident),
    /// `[a, b]` (collect outcomes).
    List(Vec<Ident>),
    /// A date expression (deadline outcomes), e.g. `datum_melding + 14 days`.
    Expr(Expr),
}

/// `table NAME [first]` with its clauses and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The table id.
    pub name: Ident,
    /// `first`: earlier rows win over later ones.
    pub first: bool,
    /// `title ...`
    pub title: Option<Clause<TextPair>>,
    /// `priority N`
    pub priority: Option<Clause<IntLit>>,
    /// `because ...` (required by the checker).
    pub because: Option<Clause<TextPair>>,
    /// `source "..."` clauses.
    pub sources: Vec<Clause<StrLit>>,
    /// The first `| ... || ... |` row: column heads (required by the checker).
    pub header: Option<Clause<TableHeader>>,
    /// The following rows.
    pub rows: Vec<Clause<TableRow>>,
}

/// Column heads of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableHeader {
    /// Input columns: a fact name or a parenthesised expression.
    pub inputs: Vec<Expr>,
    /// Output columns: outcome names.
    pub outputs: Vec<Ident>,
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// Input cells, one per input column.
    pub inputs: Vec<Cell>,
    /// Output cells, one per output column.
    pub outputs: Vec<OutCell>,
}

/// An input cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// What the cell tests.
    pub kind: CellKind,
    /// Where it is written.
    pub span: Span,
}

/// What an input cell tests about its column.
#[derive(Debug, Clone, PartialEq)]
pub enum CellKind {
    /// `-`: any answer (also unanswered).
    Any,
    /// `x` (equals), or `OP x` with a comparison operator.
    Cmp(CmpOp, Expr),
    /// `in [..]` or `not in [..]`.
    In {
        /// The listed values.
        list: Vec<Expr>,
        /// `not in`.
        negated: bool,
    },
    /// `A..B`, inclusive.
    Range(Expr, Expr),
    /// `unknown`: not answered.
    Unknown,
    /// `answered`.
    Answered,
}

/// An output cell.
#[derive(Debug, Clone, PartialEq)]
pub enum OutCell {
    /// `-`: this row does not set the outcome.
    Skip(Span),
    /// One value.
    One(Ident),
    /// `[a, b]`
    List(Vec<Ident>, Span),
}

/// `test "name"` with its clauses.
#[derive(Debug, Clone, PartialEq)]
pub struct Test {
    /// The test's name.
    pub name: StrLit,
    /// `today YYYY-MM-DD`
    pub today: Option<Clause<DateLit>>,
    /// `given a = x, b = y` lines.
    pub givens: Vec<Clause<Vec<Given>>>,
    /// `expect ...` lines.
    pub expects: Vec<Clause<Expect>>,
}

/// `FACT = VALUE` in a `given`.
#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    /// The fact.
    pub fact: Ident,
    /// The answer.
    pub value: Literal,
    /// From the fact to the end of the value.
    pub span: Span,
}

/// A literal answer in a test.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// `yes` / `no`
    Bool(bool, Span),
    /// `12`, `-3`
    Int(i64, Span),
    /// `2026-03-01`
    Date(Date, Span),
    /// An option name.
    Name(Ident),
    /// `[(2026-03-01, geen_contact), ...]`: the records of a timeline, each in field order.
    Records(Vec<(Vec<Literal>, Span)>, Span),
}

impl Literal {
    /// Where the literal is written.
    pub fn span(&self) -> Span {
        match self {
            Literal::Bool(_, s) | Literal::Int(_, s) | Literal::Date(_, s) => *s,
            Literal::Name(i) => i.span,
            Literal::Records(_, s) => *s,
        }
    }
}

/// `expect OUTCOME ...`
#[derive(Debug, Clone, PartialEq)]
pub struct Expect {
    /// The outcome.
    pub outcome: Ident,
    /// What is expected of it.
    pub kind: ExpectKind,
}

/// What a test expects of an outcome.
#[derive(Debug, Clone, PartialEq)]
pub enum ExpectKind {
    /// `= VALUE`
    Equals(Ident),
    /// `contains VALUE` or `contains [A, B]` (`list` is true for the bracketed form).
    Contains {
        /// The values.
        values: Vec<Ident>,
        /// Written as a list.
        list: bool,
    },
    /// `exactly [A, B]`
    Exactly(Vec<Ident>),
    /// `is undecided`
    Undecided,
    /// `is provisional`
    Provisional,
    /// `is final`
    Final,
    /// `= 2026-03-15` (deadline outcomes)
    Date(DateLit),
    /// `is overdue` (deadline outcomes: the date lies before today)
    Overdue,
    /// `is blocked` (handovers: proposed, but a requirement does not hold)
    Blocked,
    /// `is complete` (handovers: proposed and every requirement holds)
    Complete,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum CmpOp {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The same comparison with its sides swapped: `a < b` is `b > a`.
    pub fn mirrored(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            other => other,
        }
    }

    /// The comparison that holds exactly when this one does not (for two known values).
    pub fn negated(self) -> CmpOp {
        match self {
            CmpOp::Eq => CmpOp::Ne,
            CmpOp::Ne => CmpOp::Eq,
            CmpOp::Lt => CmpOp::Ge,
            CmpOp::Le => CmpOp::Gt,
            CmpOp::Gt => CmpOp::Le,
            CmpOp::Ge => CmpOp::Lt,
        }
    }

    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// Binary operators of expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `or`
    Or,
    /// `and`
    And,
    /// A comparison.
    Cmp(CmpOp),
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
}

impl BinOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Cmp(c) => c.as_str(),
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
        }
    }

    /// Binding strength: higher binds tighter.
    pub fn precedence(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Cmp(_) => 4,
            BinOp::Add | BinOp::Sub => 5,
            BinOp::Mul => 6,
        }
    }
}

/// An expression (a condition is an expression of type yes/no).
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is written.
    pub span: Span,
}

/// The kinds of expression.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A fact, or an option of a choice fact (resolved by the checker).
    Name(String),
    /// `yes` / `no`
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A date literal.
    Date(Date),
    /// `today`
    Today,
    /// `N days` (also `1 day`): a duration.
    Days(Box<Expr>),
    /// `N working days` (also `1 working day`): a duration counted Monday to Friday.
    WorkingDays(Box<Expr>),
    /// `days since DATE`: whole days from DATE to today.
    DaysSince(Box<Expr>),
    /// `( ... )`, kept so the formatter keeps the author's parentheses.
    Paren(Box<Expr>),
    /// `not X`
    Not(Box<Expr>),
    /// `-X`
    Neg(Box<Expr>),
    /// `A op B`
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `X in [..]` / `X not in [..]`
    In {
        /// The tested expression.
        expr: Box<Expr>,
        /// The listed values.
        list: Vec<Expr>,
        /// `not in`
        negated: bool,
    },
    /// `X between A and B` (inclusive)
    Between {
        /// The tested expression.
        expr: Box<Expr>,
        /// Lower bound.
        low: Box<Expr>,
        /// Upper bound.
        high: Box<Expr>,
    },
    /// `count(LIST [where COND] [in the last N days])`
    Count {
        /// The timeline fact.
        list: Ident,
        /// Only records for which this holds.
        filter: Option<Box<Expr>>,
        /// Only records dated within the last N days (today included).
        window: Option<Box<Expr>>,
    },
    /// `latest(FIELD of LIST [where COND] [in the last N days])` (or `earliest`)
    Pick {
        /// `latest` (true) or `earliest`.
        latest: bool,
        /// The field whose value is taken.
        field: Ident,
        /// The timeline fact.
        list: Ident,
        /// Only records for which this holds.
        filter: Option<Box<Expr>>,
        /// Only records dated within the last N days (today included).
        window: Option<Box<Expr>>,
    },
    /// `X is answered` (`negated`: `X is unknown`)
    IsAnswered {
        /// The fact.
        expr: Box<Expr>,
        /// `is unknown`
        negated: bool,
    },
}
