//! Rules and tables: conditions, assignments and deadlines, a table's rows as rules.

use super::*;

impl Checker<'_> {
    /// The rules and tables, in order (a table's rows become rules); more than [`MAX_RULES`] is `E109`
    /// once, at the item that goes over.
    pub(super) fn rules_and_tables(
        &mut self,
        items: &[&Item],
        outcomes: &[OutcomeDef],
        names: &mut HashMap<String, Span>,
    ) -> Vec<RuleDef> {
        let mut rules = Vec::new();
        let mut too_many = false;
        for item in items {
            match &item.kind {
                ItemKind::Rule(r) => {
                    self.rule_name(names, &r.name, Decl::RuleOrTable);
                    if let Some(rd) = self.rule(r, item.span, outcomes) {
                        rules.push(rd);
                    }
                }
                ItemKind::Table(t) => {
                    self.rule_name(names, &t.name, Decl::RuleOrTable);
                    self.table(t, outcomes, &mut rules);
                }
                _ => {}
            }
            if rules.len() > MAX_RULES && !too_many {
                too_many = true;
                self.err(
                    DiagKind::TooMany {
                        what: Counted::Rules,
                        limit: MAX_RULES,
                    },
                    item.span,
                );
            }
        }
        rules
    }

    /// Records the name of a rule, table or handover; a name already taken is `E306`.
    pub(super) fn rule_name(
        &mut self,
        names: &mut HashMap<String, Span>,
        name: &Ident,
        what: Decl,
    ) {
        match names.get(&name.name) {
            Some(&first) => self.duplicate(name, what, Some(first)),
            None => {
                names.insert(name.name.clone(), name.span);
            }
        }
    }

    /// A rule: `when`, `then` (values and deadlines), its texts and priority.
    pub(super) fn rule(
        &mut self,
        r: &ast::Rule,
        span: Span,
        outcomes: &[OutcomeDef],
    ) -> Option<RuleDef> {
        let title = self.opt_text(&r.title);
        let because = self.required_text(&r.because, ItemType::Rule, "because", r.name.span);
        let missing = |c: &mut Checker, clause: &str| {
            c.err(
                DiagKind::MissingClause {
                    item: ItemType::Rule,
                    clauses: vec![clause.into()],
                },
                r.name.span,
            );
        };
        let (cond, cond_text) = match &r.when {
            Some(w) => (self.cond(&w.value), expr_to_string(&w.value)),
            None => {
                missing(self, "when");
                (None, String::new())
            }
        };
        let mut assigns = Vec::new();
        let mut deadlines = Vec::new();
        match &r.then {
            Some(t) => {
                for a in &t.value {
                    self.assignment(a, outcomes, &mut assigns, &mut deadlines);
                }
            }
            None => missing(self, "then"),
        }
        self.priority_warning(outcomes, &assigns, &r.priority);
        Some(RuleDef {
            id: r.name.name.clone(),
            origin: RuleOrigin::Rule,
            title,
            cond: cond?,
            cond_text,
            assigns,
            deadlines,
            priority: r.priority.as_ref().map_or(0, |p| p.value.value),
            rank: 0,
            because,
            sources: r.sources.iter().map(|s| s.value.value.clone()).collect(),
            span,
        })
    }

    /// One `OUTCOME = value` of a rule's `then`: a value (or a list of them), or a date for a
    /// deadline outcome.
    fn assignment(
        &mut self,
        a: &Assignment,
        outcomes: &[OutcomeDef],
        assigns: &mut Vec<(OutcomeId, ValueId)>,
        deadlines: &mut Vec<DeadlineAssign>,
    ) {
        let deadline = self
            .outcome_ids
            .get(&a.outcome.name)
            .and_then(|&o| outcomes.get(o).map(|od| (o, od)))
            .filter(|(_, od)| od.policy == Policy::Deadline);
        if let Some((oid, _)) = deadline {
            return self.deadline_assign(a, oid, deadlines);
        }
        match &a.value {
            AssignValue::One(v) => self.assign_value(outcomes, &a.outcome, &[v], false, assigns),
            AssignValue::Expr(e) if self.outcome_ids.contains_key(&a.outcome.name) => {
                self.err(
                    DiagKind::TypeMismatch {
                        expected: TypeDesc::ValueOf(a.outcome.name.clone()),
                        found: TypeDesc::Expression(expr_to_string(e)),
                    },
                    e.span,
                );
            }
            AssignValue::Expr(_) => {
                let kind = self.unknown_outcome_kind(&a.outcome.name);
                self.unknown(kind, &a.outcome.name, a.outcome.span);
            }
            AssignValue::List(vs) => {
                let refs: Vec<&Ident> = vs.iter().collect();
                self.assign_value(outcomes, &a.outcome, &refs, true, assigns)
            }
        }
    }

    /// `DEADLINE = date`: one date per rule.
    fn deadline_assign(
        &mut self,
        a: &Assignment,
        oid: OutcomeId,
        deadlines: &mut Vec<DeadlineAssign>,
    ) {
        let e = match &a.value {
            AssignValue::One(v) => Expr {
                kind: ExprKind::Name(v.name.clone()),
                span: v.span,
            },
            AssignValue::Expr(e) => e.clone(),
            AssignValue::List(_) => {
                self.err(
                    DiagKind::ListForSingle(a.outcome.name.clone()),
                    a.outcome.span,
                );
                return;
            }
        };
        if deadlines.iter().any(|d| d.outcome == oid) {
            self.err(
                DiagKind::DuplicateAssignment(a.outcome.name.clone()),
                a.outcome.span,
            );
        }
        if let Some((term, ty)) = self.term(&e)
            && self.expect_ty(&ty, &Ty::Date, e.span).is_some()
        {
            let mut facts = Vec::new();
            term_facts(&term, &mut facts);
            deadlines.push(DeadlineAssign {
                outcome: oid,
                date: term,
                text: expr_to_string(&e),
                facts,
            });
        }
    }

    /// A table: its column heads, then each row as a rule (`table#row`).
    pub(super) fn table(
        &mut self,
        t: &ast::Table,
        outcomes: &[OutcomeDef],
        rules: &mut Vec<RuleDef>,
    ) {
        let title = self.opt_text(&t.title);
        let because = self.required_text(&t.because, ItemType::Table, "because", t.name.span);
        let sources: Vec<String> = t.sources.iter().map(|s| s.value.value.clone()).collect();
        let priority = t.priority.as_ref().map_or(0, |p| p.value.value);
        let Some(header) = &t.header else {
            self.err(
                DiagKind::MissingClause {
                    item: ItemType::Table,
                    clauses: vec!["| ... || ... |".into()],
                },
                t.name.span,
            );
            return;
        };
        let (head_ok, out_ids) = self.table_heads(&header.value);
        let mut all_assigns = Vec::new();
        for (ri, row) in t.rows.iter().enumerate() {
            let rown = ri + 1;
            let Some((cond, texts, assigns)) = self.row(&header.value, &out_ids, outcomes, row)
            else {
                continue;
            };
            all_assigns.extend(assigns.iter().copied());
            let (Some(cond), true) = (cond, head_ok) else {
                continue;
            };
            rules.push(RuleDef {
                id: format!("{}#{rown}", t.name.name),
                origin: RuleOrigin::Row {
                    table: t.name.name.clone(),
                    row: rown,
                },
                title: title.clone(),
                cond,
                cond_text: if texts.is_empty() {
                    "-".into()
                } else {
                    texts.join(" and ")
                },
                assigns,
                deadlines: Vec::new(),
                priority,
                rank: if t.first {
                    -i64::try_from(rown).unwrap_or(i64::MAX)
                } else {
                    0
                },
                because: because.clone(),
                sources: sources.clone(),
                span: row.span,
            });
        }
        self.priority_warning(outcomes, &all_assigns, &t.priority);
    }

    /// Checks a table's column heads once: inputs must have a type, outputs must be outcomes. True
    /// when the inputs check, and the outcome of each output.
    fn table_heads(&mut self, header: &TableHeader) -> (bool, Vec<Option<OutcomeId>>) {
        let mut head_ok = true;
        for e in &header.inputs {
            if self.term(e).is_none() {
                head_ok = false;
            }
        }
        let mut out_ids: Vec<Option<OutcomeId>> = Vec::new();
        for o in &header.outputs {
            match self.outcome_ids.get(&o.name) {
                Some(id) => out_ids.push(Some(*id)),
                None => {
                    let kind = self.unknown_outcome_kind(&o.name);
                    self.unknown(kind, &o.name, o.span);
                    out_ids.push(None);
                }
            }
        }
        (head_ok, out_ids)
    }

    /// A table row: its condition (`None` when a cell does not check), the cells' texts and the
    /// values it gives. `None` when it has the wrong number of cells (`E207`).
    #[allow(clippy::type_complexity)]
    fn row(
        &mut self,
        header: &TableHeader,
        out_ids: &[Option<OutcomeId>],
        outcomes: &[OutcomeDef],
        row: &Clause<TableRow>,
    ) -> Option<(Option<Cond>, Vec<String>, Vec<(OutcomeId, ValueId)>)> {
        let r = &row.value;
        let widths = [
            (RowSide::Input, header.inputs.len(), r.inputs.len()),
            (RowSide::Output, header.outputs.len(), r.outputs.len()),
        ];
        for (side, expected, found) in widths {
            if expected != found {
                self.err(
                    DiagKind::RowWidth {
                        side,
                        expected,
                        found,
                    },
                    row.span,
                );
                return None;
            }
        }
        let mut parts = Vec::new();
        let mut texts = Vec::new();
        let mut ok = true;
        for (col, cell) in header.inputs.iter().zip(&r.inputs) {
            let Some(e) = cell_expr(col, cell) else {
                continue;
            };
            texts.push(expr_to_string(&e));
            match self.cond(&e) {
                Some(c) => parts.push(c),
                None => ok = false,
            }
        }
        let mut assigns = Vec::new();
        for ((head, oid), cell) in header.outputs.iter().zip(out_ids).zip(&r.outputs) {
            if oid.is_none() {
                continue;
            }
            match cell {
                OutCell::Skip(_) => {}
                OutCell::One(v) => self.assign_value(outcomes, head, &[v], false, &mut assigns),
                OutCell::List(vs, _) => {
                    let refs: Vec<&Ident> = vs.iter().collect();
                    self.assign_value(outcomes, head, &refs, true, &mut assigns)
                }
            }
        }
        let cond = match parts.len() {
            0 => Cond::True,
            1 => parts.pop().unwrap_or(Cond::True),
            _ => Cond::And(parts),
        };
        Some((ok.then_some(cond), texts, assigns))
    }
}

/// The condition a table cell stands for, as an expression over its column (`None` for `-`).
pub(super) fn cell_expr(col: &Expr, cell: &ast::Cell) -> Option<Expr> {
    let col_b = Box::new(col.clone());
    let kind = match &cell.kind {
        CellKind::Any => return None,
        CellKind::Cmp(op, e) => ExprKind::Binary(BinOp::Cmp(*op), col_b, Box::new(e.clone())),
        CellKind::In { list, negated } => ExprKind::In {
            expr: col_b,
            list: list.clone(),
            negated: *negated,
        },
        CellKind::Range(a, b) => ExprKind::Between {
            expr: col_b,
            low: Box::new(a.clone()),
            high: Box::new(b.clone()),
        },
        CellKind::Unknown => ExprKind::IsAnswered {
            expr: col_b,
            negated: true,
        },
        CellKind::Answered => ExprKind::IsAnswered {
            expr: col_b,
            negated: false,
        },
    };
    Some(Expr {
        kind,
        span: cell.span,
    })
}
