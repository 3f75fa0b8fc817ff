//! `A203`: a collect value that comes from a rule whose single-value outcome lost.
//!
//! A rule such as "zorgmijder: route = bemoeizorg, acties = inzet_bemoeizorg" adds its action even
//! when a rule with a higher priority decides the route, unless the collect outcome `follows` the
//! route. For every collect outcome and every priority or unique outcome it does not follow, this
//! searches, per rule that sets both, for answers where the rule surely fires, its collect values count
//! (for the outcomes the collect outcome does follow, the rule's values are their results) and its value
//! for the single-value outcome surely lost.

use crate::analysis::analyzer::{Analyzer, mark_alive, when_text};
use crate::analysis::finding::FindingKind;
use crate::analysis::space::{Cand, Found, Need, Space, Verdict};
use crate::ast::Policy;
use crate::eval::Probe;
use crate::model::{FactId, Model, OutcomeDef, RuleDef, Text, ValueId};

/// `A203` for every collect outcome, single-value outcome it does not follow, and rule setting both.
pub(super) fn check(a: &mut Analyzer<'_>, space: &mut Space<'_>) {
    a.lost_values(space);
}

/// A single-value outcome's result read from rule states: settled (its values: one, several in a
/// conflict, none when undecided) or open (the open questions of the rules that could change it).
enum Result {
    Settled(Vec<ValueId>, Vec<usize>),
    Open(Vec<FactId>),
}

/// The rules giving outcome `oid`: (rule, (priority, rank), value). `unique` ranks every rule equally.
fn ladder(model: &Model, oid: usize) -> Vec<(usize, (i64, i64), ValueId)> {
    let unique = model
        .outcomes
        .get(oid)
        .is_some_and(|o| o.policy == Policy::Unique);
    model
        .rules
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let (_, v) = r.assigns.iter().find(|(o, _)| *o == oid)?;
            let key = if unique { (0, 0) } else { (r.priority, r.rank) };
            Some((i, key, *v))
        })
        .collect()
}

/// The result of an outcome with rules `ladder` in probe `p`, and the rules that decide it.
fn result(p: &Probe, ladder: &[(usize, (i64, i64), ValueId)]) -> Result {
    let state = |r: usize| {
        p.rules
            .get(r)
            .map_or((None, &[][..]), |(n, d)| (*n, &d[..]))
    };
    let top = ladder
        .iter()
        .filter(|(r, _, _)| matches!(state(*r), (Some(true), d) if d.is_empty()))
        .map(|(_, k, _)| *k)
        .max();
    let mut open = Vec::new();
    for (r, k, _) in ladder {
        let (_, deps) = state(*r);
        if !deps.is_empty() && top.is_none_or(|t| *k >= t) {
            open.extend_from_slice(deps);
        }
    }
    if !open.is_empty() {
        return Result::Open(open);
    }
    let mut values = Vec::new();
    let mut rules = Vec::new();
    for (r, k, v) in ladder {
        if Some(*k) == top && state(*r).0 == Some(true) {
            rules.push(*r);
            if !values.contains(v) {
                values.push(*v);
            }
        }
    }
    Result::Settled(values, rules)
}

/// What a witness of `A203` found: the outcome's values and the rules that won it.
type Won = (Vec<ValueId>, Vec<usize>);

