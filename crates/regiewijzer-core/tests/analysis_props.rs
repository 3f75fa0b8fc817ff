//! The analysis agrees with brute force: on many small random rulesets (yes/no, choice and whole-number
//! questions, `ask when`, `priority`/`unique`/`collect` outcomes, rules that set `route` and `acties`
//! together, `acties` that may `follows route`, with a default or required) every answer combination is
//! evaluated, and every gap, conflict, dead rule, shadowed rule and collect value from a rule that lost (`A203`)
//! the analysis reports is real, and none is
//! missed. Each reported example, evaluated, shows what the finding says.

use proptest::prelude::*;
use regiewijzer_core::analysis::{FindingKind, Options, analyze, diff};
use regiewijzer_core::answers::Answers;
use regiewijzer_core::ast::Policy;
use regiewijzer_core::eval::{Probe, Status, probe};
use regiewijzer_core::model::{FactType, Value};
use regiewijzer_core::{Date, Model, compile};

#[path = "support/generate.rs"]
mod generate;

fn today() -> Date {
    Date::parse("2026-03-02").unwrap_or(Date::EPOCH)
}

/// Every value of a fact (whole numbers: the declared range).
fn domain(ty: &FactType) -> Vec<Value> {
    match ty {
        FactType::Bool => vec![Value::Bool(true), Value::Bool(false)],
        FactType::Choice { options } => (0..options.len()).map(Value::Choice).collect(),
        FactType::Int { min, max } => (min.unwrap_or(0)..=max.unwrap_or(20))
            .map(Value::Int)
            .collect(),
        FactType::Scale { min, max, .. } => (*min..=*max).map(Value::Int).collect(),
        _ => Vec::new(),
    }
}

/// Evaluates every full answer combination (hidden questions answered too; their answers are ignored).
fn all_probes(m: &Model) -> Vec<Probe> {
    probes_over(m, m.facts.iter().map(|f| domain(&f.ty)).collect())
}

/// Evaluates every combination of the given values per question.
fn probes_over(m: &Model, domains: Vec<Vec<Value>>) -> Vec<Probe> {
    let mut out = Vec::new();
    let mut idx = vec![0usize; domains.len()];
    loop {
        let mut a = Answers::empty(m);
        for (f, (d, &i)) in domains.iter().zip(&idx).enumerate() {
            a.set(f, d.get(i).copied());
        }
        out.push(probe(m, &a, today()));
        let mut k = 0;
        loop {
            let Some(d) = domains.get(k) else {
                return out;
            };
            idx[k] += 1;
            if idx[k] < d.len() {
                break;
            }
            idx[k] = 0;
            k += 1;
        }
    }
}

fn example_probe(m: &Model, ex: &regiewijzer_core::analysis::Example) -> Probe {
    let json = serde_json::to_string(&ex.answers).unwrap();
    let raw: regiewijzer_core::answers::RawAnswers = serde_json::from_str(&json).unwrap();
    let (answers, issues) = Answers::from_raw(m, &raw);
    assert!(issues.is_empty(), "example answers are valid: {issues:?}");
    probe(m, &answers, ex.today)
}

