//! The case check: where the rulesets of one case disagree.

use std::collections::HashMap;

use serde::Serialize;

use super::phase_fact;
use crate::ast::Span;
use crate::diag::{DiagKind, Diagnostic, LineIndex, Related, suggest};
use crate::model::{FactDef, FactType, Model, OptionDef};

/// A diagnostic of the case check, in the ruleset it is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseDiagnostic {
    /// The index of the ruleset (in the order given) whose source the diagnostic's place is in.
    pub ruleset: usize,
    /// The index of the ruleset its `related` places are in (left out when it has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_ruleset: Option<usize>,
    /// The diagnostic; its `related` places are in another ruleset of the case, which their messages name.
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
}

impl CaseDiagnostic {
    /// A ruleset's own diagnostic (from compiling it), in ruleset `ruleset`.
    pub fn own(ruleset: usize, diagnostic: Diagnostic) -> CaseDiagnostic {
        CaseDiagnostic {
            ruleset,
            related_ruleset: None,
            diagnostic,
        }
    }
}

/// Checks the rulesets of one case, in order, each with its source text: a shared question (the same
/// fact id) with another type (`E601`), other options, bounds, levels or fields (`E602`) or other words
/// (`W601`); a phase in a `phases` line that no ruleset of the case declares (`E603`); two rulesets that
/// declare different phases (`E604`); a second phase question (`W602`). Each diagnostic is placed in the
/// later ruleset and points at the earlier one.
pub fn check(rulesets: &[(&Model, &str)]) -> Vec<CaseDiagnostic> {
    let mut c = Checker {
        rulesets,
        indexes: rulesets.iter().map(|(_, s)| LineIndex::new(s)).collect(),
        out: Vec::new(),
    };
    c.shared_facts();
    c.phases_used();
    c.phase_lists();
    c.phase_facts();
    c.out
}

struct Checker<'a> {
    rulesets: &'a [(&'a Model, &'a str)],
    indexes: Vec<LineIndex<'a>>,
    out: Vec<CaseDiagnostic>,
}

/// A place in a ruleset of the case: its index and a span.
type Place = (usize, Span);

