use super::*;

impl Parser {
    pub(super) fn file(&mut self) -> Vec<Item> {
        let mut items = Vec::new();
        while !self.at_eof() {
            if !self.at_item_start() {
                let _ = self.expected(
                    "an item: `ruleset`, `section`, `fact`, `parameter`, `outcome`, `rule`, `table` or `test`",
                    "een onderdeel: `ruleset`, `section`, `fact`, `parameter`, `outcome`, `rule`, `table` of `test`",
                );
                self.skip_to_item();
                continue;
            }
            let start = self.here();
            let kw = match self.tok() {
                Tok::Word(w) => w.clone(),
                _ => break,
            };
            self.bump();
            let kind = match kw.as_str() {
                "ruleset" => self.header().map(ItemKind::Header),
                "section" => self.section().map(ItemKind::Section),
                "fact" => self.fact().map(ItemKind::Fact),
                "outcome" => self.outcome().map(ItemKind::Outcome),
                "rule" => self.rule().map(ItemKind::Rule),
                "table" => self.table().map(ItemKind::Table),
                "test" => self.test().map(ItemKind::Test),
                "parameter" => self.parameter().map(ItemKind::Parameter),
                "party" => self.named(NamedKind::Party).map(ItemKind::Named),
                "phase" => self.named(NamedKind::Phase).map(ItemKind::Named),
                "handover" => self.handover().map(ItemKind::Handover),
                "override" => self.override_reason().map(ItemKind::Named),
                "replace" | "remove" | "extend" => self.change(&kw).map(ItemKind::Change),
                _ => self.tests_for().map(ItemKind::TestsFor),
            };
            match kind {
                Ok(kind) => {
                    let end = self.prev_span();
                    items.push(Item {
                        kind,
                        span: start.to(end),
                    });
                }
                Err(()) => self.skip_to_item(),
            }
        }
        items
    }

    pub(super) fn header(&mut self) -> PResult<Header> {
        let id = self.ident("the ruleset's name", "de naam van de regelset")?;
        let variant_of = self.variant_of()?;
        let mut h = Header {
            id,
            title: None,
            version: None,
            valid_from: None,
            phases: None,
            note: None,
            variant_of,
        };
        self.clauses(
            "ruleset",
            &["title", "version", "phases", "valid", "note"],
            |p, kw, start| {
                match kw {
                    "title" => {
                        let v = p.text_pair()?;
                        let s = start.to(v.span);
                        p.set_once(&mut h.title, v, s, kw);
                    }
                    "note" => {
                        let v = p.text_pair()?;
                        let s = start.to(v.span);
                        p.set_once(&mut h.note, v, s, kw);
                    }
                    "version" => {
                        let v = p.string()?;
                        let s = start.to(v.span);
                        p.set_once(&mut h.version, v, s, kw);
                    }
                    "phases" => {
                        let mut list = vec![p.ident("a phase", "een fase")?];
                        while p.eat(&Tok::Comma) {
                            list.push(p.ident("a phase", "een fase")?);
                        }
                        let s = start.to(p.prev_span());
                        p.set_once(&mut h.phases, list, s, kw);
                    }
                    _ => {
                        p.expect_word("from")?;
                        let d = p.date_lit()?;
                        let s = start.to(d.span);
                        p.set_once(&mut h.valid_from, d, s, "valid from");
                    }
                }
                Ok(())
            },
        );
        Ok(h)
    }

    pub(super) fn section(&mut self) -> PResult<Section> {
        let id = self.ident("the section's name", "de naam van de sectie")?;
        let mut s = Section {
            id,
            label: None,
            help: None,
        };
        self.clauses("section", &["label", "help"], |p, kw, start| {
            let v = p.text_pair()?;
            let sp = start.to(v.span);
            if kw == "label" {
                p.set_once(&mut s.label, v, sp, kw);
            } else {
                p.set_once(&mut s.help, v, sp, kw);
            }
            Ok(())
        });
        Ok(s)
    }

    pub(super) fn parameter(&mut self) -> PResult<Parameter> {
        let name = self.ident("the parameter's name", "de naam van de parameter")?;
        self.expect_tok(&Tok::Eq)?;
        let value = self.literal()?;
        let mut p = Parameter {
            name,
            value,
            label: None,
            sources: Vec::new(),
            regional: None,
        };
        self.clauses("parameter", &["label", "source"], |ps, kw, start| {
            if kw == "label" {
                let v = ps.text_pair()?;
                let sp = start.to(v.span);
                ps.set_once(&mut p.label, v, sp, kw);
            } else if ps.at_word("regional") {
                let sp = start.to(ps.bump().span);
                if p.regional.is_some() {
                    ps.error(DiagKind::DuplicateClause("source regional".into()), sp);
                }
                p.regional = Some(sp);
            } else {
                let v = ps.string()?;
                let sp = start.to(v.span);
                p.sources.push(Clause { value: v, span: sp });
            }
            Ok(())
        });
        Ok(p)
    }

