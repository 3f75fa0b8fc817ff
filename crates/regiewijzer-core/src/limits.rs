//! Every limit the core enforces, in one place. Rules files may come from anywhere and the core runs in a
//! browser tab with a 1 MiB stack: past a limit the core reports a diagnostic (or an answer issue), never
//! hangs, runs out of stack or panics. `docs/language.md` (section *Limits*) lists them for rule authors;
//! `tests/limits.rs` shows each one.

/// The largest source text accepted, in bytes (1 MiB). Past it: `E106`, and nothing else is read.
pub const MAX_SOURCE_BYTES: usize = 1 << 20;

/// The most diagnostics returned for one source: the first this many by position, then one summary
/// (`E111`, or `W507` when all the rest are warnings) that says how many more there are. Reading,
/// checking and placing them costs time linear in the size of the source however many there are.
pub const MAX_DIAGNOSTICS: usize = 100;

/// The deepest condition or expression accepted. Every parenthesis, `not` and minus sign counts as a
/// level, and so does every `and`, `or`, `+`, `-` and `*` in a row (each makes the syntax tree deeper).
/// It keeps every recursive step (checking, evaluating, formatting, analysing) far from the end of the
/// stack, also in the browser. Past it: `E107` for that clause.
pub const MAX_DEPTH: usize = 100;

/// The longest text (a label, help text, reason, title or source) in characters. Past it: `E108`.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// The most facts (questions) in one ruleset. Past it: `E109` at the first fact too many.
pub const MAX_FACTS: usize = 2_000;

/// The most rules in one ruleset, every row of a decision table counting as a rule. Past it: `E109`.
pub const MAX_RULES: usize = 10_000;

/// The most records in one timeline answer, and in one timeline of a test. Past it: the answer is not
/// used and reported (`too_many_records`); in a test, `E109`.
pub const MAX_RECORDS: usize = 1_000;

/// The analysis's default budget: the most evaluations in all, and per search
/// ([`crate::analysis::Options::new`]). Past it the analysis stops that search and marks its report
/// incomplete, naming what it could not settle.
pub const ANALYSIS_BUDGET: usize = 100_000;

/// See [`ANALYSIS_BUDGET`].
pub const ANALYSIS_SEARCH_BUDGET: usize = 10_000;

/// The comparison's default budget ([`crate::analysis::Options::for_diff`]): larger than the analysis's,
/// as a region's variant adds questions and the search per outcome grows with them (the Drechtsteden
/// example against the triage needs 104,713 evaluations, at most some 40,000 in one search; natively
/// 1.6 s), and an author asks for a comparison on purpose, in the playground in a worker with a cancel.
pub const DIFF_BUDGET: usize = 250_000;

/// See [`DIFF_BUDGET`].
pub const DIFF_SEARCH_BUDGET: usize = 50_000;

/// How much work one evaluation of the analysis's budget stands for, in steps (a term, condition or
/// question state evaluated, or an open question carried by one: [`crate::eval::Probe::work`]). An
/// evaluation counts once per started 250 steps, so the budget bounds the analysis's time and memory
/// also when every evaluation is large (a long `ask when` chain). The shipped rulesets' evaluations
/// take 100 to 1,600 steps.
pub const ANALYSIS_STEPS_PER_EVALUATION: usize = 250;
