//! Typing conditions and predicates: comparisons, `is`, `is answered`, options and names.

use super::*;

impl Checker<'_> {
    /// A yes/no condition.
    pub(super) fn cond(&mut self, e: &Expr) -> Option<Cond> {
        crate::work::tick(1);
        match &e.kind {
            ExprKind::Paren(inner) => self.cond(inner),
            ExprKind::Binary(op @ (BinOp::And | BinOp::Or), a, b) => {
                let ca = self.cond(a);
                let cb = self.cond(b);
                let (ca, cb) = (ca?, cb?);
                let mut parts = Vec::new();
                for c in [ca, cb] {
                    match (op, c) {
                        (BinOp::And, Cond::And(v)) => parts.extend(v),
                        (BinOp::Or, Cond::Or(v)) => parts.extend(v),
                        (_, c) => parts.push(c),
                    }
                }
                Some(if *op == BinOp::And {
                    Cond::And(parts)
                } else {
                    Cond::Or(parts)
                })
            }
            ExprKind::Not(inner) => Some(Cond::Not(Box::new(self.cond(inner)?))),
            _ => {
                let pred = self.pred(e)?;
                let facts = pred_facts(&pred);
                let params = pred_params(&pred);
                Some(Cond::Atom(Box::new(Atom {
                    pred,
                    text: expr_to_string(e),
                    facts,
                    params,
                })))
            }
        }
    }

    /// A predicate: a comparison, `in`, `between`, `is answered`, or a yes/no term.
    pub(super) fn pred(&mut self, e: &Expr) -> Option<Pred> {
        match &e.kind {
            ExprKind::Binary(BinOp::Cmp(op), a, b) => self.compare(e, *op, a, b),
            ExprKind::In {
                expr,
                list,
                negated,
            } => self.in_list(expr, list, *negated),
            ExprKind::Between { expr, low, high } => self.between(expr, low, high),
            ExprKind::IsAnswered { expr, negated } => {
                let inner = strip_parens(expr);
                let ExprKind::Name(n) = &inner.kind else {
                    let (term, _) = self.term(inner)?;
                    let negated = *negated;
                    return Some(Pred::Known { term, negated });
                };
                let Some(&fact) = self.fact_ids.get(n) else {
                    self.unknown_fact(n, inner.span);
                    return None;
                };
                let negated = *negated;
                Some(Pred::Answered { fact, negated })
            }
            _ => {
                let (t, ty) = self.term(e)?;
                match ty {
                    Ty::Bool => Some(Pred::Truth(t)),
                    Ty::Name(n, sp) => {
                        self.unknown_fact(&n, sp);
                        None
                    }
                    other => {
                        self.err(
                            DiagKind::TypeMismatch {
                                expected: TypeDesc::Condition,
                                found: other.words(&self.facts),
                            },
                            e.span,
                        );
                        None
                    }
                }
            }
        }
    }

    /// `a = b`, `a < b`, ...: both sides of one type, and an order for all but `=` and `!=`.
    fn compare(&mut self, e: &Expr, op: CmpOp, a: &Expr, b: &Expr) -> Option<Pred> {
        let (ta, tya) = self.term(a)?;
        let (tb, tyb) = self.term(b)?;
        let (ta, tya, tb, tyb) = self.resolve_pair(ta, tya, tb, tyb)?;
        if tya != tyb {
            self.err(
                DiagKind::Incomparable {
                    left: tya.words(&self.facts),
                    right: tyb.words(&self.facts),
                },
                e.span,
            );
            return None;
        }
        let equality = matches!(op, CmpOp::Eq | CmpOp::Ne);
        if !equality && !matches!(tya, Ty::Int | Ty::Date | Ty::Days) {
            self.err(
                DiagKind::NotOrdered {
                    op: op.as_str().into(),
                    found: tya.words(&self.facts),
                },
                e.span,
            );
            return None;
        }
        if equality {
            self.literal_bounds(&ta, &tb, b.span);
            self.literal_bounds(&tb, &ta, a.span);
        }
        Some(Pred::Cmp(op, ta, tb))
    }

    /// `x in (a, b, ...)`: every item of the type of `x`.
    fn in_list(&mut self, expr: &Expr, list: &[Expr], negated: bool) -> Option<Pred> {
        let (t, ty) = self.term(expr)?;
        if let Ty::Name(n, sp) = &ty {
            self.unknown_fact(n, *sp);
            return None;
        }
        let mut items = Vec::new();
        let mut ok = true;
        for item in list {
            let Some((ti, tyi)) = self.term(item) else {
                ok = false;
                continue;
            };
            let Some((_, _, ti, tyi)) = self.resolve_pair(t.clone(), ty.clone(), ti, tyi) else {
                ok = false;
                continue;
            };
            if tyi != ty {
                self.err(
                    DiagKind::Incomparable {
                        left: ty.words(&self.facts),
                        right: tyi.words(&self.facts),
                    },
                    item.span,
                );
                ok = false;
                continue;
            }
            self.literal_bounds(&t, &ti, item.span);
            items.push(ti);
        }
        ok.then_some(Pred::In {
            term: t,
            list: items,
            negated,
        })
    }

    /// `x between low and high`: `x` ordered, both bounds of its type.
    fn between(&mut self, expr: &Expr, low: &Expr, high: &Expr) -> Option<Pred> {
        let (t, ty) = self.term(expr)?;
        let (l, tyl) = self.term(low)?;
        let (h, tyh) = self.term(high)?;
        if !matches!(ty, Ty::Int | Ty::Date | Ty::Days) {
            self.err(
                DiagKind::NotOrdered {
                    op: "between".into(),
                    found: ty.words(&self.facts),
                },
                expr.span,
            );
            return None;
        }
        for (tyx, sp) in [(&tyl, low.span), (&tyh, high.span)] {
            if *tyx != ty {
                self.err(
                    DiagKind::TypeMismatch {
                        expected: ty.words(&self.facts),
                        found: tyx.words(&self.facts),
                    },
                    sp,
                );
                return None;
            }
        }
        Some(Pred::Between {
            term: t,
            low: l,
            high: h,
        })
    }

    /// Resolves bare option names against the other side of a comparison.
    pub(super) fn resolve_pair(
        &mut self,
        ta: Term,
        tya: Ty,
        tb: Term,
        tyb: Ty,
    ) -> Option<(Term, Ty, Term, Ty)> {
        match (&tya, &tyb) {
            (Ty::Name(n1, s1), Ty::Name(n2, s2)) => {
                // Neither side is a fact: report the first.
                let _ = (n2, s2);
                self.unknown_fact(n1, *s1);
                None
            }
            (Ty::Choice(f), Ty::Name(n, sp)) => {
                let v = self.option(*f, n, *sp)?;
                Some((ta, tya.clone(), Term::Lit(Value::Choice(v)), Ty::Choice(*f)))
            }
            (Ty::Name(n, sp), Ty::Choice(f)) => {
                let v = self.option(*f, n, *sp)?;
                Some((Term::Lit(Value::Choice(v)), Ty::Choice(*f), tb, tyb.clone()))
            }
            (Ty::FieldChoice(f, i), Ty::Name(n, sp)) => {
                let v = self.field_option(*f, *i, n, *sp)?;
                Some((ta, tya.clone(), Term::Lit(Value::Choice(v)), tya.clone()))
            }
            (Ty::Name(n, sp), Ty::FieldChoice(f, i)) => {
                let v = self.field_option(*f, *i, n, *sp)?;
                Some((Term::Lit(Value::Choice(v)), tyb.clone(), tb, tyb.clone()))
            }
            // Compared with yes/no, a number or a date, a bare name can only have meant a fact.
            (Ty::Name(n, sp), Ty::Bool | Ty::Int | Ty::Date)
            | (Ty::Bool | Ty::Int | Ty::Date, Ty::Name(n, sp)) => {
                self.unknown_fact(n, *sp);
                None
            }
            (Ty::Name(n, sp), _) | (_, Ty::Name(n, sp)) => {
                let kind = DiagKind::UnknownName(n.clone());
                self.unknown(kind, n, *sp);
                None
            }
            _ => Some((ta, tya, tb, tyb)),
        }
    }

    pub(super) fn field_option(
        &mut self,
        f: FactId,
        i: usize,
        name: &str,
        span: Span,
    ) -> Option<usize> {
        let field = match &self.facts.get(f)?.ty {
            FactType::Timeline { fields } => fields.get(i)?.clone(),
            _ => return None,
        };
        if let FactType::Choice { options } = &field.ty
            && let Some(x) = options.iter().position(|o| o.id == name)
        {
            return Some(x);
        }
        let suggestion = match &field.ty {
            FactType::Choice { options } => self.near(name, options.iter().map(|o| o.id.as_str())),
            _ => None,
        };
        self.err(
            DiagKind::UnknownOption {
                fact: field.id.clone(),
                option: name.to_string(),
                suggestion,
            },
            span,
        );
        None
    }

    pub(super) fn option(&mut self, f: FactId, name: &str, span: Span) -> Option<usize> {
        let fd = self.facts.get(f)?;
        if let FactType::Choice { options } = &fd.ty
            && let Some(i) = options.iter().position(|o| o.id == name)
        {
            return Some(i);
        }
        let suggestion = match &fd.ty {
            FactType::Choice { options } => self.near(name, options.iter().map(|o| o.id.as_str())),
            _ => None,
        };
        let fact = fd.id.clone();
        self.err(
            DiagKind::UnknownOption {
                fact,
                option: name.to_string(),
                suggestion,
            },
            span,
        );
        None
    }

    /// Reports a number literal compared with a bounded fact when it lies outside the bounds.
    pub(super) fn literal_bounds(&mut self, fact_side: &Term, lit_side: &Term, span: Span) {
        if let (Term::Fact(f), Term::Lit(Value::Int(n))) = (fact_side, lit_side)
            && let Some(fd) = self.facts.get(*f)
        {
            let (min, max) = match &fd.ty {
                FactType::Int { min, max } => (*min, *max),
                FactType::Scale { min, max, .. } => (Some(*min), Some(*max)),
                _ => return,
            };
            let fd = fd.clone();
            let _ = self.bounds(&fd.id, *n, min, max, span);
        }
    }
}

pub(super) fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(inner) => strip_parens(inner),
        _ => e,
    }
}
