//! What the checks share: the findings and unsettled checks gathered so far, and how a finding is
//! added (with its place and exactness), and the words and answers the messages are made of.

use super::Options;
use super::example::example_of;
use super::finding::{Finding, FindingKind, Unchecked};
use super::space::{Found, Space};
use crate::ast::Span;
use crate::diag::{LineCol, Severity};
use crate::model::{Cond, Model, Pred, RuleOrigin, Text};

/// The state of one analysis, shared by its checks.
pub(super) struct Analyzer<'m> {
    /// The ruleset analysed.
    pub(super) model: &'m Model,
    /// How far to search.
    pub(super) options: &'m Options,
    /// The findings so far.
    pub(super) findings: Vec<Finding>,
    /// The checks the budget stopped so far.
    pub(super) unchecked: Vec<Unchecked>,
}

impl Analyzer<'_> {
    /// Notes a search that the budget stopped before it was done: more findings of this kind (gaps,
    /// conflicts, ping-pong) may exist than were reported.
    pub(super) fn unsettled(&mut self, code: &'static str, subject: &str) {
        let u = Unchecked {
            code,
            subject: subject.to_string(),
        };
        if !self.unchecked.contains(&u) {
            self.unchecked.push(u);
        }
    }

    /// Adds a finding at `at` (the declaration it is about: its first line is shown). One with an
    /// example is shown by it (exact); one about something never happening is exact when its search was
    /// complete and the facts it reads were not approximated. One about something never happening whose
    /// search ran out of budget is no finding: it is listed as unchecked.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn push(
        &mut self,
        space: &Space,
        code: &'static str,
        kind: FindingKind,
        at: Span,
        message: Text,
        example: Option<&Found>,
        complete: bool,
        reads: &[crate::model::FactId],
    ) {
        if example.is_none() && !complete {
            // "Never" could not be shown within the budget: not a finding, but said.
            self.unsettled(code, &kind.subject());
            return;
        }
        let (span, start, end) = place(self.model, at);
        let approximated = space
            .map_facts(0, reads)
            .iter()
            .any(|at| space.approximated.contains(at));
        self.findings.push(Finding {
            code,
            severity: if matches!(kind, FindingKind::Gap { .. } | FindingKind::Conflict { .. }) {
                Severity::Error
            } else {
                Severity::Warning
            },
            kind,
            line: start.line,
            column: start.column,
            span,
            start,
            end,
            message,
            example: example.map(|f| example_of(space, f)),
            exact: example.is_some() || (complete && !approximated),
        });
    }
}

/// Evaluates a witness's full answers, so that the rules firing there count as alive ([`Space::fired`])
/// and need no search of their own.
pub(super) fn mark_alive(space: &mut Space, found: &Found) {
    // Past the budget, leave it to the rule's own search (which then ends as incomplete).
    if space.spent() {
        return;
    }
    let node = space.node_of(&found.full);
    space.probe_all(&node);
}

/// "Regel" or "Tabelrij" / "Rule" or "Table row" for messages.
pub(super) fn rule_words(rule: &crate::model::RuleDef) -> Text {
    match &rule.origin {
        RuleOrigin::Row { .. } => Text {
            nl: "Tabelrij".into(),
            en: "Table row".into(),
        },
        RuleOrigin::Handover { .. } => Text {
            nl: "Overdracht".into(),
            en: "Handover".into(),
        },
        RuleOrigin::Rule => Text {
            nl: "Regel".into(),
            en: "Rule".into(),
        },
    }
}

/// The facts a condition reads for their value (not `is answered` / `is unknown`), in order of
/// appearance without repeats: each atom's facts as the checker recorded them, and those of the
/// conditions nested in a test (not those inside a term).
pub(super) fn read_facts(c: &Cond, out: &mut Vec<crate::model::FactId>) {
    use crate::walk::{Node, Step, push_new};
    crate::walk::cond(c, &mut |n| match n {
        Node::Cond(Cond::Atom(a)) => match &a.pred {
            Pred::Answered { .. } | Pred::Known { .. } => Step::Over,
            Pred::Nested(_) => Step::Into,
            _ => {
                a.facts.iter().for_each(|f| push_new(out, *f));
                Step::Over
            }
        },
        _ => Step::Into,
    });
}

/// Every fact a condition mentions.
pub(super) fn all_facts(c: &Cond) -> Vec<crate::model::FactId> {
    let mut out = Vec::new();
    crate::walk::cond_facts(c, &mut out);
    out
}

/// Line and column (1-based; the column in bytes) of a byte offset.
fn line_col(model: &Model, at: u32) -> LineCol {
    let line = model.line_of(at);
    let start = usize::try_from(line.saturating_sub(1))
        .ok()
        .and_then(|i| model.line_starts.get(i))
        .copied()
        .unwrap_or(0);
    LineCol {
        line,
        column: at.saturating_sub(start) + 1,
    }
}

/// The place of a finding about the declaration at `at`: its first line (a rule's span holds the whole
/// rule; its first line names it), with the line and column of both ends.
fn place(model: &Model, at: Span) -> (Span, LineCol, LineCol) {
    let start = line_col(model, at.start);
    let line_end = usize::try_from(start.line)
        .ok()
        .and_then(|next| model.line_starts.get(next))
        .map_or(at.end, |next| next.saturating_sub(1));
    let span = Span {
        start: at.start,
        end: at.end.min(line_end).max(at.start),
    };
    (span, start, line_col(model, span.end))
}

/// "a = ja en b = dakloos" / "a = yes and b = dakloos"; "altijd" / "always" when nothing was chosen.
pub(super) fn when_text(space: &Space, chosen: &[(usize, usize)]) -> Text {
    if chosen.is_empty() {
        return Text {
            nl: "welke antwoorden ook".into(),
            en: "whatever the answers".into(),
        };
    }
    let parts: Vec<String> = chosen
        .iter()
        .map(|&(at, r)| space.condition(at, r))
        .collect();
    Text {
        nl: parts.join(" en "),
        en: parts.join(" and "),
    }
}
