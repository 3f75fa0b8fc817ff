//! The changes of one outcome in the author's words: the regions the search found grouped into one
//! finding per change (the same old and new state, or for a set the same values gained and lost), the
//! regions of a finding merged where they differ in one question only, and everything said with labels.

use super::count::count_region;
use super::{Change, Situation};
use crate::analysis::finding::Example;
use crate::analysis::space::Space;
use crate::eval::Status;
use crate::model::{OutcomeDef, Text};

/// One region the search found, with the change it shows there.
pub(super) struct Part {
    /// The change in this region alone (its `situations` empty).
    pub change: Change,
    /// The answers that make the region (space fact → representative).
    pub chosen: Vec<(usize, usize)>,
}

/// A region as a box: per question the representatives it allows (a question left out allows all),
/// sorted by question; with the parts it holds.
#[derive(Clone)]
struct Region {
    facts: Vec<(usize, Vec<usize>)>,
    parts: Vec<usize>,
}

/// The outcome in both versions, for its words.
pub(super) struct Outcomes<'m> {
    pub old: &'m OutcomeDef,
    pub new: &'m OutcomeDef,
}

/// The parts of one outcome grouped into one change per distinct change, in the order first found;
/// `more` when the search stopped at its limit of regions (there may be more situations).
pub(super) fn group(
    space: &mut Space,
    out: &Outcomes,
    parts: Vec<Part>,
    more: bool,
) -> Vec<Change> {
    let mut groups: Vec<Vec<Part>> = Vec::new();
    for p in parts {
        match groups
            .iter_mut()
            .find(|g| g.first().is_some_and(|f| same_change(f, &p)))
        {
            Some(g) => g.push(p),
            None => groups.push(vec![p]),
        }
    }
    groups
        .into_iter()
        .filter_map(|g| one_change(space, out, g, more))
        .collect()
}

/// Whether two regions show the same change: for a set the same values gained and lost, else the same
/// old and new state.
fn same_change(a: &Part, b: &Part) -> bool {
    let (a, b) = (&a.change, &b.change);
    if !a.gained.is_empty() || !a.lost.is_empty() {
        a.gained == b.gained && a.lost == b.lost
    } else {
        b.gained.is_empty() && b.lost.is_empty() && a.from == b.from && a.to == b.to
    }
}

/// The one change a group of regions makes: its regions merged into situations, the conditions they
/// share said once.
fn one_change(space: &mut Space, out: &Outcomes, parts: Vec<Part>, more: bool) -> Option<Change> {
    let regions: Vec<Region> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut facts: Vec<(usize, Vec<usize>)> =
                p.chosen.iter().map(|&(at, r)| (at, vec![r])).collect();
            facts.sort_by_key(|f| f.0);
            Region {
                facts,
                parts: vec![i],
            }
        })
        .collect();
    let regions = merge(space, regions);
    let common: Vec<(usize, Vec<usize>)> = regions
        .first()
        .map(|r| r.facts.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|f| regions.iter().all(|r| r.facts.contains(f)))
        .collect();
    let situations: Vec<Situation> = regions
        .iter()
        .map(|r| situation(space, &parts, r, &common))
        .collect();
    // Together only where no two situations overlap.
    let disjoint = regions
        .iter()
        .enumerate()
        .all(|(i, a)| regions.iter().skip(i + 1).all(|b| apart(a, b)));
    let combinations = if disjoint {
        situations
            .iter()
            .try_fold(0u64, |t, s| t.checked_add(s.combinations?))
    } else {
        None
    };
    let when: Vec<Text> = common.iter().map(|(at, r)| space.words(*at, r)).collect();
    let first = parts.into_iter().next()?.change;
    let message = message(out, &first, &when, situations.len());
    Some(Change {
        label: out.old.label.clone(),
        from_words: state_words(out.old, first.from.0, &first.from.1),
        to_words: state_words(out.new, first.to.0, &first.to.1),
        message,
        when,
        situations,
        more,
        combinations,
        ..first
    })
}

