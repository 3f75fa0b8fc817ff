use super::*;

impl Parser {
    pub(super) fn test(&mut self) -> PResult<Test> {
        let name = self.string()?;
        let mut t = Test {
            name,
            today: None,
            givens: Vec::new(),
            expects: Vec::new(),
        };
        self.clauses("test", &["today", "given", "expect"], |p, kw, start| {
            match kw {
                "today" => {
                    let d = p.date_lit()?;
                    let sp = start.to(d.span);
                    p.set_once(&mut t.today, d, sp, kw);
                }
                "given" => {
                    let mut list = vec![p.given()?];
                    while p.eat(&Tok::Comma) {
                        list.push(p.given()?);
                    }
                    let sp = start.to(p.prev_span());
                    t.givens.push(Clause {
                        value: list,
                        span: sp,
                    });
                }
                _ => {
                    let e = p.expect_clause()?;
                    let sp = start.to(p.prev_span());
                    t.expects.push(Clause { value: e, span: sp });
                }
            }
            Ok(())
        });
        Ok(t)
    }

    pub(super) fn given(&mut self) -> PResult<Given> {
        let fact = self.ident("a fact's name", "de naam van een gegeven")?;
        self.expect_tok(&Tok::Eq)?;
        let value = self.literal()?;
        Ok(Given {
            span: fact.span.to(value.span()),
            fact,
            value,
        })
    }

    /// An answer or parameter value: `yes`, `no`, a number, a date or a name.
    pub(super) fn literal(&mut self) -> PResult<Literal> {
        let t = self.peek().clone();
        if t.tok == Tok::LBracket {
            return self.records();
        }
        let value = match &t.tok {
            Tok::Word(w) if w == "yes" || w == "no" => {
                self.bump();
                Literal::Bool(w == "yes", t.span)
            }
            Tok::Int(_) | Tok::Minus => {
                let i = self.int_lit()?;
                Literal::Int(i.value, i.span)
            }
            Tok::Date(d) => {
                self.bump();
                Literal::Date(*d, t.span)
            }
            _ => Literal::Name(self.ident(
                "an answer: `yes`, `no`, a number, a date or an option",
                "een antwoord: `yes`, `no`, een getal, een datum of een keuze",
            )?),
        };
        Ok(value)
    }

    pub(super) fn expect_clause(&mut self) -> PResult<Expect> {
        let outcome = self.ident("an outcome's name", "de naam van een uitkomst")?;
        let kind = if self.eat(&Tok::Eq) {
            if matches!(self.tok(), Tok::Date(_)) {
                ExpectKind::Date(self.date_lit()?)
            } else {
                ExpectKind::Equals(self.ident("a value", "een waarde")?)
            }
        } else if self.eat_word("contains") {
            if self.tok() == &Tok::LBracket {
                ExpectKind::Contains {
                    values: self.ident_list()?,
                    list: true,
                }
            } else {
                ExpectKind::Contains {
                    values: vec![self.ident("a value", "een waarde")?],
                    list: false,
                }
            }
        } else if self.eat_word("exactly") {
            ExpectKind::Exactly(self.ident_list()?)
        } else if self.eat_word("is") {
            if self.eat_word("undecided") {
                ExpectKind::Undecided
            } else if self.eat_word("provisional") {
                ExpectKind::Provisional
            } else if self.eat_word("final") {
                ExpectKind::Final
            } else if self.eat_word("overdue") {
                ExpectKind::Overdue
            } else if self.eat_word("blocked") {
                ExpectKind::Blocked
            } else if self.eat_word("complete") {
                ExpectKind::Complete
            } else {
                self.expected(
                    "`undecided`, `provisional`, `final`, `overdue`, `blocked` or `complete`",
                    "`undecided`, `provisional`, `final`, `overdue`, `blocked` of `complete`",
                )?;
                return Err(());
            }
        } else {
            self.expected(
                "`=`, `contains`, `exactly` or `is`",
                "`=`, `contains`, `exactly` of `is`",
            )?;
            return Err(());
        };
        Ok(Expect { outcome, kind })
    }

    /// `[(a, b), (c, d)]`: timeline records in a test.
    pub(super) fn records(&mut self) -> PResult<Literal> {
        let start = self.expect_tok(&Tok::LBracket)?;
        let mut list = Vec::new();
        if !self.eat(&Tok::RBracket) {
            loop {
                let rstart = self.expect_tok(&Tok::LParen)?;
                let mut fields = Vec::new();
                if !self.eat(&Tok::RParen) {
                    loop {
                        if self.tok() == &Tok::LBracket {
                            self.expected(
                                "a field value (records do not nest)",
                                "een veldwaarde (registraties zitten niet in elkaar)",
                            )?;
                        }
                        fields.push(self.literal()?);
                        if self.eat(&Tok::Comma) {
                            continue;
                        }
                        self.expect_tok(&Tok::RParen)?;
                        break;
                    }
                }
                list.push((fields, rstart.to(self.prev_span())));
                if self.eat(&Tok::Comma) {
                    continue;
                }
                self.expect_tok(&Tok::RBracket)?;
                break;
            }
        }
        Ok(Literal::Records(list, start.to(self.prev_span())))
    }
}
