//! Tests: in the rules file or a separate tests file, with their given answers and expectations.

use super::*;

impl Checker<'_> {
    /// A test: its name (unique), `today` when the rules need it, the answers given and the
    /// expectations, each checked against the model. `None` when any of it is wrong.
    pub(super) fn test(
        &mut self,
        model: &Model,
        t: &ast::Test,
        names: &mut HashSet<String>,
    ) -> Option<TestDef> {
        let mut ok = true;
        if !names.insert(t.name.value.clone()) {
            self.err(DiagKind::DuplicateTest(t.name.value.clone()), t.name.span);
        }
        let today = t.today.as_ref().map(|c| c.value.value);
        if today.is_none() && model.uses_today {
            self.err(DiagKind::TestNeedsToday, t.name.span);
            ok = false;
        }
        let (given, given_lists) = self.givens(model, t, &mut ok);
        let mut expects = Vec::new();
        for e in &t.expects {
            match self.expect(model, e) {
                Some(x) => expects.push(x),
                None => ok = false,
            }
        }
        let end = t
            .expects
            .last()
            .map(|e| e.span)
            .or_else(|| t.givens.last().map(|g| g.span))
            .unwrap_or(t.name.span);
        ok.then(|| TestDef {
            name: t.name.value.clone(),
            today,
            given,
            given_lists,
            expects,
            span: t.name.span.to(end),
            line: self.index.line_col(t.name.span.start).line,
        })
    }

    /// The answers a test gives: values, and records for timelines. Clears `ok` on a mistake.
    #[allow(clippy::type_complexity)]
    fn givens(
        &mut self,
        model: &Model,
        t: &ast::Test,
        ok: &mut bool,
    ) -> (Vec<(FactId, Value)>, Vec<(FactId, Vec<Record>)>) {
        let mut given: Vec<(FactId, Value)> = Vec::new();
        let mut given_lists: Vec<(FactId, Vec<Record>)> = Vec::new();
        for g in t.givens.iter().flat_map(|c| c.value.iter()) {
            let Some(fid) = model.fact_by_name(&g.fact.name) else {
                let kind = DiagKind::UnknownFact {
                    name: g.fact.name.clone(),
                    suggestion: self.near(&g.fact.name, model.facts.iter().map(|f| f.id.as_str())),
                };
                self.unknown(kind, &g.fact.name, g.fact.span);
                *ok = false;
                continue;
            };
            if given.iter().any(|(f, _)| *f == fid) || given_lists.iter().any(|(f, _)| *f == fid) {
                self.err(DiagKind::DuplicateGiven(g.fact.name.clone()), g.fact.span);
                *ok = false;
                continue;
            }
            if matches!(
                model.facts.get(fid).map(|f| &f.ty),
                Some(FactType::Timeline { .. })
            ) {
                match self.records_for(model, fid, &g.value) {
                    Some(r) => given_lists.push((fid, r)),
                    None => *ok = false,
                }
                continue;
            }
            match self.literal_for(model, fid, &g.value) {
                Some(v) => given.push((fid, v)),
                None => *ok = false,
            }
        }
        (given, given_lists)
    }

    /// One expectation of a test, about a handover or an outcome.
    fn expect(&mut self, model: &Model, e: &Clause<Expect>) -> Option<ExpectDef> {
        let handover = model
            .handovers
            .iter()
            .position(|h| h.id == e.value.outcome.name);
        if let Some(hi) = handover {
            return self.handover_expect(model, hi, e);
        }
        let Some(oid) = model.outcome_by_name(&e.value.outcome.name) else {
            let name = &e.value.outcome.name;
            let outcomes = model.outcomes.iter().map(|o| o.id.as_str());
            let kind = DiagKind::UnknownOutcome {
                name: name.clone(),
                suggestion: self.near(
                    name,
                    outcomes.chain(model.handovers.iter().map(|h| h.id.as_str())),
                ),
            };
            self.unknown(kind, name, e.value.outcome.span);
            return None;
        };
        let od = model.outcomes.get(oid)?;
        let kind = self.expect_kind(od, e)?;
        Some(ExpectDef {
            outcome: oid,
            kind,
            text: crate::print::expect_to_string(&e.value),
            span: e.span,
            line: self.index.line_col(e.span.start).line,
        })
    }

    /// `HANDOVER is blocked` or `is complete`.
    fn handover_expect(
        &mut self,
        model: &Model,
        hi: usize,
        e: &Clause<Expect>,
    ) -> Option<ExpectDef> {
        let complete = match e.value.kind {
            ExpectKind::Complete => Some(true),
            ExpectKind::Blocked => Some(false),
            _ => None,
        };
        if let (Some(complete), Some(hd)) = (complete, model.handovers.get(hi)) {
            return Some(ExpectDef {
                outcome: hd.lead,
                kind: ExpectDefKind::Handover {
                    handover: hi,
                    complete,
                },
                text: crate::print::expect_to_string(&e.value),
                span: e.span,
                line: self.index.line_col(e.span.start).line,
            });
        }
        self.err(
            DiagKind::ExpectForm {
                form: crate::print::expect_to_string(&e.value),
                outcome: e.value.outcome.name.clone(),
                policy: Fits::Handover,
            },
            e.span,
        );
        None
    }

    /// What an expectation about outcome `od` checks, when its form fits the outcome's policy.
    fn expect_kind(&mut self, od: &OutcomeDef, e: &Clause<Expect>) -> Option<ExpectDefKind> {
        let form_err = |c: &mut Checker, form: &str| {
            c.err(
                DiagKind::ExpectForm {
                    form: form.into(),
                    outcome: od.id.clone(),
                    policy: Fits::Policy(policy_word(od.policy).into()),
                },
                e.span,
            );
            None
        };
        let deadline = od.policy == Policy::Deadline;
        let collect = od.policy == Policy::Collect;
        match &e.value.kind {
            ExpectKind::Date(d) if deadline => Some(ExpectDefKind::DateIs(d.value)),
            ExpectKind::Date(_) => form_err(self, "= DATE"),
            ExpectKind::Blocked | ExpectKind::Complete => form_err(self, "is blocked/complete"),
            ExpectKind::Overdue if deadline => Some(ExpectDefKind::Overdue),
            ExpectKind::Overdue => form_err(self, "is overdue"),
            ExpectKind::Equals(_) if collect || deadline => form_err(self, "="),
            ExpectKind::Equals(v) => self
                .value_ids(od, std::slice::from_ref(v))
                .and_then(|v| v.first().copied())
                .map(ExpectDefKind::Equals),
            ExpectKind::Contains { .. } if !collect => form_err(self, "contains"),
            ExpectKind::Contains { values, .. } => {
                self.value_ids(od, values).map(ExpectDefKind::Contains)
            }
            ExpectKind::Exactly(_) if !collect => form_err(self, "exactly"),
            ExpectKind::Exactly(values) => self.value_ids(od, values).map(ExpectDefKind::Exactly),
            ExpectKind::Undecided if matches!(od.fallback, FallbackDef::Default { .. }) => {
                form_err(self, "is undecided")
            }
            ExpectKind::Undecided => Some(ExpectDefKind::Undecided),
            ExpectKind::Provisional => Some(ExpectDefKind::Provisional),
            ExpectKind::Final => Some(ExpectDefKind::Final),
        }
    }

    /// The values of outcome `od` named in `vs`; each unknown one is `E304`.
    fn value_ids(&mut self, od: &OutcomeDef, vs: &[Ident]) -> Option<Vec<ValueId>> {
        let mut out = Vec::new();
        let mut good = true;
        for v in vs {
            match od.values.iter().position(|x| x.id == v.name) {
                Some(i) => out.push(i),
                None => {
                    self.err(
                        DiagKind::UnknownValue {
                            outcome: od.id.clone(),
                            value: v.name.clone(),
                            suggestion: self.near(&v.name, od.values.iter().map(|x| x.id.as_str())),
                        },
                        v.span,
                    );
                    good = false;
                }
            }
        }
        good.then_some(out)
    }

    /// A test answer, checked against the fact's type.
    pub(super) fn literal_for(
        &mut self,
        model: &Model,
        fid: FactId,
        lit: &Literal,
    ) -> Option<Value> {
        let fd = model.facts.get(fid)?;
        self.typed_literal(&fd.id, &fd.ty, lit)
    }

    /// The records of a timeline in a test: `[(2026-03-01, geen_contact), ...]`, each in field order.
    pub(super) fn records_for(
        &mut self,
        model: &Model,
        fid: FactId,
        lit: &Literal,
    ) -> Option<Vec<Record>> {
        let fd = model.facts.get(fid)?;
        let FactType::Timeline { fields } = &fd.ty else {
            return None;
        };
        let Literal::Records(list, span) = lit else {
            self.err(
                DiagKind::TypeMismatch {
                    expected: TypeDesc::RecordsShape(fd.id.clone()),
                    found: TypeDesc::OneValue,
                },
                lit.span(),
            );
            return None;
        };
        if list.len() > MAX_RECORDS {
            self.err(
                DiagKind::TooMany {
                    what: Counted::Records,
                    limit: MAX_RECORDS,
                },
                *span,
            );
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (values, rspan) in list {
            if values.len() != fields.len() {
                self.err(
                    DiagKind::TypeMismatch {
                        expected: TypeDesc::FieldValues {
                            count: fields.len(),
                            names: field_names(fields),
                        },
                        found: TypeDesc::Count(values.len()),
                    },
                    *rspan,
                );
                ok = false;
                continue;
            }
            let mut record = Vec::new();
            for (f, v) in fields.iter().zip(values) {
                match self.typed_literal(&f.id, &f.ty, v) {
                    Some(x) => record.push(Some(x)),
                    None => ok = false,
                }
            }
            out.push(record);
        }
        ok.then_some(out)
    }

    /// A literal checked against a type (`owner` names the fact or field in messages).
    pub(super) fn typed_literal(
        &mut self,
        owner: &str,
        ty: &FactType,
        lit: &Literal,
    ) -> Option<Value> {
        let mismatch = |c: &mut Checker, expected: TypeDesc, found: TypeDesc| {
            c.err(DiagKind::TypeMismatch { expected, found }, lit.span());
            None
        };
        let found = match lit {
            Literal::Bool(..) => Ty::Bool.words(&[]),
            Literal::Int(..) => Ty::Int.words(&[]),
            Literal::Date(..) => Ty::Date.words(&[]),
            Literal::Name(_) => TypeDesc::AName,
            Literal::Records(..) => TypeDesc::ListOfRecords,
        };
        match (ty, lit) {
            (FactType::Bool, Literal::Bool(b, _)) => Some(Value::Bool(*b)),
            (FactType::Date, Literal::Date(d, _)) => Some(Value::Date(*d)),
            (FactType::Int { min, max }, Literal::Int(n, _)) => {
                self.bounds(owner, *n, *min, *max, lit.span())?;
                Some(Value::Int(*n))
            }
            (FactType::Scale { min, max, .. }, Literal::Int(n, _)) => {
                self.bounds(owner, *n, Some(*min), Some(*max), lit.span())?;
                Some(Value::Int(*n))
            }
            (FactType::Choice { options }, Literal::Name(i)) => {
                match options.iter().position(|o| o.id == i.name) {
                    Some(x) => Some(Value::Choice(x)),
                    None => {
                        self.err(
                            DiagKind::UnknownOption {
                                fact: owner.to_string(),
                                option: i.name.clone(),
                                suggestion: self
                                    .near(&i.name, options.iter().map(|o| o.id.as_str())),
                            },
                            i.span,
                        );
                        None
                    }
                }
            }
            (FactType::Bool, _) => mismatch(self, Ty::Bool.words(&[]), found),
            (FactType::Date, _) => mismatch(self, Ty::Date.words(&[]), found),
            (FactType::Int { .. } | FactType::Scale { .. }, _) => {
                mismatch(self, Ty::Int.words(&[]), found)
            }
            (FactType::Choice { .. }, _) => {
                mismatch(self, TypeDesc::OptionOf(owner.to_string()), found)
            }
            (FactType::Timeline { .. }, _) => {
                mismatch(self, TypeDesc::RecordsOf(owner.to_string()), found)
            }
        }
    }

    pub(super) fn bounds(
        &mut self,
        owner: &str,
        n: i64,
        min: Option<i64>,
        max: Option<i64>,
        span: Span,
    ) -> Option<()> {
        let below = min.is_some_and(|m| n < m);
        let above = max.is_some_and(|m| n > m);
        if below || above {
            let bounds = format!(
                "{}..{}",
                min.map(|m| m.to_string()).unwrap_or_default(),
                max.map(|m| m.to_string()).unwrap_or_default()
            );
            self.err(
                DiagKind::OutOfBounds {
                    fact: owner.to_string(),
                    value: n,
                    bounds,
                },
                span,
            );
            return None;
        }
        Some(())
    }
}

