//! Declaring: the header, sections' facts and their types, parameters, parties, phases and reasons.

use super::*;

impl Checker<'_> {
    /// The items sorted by kind, in order. The header, sections, parties, phases and reasons are read
    /// on the way; a fact goes in the section before it (a first section `algemeen` when there is none).
    pub(super) fn items<'f>(&mut self, file: &'f File) -> Items<'f> {
        let mut items = Items {
            meta: None,
            used_in: None,
            sections: Vec::new(),
            facts: Vec::new(),
            outcomes: Vec::new(),
            rules: Vec::new(),
            tests: Vec::new(),
            params: Vec::new(),
            handovers: Vec::new(),
        };
        let mut section_ids: HashMap<String, usize> = HashMap::new();
        for (n, item) in file.items.iter().enumerate() {
            match &item.kind {
                ItemKind::Header(h) => {
                    if items.meta.is_some() {
                        self.err(DiagKind::DuplicateHeader, h.id.span);
                    } else {
                        items.meta = Some(self.header(h));
                        items.used_in = h.phases.as_ref().map(|p| p.value.clone());
                    }
                }
                ItemKind::Section(s) => self.section(s, &mut items.sections, &mut section_ids),
                ItemKind::Fact(f) => {
                    if items.sections.is_empty() {
                        items.sections.push(general_section());
                    }
                    items.facts.push((f, items.sections.len() - 1));
                }
                ItemKind::Outcome(o) => items.outcomes.push(o),
                ItemKind::Rule(_) | ItemKind::Table(_) => items.rules.push(item),
                ItemKind::Test(t) => items.tests.push(t),
                ItemKind::Parameter(p) => items.params.push(p),
                ItemKind::Named(n) => self.declare_named(n),
                ItemKind::Handover(h) => items.handovers.push(h),
                ItemKind::Change(_) => self.err(DiagKind::ChangeWithoutBase, item.span),
                ItemKind::TestsFor(id) => self.err(
                    DiagKind::Expected {
                        expected: Wanted::RulesetHeader,
                        found: Found::Code("tests for".into()),
                    },
                    id.span,
                ),
            }
            if n == 0 && !matches!(item.kind, ItemKind::Header(_)) {
                self.err(DiagKind::MissingHeader, Span::new(0, 0));
            }
        }
        if file.items.is_empty() && !self.had_parse_errors {
            self.err(DiagKind::MissingHeader, Span::new(0, 0));
        }
        items
    }

    /// When the ruleset declares phases, every phase its `phases` line names must be one of them
    /// (`E325`, with the closest declared phase); otherwise the case check compares them.
    pub(super) fn check_used_in(&mut self, used: &[Ident]) {
        if self.phases.is_empty() {
            return;
        }
        for u in used {
            if !self.phases.iter().any(|p| p.id == u.name) {
                let suggestion =
                    crate::diag::suggest(&u.name, self.phases.iter().map(|p| p.id.as_str()));
                let name = u.name.clone();
                self.err(DiagKind::UnknownPhase { name, suggestion }, u.span);
            }
        }
    }

    /// A section: its label and help; a second section of the same name is `E306`.
    fn section(
        &mut self,
        s: &ast::Section,
        sections: &mut Vec<SectionDef>,
        section_ids: &mut HashMap<String, usize>,
    ) {
        if section_ids.contains_key(&s.id.name) {
            let first = self.first(Decl::Section, &s.id.name);
            self.duplicate(&s.id, Decl::Section, first);
        }
        self.declared(Decl::Section, &s.id);
        let label = self.required_text(&s.label, ItemType::Section, "label", s.id.span);
        let help = self.opt_text(&s.help);
        section_ids.insert(s.id.name.clone(), sections.len());
        sections.push(SectionDef {
            id: s.id.name.clone(),
            label,
            help,
            facts: Vec::new(),
        });
    }

    /// Declares the facts (first, so that conditions can refer to them anywhere); more than
    /// [`MAX_FACTS`] is `E109`.
    pub(super) fn declare_facts(
        &mut self,
        facts: &[(&ast::Fact, usize)],
        sections: &mut [SectionDef],
    ) {
        if let Some((f, _)) = facts.get(MAX_FACTS) {
            self.err(
                DiagKind::TooMany {
                    what: Counted::Facts,
                    limit: MAX_FACTS,
                },
                f.name.span,
            );
        }
        for (f, section) in facts {
            self.declare_fact(f, *section, sections);
        }
    }

    pub(super) fn declare_named(&mut self, n: &Named) {
        let (list, what, item) = match n.kind {
            NamedKind::Party => (&self.parties, Decl::Party, ItemType::Party),
            NamedKind::Phase => (&self.phases, Decl::Phase, ItemType::Phase),
            NamedKind::OverrideReason => (
                &self.override_reasons,
                Decl::OverrideReason,
                ItemType::OverrideReason,
            ),
        };
        if list.iter().any(|x| x.id == n.name.name) {
            let first = self.first(what, &n.name.name);
            self.duplicate(&n.name, what, first);
            return;
        }
        self.declared(what, &n.name);
        let label = self.required_text(&n.label, item, "label", n.name.span);
        let def = OptionDef {
            id: n.name.name.clone(),
            label,
        };
        match n.kind {
            NamedKind::Party => self.parties.push(def),
            NamedKind::Phase => self.phases.push(def),
            NamedKind::OverrideReason => self.override_reasons.push(def),
        }
    }

    pub(super) fn declare_param(&mut self, p: &ast::Parameter) {
        let name = &p.name.name;
        if self.param_ids.contains_key(name) || self.fact_ids.contains_key(name) {
            let first = self.first(Decl::Fact, name);
            let first = first.or_else(|| self.first(Decl::FactOrParameter, name));
            self.duplicate(&p.name, Decl::FactOrParameter, first);
            return;
        }
        self.declared(Decl::FactOrParameter, &p.name);
        let label = self.required_text(&p.label, ItemType::Parameter, "label", p.name.span);
        if p.sources.is_empty() && p.regional.is_none() {
            self.err(
                DiagKind::MissingClause {
                    item: ItemType::Parameter,
                    clauses: vec!["source \"...\"".into(), "source regional".into()],
                },
                p.name.span,
            );
        }
        let value = match &p.value {
            Literal::Bool(b, _) => Value::Bool(*b),
            Literal::Int(n, _) => Value::Int(*n),
            Literal::Date(d, _) => Value::Date(*d),
            Literal::Name(_) | Literal::Records(..) => {
                self.err(
                    DiagKind::TypeMismatch {
                        expected: TypeDesc::ParamValue,
                        found: TypeDesc::Code(crate::print::literal_to_string(&p.value)),
                    },
                    p.value.span(),
                );
                return;
            }
        };
        self.param_ids.insert(name.clone(), self.params.len());
        self.params.push(ParamDef {
            id: name.clone(),
            label,
            value,
            sources: p.sources.iter().map(|s| s.value.value.clone()).collect(),
            regional: p.regional.is_some(),
        });
    }

    pub(super) fn header(&mut self, h: &Header) -> Meta {
        let title = self.required_text(&h.title, ItemType::Ruleset, "title", h.id.span);
        let version = match &h.version {
            Some(v) => v.value.value.clone(),
            None => {
                self.err(
                    DiagKind::MissingClause {
                        item: ItemType::Ruleset,
                        clauses: vec!["version".into()],
                    },
                    h.id.span,
                );
                String::new()
            }
        };
        let note = self.opt_text(&h.note);
        Meta {
            id: h.id.name.clone(),
            title,
            version,
            valid_from: h.valid_from.as_ref().map(|c| c.value.value),
            note,
            hash: String::new(),
            base: None,
        }
    }

    pub(super) fn declare_fact(
        &mut self,
        f: &ast::Fact,
        section: usize,
        sections: &mut [SectionDef],
    ) {
        if self.fact_ids.contains_key(&f.name.name) {
            let first = self.first(Decl::Fact, &f.name.name);
            self.duplicate(&f.name, Decl::Fact, first);
            // Still declare it under a fresh slot so indices stay aligned with fact_items.
        }
        self.declared(Decl::Fact, &f.name);
        let label = self.required_text(&f.label, ItemType::Fact, "label", f.name.span);
        let help = self.opt_text(&f.help);
        let mut ty = self.fact_type(&f.name.name, &f.ty, &f.options, &f.levels, true);
        if let FactType::Timeline { fields } = &mut ty {
            *fields = self.timeline_fields(f);
        } else if let Some(c) = f.fields.first() {
            self.err(
                DiagKind::WrongTypeClause {
                    clause: "field".into(),
                    ty: "timeline".into(),
                },
                c.span,
            );
        }
        if !matches!(f.ty.kind, TypeKind::Choice)
            && let Some(o) = f.options.first()
        {
            self.err(
                DiagKind::WrongTypeClause {
                    clause: "option".into(),
                    ty: "choice".into(),
                },
                o.span,
            );
        }
        if !matches!(f.ty.kind, TypeKind::Scale { .. })
            && let Some(l) = f.levels.first()
        {
            self.err(
                DiagKind::WrongTypeClause {
                    clause: "level".into(),
                    ty: "scale".into(),
                },
                l.span,
            );
        }
        let id = self.facts.len();
        self.fact_ids.entry(f.name.name.clone()).or_insert(id);
        if let Some(s) = sections.get_mut(section) {
            s.facts.push(id);
        }
        self.facts.push(FactDef {
            id: f.name.name.clone(),
            section,
            label,
            help,
            ty,
            ask_when: None,
            ask_when_text: None,
            span: f.name.span,
        });
    }

    /// The type of a fact or timeline field, with its options or levels checked.
    pub(super) fn fact_type(
        &mut self,
        name: &str,
        ty: &TypeExpr,
        option_decls: &[Clause<OptionDecl>],
        level_decls: &[Clause<LevelDecl>],
        allow_timeline: bool,
    ) -> FactType {
        match &ty.kind {
            TypeKind::Bool => FactType::Bool,
            TypeKind::Date => FactType::Date,
            TypeKind::Party | TypeKind::Phase => {
                let (options, what) = if ty.kind == TypeKind::Party {
                    (self.parties.clone(), Declarable::Party)
                } else {
                    (self.phases.clone(), Declarable::Phase)
                };
                if options.is_empty() {
                    self.err(DiagKind::NothingDeclared(what), ty.span);
                }
                FactType::Choice { options }
            }
            TypeKind::Timeline => {
                if !allow_timeline {
                    self.err(
                        DiagKind::TypeMismatch {
                            expected: TypeDesc::FieldType,
                            found: TypeDesc::TimelineAsField,
                        },
                        ty.span,
                    );
                }
                FactType::Timeline { fields: Vec::new() }
            }
            TypeKind::Choice => FactType::Choice {
                options: self.choice_options(name, ty, option_decls),
            },
            TypeKind::Int { min, max } => {
                if let (Some(a), Some(b)) = (min, max)
                    && a > b
                {
                    self.err(DiagKind::EmptyRange { min: *a, max: *b }, ty.span);
                }
                FactType::Int {
                    min: *min,
                    max: *max,
                }
            }
            TypeKind::Scale { min, max } => FactType::Scale {
                min: *min,
                max: *max,
                levels: self.scale_levels(ty, *min, *max, level_decls),
            },
        }
    }

    /// The options of a choice: each name once, at least one.
    fn choice_options(
        &mut self,
        name: &str,
        ty: &TypeExpr,
        option_decls: &[Clause<OptionDecl>],
    ) -> Vec<OptionDef> {
        let mut seen = HashSet::new();
        let mut options = Vec::new();
        for o in option_decls {
            if !seen.insert(o.value.name.name.clone()) {
                let first = option_decls
                    .iter()
                    .map(|x| &x.value.name)
                    .find(|x| x.name == o.value.name.name)
                    .map(|x| x.span);
                self.duplicate(&o.value.name, Decl::Option, first);
            }
            let label = self.text(&o.value.label);
            options.push(OptionDef {
                id: o.value.name.name.clone(),
                label,
            });
        }
        if options.is_empty() {
            self.err(DiagKind::NoOptions(name.to_string()), ty.span);
        }
        options
    }

    /// The labelled levels of a scale `min..max`: each inside the scale, each once.
    fn scale_levels(
        &mut self,
        ty: &TypeExpr,
        min: i64,
        max: i64,
        level_decls: &[Clause<LevelDecl>],
    ) -> Vec<(i64, Text)> {
        if min > max {
            self.err(DiagKind::EmptyRange { min, max }, ty.span);
        }
        let mut levels: Vec<(i64, Text)> = Vec::new();
        for l in level_decls {
            let v = l.value.level.value;
            if v < min || v > max {
                self.err(
                    DiagKind::LevelOutOfRange { level: v, min, max },
                    l.value.level.span,
                );
            }
            if levels.iter().any(|(x, _)| *x == v) {
                let first = level_decls
                    .iter()
                    .map(|x| &x.value.level)
                    .find(|x| x.value == v)
                    .map(|x| x.span);
                let name = Ident {
                    name: v.to_string(),
                    span: l.value.level.span,
                };
                self.duplicate(&name, Decl::Level, first);
            }
            let t = self.text(&l.value.label);
            levels.push((v, t));
        }
        levels
    }

    /// The fields of a timeline: types, labels and options; the first must be a date.
    pub(super) fn timeline_fields(&mut self, f: &ast::Fact) -> Vec<FieldDef> {
        let mut fields: Vec<FieldDef> = Vec::new();
        for c in &f.fields {
            let fd = &c.value;
            if fields.iter().any(|x| x.id == fd.name.name) {
                let first = f
                    .fields
                    .iter()
                    .map(|x| &x.value.name)
                    .find(|x| x.name == fd.name.name)
                    .map(|x| x.span);
                self.duplicate(&fd.name, Decl::Field, first);
                continue;
            }
            let ty = self.fact_type(&fd.name.name, &fd.ty, &fd.options, &[], false);
            let label = self.text(&fd.label);
            fields.push(FieldDef {
                id: fd.name.name.clone(),
                label,
                ty,
            });
        }
        if !matches!(fields.first().map(|x| &x.ty), Some(FactType::Date)) {
            let span = f.fields.first().map_or(f.ty.span, |c| c.span);
            self.err(DiagKind::TimelineNeedsDate(f.name.name.clone()), span);
        }
        fields
    }
}

/// The section facts go in when none is declared before them.
fn general_section() -> SectionDef {
    SectionDef {
        id: "algemeen".into(),
        label: Text {
            nl: "Algemeen".into(),
            en: "General".into(),
        },
        help: None,
        facts: Vec::new(),
    }
}
