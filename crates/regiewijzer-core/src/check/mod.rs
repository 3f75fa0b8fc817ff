//! The checker: resolves names, checks types and builds the [`Model`] that evaluation works on.
//!
//! All problems are collected, not only the first. When the parser already reported errors, names whose
//! declaration is present in the text but failed to parse are not reported again as unknown.

use std::cell::Cell;
use std::collections::{BTreeSet, HashMap, HashSet};

use sha2::{Digest, Sha256};

use crate::ast::{self, *};
use crate::diag::{
    Counted, Decl, Declarable, DiagKind, Diagnostic, Fits, Found, ItemType, LineIndex, RelatedKind,
    RowSide, TypeDesc, Wanted, cap,
};
use crate::lexer::{Tok, lex};
use crate::limits::{MAX_FACTS, MAX_RECORDS, MAX_RULES, MAX_SOURCE_BYTES};
use crate::model::*;
use crate::print::expr_to_string;
use crate::walk::{cond_facts, cond_params, pred_facts, pred_params, term_facts, term_params};

mod ask;
mod declare;
mod handover;
mod hash;
mod outcome;
mod pred;
mod rules;
mod term;
mod tests;
mod text;
mod ty;
mod warnings;

pub use hash::content_hash;
use outcome::policy_word;
use term::field_names;
pub use tests::check_tests_file;
use text::text_params;
use ty::Ty;

/// Checks a parsed file. Returns the model when the file has no errors (parse errors included, as
/// signalled by `had_parse_errors`), and the diagnostics the checker found (capped as
/// [`crate::diag::cap`] says). A source over [`MAX_SOURCE_BYTES`] is not looked at: the parser reports it.
pub fn check(
    source: &str,
    file: &File,
    had_parse_errors: bool,
) -> (Option<Model>, Vec<Diagnostic>) {
    if source.len() > MAX_SOURCE_BYTES {
        return (None, Vec::new());
    }
    let index = LineIndex::new(source);
    let mut c = Checker::new(source, &index, file, had_parse_errors);
    let mut model = c.file(file);
    if let Some(m) = model.as_mut() {
        m.meta.hash = content_hash(source);
        m.line_starts = index
            .line_starts()
            .iter()
            .map(|&s| u32::try_from(s).unwrap_or(u32::MAX))
            .collect();
    }
    let failed = c.failed || had_parse_errors;
    (if failed { None } else { model }, cap(c.diags))
}

/// The items of a file sorted by kind, in order, for the passes that follow.
struct Items<'f> {
    meta: Option<Meta>,
    /// The header's `phases` line.
    used_in: Option<Vec<Ident>>,
    sections: Vec<SectionDef>,
    facts: Vec<(&'f ast::Fact, usize)>,
    outcomes: Vec<&'f ast::Outcome>,
    rules: Vec<&'f Item>,
    tests: Vec<&'f ast::Test>,
    params: Vec<&'f ast::Parameter>,
    handovers: Vec<&'f ast::Handover>,
}

struct Checker<'a> {
    index: &'a LineIndex<'a>,
    diags: Vec<Diagnostic>,
    failed: bool,
    /// Names that appear after an item keyword in the text (declared, maybe unparsable).
    declared_in_text: HashSet<String>,
    had_parse_errors: bool,
    /// The spans of the items, in order (they do not overlap).
    item_spans: Vec<Span>,
    /// Clauses written but not read: where their item starts, and their keyword.
    broken_clauses: HashSet<(u32, String)>,
    facts: Vec<FactDef>,
    fact_ids: HashMap<String, FactId>,
    params: Vec<ParamDef>,
    param_ids: HashMap<String, ParamId>,
    /// Every parameter's value by name, read before anything else, for `{name}` in texts.
    text_params: HashMap<String, Value>,
    /// Timelines whose fields are in scope (inside `where`), innermost last.
    scope: Vec<FactId>,
    parties: Vec<OptionDef>,
    phases: Vec<OptionDef>,
    override_reasons: Vec<OptionDef>,
    outcome_ids: HashMap<String, OutcomeId>,
    value_spans: HashMap<(OutcomeId, ValueId), Span>,
    uses_today: bool,
    /// Where each section, party, phase, reason, fact, parameter and outcome was first declared.
    first_declared: HashMap<(Decl, String), Span>,
    /// The outcomes' names in the order declared (for "did you mean").
    outcome_names: Vec<String>,
    /// The parameters' names in the order written (for "did you mean" in texts).
    param_names: Vec<String>,
    /// What is left for "did you mean": suggestions, and characters compared (see [`SUGGESTIONS`]).
    suggestions: Cell<(usize, usize)>,
}

