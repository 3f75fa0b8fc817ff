use super::*;

impl Parser {
    pub(super) fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let sp = self.here();
            self.error(DiagKind::TooDeep(MAX_DEPTH), sp);
            // Skip the rest so the error is reported once.
            while !self.at_eof() && !self.peek().line_start {
                self.bump();
            }
            self.depth -= 1;
            return Err(());
        }
        Ok(())
    }

    pub(super) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    pub(super) fn expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.or_expr();
        self.leave();
        r
    }

    /// A chain `first op next op next ...`, built to the left. Every operator in the chain makes the
    /// syntax tree one level deeper, so it counts toward [`MAX_DEPTH`] like a parenthesis: a condition of
    /// 100,000 `or`s is an error, not a stack overflow in the checker, the formatter or the browser.
    pub(super) fn chain(
        &mut self,
        next: fn(&mut Self) -> PResult<Expr>,
        op: fn(&mut Self) -> Option<BinOp>,
    ) -> PResult<Expr> {
        let mut lhs = next(self)?;
        let mut levels = 0;
        let result = loop {
            let Some(op) = op(self) else {
                break Ok(lhs);
            };
            if let Err(e) = self.enter() {
                break Err(e);
            }
            levels += 1;
            match next(self) {
                Ok(rhs) => lhs = binary(op, lhs, rhs),
                Err(e) => break Err(e),
            }
        };
        self.depth = self.depth.saturating_sub(levels);
        result
    }

    pub(super) fn or_expr(&mut self) -> PResult<Expr> {
        self.chain(Self::and_expr, |p| p.eat_word("or").then_some(BinOp::Or))
    }

    pub(super) fn and_expr(&mut self) -> PResult<Expr> {
        self.chain(Self::not_expr, |p| p.eat_word("and").then_some(BinOp::And))
    }

    pub(super) fn not_expr(&mut self) -> PResult<Expr> {
        if self.at_word("not") {
            let start = self.bump().span;
            self.enter()?;
            let inner = self.not_expr();
            self.leave();
            let inner = inner?;
            return Ok(Expr {
                span: start.to(inner.span),
                kind: ExprKind::Not(Box::new(inner)),
            });
        }
        self.comparison()
    }

    pub(super) fn comparison(&mut self) -> PResult<Expr> {
        let lhs = self.additive()?;
        if let Some(op) = cmp_op(self.tok()) {
            self.bump();
            let rhs = self.additive()?;
            return Ok(binary(BinOp::Cmp(op), lhs, rhs));
        }
        let window_next = self.at_word("in") && self.peek_at(1).tok.is_word("the");
        if (self.at_word("in") && !window_next)
            || (self.at_word("not") && self.peek_at(1).tok.is_word("in"))
        {
            let negated = self.eat_word("not");
            self.bump();
            let list = self.expr_list()?;
            let span = lhs.span.to(self.prev_span());
            return Ok(Expr {
                kind: ExprKind::In {
                    expr: Box::new(lhs),
                    list,
                    negated,
                },
                span,
            });
        }
        if self.eat_word("between") {
            let low = self.additive()?;
            self.expect_word("and")?;
            let high = self.additive()?;
            let span = lhs.span.to(high.span);
            return Ok(Expr {
                kind: ExprKind::Between {
                    expr: Box::new(lhs),
                    low: Box::new(low),
                    high: Box::new(high),
                },
                span,
            });
        }
        if self.eat_word("is") {
            let negated = if self.eat_word("answered") {
                false
            } else if self.eat_word("unknown") {
                true
            } else {
                self.expected("`answered` or `unknown`", "`answered` of `unknown`")?;
                return Err(());
            };
            let span = lhs.span.to(self.prev_span());
            return Ok(Expr {
                kind: ExprKind::IsAnswered {
                    expr: Box::new(lhs),
                    negated,
                },
                span,
            });
        }
        Ok(lhs)
    }

    pub(super) fn expr_list(&mut self) -> PResult<Vec<Expr>> {
        self.expect_tok(&Tok::LBracket)?;
        let mut list = Vec::new();
        if !self.eat(&Tok::RBracket) {
            loop {
                list.push(self.additive()?);
                if self.eat(&Tok::Comma) {
                    continue;
                }
                self.expect_tok(&Tok::RBracket)?;
                break;
            }
        }
        Ok(list)
    }

    pub(super) fn additive(&mut self) -> PResult<Expr> {
        self.chain(Self::multiplicative, |p| {
            let op = match p.tok() {
                Tok::Plus => BinOp::Add,
                Tok::Minus => BinOp::Sub,
                _ => return None,
            };
            p.bump();
            Some(op)
        })
    }

    pub(super) fn multiplicative(&mut self) -> PResult<Expr> {
        self.chain(Self::unary, |p| p.eat(&Tok::Star).then_some(BinOp::Mul))
    }

    pub(super) fn unary(&mut self) -> PResult<Expr> {
        if let (Tok::Minus, Tok::Int(n)) = (self.tok(), &self.peek_at(1).tok)
            && i64::try_from(*n).is_err()
        {
            // A number that does not fit on its own is read together with its minus sign: the smallest
            // number, -9223372036854775808, has no positive counterpart.
            let start = self.here();
            let int = self.int_lit()?;
            return self.suffixed(Expr {
                kind: ExprKind::Int(int.value),
                span: start.to(int.span),
            });
        }
        if self.tok() == &Tok::Minus {
            let start = self.bump().span;
            self.enter()?;
            let inner = self.unary();
            self.leave();
            let inner = inner?;
            return Ok(Expr {
                span: start.to(inner.span),
                kind: ExprKind::Neg(Box::new(inner)),
            });
        }
        let e = self.primary()?;
        self.suffixed(e)
    }

    /// `e`, or `e days` / `e working days` when a unit follows.
    pub(super) fn suffixed(&mut self, e: Expr) -> PResult<Expr> {
        if self.at_word("days") || self.at_word("day") {
            let end = self.bump().span;
            return Ok(Expr {
                span: e.span.to(end),
                kind: ExprKind::Days(Box::new(e)),
            });
        }
        if self.at_word("working")
            && (self.peek_at(1).tok.is_word("days") || self.peek_at(1).tok.is_word("day"))
        {
            self.bump();
            let end = self.bump().span;
            return Ok(Expr {
                span: e.span.to(end),
                kind: ExprKind::WorkingDays(Box::new(e)),
            });
        }
        Ok(e)
    }

    pub(super) fn primary(&mut self) -> PResult<Expr> {
        let t = self.peek().clone();
        let kind = match &t.tok {
            Tok::Int(n) => ExprKind::Int(self.signed(*n, false, t.span)),
            Tok::Date(d) => ExprKind::Date(*d),
            Tok::LParen => {
                self.bump();
                let inner = self.expr()?;
                let end = self.expect_tok(&Tok::RParen)?;
                return Ok(Expr {
                    span: t.span.to(end),
                    kind: ExprKind::Paren(Box::new(inner)),
                });
            }
            Tok::Word(w) => match w.as_str() {
                "yes" => ExprKind::Bool(true),
                "no" => ExprKind::Bool(false),
                "today" => ExprKind::Today,
                "count" | "latest" | "earliest" if self.peek_at(1).tok == Tok::LParen => {
                    return self.list_expr(t.span, w == "count", w == "latest");
                }
                "days" if self.peek_at(1).tok.is_word("since") => {
                    self.bump();
                    self.bump();
                    self.enter()?;
                    let inner = self.unary();
                    self.leave();
                    let inner = inner?;
                    return Ok(Expr {
                        span: t.span.to(inner.span),
                        kind: ExprKind::DaysSince(Box::new(inner)),
                    });
                }
                w if keywords::is_reserved(w) => {
                    self.keyword_here(
                        "a fact, a value, a number or a date",
                        "een gegeven, een waarde, een getal of een datum",
                        w,
                        t.span,
                    );
                    return Err(());
                }
                w => ExprKind::Name(w.to_string()),
            },
            _ => {
                self.expected(
                    "a fact, a value, a number or a date",
                    "een gegeven, een waarde, een getal of een datum",
                )?;
                return Err(());
            }
        };
        self.bump();
        Ok(Expr { kind, span: t.span })
    }

    /// `count(LIST ...)`, `latest(FIELD of LIST ...)`, `earliest(FIELD of LIST ...)`, from the keyword on.
    pub(super) fn list_expr(&mut self, start: Span, count: bool, latest: bool) -> PResult<Expr> {
        self.bump();
        self.expect_tok(&Tok::LParen)?;
        self.enter()?;
        let r = self.list_expr_inner(start, count, latest);
        self.leave();
        r
    }

    pub(super) fn list_expr_inner(
        &mut self,
        start: Span,
        count: bool,
        latest: bool,
    ) -> PResult<Expr> {
        let field = if count {
            None
        } else {
            let f = self.ident("a field of the timeline", "een veld van de tijdlijn")?;
            self.expect_word("of")?;
            Some(f)
        };
        let list = self.ident("a timeline", "een tijdlijn")?;
        let filter = if self.eat_word("where") {
            Some(Box::new(self.expr()?))
        } else {
            None
        };
        let window = if self.at_word("in") {
            self.bump();
            self.expect_word("the")?;
            self.expect_word("last")?;
            // `14 days` reads as a duration: take the number of days out of it.
            let n = self.additive()?;
            match n.kind {
                ExprKind::Days(inner) => Some(inner),
                _ => {
                    self.expected("`N days`", "`N days`")?;
                    None
                }
            }
        } else {
            None
        };
        let end = self.expect_tok(&Tok::RParen)?;
        let kind = match field {
            None => ExprKind::Count {
                list,
                filter,
                window,
            },
            Some(field) => ExprKind::Pick {
                latest,
                field,
                list,
                filter,
                window,
            },
        };
        Ok(Expr {
            kind,
            span: start.to(end),
        })
    }
}
