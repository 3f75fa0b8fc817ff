//! Sets of open questions: what every value of the evaluation carries along.

use crate::model::FactId;

/// Open questions that could change a value.
///
/// A sorted list without repeats: the sets are small (a few questions), and a list keeps the browser
/// bundle smaller than a tree would.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Deps(Vec<FactId>);

impl Deps {
    pub(super) fn new() -> Deps {
        Deps(Vec::new())
    }

    pub(super) fn insert(&mut self, f: FactId) {
        if let Err(i) = self.0.binary_search(&f) {
            self.0.insert(i, f);
        }
    }

    /// Adds questions in time linear in both lists (also when the other list's questions come before
    /// these): appended while they come in order, else inserted one by one when few, else merged.
    pub(super) fn extend(&mut self, more: impl IntoIterator<Item = FactId>) {
        let mut more = more.into_iter();
        while let Some(f) = more.next() {
            match self.0.last() {
                Some(&last) if last == f => {}
                Some(&last) if last > f => {
                    let mut rest: Vec<FactId> = std::iter::once(f).chain(more).collect();
                    if rest.len() <= 8 {
                        rest.into_iter().for_each(|f| self.insert(f));
                    } else {
                        crate::order::sort(&mut rest);
                        self.merge(&rest);
                    }
                    return;
                }
                _ => self.0.push(f),
            }
        }
    }

    /// Merges a sorted list in.
    fn merge(&mut self, more: &[FactId]) {
        let mut merged = Vec::with_capacity(self.0.len() + more.len());
        let (mut a, mut b) = (self.0.iter().peekable(), more.iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x <= y => a.next(),
                (Some(_), Some(_)) | (None, Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, None) => break,
            };
            if let Some(&f) = next
                && merged.last() != Some(&f)
            {
                merged.push(f);
            }
        }
        self.0 = merged;
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    pub(super) fn contains(&self, f: &FactId) -> bool {
        self.0.binary_search(f).is_ok()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(super) fn iter(&self) -> std::slice::Iter<'_, FactId> {
        self.0.iter()
    }
}

impl IntoIterator for Deps {
    type Item = FactId;
    type IntoIter = std::vec::IntoIter<FactId>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// What every value of the evaluation carries along besides its value now: the open questions that
/// could change it ([`Deps`]), or nothing ([`NoDeps`], for the batch). The values now never read what is
/// carried, so an evaluation with either gives the same values; [`NoDeps`] allocates nothing.
pub(super) trait Carry: Clone + Default + std::fmt::Debug + PartialEq + Eq {
    /// Adds one question.
    fn insert(&mut self, f: FactId);
    /// Adds the questions of `other`.
    fn join(&mut self, other: &Self);
    /// Adds the questions of `other`, taking it.
    fn join_owned(&mut self, other: Self);
    /// True when there are none.
    fn is_empty(&self) -> bool;
    /// How many.
    fn len(&self) -> usize;
}

impl Carry for Deps {
    fn insert(&mut self, f: FactId) {
        Deps::insert(self, f);
    }
    fn join(&mut self, other: &Deps) {
        self.extend(other.iter().copied());
    }
    fn join_owned(&mut self, other: Deps) {
        self.extend(other);
    }
    fn is_empty(&self) -> bool {
        Deps::is_empty(self)
    }
    fn len(&self) -> usize {
        Deps::len(self)
    }
}

/// Nothing carried: open questions are not tracked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct NoDeps;

impl Carry for NoDeps {
    #[inline]
    fn insert(&mut self, _: FactId) {}
    #[inline]
    fn join(&mut self, _: &NoDeps) {}
    #[inline]
    fn join_owned(&mut self, _: NoDeps) {}
    #[inline]
    fn is_empty(&self) -> bool {
        true
    }
    #[inline]
    fn len(&self) -> usize {
        0
    }
}
