//! "Did you mean": the declared name closest to a misspelt one, by edit distance.

/// Names longer than this (in characters) get no suggestion, so that the work stays small.
const LONGEST: usize = 64;

/// The number of single-character insertions, deletions and substitutions that turn `a` into `b`
/// (Levenshtein distance, counted in characters).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        crate::work::tick(b.len());
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left = row.get(j).copied().unwrap_or(usize::MAX);
            let best = (diagonal + usize::from(ca != *cb))
                .min(above.saturating_add(1))
                .min(left.saturating_add(1));
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = best;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

/// The name among `declared` closest to `name`, when it is close enough to be a misspelling: at most a
/// third of the length of `name` apart (at least 1), and fewer edits than `name` is long. Of equally
/// close names the first declared wins; the name itself is never suggested.
pub fn suggest<'a>(name: &str, declared: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut unlimited = usize::MAX;
    suggest_within(name, declared, &mut unlimited)
}

/// [`suggest`], comparing only while `budget` (characters of one name times characters of the other,
/// taken off as it goes) lasts: past it, the best name so far.
pub fn suggest_within<'a>(
    name: &str,
    declared: impl IntoIterator<Item = &'a str>,
    budget: &mut usize,
) -> Option<String> {
    let len = name.chars().count();
    if len > LONGEST {
        return None;
    }
    let limit = (len / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in declared {
        let clen = candidate.chars().count();
        if candidate == name || clen > LONGEST || clen.abs_diff(len) > limit {
            continue;
        }
        let Some(left) = budget.checked_sub(len * clen) else {
            break;
        };
        *budget = left;
        let d = edit_distance(name, candidate);
        if d <= limit && d < len && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("acuut_gevar", "acuut_gevaar"), 1);
        assert_eq!(edit_distance("é", "e"), 1);
    }

    #[test]
    fn a_close_name_is_suggested_and_a_far_one_is_not() {
        let names = ["acuut_gevaar", "woonsituatie", "leeftijd"];
        assert_eq!(
            suggest("acuut_gevar", names).as_deref(),
            Some("acuut_gevaar")
        );
        assert_eq!(
            suggest("woonsitatie", names).as_deref(),
            Some("woonsituatie")
        );
        assert_eq!(suggest("inkomen", names), None);
        assert_eq!(suggest("x", ["y", "z"]), None);
        assert_eq!(suggest("leeftijd", names), None);
    }

    #[test]
    fn of_equally_close_names_the_first_declared_wins() {
        assert_eq!(
            suggest("fase_a", ["fase_b", "fase_c"]).as_deref(),
            Some("fase_b")
        );
        assert_eq!(
            suggest("fase_a", ["fase_c", "fase_b"]).as_deref(),
            Some("fase_c")
        );
    }
}