/// The most "did you mean" suggestions one check looks for (no more diagnostics are shown), and the
/// most pairs of characters it compares for them: the work stays small on any text.
const SUGGESTIONS: (usize, usize) = (crate::limits::MAX_DIAGNOSTICS, 4_000_000);

impl<'a> Checker<'a> {
    fn new(
        source: &str,
        index: &'a LineIndex<'a>,
        file: &File,
        had_parse_errors: bool,
    ) -> Checker<'a> {
        let mut declared_in_text = HashSet::new();
        if had_parse_errors {
            let toks = lex(source).tokens;
            for w in toks.windows(2) {
                if let (Some(a), Some(b)) = (w.first(), w.get(1))
                    && let (Tok::Word(k), Tok::Word(n)) = (&a.tok, &b.tok)
                    && matches!(
                        k.as_str(),
                        "fact" | "outcome" | "rule" | "table" | "section"
                    )
                {
                    declared_in_text.insert(n.clone());
                }
            }
        }
        let item_spans: Vec<Span> = file.items.iter().map(|i| i.span).collect();
        let broken_clauses = file
            .broken_clauses
            .iter()
            .filter_map(|c| Some((item_around(&item_spans, c.span)?, c.value.clone())))
            .collect();
        Checker {
            index,
            diags: Vec::new(),
            failed: false,
            declared_in_text,
            had_parse_errors,
            item_spans,
            broken_clauses,
            facts: Vec::new(),
            fact_ids: HashMap::new(),
            params: Vec::new(),
            param_ids: HashMap::new(),
            text_params: text_params(file),
            scope: Vec::new(),
            parties: Vec::new(),
            phases: Vec::new(),
            override_reasons: Vec::new(),
            outcome_ids: HashMap::new(),
            value_spans: HashMap::new(),
            uses_today: false,
            first_declared: HashMap::new(),
            outcome_names: Vec::new(),
            param_names: file
                .items
                .iter()
                .filter_map(|i| match &i.kind {
                    ItemKind::Parameter(p) => Some(p.name.name.clone()),
                    _ => None,
                })
                .collect(),
            suggestions: Cell::new(SUGGESTIONS),
        }
    }

    fn err(&mut self, kind: DiagKind, span: Span) {
        if kind.severity() == crate::diag::Severity::Error {
            self.failed = true;
        }
        if let DiagKind::MissingClause { clauses, .. } = &kind
            && self.was_written(clauses, span)
        {
            // Written but unreadable: the parser has reported the mistake in it.
            return;
        }
        self.diags.push(Diagnostic::new(kind, span, self.index));
    }

    /// True when one of `clauses` was written in the item around `at` but could not be read.
    fn was_written(&self, clauses: &[String], at: Span) -> bool {
        let Some(item) = item_around(&self.item_spans, at) else {
            return false;
        };
        clauses
            .iter()
            .filter_map(|c| c.split_whitespace().next())
            .any(|kw| self.broken_clauses.contains(&(item, kw.to_string())))
    }

    /// A name among `names` close to `name` ("did you mean"), while the check's budget for them lasts.
    fn near<'n>(&self, name: &str, names: impl IntoIterator<Item = &'n str>) -> Option<String> {
        let (calls, mut cells) = self.suggestions.get();
        let calls = calls.checked_sub(1)?;
        let found = crate::diag::suggest_within(name, names, &mut cells);
        self.suggestions.set((calls, cells));
        found
    }

    /// A declared fact or parameter close to `name`.
    fn near_fact(&self, name: &str) -> Option<String> {
        let facts = self.facts.iter().map(|f| f.id.as_str());
        self.near(name, facts.chain(self.params.iter().map(|p| p.id.as_str())))
    }

    /// Reports `name` as an unknown fact (with a close fact or parameter, if any).
    fn unknown_fact(&mut self, name: &str, span: Span) {
        let suggestion = self.near_fact(name);
        let kind = DiagKind::UnknownFact {
            name: name.to_string(),
            suggestion,
        };
        self.unknown(kind, name, span);
    }

    /// The unknown outcome `name` (with a close outcome, if any).
    fn unknown_outcome_kind(&self, name: &str) -> DiagKind {
        DiagKind::UnknownOutcome {
            name: name.to_string(),
            suggestion: self.near(name, self.outcome_names.iter().map(String::as_str)),
        }
    }

    /// Records where `name` is declared as `what`, when it is the first.
    fn declared(&mut self, what: Decl, name: &Ident) {
        self.first_declared
            .entry((what, name.name.clone()))
            .or_insert(name.span);
    }

    /// Where `name` was first declared as `what`.
    fn first(&self, what: Decl, name: &str) -> Option<Span> {
        self.first_declared.get(&(what, name.to_string())).copied()
    }

    /// Reports `name` declared again as `what` (`E306`), pointing at the first declaration.
    fn duplicate(&mut self, name: &Ident, what: Decl, first: Option<Span>) {
        self.failed = true;
        let kind = DiagKind::Duplicate {
            name: name.name.clone(),
            what,
        };
        let mut d = Diagnostic::new(kind, name.span, self.index);
        if let Some(first) = first {
            d = d.with_related(RelatedKind::FirstDeclared, first, self.index);
        }
        self.diags.push(d);
    }

    /// Reports an unknown name unless its declaration failed to parse (already reported).
    fn unknown(&mut self, kind: DiagKind, name: &str, span: Span) {
        if self.had_parse_errors && self.declared_in_text.contains(name) {
            self.failed = true;
            return;
        }
        self.err(kind, span);
    }

    /// Runs the passes in order: the items sorted by kind (header, sections, parties and phases declared
    /// on the way), facts and parameters, `ask when`, outcomes, rules and tables, handovers, tests, and
    /// the warnings once there are no errors.
    fn file(&mut self, file: &File) -> Option<Model> {
        let mut items = self.items(file);
        self.check_used_in(items.used_in.as_deref().unwrap_or_default());
        self.declare_facts(&items.facts, &mut items.sections);
        for p in &items.params {
            self.declare_param(p);
        }
        let ask_order = self.ask_whens(&items.facts);
        let outcomes = self.outcomes(&items.outcomes);
        let mut rule_names = HashMap::new();
        let mut rules = self.rules_and_tables(&items.rules, &outcomes, &mut rule_names);
        let handovers = self.handovers(&items.handovers, &outcomes, &mut rules, &mut rule_names);
        let Some(meta) = items.meta.take() else {
            self.failed = true;
            return None;
        };
        let mut model = Model {
            meta,
            sections: std::mem::take(&mut items.sections),
            facts: std::mem::take(&mut self.facts),
            parameters: std::mem::take(&mut self.params),
            parties: std::mem::take(&mut self.parties),
            phases: std::mem::take(&mut self.phases),
            used_in: items
                .used_in
                .as_ref()
                .map(|u| u.iter().map(|n| n.name.clone()).collect()),
            used_in_spans: items.used_in.iter().flatten().map(|n| n.span).collect(),
            override_reasons: std::mem::take(&mut self.override_reasons),
            handovers,
            ask_order,
            outcomes,
            rules,
            tests: Vec::new(),
            uses_today: self.uses_today,
            line_starts: Vec::new(),
        };
        let mut names = HashSet::new();
        for t in &items.tests {
            if let Some(td) = self.test(&model, t, &mut names) {
                model.tests.push(td);
            }
        }
        // Unused facts, values and parameters are only worth saying once the rules are free of errors: a
        // rule dropped for an error would otherwise make its facts and values look unused.
        if !self.failed && !self.had_parse_errors {
            self.warnings(&model, &items.facts);
            self.param_warnings(&model, &items.params);
        }
        Some(model)
    }
}

/// Where the item around `at` starts, found in the items' spans (in order, not overlapping).
fn item_around(spans: &[Span], at: Span) -> Option<u32> {
    let k = spans.partition_point(|s| s.start <= at.start);
    let s = spans.get(k.checked_sub(1)?)?;
    s.contains(at).then_some(s.start)
}
