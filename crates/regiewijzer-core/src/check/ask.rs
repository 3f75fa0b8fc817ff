//! The order in which facts are asked, from their `ask when` conditions.

use super::*;

impl Checker<'_> {
    /// Checks the facts' `ask when` conditions and orders the facts so each comes after the facts its
    /// condition reads.
    pub(super) fn ask_whens(&mut self, facts: &[(&ast::Fact, usize)]) -> Vec<FactId> {
        let mut deps: Vec<Vec<FactId>> = vec![Vec::new(); self.facts.len()];
        for (i, (f, _)) in facts.iter().enumerate() {
            if let Some(aw) = &f.ask_when
                && let Some(cond) = self.cond(&aw.value)
            {
                let mut found = Vec::new();
                cond_facts(&cond, &mut found);
                if let Some(slot) = deps.get_mut(i) {
                    *slot = found;
                }
                if let Some(fd) = self.facts.get_mut(i) {
                    fd.ask_when = Some(cond);
                    fd.ask_when_text = Some(expr_to_string(&aw.value));
                }
            }
        }
        self.ask_order(&deps)
    }

    /// Orders facts so each comes after the facts its ask-when reads; reports cycles.
    pub(super) fn ask_order(&mut self, deps: &[Vec<FactId>]) -> Vec<FactId> {
        let n = deps.len();
        // 0 = unvisited, 1 = on stack, 2 = done
        let mut state = vec![0u8; n];
        let mut order = Vec::with_capacity(n);
        let mut reported: HashSet<FactId> = HashSet::new();
        for start in 0..n {
            if state.get(start) != Some(&0) {
                continue;
            }
            // Iterative DFS: (node, next dep index)
            let mut stack: Vec<(FactId, usize)> = vec![(start, 0)];
            if let Some(s) = state.get_mut(start) {
                *s = 1;
            }
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let ds = deps.get(node).map_or(&[][..], |v| v.as_slice());
                if let Some(&d) = ds.get(*next) {
                    *next += 1;
                    match state.get(d) {
                        Some(0) => {
                            if let Some(s) = state.get_mut(d) {
                                *s = 1;
                            }
                            stack.push((d, 0));
                        }
                        Some(1) => {
                            // A cycle: from d on the stack to node, back to d.
                            let pos = stack.iter().position(|(x, _)| *x == d).unwrap_or(0);
                            let cycle: Vec<FactId> =
                                stack.iter().skip(pos).map(|(x, _)| *x).collect();
                            if cycle.iter().all(|x| !reported.contains(x)) {
                                reported.extend(cycle.iter().copied());
                                let mut names: Vec<String> = cycle
                                    .iter()
                                    .filter_map(|x| self.facts.get(*x).map(|f| f.id.clone()))
                                    .collect();
                                if let Some(first) = names.first().cloned() {
                                    names.push(first);
                                }
                                let span = self.facts.get(d).map_or(Span::default(), |f| f.span);
                                self.err(DiagKind::AskWhenCycle(names.join(" → ")), span);
                            }
                        }
                        _ => {}
                    }
                } else {
                    if let Some(s) = state.get_mut(node) {
                        *s = 2;
                    }
                    order.push(node);
                    stack.pop();
                }
            }
        }
        order
    }
}