impl Analyzer<'_> {
    /// `A203` for every collect outcome, single-value outcome it does not follow, and rule setting both.
    fn lost_values(&mut self, space: &mut Space) {
        let model = self.model;
        for (cid, c) in model.outcomes.iter().enumerate() {
            if c.policy != Policy::Collect {
                continue;
            }
            for (oid, o) in model.outcomes.iter().enumerate() {
                if !matches!(o.policy, Policy::Priority | Policy::Unique)
                    || c.follows.contains(&oid)
                {
                    continue;
                }
                for (ri, r) in model.rules.iter().enumerate() {
                    let sets = |x: usize| r.assigns.iter().any(|(o, _)| *o == x);
                    if sets(cid) && sets(oid) && !self.loss_hides_values(c, oid, ri) {
                        self.lost_value(space, cid, oid, ri);
                    }
                }
            }
        }
    }

    /// True when the rule's collect values can never count while its value for `oid` lost, by the rule
    /// priorities alone (no search needed): every rule that can beat it on `oid` with another value also
    /// sets an outcome the collect outcome follows and that this rule sets, where no rule ranked above
    /// this one gives this rule's value. When such a rule fires, that outcome's result comes from rules
    /// ranked above this one, none with this rule's value, so this rule's collect values do not count.
    fn loss_hides_values(&self, c: &OutcomeDef, oid: usize, ri: usize) -> bool {
        let model = self.model;
        let Some(rule) = model.rules.get(ri) else {
            return false;
        };
        let key = (rule.priority, rule.rank);
        let mine = |x: usize| rule.assigns.iter().find(|(o, _)| *o == x).map(|(_, v)| *v);
        let Some(v) = mine(oid) else { return false };
        // Followed outcomes (priority only) where no rule above this one gives this rule's value.
        let guarded: Vec<usize> = c
            .follows
            .iter()
            .copied()
            .filter(|&f| {
                let Some(fv) = mine(f) else { return false };
                model
                    .outcomes
                    .get(f)
                    .is_some_and(|o| o.policy == Policy::Priority)
                    && !model
                        .rules
                        .iter()
                        .any(|g| (g.priority, g.rank) > key && g.assigns.contains(&(f, fv)))
            })
            .collect();
        let unique = model
            .outcomes
            .get(oid)
            .is_some_and(|o| o.policy == Policy::Unique);
        !unique
            && model.rules.iter().all(|h| {
                let beats = (h.priority, h.rank) > key
                    && h.assigns.iter().any(|(o, hv)| *o == oid && *hv != v);
                !beats || h.assigns.iter().any(|(o, _)| guarded.contains(o))
            })
    }

    /// One search: rule `ri` fires, its values for collect outcome `cid` count, its value for `oid` lost.
    fn lost_value(&mut self, space: &mut Space, cid: usize, oid: usize, ri: usize) {
        let model = self.model;
        let (Some(c), Some(o), Some(rule)) = (
            model.outcomes.get(cid),
            model.outcomes.get(oid),
            model.rules.get(ri),
        ) else {
            return;
        };
        let Some(v) = value_of(rule, oid) else { return };
        let (found, won, complete) = search(model, space, c, oid, ri, v);
        if !complete {
            self.unsettled("A203", &format!("{} ({}, {})", rule.id, c.id, o.id));
        }
        let (Some(f), Some((vals, by))) = (found.first(), won.first()) else {
            return;
        };
        let winners: Vec<String> = by
            .iter()
            .filter_map(|&w| model.rules.get(w).map(|r| r.id.clone()))
            .collect();
        let lost = Lost {
            rule,
            cid,
            oid,
            v,
            vals,
            winners: &winners,
            leads: self.other_leads(ri, oid, by),
        };
        let when = when_text(space, &f.chosen);
        let message = Text {
            nl: lost.text(model, "nl", &when.nl),
            en: lost.text(model, "en", &when.en),
        };
        let kind = FindingKind::LostValue {
            rule: rule.id.clone(),
            outcome: c.id.clone(),
            lost: o.id.clone(),
            to: winners.clone(),
        };
        mark_alive(space, f);
        self.push(
            space,
            "A203",
            kind,
            rule.span,
            message,
            Some(f),
            complete,
            &[],
        );
    }

    /// Other single-value outcomes (besides `oid`) where rule `ri` names a different value than the
    /// winning rules `by`: (outcome, its value, the winner's value).
    fn other_leads(&self, ri: usize, oid: usize, by: &[usize]) -> Vec<(usize, ValueId, ValueId)> {
        let model = self.model;
        let Some(rule) = model.rules.get(ri) else {
            return Vec::new();
        };
        rule.assigns
            .iter()
            .filter(|(l, _)| {
                *l != oid
                    && model
                        .outcomes
                        .get(*l)
                        .is_some_and(|x| matches!(x.policy, Policy::Priority | Policy::Unique))
            })
            .filter_map(|(l, mv)| {
                let wv = by.iter().find_map(|&w| {
                    model
                        .rules
                        .get(w)?
                        .assigns
                        .iter()
                        .find(|(x, _)| x == l)
                        .map(|(_, v)| *v)
                })?;
                (wv != *mv).then_some((*l, *mv, wv))
            })
            .collect()
    }
}

/// Rule `rule`'s value for outcome `x`.
fn value_of(rule: &RuleDef, x: usize) -> Option<ValueId> {
    rule.assigns.iter().find(|(o, _)| *o == x).map(|(_, v)| *v)
}