fn check(seed: u64, shape: &generate::Shape) -> Result<(), TestCaseError> {
    let src = generate::ruleset(seed, shape);
    let Some(m) = compile(&src).model else {
        return Err(TestCaseError::fail(format!(
            "generated ruleset does not compile:\n{src}"
        )));
    };
    let size: usize = m.facts.iter().map(|f| domain(&f.ty).len().max(1)).product();
    prop_assume!(size <= 30_000);
    let report = analyze(&m, &Options::new(today()));
    prop_assert!(
        report.complete,
        "small rulesets are searched completely:\n{src}"
    );
    prop_assert!(
        report.notes.is_empty(),
        "nothing approximated: {:?}",
        report.notes
    );
    let all = all_probes(&m);
    for (oid, o) in m.outcomes.iter().enumerate() {
        let status_of = |p: &Probe| p.outcomes.get(oid).map(|x| x.status);
        let gap = all.iter().any(|p| status_of(p) == Some(Status::Undecided));
        let conflict = all.iter().any(|p| status_of(p) == Some(Status::Conflict));
        let gaps: Vec<_> = report
            .findings
            .iter()
            .filter(|f| matches!(&f.kind, FindingKind::Gap { outcome } if *outcome == o.id))
            .collect();
        let conflicts: Vec<_> = report
            .findings
            .iter()
            .filter(
                |f| matches!(&f.kind, FindingKind::Conflict { outcome, .. } if *outcome == o.id),
            )
            .collect();
        prop_assert_eq!(
            gap,
            !gaps.is_empty(),
            "gap in {} (brute force {}):\n{}",
            o.id,
            gap,
            src
        );
        prop_assert_eq!(
            conflict,
            !conflicts.is_empty(),
            "conflict in {} (brute force {}):\n{}",
            o.id,
            conflict,
            src
        );
        for f in gaps.iter().chain(&conflicts) {
            let ex = f
                .example
                .as_ref()
                .ok_or_else(|| TestCaseError::fail("no example"))?;
            let p = example_probe(&m, ex);
            let want = if matches!(f.kind, FindingKind::Gap { .. }) {
                Status::Undecided
            } else {
                Status::Conflict
            };
            prop_assert_eq!(
                status_of(&p),
                Some(want),
                "example of {:?} shows it:\n{}",
                f,
                src
            );
        }
    }
    lost_values_agree(&m, &report, &all, &src)?;
    for (ri, r) in m.rules.iter().enumerate() {
        let fires = |p: &Probe| p.rules.get(ri).is_some_and(|(now, _)| *now == Some(true));
        let dead = !all.iter().any(fires);
        let reported = report
            .findings
            .iter()
            .any(|f| matches!(&f.kind, FindingKind::DeadRule { rule } if *rule == r.id));
        prop_assert_eq!(
            dead,
            reported,
            "dead rule {} (brute force {}):\n{}",
            r.id,
            dead,
            src
        );
        if dead {
            continue;
        }
        for &(oid, _) in &r.assigns {
            let Some(o) = m.outcomes.get(oid) else {
                continue;
            };
            if o.policy != Policy::Priority {
                continue;
            }
            let key = (r.priority, r.rank);
            let higher: Vec<usize> = m
                .rules
                .iter()
                .enumerate()
                .filter(|(_, h)| {
                    h.assigns.iter().any(|(x, _)| *x == oid) && (h.priority, h.rank) > key
                })
                .map(|(i, _)| i)
                .collect();
            let wins = all.iter().any(|p| {
                fires(p)
                    && higher
                        .iter()
                        .all(|&h| p.rules.get(h).is_some_and(|(now, _)| *now != Some(true)))
            });
            let reported = report.findings.iter().any(|f| {
                matches!(&f.kind, FindingKind::ShadowedRule { rule, outcome, .. } if *rule == r.id && *outcome == o.id)
            });
            prop_assert_eq!(
                !wins,
                reported,
                "shadowed rule {} for {}:\n{}",
                r.id,
                o.id,
                src
            );
        }
    }
    Ok(())
}

/// The values at the top of outcome `oid` among the rules that fire in `p` (all of them for `unique`).
fn top_values(m: &Model, p: &Probe, oid: usize) -> Vec<usize> {
    let unique = m.outcomes[oid].policy == Policy::Unique;
    let fired: Vec<((i64, i64), usize)> = m
        .rules
        .iter()
        .enumerate()
        .filter(|(ri, _)| p.rules.get(*ri).is_some_and(|(now, _)| *now == Some(true)))
        .filter_map(|(_, r)| {
            let (_, v) = r.assigns.iter().find(|(o, _)| *o == oid)?;
            Some((if unique { (0, 0) } else { (r.priority, r.rank) }, *v))
        })
        .collect();
    let top = fired.iter().map(|(k, _)| *k).max();
    fired
        .into_iter()
        .filter(|(k, _)| Some(*k) == top)
        .map(|(_, v)| v)
        .collect()
}

