//! The diff in the author's words (issue 24): one change in the rules gives one finding per change of an
//! outcome (the same old and new state), its regions merged where they differ in one question (adjacent
//! ranges of a number become one range), said with question, option and value labels, never ids,
//! `true`/`false` or operators. A diff of a version with itself is empty, and a change and its inverse
//! give the same situations with old and new swapped.

use proptest::prelude::*;
use regiewijzer_core::analysis::{Change, Diff, Options, diff};
use regiewijzer_core::{Date, Model, compile};

#[path = "support/generate.rs"]
mod generate;

fn today() -> Date {
    Date::parse("2026-03-02").unwrap_or(Date::EPOCH)
}

fn shipped(name: &str) -> String {
    let path = format!("{}/../../rulesets/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("shipped ruleset")
}

fn model(src: &str) -> Model {
    compile(src).model.expect("compiles")
}

fn diff_of(old: &str, new: &str) -> Diff {
    diff(&model(old), &model(new), &Options::new(today()))
}

/// What makes a change one change: the outcome, old and new state, values gained and lost.
fn key(c: &Change) -> String {
    format!(
        "{} {:?} {:?} +{:?} -{:?}",
        c.outcome, c.from, c.to, c.gained, c.lost
    )
}

/// The texts a rule author reads: the headline and every condition.
fn texts(c: &Change) -> Vec<String> {
    let mut out = vec![c.message.nl.clone(), c.message.en.clone()];
    for t in c
        .when
        .iter()
        .chain(c.situations.iter().flat_map(|s| &s.when))
    {
        out.push(t.nl.clone());
        out.push(t.en.clone());
    }
    out
}

/// No id of the model (those with an underscore cannot be words), no `true`/`false`, no operators.
fn assert_in_words(m: &Model, c: &Change) {
    let mut ids: Vec<&str> = m.facts.iter().map(|f| f.id.as_str()).collect();
    ids.extend(m.outcomes.iter().map(|o| o.id.as_str()));
    for o in &m.outcomes {
        ids.extend(o.values.iter().map(|v| v.id.as_str()));
    }
    for t in texts(c) {
        for id in ids.iter().filter(|id| id.contains('_')) {
            assert!(!t.contains(id), "id {id} in {t}");
        }
        for word in ["true", "false", "<=", ">=", " = ", " != ", " < ", " > "] {
            assert!(!t.contains(word), "{word:?} in {t}");
        }
    }
}

#[test]
fn one_parameter_change_gives_one_finding_per_change_in_labels() {
    let old = shipped("triage.regels");
    let new = old.replacen(
        "parameter draaideur_eerdere_meldingen = 2",
        "parameter draaideur_eerdere_meldingen = 3",
        1,
    );
    let d = diff_of(&old, &new);
    let keys: Vec<String> = d.changes.iter().map(key).collect();
    let mut distinct = keys.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        keys.len(),
        distinct.len(),
        "one finding per change: {keys:#?}"
    );
    // Route and lead each go to the safety net or to the support point for undocumented people; the
    // urgency goes to regular; the actions lose the revolving-door talk. (Before: 20 lines of regions.)
    assert_eq!(d.changes.len(), 6, "{keys:#?}");
    let m = model(&old);
    for c in &d.changes {
        assert_in_words(&m, c);
        assert!(!c.situations.is_empty());
        assert!(
            c.message
                .nl
                .contains("'Hoeveel eerdere meldingen waren er in de afgelopen 12 maanden?': 2"),
            "{}",
            c.message.nl
        );
        assert!(
            c.message
                .en
                .contains("'How many earlier reports were there in the past 12 months?': 2"),
            "{}",
            c.message.en
        );
    }
    let route: Vec<&str> = d
        .changes
        .iter()
        .filter(|c| c.outcome == "route")
        .map(|c| c.message.nl.as_str())
        .collect();
    assert!(
        route
            .iter()
            .any(|m| m.starts_with("Route: van Bemoeizorg naar Vangnet (wijk-GGD'er) bij ")),
        "{route:#?}"
    );
}

#[test]
fn regions_that_differ_in_one_question_only_are_one_situation() {
    // The escalation's signal changes for two contact attempts whatever the number of earlier reports
    // tried: the regions for no, one, two and three earlier reports are one situation.
    let old = shipped("escalatie.regels");
    let new = old.replacen(
        "parameter max_mislukte_contactpogingen = 3",
        "parameter max_mislukte_contactpogingen = 2",
        1,
    );
    let d = diff_of(&old, &new);
    let signals: Vec<&Change> = d
        .changes
        .iter()
        .filter(|c| c.outcome == "signalen")
        .collect();
    assert_eq!(signals.len(), 1, "{:#?}", signals);
    let c = signals[0];
    assert_eq!(c.situations.len(), 1, "{}", c.message.nl);
    assert!(
        c.message.nl.contains(
            "'Eerdere meldingen': geen registraties, 1 registratie, 2 registraties of 3 registraties"
        ),
        "{}",
        c.message.nl
    );
    assert_in_words(&model(&old), c);
}

