//! Signatures: texts that are equal for two rules or outcomes (in two versions) only when they decide
//! the same for the same answers.

use crate::analysis::analyzer::all_facts;
use crate::analysis::space::closure;
use crate::ast::Policy;
use crate::model::{Cond, Model};

/// What decides how an outcome combines its rules: policy, fallback and values (by id).
pub(super) fn outcome_sig(model: &Model, oid: usize) -> String {
    let Some(o) = model.outcomes.get(oid) else {
        return String::new();
    };
    let values: Vec<&str> = o.values.iter().map(|v| v.id.as_str()).collect();
    let fallback = match &o.fallback {
        crate::model::FallbackDef::Required => "required".to_string(),
        crate::model::FallbackDef::Default { value, .. } => {
            format!(
                "default {}",
                o.values.get(*value).map_or("", |v| v.id.as_str())
            )
        }
    };
    let policy = match o.policy {
        Policy::Priority => "priority",
        Policy::Unique => "unique",
        Policy::Collect => "collect",
        Policy::Deadline => "deadline",
    };
    let follows: Vec<String> = o
        .follows
        .iter()
        .filter_map(|&f| {
            let d = model.outcomes.get(f)?;
            let vals: Vec<&str> = d.values.iter().map(|v| v.id.as_str()).collect();
            Some(format!("{}[{}]", d.id, vals.join(",")))
        })
        .collect();
    format!(
        "{policy} {fallback} [{}] follows {}",
        values.join(","),
        follows.join(";")
    )
}

/// The rules that decide outcome `oid` with their signatures: its own rules and, when it `follows`
/// outcomes, theirs too (one signature per rule, over every one of these outcomes it gives a value).
pub(super) fn deciding_sigs(model: &Model, oid: usize) -> Vec<(usize, String)> {
    let Some(o) = model.outcomes.get(oid) else {
        return Vec::new();
    };
    if o.follows.is_empty() {
        return giving_sigs(model, oid);
    }
    let mut all: Vec<(usize, String)> = Vec::new();
    for x in std::iter::once(oid).chain(o.follows.iter().copied()) {
        let id = model.outcomes.get(x).map_or("", |d| d.id.as_str());
        for (r, sig) in giving_sigs(model, x) {
            match all.iter_mut().find(|(i, _)| *i == r) {
                Some((_, s)) => s.push_str(&format!(" || {id}: {sig}")),
                None => all.push((r, format!("{id}: {sig}"))),
            }
        }
    }
    all.sort_by_key(|(r, _)| *r);
    all
}

// The signatures below are written out by hand, never with Debug formatting: the wasm bundles are built with
// `-Zfmt-debug=none`, which makes every Debug text empty, so two different rules would look the same there.

/// A value as a signature text (choices by index: both sides compare within one outcome or fact).
pub(super) fn value_sig(v: &crate::model::Value) -> String {
    match v {
        crate::model::Value::Bool(b) => format!("b{b}"),
        crate::model::Value::Int(n) => format!("i{n}"),
        crate::model::Value::Date(d) => format!("d{d}"),
        crate::model::Value::Choice(c) => format!("c{c}"),
    }
}

/// What decides how a question's answers are read: its type with options, bounds, levels and fields.
pub(super) fn type_sig(ty: &crate::model::FactType) -> String {
    use crate::model::FactType;
    let bound = |b: &Option<i64>| b.map_or_else(String::new, |n| n.to_string());
    match ty {
        FactType::Bool => "bool".to_string(),
        FactType::Choice { options } => {
            let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
            format!("choice({})", ids.join(","))
        }
        FactType::Int { min, max } => format!("int({}..{})", bound(min), bound(max)),
        FactType::Scale { min, max, .. } => format!("scale({min}..{max})"),
        FactType::Date => "date".to_string(),
        FactType::Timeline { fields } => {
            let fs: Vec<String> = fields
                .iter()
                .map(|f| format!("{}={}", f.id, type_sig(&f.ty)))
                .collect();
            format!("timeline({})", fs.join(","))
        }
    }
}

/// The rules that give an outcome, each with a text that is equal for two rules (in two versions) only
/// when they fire for the same answers and give the same: condition text, priority and rank, the values
/// for this outcome, the parameters' values, and the definitions of the questions read (with their
/// `ask when`s, and the questions those read).
pub(super) fn giving_sigs(model: &Model, oid: usize) -> Vec<(usize, String)> {
    model
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.assigns.iter().any(|(o, _)| *o == oid) || r.deadlines.iter().any(|d| d.outcome == oid)
        })
        .map(|(i, r)| {
            let out = model.outcomes.get(oid);
            let mut vals: Vec<&str> = r
                .assigns
                .iter()
                .filter(|(o, _)| *o == oid)
                .filter_map(|(_, v)| out.and_then(|o| o.values.get(*v)).map(|v| v.id.as_str()))
                .collect();
            vals.sort_unstable();
            let dates: Vec<&str> = r
                .deadlines
                .iter()
                .filter(|d| d.outcome == oid)
                .map(|d| d.text.as_str())
                .collect();
            let mut params = Vec::new();
            cond_params(&r.cond, &mut params);
            for d in r.deadlines.iter().filter(|d| d.outcome == oid) {
                term_params(&d.date, &mut params);
            }
            let params: Vec<String> = params
                .iter()
                .filter_map(|p| {
                    model
                        .parameters
                        .get(*p)
                        .map(|d| format!("{}={}", d.id, value_sig(&d.value)))
                })
                .collect();
            let mut facts = all_facts(&r.cond);
            for d in r.deadlines.iter().filter(|d| d.outcome == oid) {
                facts.extend(d.facts.iter().copied());
            }
            let facts: Vec<String> = closure(model, &facts)
                .iter()
                .filter_map(|f| model.facts.get(*f))
                .map(|d| {
                    format!(
                        "{}:{}:{}",
                        d.id,
                        type_sig(&d.ty),
                        d.ask_when_text.as_deref().unwrap_or("")
                    )
                })
                .collect();
            (
                i,
                format!(
                    "{} | {} {} | {} | {} | {} | {}",
                    r.cond_text,
                    r.priority,
                    r.rank,
                    vals.join(","),
                    dates.join(","),
                    params.join(","),
                    facts.join(";")
                ),
            )
        })
        .collect()
}

/// The parameters a condition reads, in order of appearance without repeats.
pub(super) fn cond_params(c: &Cond, out: &mut Vec<crate::model::ParamId>) {
    crate::walk::cond(
        c,
        &mut crate::walk::params(|p| crate::walk::push_new(out, p)),
    );
}

/// The parameters a term reads, appended to `out` without repeats.
pub(super) fn term_params(t: &crate::model::Term, out: &mut Vec<crate::model::ParamId>) {
    crate::walk::term(
        t,
        &mut crate::walk::params(|p| crate::walk::push_new(out, p)),
    );
}