/// `A203` by brute force: rule R, collect outcome C, single-value outcome O (not followed by C) are
/// reported exactly when some answers make R fire, lose O, and its C values count; the example shows it.
fn lost_values_agree(
    m: &Model,
    report: &regiewijzer_core::analysis::Report,
    all: &[Probe],
    src: &str,
) -> Result<(), TestCaseError> {
    let shows = |p: &Probe, ri: usize, cid: usize, oid: usize| -> bool {
        let r = &m.rules[ri];
        let mine = |x: usize| r.assigns.iter().find(|(o, _)| *o == x).map(|(_, v)| *v);
        p.rules.get(ri).is_some_and(|(now, _)| *now == Some(true))
            && mine(oid).is_some_and(|v| !top_values(m, p, oid).contains(&v))
            && m.outcomes[cid]
                .follows
                .iter()
                .all(|&f| mine(f).is_none_or(|fv| top_values(m, p, f).contains(&fv)))
    };
    for (cid, c) in m.outcomes.iter().enumerate() {
        if c.policy != Policy::Collect {
            continue;
        }
        for (oid, o) in m.outcomes.iter().enumerate() {
            if !matches!(o.policy, Policy::Priority | Policy::Unique) || c.follows.contains(&oid) {
                continue;
            }
            for (ri, r) in m.rules.iter().enumerate() {
                let sets = |x: usize| r.assigns.iter().any(|(o, _)| *o == x);
                if !(sets(cid) && sets(oid)) {
                    continue;
                }
                let brute = all.iter().any(|p| shows(p, ri, cid, oid));
                let found: Vec<_> = report
                    .findings
                    .iter()
                    .filter(|f| {
                        matches!(&f.kind, FindingKind::LostValue { rule, outcome, lost, .. }
                            if *rule == r.id && *outcome == c.id && *lost == o.id)
                    })
                    .collect();
                prop_assert_eq!(
                    brute,
                    !found.is_empty(),
                    "A203 {} {} {}:\n{}",
                    r.id,
                    c.id,
                    o.id,
                    src
                );
                for f in found {
                    let ex = f
                        .example
                        .as_ref()
                        .ok_or_else(|| TestCaseError::fail("no example"))?;
                    prop_assert!(
                        shows(&example_probe(m, ex), ri, cid, oid),
                        "{:?}\n{}",
                        f,
                        src
                    );
                }
            }
        }
    }
    Ok(())
}

/// What an outcome comes to in a probe: its status and its values, sorted (a set for `collect`).
fn outcome_state(p: &Probe, o: usize) -> Option<(Status, Vec<String>)> {
    let out = p.outcomes.get(o)?;
    let mut values = out.values.clone();
    values.sort();
    Some((out.status, values))
}

/// The diff agrees with brute force: every change it reports is real (its example gives the old and
/// the new state it names, and they differ), and when it says it is complete, every outcome that
/// changes for some answers has at least one change reported.
/// With `required_sets`, an `acties` that follows the route is required (no default): the diff then
/// compares it value by value, each value counting only where its rule also wins the route.
fn check_diff(
    seed: u64,
    mutation: u64,
    shape: &generate::Shape,
    required_sets: bool,
) -> Result<(), TestCaseError> {
    let src = generate::ruleset(seed, shape);
    let Some(changed) = generate::mutate(&src, mutation) else {
        return Ok(());
    };
    let required = |s: String| {
        if required_sets {
            s.replacen(
                "collect follows route default a0 because nl \"Niets\" en \"Nothing\"",
                "collect follows route required",
                1,
            )
        } else {
            s
        }
    };
    let (src, changed) = (required(src), required(changed));
    let (Some(old), Some(new)) = (compile(&src).model, compile(&changed).model) else {
        return Ok(());
    };
    let d = diff(&old, &new, &Options::new(today()));
    for c in &d.changes {
        let o = old.outcome_by_name(&c.outcome).unwrap();
        let (a, b) = (
            example_probe(&old, &c.example),
            example_probe(&new, &c.example),
        );
        let (sa, sb) = (outcome_state(&a, o).unwrap(), outcome_state(&b, o).unwrap());
        prop_assert_ne!(
            &sa,
            &sb,
            "reported change is not one: {}\n{}\n---\n{}",
            c.message.en,
            src,
            changed
        );
        let mut from = c.from.clone();
        from.1.sort();
        let mut to = c.to.clone();
        to.1.sort();
        prop_assert_eq!((&from, &to), (&sa, &sb), "{}", c.message.en);
        for v in &c.gained {
            prop_assert!(
                sb.1.contains(v) && !sa.1.contains(v),
                "gained {} in {}",
                v,
                c.message.en
            );
        }
        for v in &c.lost {
            prop_assert!(
                sa.1.contains(v) && !sb.1.contains(v),
                "lost {} in {}",
                v,
                c.message.en
            );
        }
    }
    if !d.complete {
        return Ok(());
    }
    let (pa, pb) = (all_probes(&old), all_probes(&new));
    for (o, def) in old.outcomes.iter().enumerate() {
        let changes = pa
            .iter()
            .zip(&pb)
            .any(|(a, b)| outcome_state(a, o) != outcome_state(b, o));
        let reported = d.changes.iter().any(|c| c.outcome == def.id);
        // A change's count never exceeds the answer combinations that change; it is known for a change
        // in one situation (several may overlap: then it is left out).
        let differing = pa
            .iter()
            .zip(&pb)
            .filter(|(a, b)| outcome_state(a, o) != outcome_state(b, o))
            .count() as u64;
        for c in d.changes.iter().filter(|c| c.outcome == def.id) {
            prop_assert!(
                c.combinations
                    .map_or(c.situations.len() > 1, |n| n >= 1 && n <= differing),
                "{} counts {:?} of {} changing combinations",
                c.message.en,
                c.combinations,
                differing
            );
        }
        prop_assert_eq!(
            changes,
            reported,
            "outcome {} changes for some answers: {}, reported: {}\n{}\n---\n{}",
            def.id,
            changes,
            reported,
            src,
            changed
        );
    }
    Ok(())
}

