use super::*;

impl Parser {
    pub(super) fn outcome(&mut self) -> PResult<Outcome> {
        let name = self.ident("the outcome's name", "de naam van de uitkomst")?;
        self.expect_tok(&Tok::Colon)?;
        let pstart = self.here();
        let policy = self.policy()?;
        let mut o = Outcome {
            name,
            policy: Clause {
                value: policy,
                span: pstart,
            },
            fallback: None,
            label: None,
            values: Vec::new(),
            values_from: None,
            follows: None,
        };
        self.clauses(
            "outcome",
            &["required", "default", "label", "value", "values", "follows"],
            |p, kw, start| p.outcome_clause(&mut o, kw, start),
        );
        Ok(o)
    }

    /// One clause of an outcome (after its keyword `kw` at `start`).
    fn outcome_clause(&mut self, o: &mut Outcome, kw: &str, start: Span) -> PResult<()> {
        match kw {
            "required" => self.set_once(
                &mut o.fallback,
                Fallback::Required,
                start,
                "required/default",
            ),
            "default" => {
                let value = self.ident("the default value", "de standaardwaarde")?;
                self.expect_word("because")?;
                let because = self.text_pair()?;
                let sp = start.to(because.span);
                self.set_once(
                    &mut o.fallback,
                    Fallback::Default { value, because },
                    sp,
                    "required/default",
                );
            }
            "label" => {
                let v = self.text_pair()?;
                let sp = start.to(v.span);
                self.set_once(&mut o.label, v, sp, kw);
            }
            "values" => {
                let kind = if self.eat_word("parties") {
                    NamedKind::Party
                } else if self.eat_word("phases") {
                    NamedKind::Phase
                } else {
                    self.expected("`parties` or `phases`", "`parties` of `phases`")?;
                    return Err(());
                };
                let sp = start.to(self.prev_span());
                self.set_once(&mut o.values_from, kind, sp, "values");
            }
            "follows" => {
                let what = ("the outcome it follows", "de uitkomst die het volgt");
                let mut list = vec![self.ident(what.0, what.1)?];
                while self.eat(&Tok::Comma) {
                    list.push(self.ident(what.0, what.1)?);
                }
                let sp = start.to(self.prev_span());
                self.set_once(&mut o.follows, list, sp, kw);
            }
            _ => {
                let name = self.ident("the value's name", "de naam van de waarde")?;
                let label = self.text_pair()?;
                let sp = start.to(label.span);
                o.values.push(Clause {
                    value: ValueDecl { name, label },
                    span: sp,
                });
            }
        }
        Ok(())
    }

    /// The policy after `outcome NAME:`.
    fn policy(&mut self) -> PResult<Policy> {
        Ok(if self.eat_word("priority") {
            Policy::Priority
        } else if self.eat_word("unique") {
            Policy::Unique
        } else if self.eat_word("collect") {
            Policy::Collect
        } else if self.eat_word("deadline") {
            Policy::Deadline
        } else {
            self.expected(
                "a policy: `priority`, `unique`, `collect` or `deadline`",
                "een beleid: `priority`, `unique`, `collect` of `deadline`",
            )?;
            return Err(());
        })
    }

    pub(super) fn rule(&mut self) -> PResult<Rule> {
        let name = self.ident("the rule's name", "de naam van de regel")?;
        let mut r = Rule {
            name,
            title: None,
            when: None,
            then: None,
            priority: None,
            because: None,
            sources: Vec::new(),
        };
        self.clauses(
            "rule",
            &["title", "when", "then", "priority", "because", "source"],
            |p, kw, start| match kw {
                "when" => {
                    let e = p.expr()?;
                    let sp = start.to(e.span);
                    p.set_once(&mut r.when, e, sp, kw);
                    Ok(())
                }
                "then" => {
                    let mut list = vec![p.assignment()?];
                    while p.eat(&Tok::Comma) {
                        list.push(p.assignment()?);
                    }
                    let sp = start.to(p.prev_span());
                    p.set_once(&mut r.then, list, sp, kw);
                    Ok(())
                }
                _ => Parser::sources_and_common(
                    p,
                    kw,
                    start,
                    &mut r.title,
                    &mut r.priority,
                    &mut r.because,
                    &mut r.sources,
                ),
            },
        );
        Ok(r)
    }

    pub(super) fn assignment(&mut self) -> PResult<Assignment> {
        let outcome = self.ident("an outcome's name", "de naam van een uitkomst")?;
        self.expect_tok(&Tok::Eq)?;
        let value = if self.tok() == &Tok::LBracket {
            AssignValue::List(self.ident_list()?)
        } else {
            // A bare name is a value; anything longer is a date expression (deadline outcomes).
            let e = self.additive()?;
            match e.kind {
                ExprKind::Name(name) => AssignValue::One(Ident { name, span: e.span }),
                _ => AssignValue::Expr(e),
            }
        };
        Ok(Assignment {
            span: outcome.span.to(self.prev_span()),
            outcome,
            value,
        })
    }

    pub(super) fn ident_list(&mut self) -> PResult<Vec<Ident>> {
        self.expect_tok(&Tok::LBracket)?;
        let mut list = Vec::new();
        if !self.eat(&Tok::RBracket) {
            loop {
                list.push(self.ident("a value", "een waarde")?);
                if self.eat(&Tok::Comma) {
                    continue;
                }
                self.expect_tok(&Tok::RBracket)?;
                break;
            }
        }
        Ok(list)
    }
}
