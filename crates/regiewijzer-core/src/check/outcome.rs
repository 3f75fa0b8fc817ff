//! Outcomes: policies, values, defaults, `follows`.

use super::*;

impl Checker<'_> {
    /// The outcomes, in order, then their `follows` clauses.
    pub(super) fn outcomes(&mut self, items: &[&ast::Outcome]) -> Vec<OutcomeDef> {
        let mut outcomes = Vec::new();
        for o in items {
            if let Some(od) = self.outcome(o, outcomes.len()) {
                outcomes.push(od);
            }
        }
        self.follows(items, &mut outcomes);
        outcomes
    }

    /// Resolves `follows`: only on collect outcomes, naming priority or unique outcomes.
    pub(super) fn follows(&mut self, items: &[&ast::Outcome], outcomes: &mut [OutcomeDef]) {
        for o in items {
            let Some(f) = &o.follows else { continue };
            let Some(oid) = outcomes.iter().position(|d| d.id == o.name.name) else {
                continue;
            };
            let policy = outcomes.get(oid).map_or(Policy::Collect, |d| d.policy);
            if policy != Policy::Collect {
                self.err(
                    DiagKind::FollowsNotCollect {
                        outcome: o.name.name.clone(),
                        policy: policy_word(policy).into(),
                    },
                    f.span,
                );
                continue;
            }
            let mut list = Vec::new();
            for name in &f.value {
                match outcomes.iter().position(|d| d.id == name.name) {
                    None => self.err(self.unknown_outcome_kind(&name.name), name.span),
                    Some(t) => {
                        let tp = outcomes.get(t).map_or(Policy::Collect, |d| d.policy);
                        if matches!(tp, Policy::Priority | Policy::Unique) {
                            if !list.contains(&t) {
                                list.push(t);
                            }
                        } else {
                            self.err(
                                DiagKind::FollowsNotSingle {
                                    outcome: name.name.clone(),
                                    policy: policy_word(tp).into(),
                                },
                                name.span,
                            );
                        }
                    }
                }
            }
            if let Some(d) = outcomes.get_mut(oid) {
                d.follows = list;
            }
        }
    }

    /// An outcome: a unique name, its label, values, policy and fallback.
    pub(super) fn outcome(&mut self, o: &ast::Outcome, id: OutcomeId) -> Option<OutcomeDef> {
        if self.outcome_ids.contains_key(&o.name.name) {
            let first = self.first(Decl::Outcome, &o.name.name);
            self.duplicate(&o.name, Decl::Outcome, first);
            return None;
        }
        self.declared(Decl::Outcome, &o.name);
        self.outcome_ids.insert(o.name.name.clone(), id);
        self.outcome_names.push(o.name.name.clone());
        let label = self.required_text(&o.label, ItemType::Outcome, "label", o.name.span);
        let values = self.outcome_values(o, id);
        let deadline = o.policy.value == Policy::Deadline;
        let (fallback, values) = if deadline {
            self.deadline_clauses(o);
            (FallbackDef::Required, Vec::new())
        } else {
            if values.is_empty() {
                self.err(DiagKind::NoValues(o.name.name.clone()), o.name.span);
            }
            (self.fallback(o, &values), values)
        };
        Some(OutcomeDef {
            id: o.name.name.clone(),
            label,
            policy: o.policy.value,
            fallback,
            values,
            follows: Vec::new(),
            span: o.name.span,
        })
    }

    /// The values of an outcome: declared ones (each name once), or the parties, phases or reasons of
    /// `values parties/phases/...`.
    fn outcome_values(&mut self, o: &ast::Outcome, id: OutcomeId) -> Vec<OptionDef> {
        let mut values: Vec<OptionDef> = Vec::new();
        for v in &o.values {
            if values.iter().any(|x| x.id == v.value.name.name) {
                let first = o
                    .values
                    .iter()
                    .map(|x| &x.value.name)
                    .find(|x| x.name == v.value.name.name)
                    .map(|x| x.span);
                self.duplicate(&v.value.name, Decl::Value, first);
                continue;
            }
            let label = self.text(&v.value.label);
            self.value_spans
                .insert((id, values.len()), v.value.name.span);
            values.push(OptionDef {
                id: v.value.name.name.clone(),
                label,
            });
        }
        if let Some(vf) = &o.values_from {
            if let Some(v) = o.values.first() {
                self.err(
                    DiagKind::ClauseNotAllowed {
                        clause: "value".into(),
                        item: ItemType::OutcomeWithValuesFrom,
                    },
                    v.span,
                );
            }
            let (list, what) = match vf.value {
                NamedKind::Party => (self.parties.clone(), Declarable::Party),
                NamedKind::Phase => (self.phases.clone(), Declarable::Phase),
                NamedKind::OverrideReason => {
                    (self.override_reasons.clone(), Declarable::OverrideReason)
                }
            };
            if list.is_empty() {
                self.err(DiagKind::NothingDeclared(what), vf.span);
            }
            for (i, v) in list.iter().enumerate() {
                self.value_spans.insert((id, i), vf.span);
                values.push(v.clone());
            }
        }
        values
    }

    /// A deadline outcome has no values and no `required`/`default`.
    fn deadline_clauses(&mut self, o: &ast::Outcome) {
        if let Some(v) = o.values.first() {
            self.err(
                DiagKind::ClauseNotAllowed {
                    clause: "value".into(),
                    item: ItemType::DeadlineOutcome,
                },
                v.span,
            );
        }
        if let Some(f) = &o.fallback {
            self.err(
                DiagKind::ClauseNotAllowed {
                    clause: "required/default".into(),
                    item: ItemType::DeadlineOutcome,
                },
                f.span,
            );
        }
    }

    /// `required`, or `default VALUE because ...` naming one of `values`.
    fn fallback(&mut self, o: &ast::Outcome, values: &[OptionDef]) -> FallbackDef {
        let Some(fallback) = &o.fallback else {
            self.err(
                DiagKind::MissingClause {
                    item: ItemType::Outcome,
                    clauses: vec!["required".into(), "default".into()],
                },
                o.name.span,
            );
            return FallbackDef::Required;
        };
        let Fallback::Default { value, because } = &fallback.value else {
            return FallbackDef::Required;
        };
        let because = self.text(because);
        match values.iter().position(|v| v.id == value.name) {
            Some(vi) => FallbackDef::Default { value: vi, because },
            None => {
                self.err(
                    DiagKind::UnknownValue {
                        outcome: o.name.name.clone(),
                        value: value.name.clone(),
                        suggestion: self.near(&value.name, values.iter().map(|x| x.id.as_str())),
                    },
                    value.span,
                );
                FallbackDef::Required
            }
        }
    }

    pub(super) fn assign_value(
        &mut self,
        outcomes: &[OutcomeDef],
        outcome: &Ident,
        values: &[&Ident],
        list: bool,
        out: &mut Vec<(OutcomeId, ValueId)>,
    ) {
        let Some(&oid) = self.outcome_ids.get(&outcome.name) else {
            let kind = self.unknown_outcome_kind(&outcome.name);
            self.unknown(kind, &outcome.name, outcome.span);
            return;
        };
        let Some(od) = outcomes.get(oid) else { return };
        if list && od.policy != Policy::Collect {
            self.err(DiagKind::ListForSingle(od.id.clone()), outcome.span);
        }
        if od.policy != Policy::Collect && out.iter().any(|(o, _)| *o == oid) {
            self.err(DiagKind::DuplicateAssignment(od.id.clone()), outcome.span);
        }
        for v in values {
            match od.values.iter().position(|x| x.id == v.name) {
                Some(vi) => {
                    if !out.contains(&(oid, vi)) {
                        out.push((oid, vi));
                    }
                }
                None => self.err(
                    DiagKind::UnknownValue {
                        outcome: od.id.clone(),
                        value: v.name.clone(),
                        suggestion: self.near(&v.name, od.values.iter().map(|x| x.id.as_str())),
                    },
                    v.span,
                ),
            }
        }
    }

    pub(super) fn priority_warning(
        &mut self,
        outcomes: &[OutcomeDef],
        assigns: &[(OutcomeId, ValueId)],
        priority: &Option<Clause<IntLit>>,
    ) {
        if let Some(p) = priority {
            let any_priority = assigns.iter().any(|(o, _)| {
                outcomes
                    .get(*o)
                    .is_some_and(|od| od.policy == Policy::Priority)
            });
            if !any_priority && !assigns.is_empty() {
                let mut names: Vec<String> = assigns
                    .iter()
                    .filter_map(|(o, _)| outcomes.get(*o).map(|od| format!("`{}`", od.id)))
                    .collect();
                names.dedup();
                self.err(DiagKind::PriorityIgnored(names.join(", ")), p.span);
            }
        }
    }
}

/// The keyword of a policy.
pub(super) fn policy_word(p: Policy) -> &'static str {
    match p {
        Policy::Priority => "priority",
        Policy::Unique => "unique",
        Policy::Collect => "collect",
        Policy::Deadline => "deadline",
    }
}