impl Checker<'_> {
    fn id(&self, i: usize) -> String {
        self.rulesets
            .get(i)
            .map_or_else(String::new, |(m, _)| m.meta.id.clone())
    }

    /// Adds `kind` at `at`, with a related place in another ruleset.
    fn push(&mut self, kind: DiagKind, at: Place, other: Option<Place>) {
        let Some(index) = self.indexes.get(at.0) else {
            return;
        };
        let mut d = Diagnostic::new(kind, at.1, index);
        let mut related_ruleset = None;
        if let Some((j, span)) = other
            && let Some(idx) = self.indexes.get(j)
        {
            d.related.push(related(&self.id(j), span, idx));
            related_ruleset = Some(j);
        }
        self.out.push(CaseDiagnostic {
            ruleset: at.0,
            related_ruleset,
            diagnostic: d,
        });
    }

    /// Every fact compared with the first fact of the same id in an earlier ruleset.
    fn shared_facts(&mut self) {
        let mut first: HashMap<&str, (usize, &FactDef)> = HashMap::new();
        for (i, (m, _)) in self.rulesets.iter().enumerate() {
            for f in &m.facts {
                match first.get(f.id.as_str()) {
                    Some(&(j, g)) => self.compare(i, f, j, g),
                    None => {
                        first.insert(&f.id, (i, f));
                    }
                }
            }
        }
    }

    /// Fact `f` of ruleset `i` against fact `g` of the same id in ruleset `j`.
    fn compare(&mut self, i: usize, f: &FactDef, j: usize, g: &FactDef) {
        let (here, other, fact) = (self.id(i), self.id(j), f.id.clone());
        let kind = if type_word(&f.ty) != type_word(&g.ty) {
            DiagKind::CaseFactType {
                fact,
                here,
                ty: type_word(&f.ty),
                other,
                other_ty: type_word(&g.ty),
            }
        } else if shape(&f.ty) != shape(&g.ty) {
            if self.is_phase_fact(i, f) && self.is_phase_fact(j, g) {
                return; // other phases: `E604` says so
            }
            DiagKind::CaseFactDetails { fact, here, other }
        } else if f.label != g.label || f.help != g.help || f.ty != g.ty {
            DiagKind::CaseLabelDiffers { fact, here, other }
        } else {
            return;
        };
        self.push(kind, (i, f.span), Some((j, g.span)));
    }

    /// True when `f` is the phase question of ruleset `i`.
    fn is_phase_fact(&self, i: usize, f: &FactDef) -> bool {
        self.rulesets
            .get(i)
            .and_then(|(m, _)| phase_fact(m))
            .is_some_and(|p| p.id == f.id)
    }

    /// The phases of the case: those of the first ruleset that declares any.
    fn declared(&self) -> Option<(usize, &[OptionDef])> {
        self.rulesets
            .iter()
            .enumerate()
            .find(|(_, (m, _))| !m.phases.is_empty())
            .map(|(i, (m, _))| (i, m.phases.as_slice()))
    }

    /// A `phases` line in a ruleset without phases of its own names only phases of the case.
    fn phases_used(&mut self) {
        let declared: Vec<String> = self
            .declared()
            .map(|(_, p)| p.iter().map(|o| o.id.clone()).collect())
            .unwrap_or_default();
        let mut found = Vec::new();
        for (i, (m, _)) in self.rulesets.iter().enumerate() {
            if !m.phases.is_empty() {
                continue; // the ruleset's own check compared them
            }
            let spans = m.used_in_spans.iter().copied();
            for (u, span) in m.used_in.iter().flatten().zip(spans) {
                if !declared.contains(u) {
                    let suggestion = suggest(u, declared.iter().map(String::as_str));
                    let name = u.clone();
                    found.push((DiagKind::CaseUnknownPhase { name, suggestion }, (i, span)));
                }
            }
        }
        for (kind, at) in found {
            self.push(kind, at, None);
        }
    }

    /// Every ruleset that declares phases declares the same ones as the first.
    fn phase_lists(&mut self) {
        let Some((first, phases)) = self.declared() else {
            return;
        };
        let phases = phases.to_vec();
        let first_at = (first, self.phase_place(first));
        for i in first + 1..self.rulesets.len() {
            let Some((m, _)) = self.rulesets.get(i) else {
                continue;
            };
            if !m.phases.is_empty() && m.phases != phases {
                let kind = DiagKind::CasePhasesDiffer {
                    here: self.id(i),
                    other: self.id(first),
                };
                self.push(kind, (i, self.phase_place(i)), Some(first_at));
            }
        }
    }

    /// Where ruleset `i`'s phases show: its phase question, else the start of the file.
    fn phase_place(&self, i: usize) -> Span {
        self.rulesets
            .get(i)
            .and_then(|(m, _)| phase_fact(m))
            .map_or(Span::new(0, 0), |f| f.span)
    }

    /// A second phase question with another id than the first.
    fn phase_facts(&mut self) {
        let mut first: Option<(usize, &FactDef)> = None;
        for (i, (m, _)) in self.rulesets.iter().enumerate() {
            let Some(f) = phase_fact(m) else { continue };
            match first {
                None => first = Some((i, f)),
                Some((j, g)) if g.id != f.id => {
                    let kind = DiagKind::CasePhaseFacts {
                        fact: f.id.clone(),
                        first: g.id.clone(),
                    };
                    self.push(kind, (i, f.span), Some((j, g.span)));
                }
                Some(_) => {}
            }
        }
    }
}

/// A related place in ruleset `ruleset`: "in triage op 12:3".
fn related(ruleset: &str, span: Span, index: &LineIndex) -> Related {
    Related::worded(span, index, |at| {
        (
            format!("in {ruleset} op {at}"),
            format!("in {ruleset} at {at}"),
        )
    })
}

/// The type's keyword: `bool`, `choice`, `int`, `scale`, `date`, `timeline`.
fn type_word(ty: &FactType) -> &'static str {
    match ty {
        FactType::Bool => "bool",
        FactType::Choice { .. } => "choice",
        FactType::Int { .. } => "int",
        FactType::Scale { .. } => "scale",
        FactType::Date => "date",
        FactType::Timeline { .. } => "timeline",
    }
}

/// What answers a type takes, without its words: the options' ids, the bounds, the levels, the fields.
fn shape(ty: &FactType) -> String {
    match ty {
        FactType::Choice { options } => {
            let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
            format!("choice {}", ids.join(","))
        }
        FactType::Int { min, max } => format!("int {}..{}", bound(*min), bound(*max)),
        FactType::Scale { min, max, levels } => {
            let ids: Vec<String> = levels.iter().map(|(l, _)| l.to_string()).collect();
            format!("scale {min}..{max} {}", ids.join(","))
        }
        FactType::Timeline { fields } => {
            let f: Vec<String> = fields
                .iter()
                .map(|f| format!("{}: {}", f.id, shape(&f.ty)))
                .collect();
            format!("timeline ({})", f.join("; "))
        }
        other => type_word(other).to_string(),
    }
}

/// A bound in [`shape`]: the number, or nothing.
fn bound(n: Option<i64>) -> String {
    n.map_or_else(String::new, |n| n.to_string())
}