/// A small random shape: 2–5 questions, up to 9 rules of 1–3 atoms, one or two priorities.
fn small_shape() -> impl Strategy<Value = generate::Shape> {
    (2usize..6, 2usize..10, 1usize..4, 1usize..3, any::<bool>()).prop_map(
        |(facts, rules, atoms, priorities, ask_when)| generate::Shape {
            facts,
            rules,
            min_atoms: 1,
            atoms,
            priorities,
            ask_when,
            catch_all: false,
            sets: true,
            together: true,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn diff_agrees_with_brute_force(seed in any::<u64>(), mutation in any::<u64>(), shape in small_shape()) {
        check_diff(seed, mutation, &shape, false)?;
    }

    #[test]
    fn diff_of_a_set_that_follows_the_route_agrees_with_brute_force(seed in any::<u64>(), mutation in any::<u64>(), shape in small_shape()) {
        check_diff(seed, mutation, &shape, true)?;
    }

    #[test]
    fn analysis_agrees_with_brute_force(seed in any::<u64>(), shape in small_shape()) {
        check(seed, &shape)?;
    }
}

// ---------- wide numbers: scales past 100 values, i64's extremes, overflowing arithmetic ----------

/// A generated ruleset over numbers, with the constants it uses (for the brute-force sample).
struct Wide {
    source: String,
    constants: Vec<i64>,
}

/// Numbers near the edges: `i64`'s extremes (the lexer's smallest is one above `i64::MIN`), powers of two
/// where arithmetic overflows, and small ones.
const EDGES: [i64; 12] = [
    -9_223_372_036_854_775_807,
    9_223_372_036_854_775_807,
    4_611_686_018_427_387_904,
    -4_611_686_018_427_387_904,
    3_037_000_500,
    2_147_483_648,
    -2_147_483_648,
    0,
    1,
    -1,
    99,
    100,
];

/// 2–3 whole-number or scale questions (scales up to 1,000 values, ints bounded widely or not at all),
/// a yes/no question, and rules comparing them with constants near the edges, and (in half of the
/// rulesets) with each other and through `+`, `-` and `*` that may overflow; a required `priority`
/// outcome.
fn wide_ruleset(seed: u64) -> Wide {
    let mut rng = generate::Rng::new(seed);
    let mut constants: Vec<i64> = EDGES.to_vec();
    let pick = |rng: &mut generate::Rng, constants: &mut Vec<i64>| -> i64 {
        let c = match rng.below(3) {
            0 => EDGES[rng.below(EDGES.len())],
            _ => rng.below(1_200) as i64 - 100,
        };
        constants.push(c);
        c
    };
    let mut s = String::from(
        "ruleset breed\n  title nl \"Breed\" en \"Wide\"\n  version \"0.0.1\"\n  valid from 2026-01-01\n\n",
    );
    let n = 2 + rng.below(2);
    // Each question's bounds (`i64`'s extremes where unbounded).
    let mut bounds: Vec<(i64, i64)> = Vec::new();
    for f in 0..n {
        let (ty, lo, hi) = match rng.below(5) {
            0 => {
                let hi = 100 + rng.below(900) as i64;
                (format!("scale 0..{hi}"), 0, hi)
            }
            1 => {
                let (lo, hi) = (rng.below(5) as i64 - 3, 101 + rng.below(50) as i64);
                (format!("scale {lo}..{hi}"), lo, hi)
            }
            2 => ("int".to_string(), i64::MIN + 1, i64::MAX),
            3 => {
                let lo = rng.below(400) as i64 - 200;
                (format!("int {lo}.."), lo, i64::MAX)
            }
            _ => {
                let hi = 1 + rng.below(60) as i64;
                (format!("int 0..{hi}"), 0, hi)
            }
        };
        bounds.push((lo, hi));
        s.push_str(&format!(
            "fact x{f}: {ty}\n  label nl \"Getal {f}\" en \"Number {f}\"\n\n"
        ));
    }
    // A constant to compare question `x` with directly: within its bounds (the checker rejects others).
    let within = |rng: &mut generate::Rng, constants: &mut Vec<i64>, x: usize| -> i64 {
        let (lo, hi) = bounds.get(x).copied().unwrap_or((0, 0));
        let c = match rng.below(3) {
            0 => EDGES[rng.below(EDGES.len())].clamp(lo, hi),
            1 => [lo, hi][rng.below(2)],
            _ => (rng.below(1_200) as i64 - 100).clamp(lo, hi),
        };
        constants.push(c);
        c
    };
    s.push_str("fact b: bool\n  label nl \"Ja of nee\" en \"Yes or no\"\n\n");
    s.push_str("outcome route: priority required\n  label nl \"Route\" en \"Route\"\n");
    for v in 0..3 {
        s.push_str(&format!("  value r{v} nl \"R{v}\" en \"R{v}\"\n"));
    }
    s.push('\n');
    let rules = 2 + rng.below(4);
    // Half the rulesets compare with constants only (exact at any size), half also use arithmetic and
    // compare questions with each other.
    let plain = rng.below(2) == 0;
    for r in 0..rules {
        let x = rng.below(n);
        let y = (x + 1 + rng.below(n - 1)) % n;
        let op = [">", ">=", "<", "<=", "=", "!="][rng.below(6)];
        let kind = if plain { 0 } else { rng.below(6) };
        let atom = match kind {
            0 | 1 => format!("x{x} {op} {}", within(&mut rng, &mut constants, x)),
            2 => format!("x{x} {op} x{y}"),
            3 => {
                let k = pick(&mut rng, &mut constants);
                format!("x{x} * {k} {op} {}", pick(&mut rng, &mut constants))
            }
            4 => format!("x{x} + x{y} {op} {}", pick(&mut rng, &mut constants)),
            _ => format!("x{x} - {} {op} x{y}", pick(&mut rng, &mut constants)),
        };
        let cond = match rng.below(3) {
            0 => format!("{atom} and b = yes"),
            1 => format!("{atom} or b = no"),
            _ => atom,
        };
        s.push_str(&format!(
            "rule r{r}\n  when {cond}\n  then route = r{}\n  priority {}\n  because nl \"R\" en \"R\"\n\n",
            rng.below(3),
            1 + rng.below(2)
        ));
    }
    // Where `x * k` starts to overflow, for every k used.
    let mut more = Vec::new();
    for &k in &constants {
        if k != 0 {
            let t = i64::MAX / k;
            more.extend([t, t.saturating_add(1), -t, -t.saturating_add(1)]);
        }
    }
    constants.extend(more);
    Wide {
        source: s,
        constants,
    }
}

/// The values brute force tries for a number question: all of them for at most 100, else its bounds
/// (`i64`'s extremes when unbounded) and every constant of the ruleset, each with its neighbours, and
/// the numbers around zero.
fn fine_sample(ty: &FactType, constants: &[i64]) -> Vec<Value> {
    let (lo, hi) = match ty {
        FactType::Int { min, max } => (min.unwrap_or(i64::MIN), max.unwrap_or(i64::MAX)),
        FactType::Scale { min, max, .. } => (*min, *max),
        other => return domain(other),
    };
    if hi.checked_sub(lo).is_some_and(|d| d < 100) {
        return (lo..=hi).map(Value::Int).collect();
    }
    let mut v: Vec<i64> = vec![
        lo,
        lo.saturating_add(1),
        hi.saturating_sub(1),
        hi,
        -2,
        -1,
        0,
        1,
        2,
    ];
    for &c in constants {
        v.extend([c.saturating_sub(1), c, c.saturating_add(1)]);
    }
    v.retain(|n| (lo..=hi).contains(n));
    v.sort_unstable();
    v.dedup();
    v.into_iter().map(Value::Int).collect()
}

/// Evaluates every combination of the sampled answers.
fn sampled_probes(m: &Model, constants: &[i64]) -> Vec<Probe> {
    probes_over(
        m,
        m.facts
            .iter()
            .map(|f| fine_sample(&f.ty, constants))
            .collect(),
    )
}

/// The analysis on wide numbers against brute force over a fine sample: every gap it reports is real;
/// every gap brute force finds is reported, unless the report says it is approximated (notes) or
/// incomplete; a rule it calls dead (exactly) never fires in the sample; and when it says it is
/// complete and exact, it agrees with brute force on every gap and dead rule (the sample then holds a
/// value of every range that can differ).
fn check_wide(seed: u64) -> Result<(), TestCaseError> {
    let w = wide_ruleset(seed);
    let src = &w.source;
    let Some(m) = compile(src).model else {
        return Err(TestCaseError::fail(format!("does not compile:\n{src}")));
    };
    let size: usize = m
        .facts
        .iter()
        .map(|f| fine_sample(&f.ty, &w.constants).len().max(1))
        .product();
    prop_assume!(size <= 40_000);
    let report = analyze(&m, &Options::new(today()));
    let exact = report.complete && report.notes.is_empty();
    let all = sampled_probes(&m, &w.constants);
    let route = m.outcome_by_name("route").unwrap_or(0);
    let undecided = |p: &Probe| p.outcomes.get(route).map(|o| o.status) == Some(Status::Undecided);
    let reported_gaps: Vec<_> = report
        .findings
        .iter()
        .filter(|f| matches!(f.kind, FindingKind::Gap { .. }))
        .collect();
    for f in &reported_gaps {
        let ex = f
            .example
            .as_ref()
            .ok_or_else(|| TestCaseError::fail("no example"))?;
        prop_assert!(
            undecided(&example_probe(&m, ex)),
            "gap example {:?}:\n{}",
            ex.answers,
            src
        );
    }
    let brute_gap = all.iter().any(undecided);
    if brute_gap {
        prop_assert!(
            !reported_gaps.is_empty() || !exact,
            "a gap brute force finds is missed by an exact analysis:\n{}",
            src
        );
    }
    if exact {
        prop_assert_eq!(brute_gap, !reported_gaps.is_empty(), "gap:\n{}", src);
    }
    for (ri, r) in m.rules.iter().enumerate() {
        let fires = all
            .iter()
            .any(|p| p.rules.get(ri).is_some_and(|(now, _)| *now == Some(true)));
        let finding = report
            .findings
            .iter()
            .find(|f| matches!(&f.kind, FindingKind::DeadRule { rule } if *rule == r.id));
        if let Some(f) = finding
            && f.exact
        {
            prop_assert!(!fires, "{} is called dead but fires:\n{}", r.id, src);
        }
        if exact {
            prop_assert_eq!(!fires, finding.is_some(), "dead rule {}:\n{}", r.id, src);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn analysis_of_wide_numbers_agrees_with_brute_force(seed in any::<u64>()) {
        check_wide(seed)?;
    }
}