/// A merged region as a situation: the conditions beyond the shared ones, the example of the first
/// region in it, and how many answer combinations it holds.
fn situation(
    space: &mut Space,
    parts: &[Part],
    r: &Region,
    common: &[(usize, Vec<usize>)],
) -> Situation {
    let example: Option<&Example> = r
        .parts
        .first()
        .and_then(|&i| parts.get(i))
        .map(|p| &p.change.example);
    Situation {
        when: r
            .facts
            .iter()
            .filter(|f| !common.contains(f))
            .map(|(at, reps)| space.words(*at, reps))
            .collect(),
        example: example.cloned().unwrap_or_else(|| Example {
            today: space.today,
            answers: crate::map::SortedMap::new(),
            when: Vec::new(),
        }),
        combinations: box_count(space, r),
    }
}

/// How many full answer combinations a region holds: the sum over the combinations of the answers it
/// allows (each such combination is a region of its own, and they do not overlap); `None` as
/// [`count_region`] says, or past 64 such combinations.
fn box_count(space: &mut Space, r: &Region) -> Option<u64> {
    let mut combos: Vec<Vec<(usize, usize)>> = vec![Vec::new()];
    for (at, reps) in &r.facts {
        let mut next = Vec::new();
        for c in &combos {
            for &rep in reps {
                let mut c = c.clone();
                c.push((*at, rep));
                next.push(c);
            }
        }
        if next.len() > 64 {
            return None;
        }
        combos = next;
    }
    combos
        .iter()
        .try_fold(0u64, |t, c| t.checked_add(count_region(space, c)?))
}

/// Whether no answers are in both regions: some question they both ask about has no answer allowed in
/// both.
fn apart(a: &Region, b: &Region) -> bool {
    a.facts.iter().any(|(at, ra)| {
        b.facts
            .iter()
            .any(|(bt, rb)| bt == at && !ra.iter().any(|r| rb.contains(r)))
    })
}

/// Merges regions until none can be: a region inside another is dropped, and two that allow the same
/// answers but for one question become one that allows the answers of both there (a question that then
/// allows every answer is left out). The result holds exactly the answers the regions held.
fn merge(space: &Space, mut regions: Vec<Region>) -> Vec<Region> {
    let all_of = |at: usize| space.facts.get(at).map_or(0, |f| f.reps.len());
    'again: loop {
        for i in 0..regions.len() {
            for j in 0..regions.len() {
                let (Some(a), Some(b)) = (regions.get(i), regions.get(j)) else {
                    continue;
                };
                if i == j {
                    continue;
                }
                let joined = if inside(a, b) {
                    Some(b.facts.clone())
                } else if i < j {
                    join(a, b, all_of)
                } else {
                    None
                };
                if let Some(facts) = joined {
                    let parts: Vec<usize> = a.parts.iter().chain(&b.parts).copied().collect();
                    // In the place of the one found first, so that the situations keep their order.
                    let (first, later) = (i.min(j), i.max(j));
                    regions.remove(later);
                    if let Some(r) = regions.get_mut(first) {
                        *r = Region { facts, parts };
                    }
                    continue 'again;
                }
            }
        }
        return regions;
    }
}

/// Whether every answer of region `a` is in region `b`.
fn inside(a: &Region, b: &Region) -> bool {
    b.facts.iter().all(|(at, allowed)| {
        a.facts
            .iter()
            .find(|(x, _)| x == at)
            .is_some_and(|(_, reps)| reps.iter().all(|r| allowed.contains(r)))
    })
}

/// Two regions that ask about the same questions and allow the same answers but for one question, as
/// one region (`None` when they differ in more).
fn join(
    a: &Region,
    b: &Region,
    all_of: impl Fn(usize) -> usize,
) -> Option<Vec<(usize, Vec<usize>)>> {
    if a.facts.len() != b.facts.len() {
        return None;
    }
    let mut differ = None;
    for (x, y) in a.facts.iter().zip(&b.facts) {
        if x.0 != y.0 {
            return None;
        }
        if x.1 != y.1 {
            if differ.is_some() {
                return None;
            }
            differ = Some(x.0);
        }
    }
    let at = differ?;
    let mut facts = a.facts.clone();
    let allowed = b
        .facts
        .iter()
        .find(|f| f.0 == at)
        .map(|f| f.1.clone())
        .unwrap_or_default();
    if let Some(f) = facts.iter_mut().find(|f| f.0 == at) {
        f.1.extend(allowed);
        f.1.sort_unstable();
        f.1.dedup();
    }
    facts.retain(|f| f.0 != at || f.1.len() < all_of(at));
    Some(facts)
}

