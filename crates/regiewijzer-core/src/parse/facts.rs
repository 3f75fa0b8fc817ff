use super::*;

impl Parser {
    pub(super) fn fact(&mut self) -> PResult<Fact> {
        let name = self.ident("the fact's name", "de naam van het gegeven")?;
        self.expect_tok(&Tok::Colon)?;
        let ty = self.type_expr()?;
        let mut f = Fact {
            name,
            ty,
            label: None,
            help: None,
            ask_when: None,
            options: Vec::new(),
            levels: Vec::new(),
            fields: Vec::new(),
        };
        self.clauses(
            "fact",
            &["label", "help", "ask", "option", "level", "field"],
            |p, kw, start| p.fact_clause(&mut f, kw, start),
        );
        Ok(f)
    }

    /// One clause of a fact (after its keyword `kw` at `start`).
    fn fact_clause(&mut self, f: &mut Fact, kw: &str, start: Span) -> PResult<()> {
        match kw {
            "label" | "help" => {
                let v = self.text_pair()?;
                let sp = start.to(v.span);
                if kw == "label" {
                    self.set_once(&mut f.label, v, sp, kw);
                } else {
                    self.set_once(&mut f.help, v, sp, kw);
                }
            }
            "ask" => {
                self.expect_word("when")?;
                let e = self.expr()?;
                let sp = start.to(e.span);
                self.set_once(&mut f.ask_when, e, sp, "ask when");
            }
            "option" => {
                let name = self.ident("the option's name", "de naam van de keuze")?;
                let label = self.text_pair()?;
                let sp = start.to(label.span);
                let clause = Clause {
                    value: OptionDecl { name, label },
                    span: sp,
                };
                // Options after a choice field of a timeline belong to that field.
                match f.fields.last_mut() {
                    Some(field) if field.value.ty.kind == TypeKind::Choice => {
                        field.value.options.push(clause);
                    }
                    _ => f.options.push(clause),
                }
            }
            "field" => {
                let name = self.ident("the field's name", "de naam van het veld")?;
                self.expect_tok(&Tok::Colon)?;
                let ty = self.type_expr()?;
                let label = self.text_pair()?;
                let sp = start.to(label.span);
                f.fields.push(Clause {
                    value: FieldDecl {
                        name,
                        ty,
                        label,
                        options: Vec::new(),
                    },
                    span: sp,
                });
            }
            _ => {
                let level = self.int_lit()?;
                let label = self.text_pair()?;
                let sp = start.to(label.span);
                f.levels.push(Clause {
                    value: LevelDecl { level, label },
                    span: sp,
                });
            }
        }
        Ok(())
    }

    pub(super) fn type_expr(&mut self) -> PResult<TypeExpr> {
        let start = self.here();
        let word = match self.tok() {
            Tok::Word(w) => w.clone(),
            _ => {
                return self.expected_type();
            }
        };
        let kind = match word.as_str() {
            "bool" => {
                self.bump();
                TypeKind::Bool
            }
            "choice" => {
                self.bump();
                TypeKind::Choice
            }
            "date" => {
                self.bump();
                TypeKind::Date
            }
            "timeline" => {
                self.bump();
                TypeKind::Timeline
            }
            "party" => {
                self.bump();
                TypeKind::Party
            }
            "phase" => {
                self.bump();
                TypeKind::Phase
            }
            "int" => {
                self.bump();
                let (min, max) = self.opt_range()?;
                TypeKind::Int { min, max }
            }
            "scale" => {
                self.bump();
                let min = self.int_lit()?.value;
                self.expect_tok(&Tok::DotDot)?;
                let max = self.int_lit()?.value;
                TypeKind::Scale { min, max }
            }
            _ => {
                return self.expected_type();
            }
        };
        Ok(TypeExpr {
            kind,
            span: start.to(self.prev_span()),
        })
    }

    /// Reports that a type was expected here, listing every type of [`crate::keywords::KEYWORDS`].
    pub(super) fn expected_type<T>(&mut self) -> PResult<T> {
        let types = keywords::type_list(true);
        self.expected(
            &format!("a type: {}", types.en),
            &format!("een type: {}", types.nl),
        )?;
        Err(())
    }

    /// `A..B`, `A..`, `..B` or nothing, after `int` on the same line.
    pub(super) fn opt_range(&mut self) -> PResult<(Option<i64>, Option<i64>)> {
        let starts_number =
            matches!(self.tok(), Tok::Int(_) | Tok::Minus) && !self.peek().line_start;
        let starts_dots = matches!(self.tok(), Tok::DotDot) && !self.peek().line_start;
        if !starts_number && !starts_dots {
            return Ok((None, None));
        }
        let min = if starts_number {
            Some(self.int_lit()?.value)
        } else {
            None
        };
        self.expect_tok(&Tok::DotDot)?;
        let max = if matches!(self.tok(), Tok::Int(_) | Tok::Minus) && !self.peek().line_start {
            Some(self.int_lit()?.value)
        } else {
            None
        };
        Ok((min, max))
    }
}
