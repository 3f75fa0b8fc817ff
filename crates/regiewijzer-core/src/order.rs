//! Sorting small lists in the code the browser runs: a heapsort of our own. The standard library's sorts
//! are fast but each element type instantiates kilobytes of code (pattern-defeating quicksort, driftsort
//! and their small-sort networks), which the widget's WebAssembly bundle pays per type. A heapsort is a
//! few hundred bytes, needs no memory and is O(n log n) in every case. The lists sorted here are sets
//! of questions, values or candidates: a few to a few thousand entries.

/// Sorts `v` in place, ascending (not stable: equal elements may change order).
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    let n = v.len();
    for root in (0..n / 2).rev() {
        sift_down(v, root, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// Sorts `v` and removes repeats: a sorted set.
pub(crate) fn sort_dedup<T: Ord>(v: &mut Vec<T>) {
    sort(v);
    v.dedup();
}

/// Moves `v[root]` down the max-heap in `v[..end]` until both its children are smaller.
fn sift_down<T: Ord>(v: &mut [T], mut root: usize, end: usize) {
    let end = end.min(v.len());
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && v.get(child) < v.get(child + 1) {
            child += 1;
        }
        if v.get(root) >= v.get(child) {
            return;
        }
        v.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_library_does(mut v in proptest::collection::vec(-50i64..50, 0..200)) {
            let mut expected = v.clone();
            expected.sort_unstable();
            sort(&mut v);
            prop_assert_eq!(v, expected);
        }

        #[test]
        fn sort_dedup_is_the_sorted_set(mut v in proptest::collection::vec(0usize..30, 0..100)) {
            let mut expected = v.clone();
            expected.sort_unstable();
            expected.dedup();
            sort_dedup(&mut v);
            prop_assert_eq!(v, expected);
        }
    }
}