/// Checks a file of tests (`tests for ID` followed by `test` items) against a checked model.
pub fn check_tests_file(model: &Model, source: &str) -> (Vec<TestDef>, Vec<Diagnostic>) {
    let (file, mut diags) = crate::parse::parse(source);
    if source.len() > MAX_SOURCE_BYTES {
        return (Vec::new(), diags);
    }
    let index = LineIndex::new(source);
    let had = !diags.is_empty();
    let mut c = Checker::new(source, &index, &file, had);
    let mut tests = Vec::new();
    let mut names = HashSet::new();
    let mut first = true;
    for item in &file.items {
        match &item.kind {
            ItemKind::TestsFor(id) if first => {
                if id.name != model.meta.id {
                    c.err(
                        DiagKind::TestsForOther {
                            expected: id.name.clone(),
                            found: model.meta.id.clone(),
                        },
                        id.span,
                    );
                }
            }
            ItemKind::Test(t) => {
                if first {
                    c.err(DiagKind::MissingHeader, Span::new(0, 0));
                }
                if let Some(td) = c.test(model, t, &mut names) {
                    tests.push(td);
                }
            }
            _ => c.err(
                DiagKind::Expected {
                    expected: Wanted::OnlyTests,
                    found: Found::AnotherItem,
                },
                item.span,
            ),
        }
        first = false;
    }
    if file.items.is_empty() && !had {
        c.err(DiagKind::MissingHeader, Span::new(0, 0));
    }
    diags.append(&mut c.diags);
    (tests, cap(diags))
}
