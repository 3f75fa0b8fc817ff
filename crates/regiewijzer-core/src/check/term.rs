//! Typing terms: facts, parameters, literals, arithmetic, dates and timelines.

use super::*;

impl Checker<'_> {
    /// A value-producing expression with its type.
    pub(super) fn term(&mut self, e: &Expr) -> Option<(Term, Ty)> {
        crate::work::tick(1);
        match &e.kind {
            ExprKind::Name(n) if self.field_in_scope(n).is_some() => {
                let (list, i, ty) = self.field_in_scope(n)?;
                Some((Term::Field(i), field_ty(&ty, list, i)?))
            }
            ExprKind::Count {
                list,
                filter,
                window,
            } => {
                let (lid, filter, window) = self.list_parts(list, filter, window)?;
                let list = lid;
                Some((
                    Term::Count {
                        list,
                        filter,
                        window,
                    },
                    Ty::Int,
                ))
            }
            ExprKind::Pick {
                latest,
                field,
                list,
                filter,
                window,
            } => self.pick(*latest, field, list, filter, window),
            ExprKind::Name(n) => self.name_term(n, e.span),
            ExprKind::Bool(b) => Some((Term::Lit(Value::Bool(*b)), Ty::Bool)),
            ExprKind::Int(n) => Some((Term::Lit(Value::Int(*n)), Ty::Int)),
            ExprKind::Date(d) => Some((Term::Lit(Value::Date(*d)), Ty::Date)),
            ExprKind::Today => {
                self.uses_today = true;
                Some((Term::Today, Ty::Date))
            }
            ExprKind::Paren(inner) => self.term(inner),
            ExprKind::Days(inner) => {
                let (t, ty) = self.term(inner)?;
                self.expect_ty(&ty, &Ty::Int, inner.span)?;
                Some((t, Ty::Days))
            }
            ExprKind::WorkingDays(inner) => {
                let (t, ty) = self.term(inner)?;
                self.expect_ty(&ty, &Ty::Int, inner.span)?;
                Some((t, Ty::WorkingDays))
            }
            ExprKind::DaysSince(inner) => {
                let (t, ty) = self.term(inner)?;
                self.expect_ty(&ty, &Ty::Date, inner.span)?;
                self.uses_today = true;
                Some((Term::DateDiff(Box::new(Term::Today), Box::new(t)), Ty::Int))
            }
            ExprKind::Neg(inner) => self.neg(e, inner),
            ExprKind::Binary(op @ (BinOp::Add | BinOp::Sub | BinOp::Mul), a, b) => {
                self.arith(*op, a, b)
            }
            // Conditions used as values, e.g. `(a or b) = yes`.
            _ => {
                let c = self.cond(e)?;
                Some((Term::Cond(Box::new(c)), Ty::Bool))
            }
        }
    }

    /// `latest`/`earliest FIELD of LIST`: the field must be one of the timeline's.
    fn pick(
        &mut self,
        latest: bool,
        field: &Ident,
        list: &Ident,
        filter: &Option<Box<Expr>>,
        window: &Option<Box<Expr>>,
    ) -> Option<(Term, Ty)> {
        let (lid, filter, window) = self.list_parts(list, filter, window)?;
        let Some(FactType::Timeline { fields }) = self.facts.get(lid).map(|fd| &fd.ty) else {
            return None;
        };
        let found = fields.iter().position(|x| x.id == field.name);
        let Some((i, fty)) = found.and_then(|i| Some((i, fields.get(i)?.ty.clone()))) else {
            let suggestion = self.near(&field.name, fields.iter().map(|x| x.id.as_str()));
            self.err(
                DiagKind::UnknownField {
                    list: list.name.clone(),
                    field: field.name.clone(),
                    suggestion,
                },
                field.span,
            );
            return None;
        };
        let ty = field_ty(&fty, lid, i)?;
        let term = Term::Pick {
            latest,
            field: i,
            list: lid,
            filter,
            window,
        };
        Some((term, ty))
    }

    /// A bare name: a fact, a parameter, or else a name to resolve against the other side.
    fn name_term(&mut self, n: &str, span: Span) -> Option<(Term, Ty)> {
        if let Some(&f) = self.fact_ids.get(n) {
            let ty = match &self.facts.get(f)?.ty {
                FactType::Timeline { .. } => Ty::Timeline(f),
                FactType::Bool => Ty::Bool,
                FactType::Int { .. } | FactType::Scale { .. } => Ty::Int,
                FactType::Date => Ty::Date,
                FactType::Choice { .. } => Ty::Choice(f),
            };
            return Some((Term::Fact(f), ty));
        }
        match self
            .param_ids
            .get(n)
            .and_then(|&p| Some((p, self.params.get(p)?)))
        {
            Some((p, pd)) => {
                let ty = match pd.value {
                    Value::Bool(_) => Ty::Bool,
                    Value::Date(_) => Ty::Date,
                    _ => Ty::Int,
                };
                Some((Term::Param(p), ty))
            }
            None => Some((Term::Lit(Value::Int(0)), Ty::Name(n.to_string(), span))),
        }
    }

    /// `-x` on a number or a number of days; a negated literal is folded (`E104` if it overflows).
    fn neg(&mut self, e: &Expr, inner: &Expr) -> Option<(Term, Ty)> {
        let (t, ty) = self.term(inner)?;
        if !matches!(ty, Ty::Int | Ty::Days) {
            self.expect_ty(&ty, &Ty::Int, inner.span)?;
        }
        let t = match t {
            Term::Lit(Value::Int(n)) => match n.checked_neg() {
                Some(m) => Term::Lit(Value::Int(m)),
                None => {
                    self.err(DiagKind::NumberTooLarge(expr_to_string(e)), e.span);
                    return None;
                }
            },
            t => Term::Neg(Box::new(t)),
        };
        Some((t, ty))
    }

    /// `+`, `-` and `*` on numbers, numbers of days and dates.
    fn arith(&mut self, op: BinOp, a: &Expr, b: &Expr) -> Option<(Term, Ty)> {
        let (ta, tya) = self.term(a)?;
        let (tb, tyb) = self.term(b)?;
        for (ty, sp) in [(&tya, a.span), (&tyb, b.span)] {
            if let Ty::Name(n, _) = ty {
                self.unknown_fact(n, sp);
                return None;
            }
        }
        let (ba, bb) = (Box::new(ta), Box::new(tb));
        let neg = |t: Box<Term>| Box::new(Term::Neg(t));
        let term = match (op, &tya, &tyb) {
            (_, Ty::Int, Ty::Int) | (BinOp::Add | BinOp::Sub, Ty::Days, Ty::Days) => {
                let arith = match op {
                    BinOp::Add => ArithOp::Add,
                    BinOp::Sub => ArithOp::Sub,
                    _ => ArithOp::Mul,
                };
                return Some((Term::Arith(arith, ba, bb), tya));
            }
            (BinOp::Add, Ty::Date, Ty::Days) => Term::DatePlus(ba, bb),
            (BinOp::Add, Ty::Days, Ty::Date) => Term::DatePlus(bb, ba),
            (BinOp::Add, Ty::Date, Ty::WorkingDays) => Term::WorkdaysPlus(ba, bb),
            (BinOp::Add, Ty::WorkingDays, Ty::Date) => Term::WorkdaysPlus(bb, ba),
            (BinOp::Sub, Ty::Date, Ty::WorkingDays) => Term::WorkdaysPlus(ba, neg(bb)),
            (BinOp::Sub, Ty::Date, Ty::Days) => Term::DatePlus(ba, neg(bb)),
            (BinOp::Sub, Ty::Date, Ty::Date) => return Some((Term::DateDiff(ba, bb), Ty::Int)),
            (BinOp::Add | BinOp::Sub, Ty::Date, _) => {
                self.err(
                    DiagKind::TypeMismatch {
                        expected: TypeDesc::DaysOrDate,
                        found: tyb.words(&self.facts),
                    },
                    b.span,
                );
                return None;
            }
            _ => {
                let (bad, sp) = if !matches!(tya, Ty::Int) {
                    (&tya, a.span)
                } else {
                    (&tyb, b.span)
                };
                self.err(
                    DiagKind::TypeMismatch {
                        expected: Ty::Int.words(&[]),
                        found: bad.words(&self.facts),
                    },
                    sp,
                );
                return None;
            }
        };
        Some((term, Ty::Date))
    }

    /// A field of a timeline whose `where` we are in (innermost first): (timeline, field index, type).
    pub(super) fn field_in_scope(&self, name: &str) -> Option<(FactId, usize, FactType)> {
        self.scope
            .iter()
            .rev()
            .find_map(|&list| match &self.facts.get(list)?.ty {
                FactType::Timeline { fields } => {
                    let i = fields.iter().position(|f| f.id == name)?;
                    Some((list, i, fields.get(i)?.ty.clone()))
                }
                _ => None,
            })
    }

    /// The timeline, filter and window of `count`/`latest`/`earliest`.
    #[allow(clippy::type_complexity)]
    pub(super) fn list_parts(
        &mut self,
        list: &Ident,
        filter: &Option<Box<Expr>>,
        window: &Option<Box<Expr>>,
    ) -> Option<(FactId, Option<Box<Cond>>, Option<Box<Term>>)> {
        let lid = match self.fact_ids.get(&list.name) {
            Some(&f) => f,
            None => {
                self.unknown_fact(&list.name, list.span);
                return None;
            }
        };
        if !matches!(
            self.facts.get(lid).map(|f| &f.ty),
            Some(FactType::Timeline { .. })
        ) {
            self.err(DiagKind::NotATimeline(list.name.clone()), list.span);
            return None;
        }
        let window = match window {
            Some(w) => {
                let (t, ty) = self.term(w)?;
                self.expect_ty(&ty, &Ty::Int, w.span)?;
                self.uses_today = true;
                Some(Box::new(t))
            }
            None => None,
        };
        let filter = match filter {
            Some(f) => {
                self.scope.push(lid);
                let c = self.cond(f);
                self.scope.pop();
                Some(Box::new(c?))
            }
            None => None,
        };
        Some((lid, filter, window))
    }

    pub(super) fn expect_ty(&mut self, found: &Ty, expected: &Ty, span: Span) -> Option<()> {
        if found == expected {
            return Some(());
        }
        if let Ty::Name(n, sp) = found {
            self.unknown_fact(n, *sp);
            return None;
        }
        self.err(
            DiagKind::TypeMismatch {
                expected: expected.words(&self.facts),
                found: found.words(&self.facts),
            },
            span,
        );
        None
    }
}

pub(super) fn field_names(fields: &[FieldDef]) -> String {
    fields
        .iter()
        .map(|f| f.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The type of field `i` of timeline `list` in an expression (a timeline field is not one).
fn field_ty(ty: &FactType, list: FactId, i: usize) -> Option<Ty> {
    Some(match ty {
        FactType::Bool => Ty::Bool,
        FactType::Int { .. } | FactType::Scale { .. } => Ty::Int,
        FactType::Date => Ty::Date,
        FactType::Choice { .. } => Ty::FieldChoice(list, i),
        FactType::Timeline { .. } => return None,
    })
}