/// The search of [`Analyzer::lost_value`]: answers where rule `ri` surely fires, its value `v` for `oid`
/// surely lost, and its values for each outcome collect outcome `c` follows surely won. Returns the
/// witness (at most one), what won there, and whether the search was complete.
fn search(
    model: &Model,
    space: &mut Space,
    c: &OutcomeDef,
    oid: usize,
    ri: usize,
    v: ValueId,
) -> (Vec<Found>, Vec<Won>, bool) {
    let Some(rule) = model.rules.get(ri) else {
        return (Vec::new(), Vec::new(), true);
    };
    // The outcome that may be lost, then the followed outcomes the rule sets (its value must win).
    let mut checks: Vec<(usize, ValueId, bool)> = vec![(oid, v, false)];
    checks.extend(
        c.follows
            .iter()
            .filter_map(|&f| value_of(rule, f).map(|fv| (f, fv, true))),
    );
    let ladders: Vec<_> = checks.iter().map(|(x, _, _)| ladder(model, *x)).collect();
    let mut rules: Vec<usize> = ladders.iter().flatten().map(|(r, _, _)| *r).collect();
    rules.sort_unstable();
    rules.dedup();
    let mut won: Vec<Won> = Vec::new();
    let mut q = |p: &[Probe], _: &[Option<usize>]| {
        let Some(p0) = p.first() else {
            return Verdict::Prune;
        };
        let Some((now, deps)) = p0.rules.get(ri) else {
            return Verdict::Prune;
        };
        if deps.is_empty() && *now != Some(true) {
            return Verdict::Prune;
        }
        let mut open = Vec::new();
        Cand::of_rule(0, deps, &mut open);
        let mut first: Option<Won> = None;
        for ((_, val, must_hold), l) in checks.iter().zip(&ladders) {
            match result(p0, l) {
                Result::Open(d) => Cand::of_rule(0, &d, &mut open),
                Result::Settled(vals, by) => {
                    if vals.contains(val) != *must_hold {
                        return Verdict::Prune;
                    }
                    first.get_or_insert((vals, by));
                }
            }
        }
        match (open.is_empty(), first) {
            (true, Some(w)) => {
                won.push(w);
                Verdict::Witness
            }
            (true, None) => Verdict::Prune,
            (false, _) => Verdict::Branch(open),
        }
    };
    let (found, complete) = space.search(&mut q, 1, &[], Need::rules(rules, Vec::new()));
    (found, won, complete)
}

/// What a witness of `A203` shows, for its message.
struct Lost<'a> {
    rule: &'a RuleDef,
    /// The collect outcome.
    cid: usize,
    /// The single-value outcome, and the rule's value for it.
    oid: usize,
    v: ValueId,
    /// The values that won it, and the rules that gave them.
    vals: &'a [ValueId],
    winners: &'a [String],
    /// Other single-value outcomes where the rule and the winners differ (see `other_leads`).
    leads: Vec<(usize, ValueId, ValueId)>,
}

impl Lost<'_> {
    /// The message in `lang` (`"en"` or Dutch), with `when` in that language.
    fn text(&self, model: &Model, lang: &str, when: &str) -> String {
        let label = |oid: usize, vs: &[ValueId]| -> String {
            let out = model.outcomes.get(oid);
            let names: Vec<String> = vs
                .iter()
                .filter_map(|v| out.and_then(|o| o.values.get(*v)))
                .map(|d| format!("'{}'", d.label.get(lang)))
                .collect();
            names.join(" / ")
        };
        let (cid, oid) = (self.cid, self.oid);
        let collect_vals: Vec<ValueId> = self
            .rule
            .assigns
            .iter()
            .filter(|(x, _)| *x == cid)
            .map(|(_, v)| *v)
            .collect();
        let id = |x: usize| model.outcomes.get(x).map_or("", |o| o.id.as_str());
        let (c, o, rule) = (id(cid), id(oid), &self.rule.id);
        let (acts, lost, won) = (
            label(cid, &collect_vals),
            label(oid, &[self.v]),
            label(oid, self.vals),
        );
        let leads: Vec<String> = self
            .leads
            .iter()
            .map(|(l, mv, wv)| {
                let (m, w) = (label(*l, &[*mv]), label(*l, &[*wv]));
                let name = id(*l);
                if lang == "en" {
                    format!(" It also names {m} for '{name}', while the rule that won names {w}: two parties sent to one door.")
                } else {
                    format!(" Hij noemt ook {m} voor '{name}', terwijl de regel die won {w} noemt: twee partijen naar één deur.")
                }
            })
            .collect();
        let (winners, leads) = (self.winners.join(", "), leads.concat());
        if lang == "en" {
            format!(
                "Rule '{rule}' adds {acts} to '{c}' while its value {lost} for '{o}' lost to {won} ({winners}) when {when}; let '{c}' follow '{o}' (`follows {o}`) or exclude the case in the rule.{leads}"
            )
        } else {
            format!(
                "Regel '{rule}' voegt {acts} toe aan '{c}' terwijl zijn waarde {lost} voor '{o}' verloor van {won} ({winners}) als {when}; laat '{c}' '{o}' volgen (`follows {o}`) of sluit het geval uit in de regel.{leads}"
            )
        }
    }
}
