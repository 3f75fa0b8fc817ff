//! How many full answer combinations a region of the diff holds.

use crate::analysis::space::{self, Need, Space};
use crate::eval::Asked;

/// How many full answer combinations the region holds: the answers each chosen representative stands
/// for (a range of whole numbers counts its size) times the combinations of the questions it leaves open
/// (every question asked in either version answered); `None` when some question there has unboundedly
/// many answers, past 20,000 evaluations, past the budget, or past 100 questions split on one path
/// (each level of the count is a call: the depth, not the rules, bounds the stack).
pub(super) fn count_region(space: &mut Space, chosen: &[(usize, usize)]) -> Option<u64> {
    let mut node = space.node_of(chosen);
    let mut left = 20_000usize;
    let fixed = chosen
        .iter()
        .try_fold(1u64, |t, &(at, r)| t.checked_mul(space.class_size(at, r)?))?;
    count_rec(space, &mut node, &mut left, 0)?.checked_mul(fixed)
}

pub(super) fn count_rec(
    space: &mut Space,
    node: &mut space::Node,
    left: &mut usize,
    depth: usize,
) -> Option<u64> {
    if *left == 0 || space.spent() || depth > crate::limits::MAX_DEPTH {
        return None;
    }
    *left -= 1;
    let probes = space.probe_with(node, Need::questions());
    let open: Vec<usize> = (0..space.facts.len())
        .filter(|&at| {
            node.chosen.get(at).is_some_and(Option::is_none)
                && space.facts.get(at).is_some_and(|sf| !sf.reps.is_empty())
                && space.asked_somewhere(&probes, at)
        })
        .collect();
    // Every representative of an open question must stand for a known number of answers.
    let size = |space: &Space, at: usize| -> Option<u64> {
        let n = space.facts.get(at).map_or(0, |sf| sf.reps.len());
        (0..n).try_fold(0u64, |t, r| t.checked_add(space.class_size(at, r)?))
    };
    let mut sizes = Vec::new();
    for &at in &open {
        sizes.push(size(space, at)?);
    }
    // A question whose being asked still depends on open answers: split on what its `ask when` reads.
    // Once every open question is surely asked or surely not, the answers are independent and the count
    // is a product, without going through the combinations.
    let pending = open.iter().find_map(|&at| {
        let sf = space.facts.get(at)?;
        sf.ids
            .iter()
            .zip(&probes)
            .enumerate()
            .find_map(|(mi, (f, p))| {
                let (asked, deps) = p.facts.get((*f)?)?;
                (*asked == Asked::Maybe).then(|| {
                    space
                        .map_facts(mi, deps)
                        .into_iter()
                        .find(|d| open.contains(d))
                        .unwrap_or(at)
                })
            })
    });
    let Some(at) = pending else {
        return sizes.iter().try_fold(1u64, |t, n| t.checked_mul(*n));
    };
    let n = space.facts.get(at).map_or(0, |sf| sf.reps.len());
    let mut total: u64 = 0;
    for r in 0..n {
        let weight = space.class_size(at, r)?;
        space.set(node, at, Some(r));
        let c = count_rec(space, node, left, depth + 1);
        space.set(node, at, None);
        total = total.checked_add(c?.checked_mul(weight)?)?;
    }
    Some(total)
}