/// A ruleset where `n` is cut at 2 and 3 (by another outcome) and the route moves from `a` to `b` for 2
/// to 5 when its threshold goes from 2 to 6: two adjacent ranges, one change.
fn ranges(threshold: i64) -> String {
    format!(
        r#"ruleset bereik
  title nl "Bereik" en "Range"
  version "0.1.0"
  valid from 2026-01-01

fact n: int 0..10
  label nl "Hoeveel meldingen?" en "How many reports?"

outcome route: priority required
  label nl "Route" en "Route"
  value a nl "Ambulant" en "Outpatient"
  value b nl "Bemoeizorg" en "Outreach"

outcome zorg: priority default geen because nl "Niets" en "Nothing"
  label nl "Zorg" en "Care"
  value geen nl "Geen" en "None"
  value veel nl "Veel" en "Much"

rule hoog
  when n >= {threshold}
  then route = a
  priority 10
  because nl "Hoog." en "High."

rule laag
  when n < {threshold}
  then route = b
  because nl "Laag." en "Low."

rule zorg_veel
  when n >= 3
  then zorg = veel
  because nl "Veel." en "Much."
"#
    )
}

#[test]
fn adjacent_ranges_of_a_number_with_the_same_change_are_one_range() {
    let d = diff_of(&ranges(2), &ranges(6));
    assert_eq!(d.changes.len(), 1, "{:#?}", d.changes);
    let c = &d.changes[0];
    assert_eq!(c.situations.len(), 1);
    assert_eq!(
        c.message.nl,
        "Route: van Ambulant naar Bemoeizorg bij 'Hoeveel meldingen?': 2 t/m 5"
    );
    assert_eq!(
        c.message.en,
        "Route: from Outpatient to Outreach when 'How many reports?': 2 to 5"
    );
    assert_eq!(c.combinations, Some(4));
    // And back: the same range, old and new swapped.
    let back = diff_of(&ranges(6), &ranges(2));
    assert_eq!(back.changes.len(), 1);
    assert_eq!(
        back.changes[0].message.nl,
        "Route: van Bemoeizorg naar Ambulant bij 'Hoeveel meldingen?': 2 t/m 5"
    );
}

/// The situations of a diff, per change with old and new (`swap`: swapped), as sets of condition texts.
fn situations(d: &Diff, swap: bool) -> Vec<(String, Vec<Vec<String>>)> {
    let mut out: Vec<(String, Vec<Vec<String>>)> = d
        .changes
        .iter()
        .map(|c| {
            let (from, to) = if swap {
                (&c.to, &c.from)
            } else {
                (&c.from, &c.to)
            };
            let (gained, lost) = if swap {
                (&c.lost, &c.gained)
            } else {
                (&c.gained, &c.lost)
            };
            let mut sits: Vec<Vec<String>> = c
                .situations
                .iter()
                .map(|s| {
                    let mut w: Vec<String> =
                        c.when.iter().chain(&s.when).map(|t| t.en.clone()).collect();
                    w.sort();
                    w
                })
                .collect();
            sits.sort();
            (
                format!("{} {from:?} {to:?} +{gained:?} -{lost:?}", c.outcome),
                sits,
            )
        })
        .collect();
    out.sort();
    out
}

/// Small random rulesets: yes/no, choice and number questions, `ask when`, two priorities, a required set
/// outcome and rules that set the route and the actions together.
fn shape(facts: usize, rules: usize) -> generate::Shape {
    generate::Shape {
        facts,
        rules,
        min_atoms: 1,
        atoms: 3,
        priorities: 2,
        ask_when: true,
        catch_all: false,
        sets: true,
        together: true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    /// A version compared with itself changes nothing.
    #[test]
    fn a_diff_of_a_version_with_itself_is_empty(seed in any::<u64>(), facts in 2usize..6, rules in 2usize..10) {
        let src = generate::ruleset(seed, &shape(facts, rules));
        if let Some(m) = compile(&src).model {
            let d = diff(&m, &m, &Options::new(today()));
            prop_assert!(d.changes.is_empty(), "{}", src);
        }
    }

    /// A change and its inverse: the same situations, old and new swapped (when both searches were
    /// complete and found every region within the limit).
    #[test]
    fn a_change_and_its_inverse_have_the_same_situations_swapped(seed in any::<u64>(), mutation in any::<u64>(), facts in 2usize..6, rules in 2usize..10) {
        let src = generate::ruleset(seed, &shape(facts, rules));
        let Some(changed) = generate::mutate(&src, mutation) else { return Ok(()) };
        let (Some(a), Some(b)) = (compile(&src).model, compile(&changed).model) else { return Ok(()) };
        let options = Options::new(today());
        let (there, back) = (diff(&a, &b, &options), diff(&b, &a, &options));
        if !there.complete || !back.complete || there.changes.iter().chain(&back.changes).any(|c| c.more) {
            return Ok(());
        }
        prop_assert_eq!(situations(&there, false), situations(&back, true), "{}\n---\n{}", src, changed);
    }
}