    /// `override reason NAME` with its label (after `override`).
    pub(super) fn override_reason(&mut self) -> PResult<Named> {
        self.expect_word("reason")?;
        self.named(NamedKind::OverrideReason)
    }

    pub(super) fn named(&mut self, kind: NamedKind) -> PResult<Named> {
        let (en, nl) = match kind {
            NamedKind::Party => ("the party's name", "de naam van de partij"),
            NamedKind::Phase => ("the phase's name", "de naam van de fase"),
            NamedKind::OverrideReason => ("the reason's name", "de naam van de reden"),
        };
        let name = self.ident(en, nl)?;
        let mut n = Named {
            kind,
            name,
            label: None,
        };
        let item = match kind {
            NamedKind::Party => "party",
            NamedKind::Phase => "phase",
            NamedKind::OverrideReason => "override reason",
        };
        self.clauses(item, &["label"], |p, kw, start| {
            let v = p.text_pair()?;
            let sp = start.to(v.span);
            p.set_once(&mut n.label, v, sp, kw);
            Ok(())
        });
        Ok(n)
    }

    pub(super) fn handover(&mut self) -> PResult<Handover> {
        let name = self.ident("the handover's name", "de naam van de overdracht")?;
        let mut h = Handover {
            name,
            title: None,
            from_to: None,
            lead: None,
            when: None,
            requires: Vec::new(),
            priority: None,
            because: None,
            sources: Vec::new(),
        };
        self.clauses(
            "handover",
            &[
                "title", "from", "lead", "when", "require", "priority", "because", "source",
            ],
            |p, kw, start| match kw {
                "from" => {
                    let from = p.ident("the sending party", "de overdragende partij")?;
                    p.expect_word("to")?;
                    let to = p.ident("the receiving party", "de ontvangende partij")?;
                    let sp = start.to(to.span);
                    p.set_once(&mut h.from_to, (from, to), sp, "from ... to");
                    Ok(())
                }
                "lead" => {
                    let o = p.ident(
                        "the outcome that holds the lead",
                        "de uitkomst met de regie",
                    )?;
                    let sp = start.to(o.span);
                    p.set_once(&mut h.lead, o, sp, kw);
                    Ok(())
                }
                "when" => {
                    let e = p.expr()?;
                    let sp = start.to(e.span);
                    p.set_once(&mut h.when, e, sp, kw);
                    Ok(())
                }
                "require" => {
                    let e = p.expr()?;
                    let t = p.text_pair()?;
                    let sp = start.to(t.span);
                    h.requires.push(Clause {
                        value: (e, t),
                        span: sp,
                    });
                    Ok(())
                }
                _ => Parser::sources_and_common(
                    p,
                    kw,
                    start,
                    &mut h.title,
                    &mut h.priority,
                    &mut h.because,
                    &mut h.sources,
                ),
            },
        );
        Ok(h)
    }

    pub(super) fn tests_for(&mut self) -> PResult<Ident> {
        self.expect_word("for")?;
        self.ident("the ruleset's name", "de naam van de regelset")
    }

    pub(super) fn sources_and_common(
        p: &mut Parser,
        kw: &str,
        start: Span,
        title: &mut Option<Clause<TextPair>>,
        priority: &mut Option<Clause<IntLit>>,
        because: &mut Option<Clause<TextPair>>,
        sources: &mut Vec<Clause<StrLit>>,
    ) -> PResult<()> {
        match kw {
            "title" => {
                let v = p.text_pair()?;
                let sp = start.to(v.span);
                p.set_once(title, v, sp, kw);
            }
            "because" => {
                let v = p.text_pair()?;
                let sp = start.to(v.span);
                p.set_once(because, v, sp, kw);
            }
            "priority" => {
                let v = p.int_lit()?;
                let sp = start.to(v.span);
                p.set_once(priority, v, sp, kw);
            }
            _ => {
                let v = p.string()?;
                let sp = start.to(v.span);
                sources.push(Clause { value: v, span: sp });
            }
        }
        Ok(())
    }
}