/// An outcome's state in words: the labels of its values, "geen besluit" or "tegenstrijdig".
fn state_words(o: &OutcomeDef, status: Status, values: &[String]) -> Text {
    match status {
        Status::Undecided => Text {
            nl: "geen besluit".into(),
            en: "no decision".into(),
        },
        Status::Conflict => Text {
            nl: "tegenstrijdig".into(),
            en: "conflicting".into(),
        },
        _ if values.is_empty() => Text {
            nl: "niets".into(),
            en: "nothing".into(),
        },
        _ => values_words(o, values, ("en", "and")),
    }
}

/// The labels of some values of an outcome (a date, for a deadline, as a date), joined.
fn values_words(o: &OutcomeDef, values: &[String], and: (&str, &str)) -> Text {
    let label = |v: &String| -> Text {
        o.values
            .iter()
            .find(|d| &d.id == v)
            .map(|d| d.label.clone())
            .or_else(|| crate::date::Date::parse(v).map(crate::date::Date::label))
            .unwrap_or_else(|| Text::both(v.clone()))
    };
    let labels: Vec<Text> = values.iter().map(label).collect();
    let join = |lang: &str, word: &str| -> String {
        let words: Vec<&str> = labels.iter().map(|t| t.get(lang)).collect();
        match words.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} {word} {last}", rest.join(", ")),
            _ => words.concat(),
        }
    };
    Text {
        nl: join("nl", and.0),
        en: join("en", and.1),
    }
}

/// The headline of a change: "Route: van Bemoeizorg naar Vangnet bij …", "Acties: verliest 'Bespreek
/// …' bij …", with the number of situations when there are several.
fn message(out: &Outcomes, c: &Change, when: &[Text], situations: usize) -> Text {
    let label = &out.old.label;
    let what = if c.gained.is_empty() && c.lost.is_empty() {
        let (from, to) = (
            state_words(out.old, c.from.0, &c.from.1),
            state_words(out.new, c.to.0, &c.to.1),
        );
        (
            format!("van {} naar {}", from.nl, to.nl),
            format!("from {} to {}", from.en, to.en),
        )
    } else {
        let mut nl = Vec::new();
        let mut en = Vec::new();
        if !c.gained.is_empty() {
            let w = values_words(out.new, &c.gained, ("en", "and"));
            nl.push(format!("krijgt er {} bij", w.nl));
            en.push(format!("gains {}", w.en));
        }
        if !c.lost.is_empty() {
            let w = values_words(out.old, &c.lost, ("en", "and"));
            nl.push(format!("verliest {}", w.nl));
            en.push(format!("loses {}", w.en));
        }
        (nl.join(" en "), en.join(" and "))
    };
    let cond = |lang: &str, and: &str| -> String {
        let parts: Vec<&str> = when.iter().map(|t| t.get(lang)).collect();
        parts.join(&format!(" {and} "))
    };
    let (bij, at) = match (when.is_empty(), situations > 1) {
        (true, false) => (
            " welke antwoorden ook".to_string(),
            " whatever the answers".to_string(),
        ),
        (true, true) => (String::new(), String::new()),
        (false, _) => (
            format!(" bij {}", cond("nl", "en")),
            format!(" when {}", cond("en", "and")),
        ),
    };
    let (n_nl, n_en) = if situations > 1 {
        (
            format!(", in {situations} situaties"),
            format!(", in {situations} situations"),
        )
    } else {
        (String::new(), String::new())
    };
    Text {
        nl: format!("{}: {}{bij}{n_nl}", label.nl, what.0),
        en: format!("{}: {}{at}{n_en}", label.en, what.1),
    }
}
