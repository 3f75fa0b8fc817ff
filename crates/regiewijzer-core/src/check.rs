//! The checker: resolves names, checks types and builds the [`Model`] that evaluation works on.
//!
//! All problems are collected, not only the first. When the parser already reported errors, names whose
//! declaration is present in the text but failed to parse are not reported again as unknown.

use std::collections::{BTreeSet, HashMap, HashSet};

use sha2::{Digest, Sha256};

use crate::ast::{self, *};
use crate::diag::{DiagKind, Diagnostic, LineIndex, Words, cap};
use crate::lexer::{Tok, lex};
use crate::limits::{MAX_FACTS, MAX_RECORDS, MAX_RULES, MAX_SOURCE_BYTES};
use crate::model::*;
use crate::print::expr_to_string;
use crate::walk::{cond_facts, cond_params, pred_facts, pred_params, term_facts, term_params};

/// `sha256:` and the hex SHA-256 of `source` with `\r\n` normalised to `\n`.
pub fn content_hash(source: &str) -> String {
    let mut h = Sha256::new();
    let mut rest = source;
    while let Some(i) = rest.find("\r\n") {
        h.update(rest.get(..i).unwrap_or("").as_bytes());
        h.update(b"\n");
        rest = rest.get(i + 2..).unwrap_or("");
    }
    h.update(rest.as_bytes());
    let digest = h.finalize();
    let mut out = String::with_capacity(71);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Checks a parsed file. Returns the model when the file has no errors (parse errors included, as
/// signalled by `had_parse_errors`), and the diagnostics the checker found (capped as
/// [`crate::diag::cap`] says). A source over [`MAX_SOURCE_BYTES`] is not looked at: the parser reports it.
pub fn check(
    source: &str,
    file: &File,
    had_parse_errors: bool,
) -> (Option<Model>, Vec<Diagnostic>) {
    if source.len() > MAX_SOURCE_BYTES {
        return (None, Vec::new());
    }
    let index = LineIndex::new(source);
    let mut c = Checker::new(source, &index, file, had_parse_errors);
    let mut model = c.file(file);
    if let Some(m) = model.as_mut() {
        m.meta.hash = content_hash(source);
        m.line_starts = index
            .line_starts()
            .iter()
            .map(|&s| u32::try_from(s).unwrap_or(u32::MAX))
            .collect();
    }
    let failed = c.failed || had_parse_errors;
    (if failed { None } else { model }, cap(c.diags))
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
                    expected: Words::new(
                        "`test` (a tests file holds only tests)",
                        "`test` (een testbestand bevat alleen tests)",
                    ),
                    found: Words::new("another item", "een ander onderdeel"),
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

/// The type of an expression during checking.
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    Bool,
    Int,
    Date,
    Days,
    WorkingDays,
    Choice(FactId),
    /// A choice field of a timeline.
    FieldChoice(FactId, usize),
    /// A timeline (only usable in `count`, `latest`, `earliest`).
    Timeline(FactId),
    /// A bare name that is not a fact: an option, to be resolved against the other side.
    Name(String, Span),
}

impl Ty {
    /// How the type is named in messages, in English and Dutch.
    fn words(&self, facts: &[FactDef]) -> Words {
        let fact = |f: &FactId| facts.get(*f).map_or("?", |f| f.id.as_str());
        match self {
            Ty::Bool => Words::new("yes/no", "ja/nee"),
            Ty::Int => Words::new("a number", "een getal"),
            Ty::Date => Words::new("a date", "een datum"),
            Ty::Days => Words::new("a number of days", "een aantal dagen"),
            Ty::WorkingDays => Words::new("a number of working days", "een aantal werkdagen"),
            Ty::Choice(f) => Words::new(
                format!("a choice of `{}`", fact(f)),
                format!("een keuze van `{}`", fact(f)),
            ),
            Ty::Name(n, _) => Words::new(format!("the name `{n}`"), format!("de naam `{n}`")),
            Ty::FieldChoice(f, i) => {
                let fd = facts.get(*f);
                let field = fd.and_then(|fd| match &fd.ty {
                    FactType::Timeline { fields } => fields.get(*i).map(|x| x.id.as_str()),
                    _ => None,
                });
                let field = field.unwrap_or("?");
                Words::new(
                    format!("a choice of field `{field}`"),
                    format!("een keuze van veld `{field}`"),
                )
            }
            Ty::Timeline(f) => Words::new(
                format!(
                    "the timeline `{}` (use count(...), latest(...) or earliest(...))",
                    fact(f)
                ),
                format!(
                    "de tijdlijn `{}` (gebruik count(...), latest(...) of earliest(...))",
                    fact(f)
                ),
            ),
        }
    }
}

struct Checker<'a> {
    index: &'a LineIndex<'a>,
    diags: Vec<Diagnostic>,
    failed: bool,
    /// Names that appear after an item keyword in the text (declared, maybe unparsable).
    declared_in_text: HashSet<String>,
    had_parse_errors: bool,
    /// The spans of the items, in order (they do not overlap).
    item_spans: Vec<Span>,
    /// Clauses written but not read: where their item starts, and their keyword.
    broken_clauses: HashSet<(u32, String)>,
    facts: Vec<FactDef>,
    fact_ids: HashMap<String, FactId>,
    params: Vec<ParamDef>,
    param_ids: HashMap<String, ParamId>,
    /// Every parameter's value by name, read before anything else, for `{name}` in texts.
    text_params: HashMap<String, Value>,
    /// Timelines whose fields are in scope (inside `where`), innermost last.
    scope: Vec<FactId>,
    parties: Vec<OptionDef>,
    phases: Vec<OptionDef>,
    override_reasons: Vec<OptionDef>,
    outcome_ids: HashMap<String, OutcomeId>,
    value_spans: HashMap<(OutcomeId, ValueId), Span>,
    uses_today: bool,
}

impl<'a> Checker<'a> {
    fn new(
        source: &str,
        index: &'a LineIndex<'a>,
        file: &File,
        had_parse_errors: bool,
    ) -> Checker<'a> {
        let mut declared_in_text = HashSet::new();
        if had_parse_errors {
            let toks = lex(source).tokens;
            for w in toks.windows(2) {
                if let (Some(a), Some(b)) = (w.first(), w.get(1))
                    && let (Tok::Word(k), Tok::Word(n)) = (&a.tok, &b.tok)
                    && matches!(
                        k.as_str(),
                        "fact" | "outcome" | "rule" | "table" | "section"
                    )
                {
                    declared_in_text.insert(n.clone());
                }
            }
        }
        let item_spans: Vec<Span> = file.items.iter().map(|i| i.span).collect();
        let broken_clauses = file
            .broken_clauses
            .iter()
            .filter_map(|c| Some((item_around(&item_spans, c.span)?, c.value.clone())))
            .collect();
        Checker {
            index,
            diags: Vec::new(),
            failed: false,
            declared_in_text,
            had_parse_errors,
            item_spans,
            broken_clauses,
            facts: Vec::new(),
            fact_ids: HashMap::new(),
            params: Vec::new(),
            param_ids: HashMap::new(),
            text_params: text_params(file),
            scope: Vec::new(),
            parties: Vec::new(),
            phases: Vec::new(),
            override_reasons: Vec::new(),
            outcome_ids: HashMap::new(),
            value_spans: HashMap::new(),
            uses_today: false,
        }
    }

    fn err(&mut self, kind: DiagKind, span: Span) {
        if kind.severity() == crate::diag::Severity::Error {
            self.failed = true;
        }
        if let DiagKind::MissingClause { clauses, .. } = &kind
            && self.was_written(clauses, span)
        {
            // Written but unreadable: the parser has reported the mistake in it.
            return;
        }
        self.diags.push(Diagnostic::new(kind, span, self.index));
    }

    /// True when one of `clauses` was written in the item around `at` but could not be read.
    fn was_written(&self, clauses: &[String], at: Span) -> bool {
        let Some(item) = item_around(&self.item_spans, at) else {
            return false;
        };
        clauses
            .iter()
            .filter_map(|c| c.split_whitespace().next())
            .any(|kw| self.broken_clauses.contains(&(item, kw.to_string())))
    }

    /// Reports an unknown name unless its declaration failed to parse (already reported).
    fn unknown(&mut self, kind: DiagKind, name: &str, span: Span) {
        if self.had_parse_errors && self.declared_in_text.contains(name) {
            self.failed = true;
            return;
        }
        self.err(kind, span);
    }

    fn text(&mut self, p: &TextPair) -> Text {
        let nl = self.fill(&p.nl, false);
        let en = match &p.en {
            Some(e) => self.fill(e, true),
            None => {
                self.err(DiagKind::MissingEnglish, p.span);
                fill_params(&p.nl.value, &self.text_params, false, |_, _| {})
            }
        };
        Text { nl, en }
    }

    /// A text with every `{parameter}` replaced by its value; an unknown name is `E324` at the name.
    fn fill(&mut self, lit: &StrLit, en: bool) -> String {
        let mut unknown = Vec::new();
        let out = fill_params(&lit.value, &self.text_params, en, |name, at| {
            unknown.push((name.to_string(), at));
        });
        // The name's place in the source is exact when the literal has no escapes (the usual case).
        let start = lit.span.start as usize + 1;
        let exact = (lit.span.end as usize).checked_sub(start) == Some(lit.value.len() + 1);
        for (name, at) in unknown {
            let span = if exact {
                Span::new(start + at, start + at + name.len() + 2)
            } else {
                lit.span
            };
            self.err(DiagKind::UnknownParamInText(name), span);
        }
        out
    }

    fn opt_text(&mut self, p: &Option<Clause<TextPair>>) -> Option<Text> {
        p.as_ref().map(|c| self.text(&c.value))
    }

    fn required_text(
        &mut self,
        p: &Option<Clause<TextPair>>,
        item: &str,
        clause: &str,
        at: Span,
    ) -> Text {
        match p {
            Some(c) => self.text(&c.value),
            None => {
                self.err(
                    DiagKind::MissingClause {
                        item: item.into(),
                        clauses: vec![clause.into()],
                    },
                    at,
                );
                Text::default()
            }
        }
    }

    // ---------- the file ----------

    fn file(&mut self, file: &File) -> Option<Model> {
        let mut meta = None;
        let mut sections: Vec<SectionDef> = Vec::new();
        let mut section_ids: HashMap<String, usize> = HashMap::new();
        let mut first = true;
        let mut fact_items = Vec::new();
        let mut outcome_items = Vec::new();
        let mut rule_items = Vec::new();
        let mut test_items = Vec::new();
        let mut param_items = Vec::new();
        let mut handover_items = Vec::new();

        for item in &file.items {
            match &item.kind {
                ItemKind::Header(h) => {
                    if meta.is_some() {
                        self.err(DiagKind::DuplicateHeader, h.id.span);
                    }
                    if meta.is_none() {
                        meta = Some(self.header(h));
                    }
                }
                ItemKind::Section(s) => {
                    if section_ids.contains_key(&s.id.name) {
                        self.err(
                            DiagKind::Duplicate {
                                name: s.id.name.clone(),
                                what: Words::new("section", "sectie"),
                            },
                            s.id.span,
                        );
                    }
                    let label = self.required_text(&s.label, "section", "label", s.id.span);
                    let help = self.opt_text(&s.help);
                    section_ids.insert(s.id.name.clone(), sections.len());
                    sections.push(SectionDef {
                        id: s.id.name.clone(),
                        label,
                        help,
                        facts: Vec::new(),
                    });
                }
                ItemKind::Fact(f) => {
                    if sections.is_empty() {
                        sections.push(SectionDef {
                            id: "algemeen".into(),
                            label: Text {
                                nl: "Algemeen".into(),
                                en: "General".into(),
                            },
                            help: None,
                            facts: Vec::new(),
                        });
                    }
                    fact_items.push((f, sections.len() - 1));
                }
                ItemKind::Outcome(o) => outcome_items.push(o),
                ItemKind::Rule(_) | ItemKind::Table(_) => rule_items.push(item),
                ItemKind::Test(t) => test_items.push(t),
                ItemKind::Parameter(p) => param_items.push(p),
                ItemKind::Named(n) => self.declare_named(n),
                ItemKind::Handover(h) => handover_items.push(h),
                ItemKind::TestsFor(id) => self.err(
                    DiagKind::Expected {
                        expected: Words::new(
                            "`ruleset NAME` (`tests for` starts a separate tests file)",
                            "`ruleset NAAM` (`tests for` begint een apart testbestand)",
                        ),
                        found: Words::same("`tests for`"),
                    },
                    id.span,
                ),
            }
            if first && !matches!(item.kind, ItemKind::Header(_)) {
                self.err(DiagKind::MissingHeader, Span::new(0, 0));
            }
            first = false;
        }
        if file.items.is_empty() && !self.had_parse_errors {
            self.err(DiagKind::MissingHeader, Span::new(0, 0));
        }

        // Facts and parameters (declared first, so that conditions can refer to them anywhere).
        if let Some((f, _)) = fact_items.get(MAX_FACTS) {
            self.err(
                DiagKind::TooMany {
                    what_nl: "vragen (fact)",
                    what_en: "facts",
                    limit: MAX_FACTS,
                },
                f.name.span,
            );
        }
        for (f, section) in &fact_items {
            self.declare_fact(f, *section, &mut sections);
        }
        for p in &param_items {
            self.declare_param(p);
        }
        // Ask-when conditions.
        let mut ask_deps: Vec<Vec<FactId>> = vec![Vec::new(); self.facts.len()];
        for (i, (f, _)) in fact_items.iter().enumerate() {
            if let Some(aw) = &f.ask_when
                && let Some(cond) = self.cond(&aw.value)
            {
                let mut deps = Vec::new();
                cond_facts(&cond, &mut deps);
                if let Some(slot) = ask_deps.get_mut(i) {
                    *slot = deps;
                }
                if let Some(fd) = self.facts.get_mut(i) {
                    fd.ask_when = Some(cond);
                    fd.ask_when_text = Some(expr_to_string(&aw.value));
                }
            }
        }
        let ask_order = self.ask_order(&ask_deps);

        // Outcomes.
        let mut outcomes = Vec::new();
        for o in &outcome_items {
            if let Some(od) = self.outcome(o, outcomes.len()) {
                outcomes.push(od);
            }
        }
        self.follows(&outcome_items, &mut outcomes);

        // Rules and tables.
        let mut rules = Vec::new();
        let mut rule_names: HashSet<String> = HashSet::new();
        let mut too_many_rules = false;
        for item in rule_items {
            match &item.kind {
                ItemKind::Rule(r) => {
                    if !rule_names.insert(r.name.name.clone()) {
                        self.err(
                            DiagKind::Duplicate {
                                name: r.name.name.clone(),
                                what: Words::new("rule or table", "regel of tabel"),
                            },
                            r.name.span,
                        );
                    }
                    if let Some(rd) = self.rule(r, item.span, &outcomes) {
                        rules.push(rd);
                    }
                }
                ItemKind::Table(t) => {
                    if !rule_names.insert(t.name.name.clone()) {
                        self.err(
                            DiagKind::Duplicate {
                                name: t.name.name.clone(),
                                what: Words::new("rule or table", "regel of tabel"),
                            },
                            t.name.span,
                        );
                    }
                    self.table(t, &outcomes, &mut rules);
                }
                _ => {}
            }
            if rules.len() > MAX_RULES && !too_many_rules {
                too_many_rules = true;
                self.err(
                    DiagKind::TooMany {
                        what_nl: "regels (een rij van een tabel telt als regel)",
                        what_en: "rules (a row of a table counts as a rule)",
                        limit: MAX_RULES,
                    },
                    item.span,
                );
            }
        }
        let mut handovers = Vec::new();
        for h in handover_items {
            if !rule_names.insert(h.name.name.clone()) {
                self.err(
                    DiagKind::Duplicate {
                        name: h.name.name.clone(),
                        what: Words::new("rule, table or handover", "regel, tabel of overdracht"),
                    },
                    h.name.span,
                );
            }
            if let Some(hd) = self.handover(h, &outcomes, &mut rules) {
                handovers.push(hd);
            }
        }

        let Some(meta) = meta else {
            self.failed = true;
            return None;
        };

        let mut model = Model {
            meta,
            sections,
            facts: std::mem::take(&mut self.facts),
            parameters: std::mem::take(&mut self.params),
            parties: std::mem::take(&mut self.parties),
            phases: std::mem::take(&mut self.phases),
            override_reasons: std::mem::take(&mut self.override_reasons),
            handovers,
            ask_order,
            outcomes,
            rules,
            tests: Vec::new(),
            uses_today: self.uses_today,
            line_starts: Vec::new(),
        };

        // Tests.
        let mut names = HashSet::new();
        for t in test_items {
            if let Some(td) = self.test(&model, t, &mut names) {
                model.tests.push(td);
            }
        }

        // Unused facts, values and parameters are only worth saying once the rules are free of errors: a
        // rule dropped for an error would otherwise make its facts and values look unused.
        if !self.failed && !self.had_parse_errors {
            self.warnings(&model, &fact_items);
            self.param_warnings(&model, &param_items);
        }
        Some(model)
    }

    fn declare_named(&mut self, n: &Named) {
        let (list, what, what_nl) = match n.kind {
            NamedKind::Party => (&self.parties, "party", "partij"),
            NamedKind::Phase => (&self.phases, "phase", "fase"),
            NamedKind::OverrideReason => (
                &self.override_reasons,
                "reason for overriding",
                "reden om af te wijken",
            ),
        };
        if list.iter().any(|x| x.id == n.name.name) {
            self.err(
                DiagKind::Duplicate {
                    name: n.name.name.clone(),
                    what: Words::new(what, what_nl),
                },
                n.name.span,
            );
            return;
        }
        let label = self.required_text(&n.label, what, "label", n.name.span);
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

    /// A handover, and the two rules it compiles to: while proposed and not every requirement holds,
    /// the lead stays with the sender; when all hold, it goes to the receiver.
    fn handover(
        &mut self,
        h: &ast::Handover,
        outcomes: &[OutcomeDef],
        rules: &mut Vec<RuleDef>,
    ) -> Option<HandoverDef> {
        let title = self.opt_text(&h.title);
        let because = self.required_text(&h.because, "handover", "because", h.name.span);
        let missing = |c: &mut Checker, clause: &str| {
            c.err(
                DiagKind::MissingClause {
                    item: "handover".into(),
                    clauses: vec![clause.into()],
                },
                h.name.span,
            );
        };
        let Some(lead) = &h.lead else {
            missing(self, "lead");
            return None;
        };
        let Some(from_to) = &h.from_to else {
            missing(self, "from ... to");
            return None;
        };
        let Some(when) = &h.when else {
            missing(self, "when");
            return None;
        };
        let Some(&lid) = self.outcome_ids.get(&lead.value.name) else {
            self.unknown(
                DiagKind::UnknownOutcome(lead.value.name.clone()),
                &lead.value.name,
                lead.value.span,
            );
            return None;
        };
        let od = outcomes.get(lid)?;
        if od.policy != Policy::Priority {
            self.err(
                DiagKind::TypeMismatch {
                    expected: Words::new(
                        "a `priority` outcome for the lead",
                        "een `priority`-uitkomst voor de regie",
                    ),
                    found: Words::same(format!("`{}`", od.id)),
                },
                lead.value.span,
            );
            return None;
        }
        let value = |c: &mut Checker, v: &Ident| -> Option<ValueId> {
            let found = od.values.iter().position(|x| x.id == v.name);
            if found.is_none() {
                c.err(
                    DiagKind::UnknownValue {
                        outcome: od.id.clone(),
                        value: v.name.clone(),
                    },
                    v.span,
                );
            }
            found
        };
        let from = value(self, &from_to.value.0);
        let to = value(self, &from_to.value.1);
        let when_cond = self.cond(&when.value);
        let mut requires = Vec::new();
        for r in &h.requires {
            let (e, label) = &r.value;
            let label = self.text(label);
            if let Some(cond) = self.cond(e) {
                requires.push(RequireDef {
                    cond,
                    text: expr_to_string(e),
                    label,
                });
            }
        }
        let (from, to, when_cond) = (from?, to?, when_cond?);
        if requires.len() != h.requires.len() {
            return None;
        }
        let time_only = !requires.is_empty() && requires.iter().all(|r| only_time(&r.cond));
        if time_only {
            self.err(DiagKind::HandoverOnlyTime(h.name.name.clone()), h.name.span);
        }
        let label_of = |v: ValueId| {
            od.values
                .get(v)
                .map(|x| x.label.clone())
                .unwrap_or_default()
        };
        let (from_label, to_label) = (label_of(from), label_of(to));
        let all_met = Cond::And(requires.iter().map(|r| r.cond.clone()).collect());
        let texts: Vec<&str> = requires.iter().map(|r| r.text.as_str()).collect();
        let when_text = expr_to_string(&when.value);
        let priority = h.priority.as_ref().map_or(1000, |p| p.value.value);
        let sources: Vec<String> = h.sources.iter().map(|s| s.value.value.clone()).collect();
        let span = h.name.span;
        if !requires.is_empty() {
            rules.push(RuleDef {
                id: format!("{}:blocked", h.name.name),
                origin: RuleOrigin::Handover {
                    handover: h.name.name.clone(),
                    complete: false,
                },
                title: Some(Text {
                    nl: format!("Warme overdracht naar {}: nog niet rond", to_label.nl),
                    en: format!("Warm handover to {}: not complete yet", to_label.en),
                }),
                cond: Cond::And(vec![
                    when_cond.clone(),
                    Cond::Not(Box::new(Cond::Definitely(Box::new(all_met.clone())))),
                ]),
                cond_text: format!("{when_text} and not ({})", texts.join(" and ")),
                assigns: vec![(lid, from)],
                deadlines: Vec::new(),
                priority,
                rank: 0,
                because: Text {
                    nl: format!(
                        "{} blijft regiehouder tot aan alle voorwaarden van de overdracht is voldaan. {}",
                        from_label.nl, because.nl
                    ),
                    en: format!(
                        "{} stays the lead until every condition of the handover is met. {}",
                        from_label.en, because.en
                    ),
                },
                sources: sources.clone(),
                span,
            });
        }
        rules.push(RuleDef {
            id: format!("{}:complete", h.name.name),
            origin: RuleOrigin::Handover {
                handover: h.name.name.clone(),
                complete: true,
            },
            title: Some(Text {
                nl: format!("Overdracht naar {} rond", to_label.nl),
                en: format!("Handover to {} complete", to_label.en),
            }),
            cond: Cond::And(vec![when_cond.clone(), all_met]),
            cond_text: if texts.is_empty() {
                when_text.clone()
            } else {
                format!("{when_text} and {}", texts.join(" and "))
            },
            assigns: vec![(lid, to)],
            deadlines: Vec::new(),
            priority,
            rank: 0,
            because: because.clone(),
            sources: sources.clone(),
            span,
        });
        Some(HandoverDef {
            id: h.name.name.clone(),
            title,
            lead: lid,
            from,
            to,
            when: when_cond,
            when_text,
            requires,
            because,
            sources,
            time_only,
            span,
        })
    }

    fn declare_param(&mut self, p: &ast::Parameter) {
        let name = &p.name.name;
        if self.param_ids.contains_key(name) || self.fact_ids.contains_key(name) {
            self.err(
                DiagKind::Duplicate {
                    name: name.clone(),
                    what: Words::new("fact or parameter", "gegeven of parameter"),
                },
                p.name.span,
            );
            return;
        }
        let label = self.required_text(&p.label, "parameter", "label", p.name.span);
        if p.sources.is_empty() && p.regional.is_none() {
            self.err(
                DiagKind::MissingClause {
                    item: "parameter".into(),
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
                        expected: Words::new(
                            "`yes`, `no`, a number or a date",
                            "`yes`, `no`, een getal of een datum",
                        ),
                        found: Words::same(format!(
                            "`{}`",
                            crate::print::literal_to_string(&p.value)
                        )),
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

    /// Parameters no rule, deadline or ask-when reads.
    fn param_warnings(&mut self, model: &Model, items: &[&ast::Parameter]) {
        let mut used = BTreeSet::new();
        let mut conds: Vec<&Cond> = model.rules.iter().map(|r| &r.cond).collect();
        conds.extend(model.facts.iter().filter_map(|f| f.ask_when.as_ref()));
        for c in conds {
            cond_params(c, &mut used);
        }
        for r in &model.rules {
            for d in &r.deadlines {
                term_params(&d.date, &mut used);
            }
        }
        for p in items {
            if let Some(&pid) = self.param_ids.get(&p.name.name)
                && !used.contains(&pid)
            {
                self.err(DiagKind::ParamUnused(p.name.name.clone()), p.name.span);
            }
        }
    }

    fn header(&mut self, h: &Header) -> Meta {
        let title = self.required_text(&h.title, "ruleset", "title", h.id.span);
        let version = match &h.version {
            Some(v) => v.value.value.clone(),
            None => {
                self.err(
                    DiagKind::MissingClause {
                        item: "ruleset".into(),
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
        }
    }

    fn declare_fact(&mut self, f: &ast::Fact, section: usize, sections: &mut [SectionDef]) {
        if self.fact_ids.contains_key(&f.name.name) {
            self.err(
                DiagKind::Duplicate {
                    name: f.name.name.clone(),
                    what: Words::new("fact", "gegeven"),
                },
                f.name.span,
            );
            // Still declare it under a fresh slot so indices stay aligned with fact_items.
        }
        let label = self.required_text(&f.label, "fact", "label", f.name.span);
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
    fn fact_type(
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
                    (self.parties.clone(), "party")
                } else {
                    (self.phases.clone(), "phase")
                };
                if options.is_empty() {
                    self.err(DiagKind::NothingDeclared(what.to_string()), ty.span);
                }
                FactType::Choice { options }
            }
            TypeKind::Timeline => {
                if !allow_timeline {
                    self.err(
                        DiagKind::TypeMismatch {
                            expected: Words::new(
                                "`bool`, `choice`, `int`, `scale` or `date`",
                                "`bool`, `choice`, `int`, `scale` of `date`",
                            ),
                            found: Words::new(
                                "`timeline` (a field cannot be a list)",
                                "`timeline` (een veld kan geen lijst zijn)",
                            ),
                        },
                        ty.span,
                    );
                }
                FactType::Timeline { fields: Vec::new() }
            }
            TypeKind::Choice => {
                let mut seen = HashSet::new();
                let mut options = Vec::new();
                for o in option_decls {
                    if !seen.insert(o.value.name.name.clone()) {
                        self.err(
                            DiagKind::Duplicate {
                                name: o.value.name.name.clone(),
                                what: Words::new("option", "keuze"),
                            },
                            o.value.name.span,
                        );
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
                FactType::Choice { options }
            }
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
            TypeKind::Scale { min, max } => {
                if min > max {
                    self.err(
                        DiagKind::EmptyRange {
                            min: *min,
                            max: *max,
                        },
                        ty.span,
                    );
                }
                let mut levels: Vec<(i64, Text)> = Vec::new();
                for l in level_decls {
                    let v = l.value.level.value;
                    if v < *min || v > *max {
                        self.err(
                            DiagKind::LevelOutOfRange {
                                level: v,
                                min: *min,
                                max: *max,
                            },
                            l.value.level.span,
                        );
                    }
                    if levels.iter().any(|(x, _)| *x == v) {
                        self.err(
                            DiagKind::Duplicate {
                                name: v.to_string(),
                                what: Words::new("level", "niveau"),
                            },
                            l.value.level.span,
                        );
                    }
                    let t = self.text(&l.value.label);
                    levels.push((v, t));
                }
                FactType::Scale {
                    min: *min,
                    max: *max,
                    levels,
                }
            }
        }
    }

    /// The fields of a timeline: types, labels and options; the first must be a date.
    fn timeline_fields(&mut self, f: &ast::Fact) -> Vec<FieldDef> {
        let mut fields: Vec<FieldDef> = Vec::new();
        for c in &f.fields {
            let fd = &c.value;
            if fields.iter().any(|x| x.id == fd.name.name) {
                self.err(
                    DiagKind::Duplicate {
                        name: fd.name.name.clone(),
                        what: Words::new("field", "veld"),
                    },
                    fd.name.span,
                );
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

    /// Orders facts so each comes after the facts its ask-when reads; reports cycles.
    fn ask_order(&mut self, deps: &[Vec<FactId>]) -> Vec<FactId> {
        let n = deps.len();
        // 0 = unvisited, 1 = on stack, 2 = done
        let mut state = vec![0u8; n];
        let mut order = Vec::with_capacity(n);
        let mut reported: HashSet<FactId> = HashSet::new();
        for start in 0..n {
            if state.get(start) != Some(&0) {
                continue;
            }
            // Iterative DFS: (node, next dep index)
            let mut stack: Vec<(FactId, usize)> = vec![(start, 0)];
            if let Some(s) = state.get_mut(start) {
                *s = 1;
            }
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let ds = deps.get(node).map_or(&[][..], |v| v.as_slice());
                if let Some(&d) = ds.get(*next) {
                    *next += 1;
                    match state.get(d) {
                        Some(0) => {
                            if let Some(s) = state.get_mut(d) {
                                *s = 1;
                            }
                            stack.push((d, 0));
                        }
                        Some(1) => {
                            // A cycle: from d on the stack to node, back to d.
                            let pos = stack.iter().position(|(x, _)| *x == d).unwrap_or(0);
                            let cycle: Vec<FactId> =
                                stack.iter().skip(pos).map(|(x, _)| *x).collect();
                            if cycle.iter().all(|x| !reported.contains(x)) {
                                reported.extend(cycle.iter().copied());
                                let mut names: Vec<String> = cycle
                                    .iter()
                                    .filter_map(|x| self.facts.get(*x).map(|f| f.id.clone()))
                                    .collect();
                                if let Some(first) = names.first().cloned() {
                                    names.push(first);
                                }
                                let span = self.facts.get(d).map_or(Span::default(), |f| f.span);
                                self.err(DiagKind::AskWhenCycle(names.join(" → ")), span);
                            }
                        }
                        _ => {}
                    }
                } else {
                    if let Some(s) = state.get_mut(node) {
                        *s = 2;
                    }
                    order.push(node);
                    stack.pop();
                }
            }
        }
        order
    }

    /// Resolves `follows`: only on collect outcomes, naming priority or unique outcomes.
    fn follows(&mut self, items: &[&ast::Outcome], outcomes: &mut [OutcomeDef]) {
        for o in items {
            let Some(f) = &o.follows else { continue };
            let Some(oid) = outcomes.iter().position(|d| d.id == o.name.name) else {
                continue;
            };
            let policy = outcomes.get(oid).map_or(Policy::Collect, |d| d.policy);
            if policy != Policy::Collect {
                self.err(
                    DiagKind::FollowsNotCollect {
                        outcome: o.name.name.clone(),
                        policy: policy_word(policy).into(),
                    },
                    f.span,
                );
                continue;
            }
            let mut list = Vec::new();
            for name in &f.value {
                match outcomes.iter().position(|d| d.id == name.name) {
                    None => self.err(DiagKind::UnknownOutcome(name.name.clone()), name.span),
                    Some(t) => {
                        let tp = outcomes.get(t).map_or(Policy::Collect, |d| d.policy);
                        if matches!(tp, Policy::Priority | Policy::Unique) {
                            if !list.contains(&t) {
                                list.push(t);
                            }
                        } else {
                            self.err(
                                DiagKind::FollowsNotSingle {
                                    outcome: name.name.clone(),
                                    policy: policy_word(tp).into(),
                                },
                                name.span,
                            );
                        }
                    }
                }
            }
            if let Some(d) = outcomes.get_mut(oid) {
                d.follows = list;
            }
        }
    }

    fn outcome(&mut self, o: &ast::Outcome, id: OutcomeId) -> Option<OutcomeDef> {
        if self.outcome_ids.contains_key(&o.name.name) {
            self.err(
                DiagKind::Duplicate {
                    name: o.name.name.clone(),
                    what: Words::new("outcome", "uitkomst"),
                },
                o.name.span,
            );
            return None;
        }
        self.outcome_ids.insert(o.name.name.clone(), id);
        let label = self.required_text(&o.label, "outcome", "label", o.name.span);
        let mut values: Vec<OptionDef> = Vec::new();
        for v in &o.values {
            if values.iter().any(|x| x.id == v.value.name.name) {
                self.err(
                    DiagKind::Duplicate {
                        name: v.value.name.name.clone(),
                        what: Words::new("value", "waarde"),
                    },
                    v.value.name.span,
                );
                continue;
            }
            let label = self.text(&v.value.label);
            self.value_spans
                .insert((id, values.len()), v.value.name.span);
            values.push(OptionDef {
                id: v.value.name.name.clone(),
                label,
            });
        }
        if let Some(vf) = &o.values_from {
            if let Some(v) = o.values.first() {
                self.err(
                    DiagKind::ClauseNotAllowed {
                        clause: "value".into(),
                        item: "outcome with `values parties/phases`".into(),
                    },
                    v.span,
                );
            }
            let (list, what) = match vf.value {
                NamedKind::Party => (self.parties.clone(), "party"),
                NamedKind::Phase => (self.phases.clone(), "phase"),
                NamedKind::OverrideReason => (self.override_reasons.clone(), "override reason"),
            };
            if list.is_empty() {
                self.err(DiagKind::NothingDeclared(what.to_string()), vf.span);
            }
            for (i, v) in list.iter().enumerate() {
                self.value_spans.insert((id, i), vf.span);
                values.push(v.clone());
            }
        }
        if o.policy.value == Policy::Deadline {
            if let Some(v) = o.values.first() {
                self.err(
                    DiagKind::ClauseNotAllowed {
                        clause: "value".into(),
                        item: "deadline outcome".into(),
                    },
                    v.span,
                );
            }
            if let Some(f) = &o.fallback {
                self.err(
                    DiagKind::ClauseNotAllowed {
                        clause: "required/default".into(),
                        item: "deadline outcome".into(),
                    },
                    f.span,
                );
            }
            return Some(OutcomeDef {
                id: o.name.name.clone(),
                label,
                policy: Policy::Deadline,
                fallback: FallbackDef::Required,
                values: Vec::new(),
                follows: Vec::new(),
                span: o.name.span,
            });
        }
        if values.is_empty() {
            self.err(DiagKind::NoValues(o.name.name.clone()), o.name.span);
        }
        let fallback = match &o.fallback {
            None => {
                self.err(
                    DiagKind::MissingClause {
                        item: "outcome".into(),
                        clauses: vec!["required".into(), "default".into()],
                    },
                    o.name.span,
                );
                FallbackDef::Required
            }
            Some(Clause {
                value: Fallback::Required,
                ..
            }) => FallbackDef::Required,
            Some(Clause {
                value: Fallback::Default { value, because },
                ..
            }) => {
                let because = self.text(because);
                match values.iter().position(|v| v.id == value.name) {
                    Some(vi) => FallbackDef::Default { value: vi, because },
                    None => {
                        self.err(
                            DiagKind::UnknownValue {
                                outcome: o.name.name.clone(),
                                value: value.name.clone(),
                            },
                            value.span,
                        );
                        FallbackDef::Required
                    }
                }
            }
        };
        Some(OutcomeDef {
            id: o.name.name.clone(),
            label,
            policy: o.policy.value,
            fallback,
            values,
            follows: Vec::new(),
            span: o.name.span,
        })
    }

    fn assign_value(
        &mut self,
        outcomes: &[OutcomeDef],
        outcome: &Ident,
        values: &[&Ident],
        list: bool,
        out: &mut Vec<(OutcomeId, ValueId)>,
    ) {
        let Some(&oid) = self.outcome_ids.get(&outcome.name) else {
            self.unknown(
                DiagKind::UnknownOutcome(outcome.name.clone()),
                &outcome.name,
                outcome.span,
            );
            return;
        };
        let Some(od) = outcomes.get(oid) else { return };
        if list && od.policy != Policy::Collect {
            self.err(DiagKind::ListForSingle(od.id.clone()), outcome.span);
        }
        if od.policy != Policy::Collect && out.iter().any(|(o, _)| *o == oid) {
            self.err(DiagKind::DuplicateAssignment(od.id.clone()), outcome.span);
        }
        for v in values {
            match od.values.iter().position(|x| x.id == v.name) {
                Some(vi) => {
                    if !out.contains(&(oid, vi)) {
                        out.push((oid, vi));
                    }
                }
                None => self.err(
                    DiagKind::UnknownValue {
                        outcome: od.id.clone(),
                        value: v.name.clone(),
                    },
                    v.span,
                ),
            }
        }
    }

    fn priority_warning(
        &mut self,
        outcomes: &[OutcomeDef],
        assigns: &[(OutcomeId, ValueId)],
        priority: &Option<Clause<IntLit>>,
    ) {
        if let Some(p) = priority {
            let any_priority = assigns.iter().any(|(o, _)| {
                outcomes
                    .get(*o)
                    .is_some_and(|od| od.policy == Policy::Priority)
            });
            if !any_priority && !assigns.is_empty() {
                let mut names: Vec<String> = assigns
                    .iter()
                    .filter_map(|(o, _)| outcomes.get(*o).map(|od| format!("`{}`", od.id)))
                    .collect();
                names.dedup();
                self.err(DiagKind::PriorityIgnored(names.join(", ")), p.span);
            }
        }
    }

    fn rule(&mut self, r: &ast::Rule, span: Span, outcomes: &[OutcomeDef]) -> Option<RuleDef> {
        let title = self.opt_text(&r.title);
        let because = self.required_text(&r.because, "rule", "because", r.name.span);
        let (cond, cond_text) = match &r.when {
            Some(w) => (self.cond(&w.value), expr_to_string(&w.value)),
            None => {
                self.err(
                    DiagKind::MissingClause {
                        item: "rule".into(),
                        clauses: vec!["when".into()],
                    },
                    r.name.span,
                );
                (None, String::new())
            }
        };
        let mut assigns = Vec::new();
        let mut deadlines = Vec::new();
        match &r.then {
            Some(t) => {
                for a in &t.value {
                    let deadline = self
                        .outcome_ids
                        .get(&a.outcome.name)
                        .and_then(|&o| outcomes.get(o).map(|od| (o, od)))
                        .filter(|(_, od)| od.policy == Policy::Deadline);
                    if let Some((oid, _)) = deadline {
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
                                continue;
                            }
                        };
                        if deadlines.iter().any(|d: &DeadlineAssign| d.outcome == oid) {
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
                        continue;
                    }
                    match &a.value {
                        AssignValue::One(v) => {
                            self.assign_value(outcomes, &a.outcome, &[v], false, &mut assigns)
                        }
                        AssignValue::Expr(e) => {
                            if self.outcome_ids.contains_key(&a.outcome.name) {
                                self.err(
                                    DiagKind::TypeMismatch {
                                        expected: Words::new(
                                            format!("a value of `{}`", a.outcome.name),
                                            format!("een waarde van `{}`", a.outcome.name),
                                        ),
                                        found: Words::new(
                                            format!("the expression `{}`", expr_to_string(e)),
                                            format!("de uitdrukking `{}`", expr_to_string(e)),
                                        ),
                                    },
                                    e.span,
                                );
                            } else {
                                self.unknown(
                                    DiagKind::UnknownOutcome(a.outcome.name.clone()),
                                    &a.outcome.name,
                                    a.outcome.span,
                                );
                            }
                        }
                        AssignValue::List(vs) => {
                            let refs: Vec<&Ident> = vs.iter().collect();
                            self.assign_value(outcomes, &a.outcome, &refs, true, &mut assigns)
                        }
                    }
                }
            }
            None => self.err(
                DiagKind::MissingClause {
                    item: "rule".into(),
                    clauses: vec!["then".into()],
                },
                r.name.span,
            ),
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

    fn table(&mut self, t: &ast::Table, outcomes: &[OutcomeDef], rules: &mut Vec<RuleDef>) {
        let title = self.opt_text(&t.title);
        let because = self.required_text(&t.because, "table", "because", t.name.span);
        let sources: Vec<String> = t.sources.iter().map(|s| s.value.value.clone()).collect();
        let priority = t.priority.as_ref().map_or(0, |p| p.value.value);
        let Some(header) = &t.header else {
            self.err(
                DiagKind::MissingClause {
                    item: "table".into(),
                    clauses: vec!["| ... || ... |".into()],
                },
                t.name.span,
            );
            return;
        };
        // Check the column heads once: inputs must have a type, outputs must be outcomes.
        let mut head_ok = true;
        for e in &header.value.inputs {
            if self.term(e).is_none() {
                head_ok = false;
            }
        }
        let mut out_ids: Vec<Option<OutcomeId>> = Vec::new();
        for o in &header.value.outputs {
            match self.outcome_ids.get(&o.name) {
                Some(id) => out_ids.push(Some(*id)),
                None => {
                    self.unknown(DiagKind::UnknownOutcome(o.name.clone()), &o.name, o.span);
                    out_ids.push(None);
                }
            }
        }
        let mut all_assigns = Vec::new();
        for (ri, row) in t.rows.iter().enumerate() {
            let rown = ri + 1;
            let r = &row.value;
            if r.inputs.len() != header.value.inputs.len() {
                self.err(
                    DiagKind::RowWidth {
                        side: "input".into(),
                        expected: header.value.inputs.len(),
                        found: r.inputs.len(),
                    },
                    row.span,
                );
                continue;
            }
            if r.outputs.len() != header.value.outputs.len() {
                self.err(
                    DiagKind::RowWidth {
                        side: "output".into(),
                        expected: header.value.outputs.len(),
                        found: r.outputs.len(),
                    },
                    row.span,
                );
                continue;
            }
            let mut parts = Vec::new();
            let mut texts = Vec::new();
            let mut ok = head_ok;
            for (col, cell) in header.value.inputs.iter().zip(&r.inputs) {
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
            for ((head, oid), cell) in header.value.outputs.iter().zip(&out_ids).zip(&r.outputs) {
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
            all_assigns.extend(assigns.iter().copied());
            if !ok {
                continue;
            }
            let cond = match parts.len() {
                0 => Cond::True,
                1 => parts.pop().unwrap_or(Cond::True),
                _ => Cond::And(parts),
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

    // ---------- tests ----------

    fn test(
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
        let mut given: Vec<(FactId, Value)> = Vec::new();
        let mut given_lists: Vec<(FactId, Vec<Record>)> = Vec::new();
        for g in t.givens.iter().flat_map(|c| c.value.iter()) {
            let Some(fid) = model.fact_by_name(&g.fact.name) else {
                self.unknown(
                    DiagKind::UnknownFact(g.fact.name.clone()),
                    &g.fact.name,
                    g.fact.span,
                );
                ok = false;
                continue;
            };
            if given.iter().any(|(f, _)| *f == fid) || given_lists.iter().any(|(f, _)| *f == fid) {
                self.err(DiagKind::DuplicateGiven(g.fact.name.clone()), g.fact.span);
                ok = false;
                continue;
            }
            if matches!(
                model.facts.get(fid).map(|f| &f.ty),
                Some(FactType::Timeline { .. })
            ) {
                match self.records_for(model, fid, &g.value) {
                    Some(r) => given_lists.push((fid, r)),
                    None => ok = false,
                }
                continue;
            }
            match self.literal_for(model, fid, &g.value) {
                Some(v) => given.push((fid, v)),
                None => ok = false,
            }
        }
        let mut expects = Vec::new();
        for e in &t.expects {
            if let Some(hi) = model
                .handovers
                .iter()
                .position(|h| h.id == e.value.outcome.name)
            {
                let complete = match e.value.kind {
                    ExpectKind::Complete => Some(true),
                    ExpectKind::Blocked => Some(false),
                    _ => None,
                };
                match (complete, model.handovers.get(hi)) {
                    (Some(complete), Some(hd)) => expects.push(ExpectDef {
                        outcome: hd.lead,
                        kind: ExpectDefKind::Handover {
                            handover: hi,
                            complete,
                        },
                        text: expect_text(&e.value),
                        span: e.span,
                        line: self.index.line_col(e.span.start).line,
                    }),
                    _ => {
                        self.err(
                            DiagKind::ExpectForm {
                                form: expect_text(&e.value),
                                outcome: e.value.outcome.name.clone(),
                                policy: Words::new(
                                    "handover: `is blocked` or `is complete`",
                                    "overdracht: `is blocked` of `is complete`",
                                ),
                            },
                            e.span,
                        );
                        ok = false;
                    }
                }
                continue;
            }
            let Some(oid) = model.outcome_by_name(&e.value.outcome.name) else {
                self.unknown(
                    DiagKind::UnknownOutcome(e.value.outcome.name.clone()),
                    &e.value.outcome.name,
                    e.value.outcome.span,
                );
                ok = false;
                continue;
            };
            let Some(od) = model.outcomes.get(oid) else {
                continue;
            };
            let value_ids = |c: &mut Checker, vs: &[Ident]| -> Option<Vec<ValueId>> {
                let mut out = Vec::new();
                let mut good = true;
                for v in vs {
                    match od.values.iter().position(|x| x.id == v.name) {
                        Some(i) => out.push(i),
                        None => {
                            c.err(
                                DiagKind::UnknownValue {
                                    outcome: od.id.clone(),
                                    value: v.name.clone(),
                                },
                                v.span,
                            );
                            good = false;
                        }
                    }
                }
                good.then_some(out)
            };
            let form_err = |c: &mut Checker, form: &str| {
                c.err(
                    DiagKind::ExpectForm {
                        form: form.into(),
                        outcome: od.id.clone(),
                        policy: Words::same(policy_word(od.policy)),
                    },
                    e.span,
                );
            };
            let deadline = od.policy == Policy::Deadline;
            let kind = match &e.value.kind {
                ExpectKind::Date(d) => {
                    if deadline {
                        Some(ExpectDefKind::DateIs(d.value))
                    } else {
                        form_err(self, "= DATE");
                        None
                    }
                }
                ExpectKind::Blocked | ExpectKind::Complete => {
                    form_err(self, "is blocked/complete");
                    None
                }
                ExpectKind::Overdue => {
                    if deadline {
                        Some(ExpectDefKind::Overdue)
                    } else {
                        form_err(self, "is overdue");
                        None
                    }
                }
                ExpectKind::Equals(v) => {
                    if matches!(od.policy, Policy::Collect | Policy::Deadline) {
                        form_err(self, "=");
                        None
                    } else {
                        value_ids(self, std::slice::from_ref(v))
                            .and_then(|v| v.first().copied())
                            .map(ExpectDefKind::Equals)
                    }
                }
                ExpectKind::Contains { values, .. } => {
                    if od.policy != Policy::Collect {
                        form_err(self, "contains");
                        None
                    } else {
                        value_ids(self, values).map(ExpectDefKind::Contains)
                    }
                }
                ExpectKind::Exactly(values) => {
                    if od.policy != Policy::Collect {
                        form_err(self, "exactly");
                        None
                    } else {
                        value_ids(self, values).map(ExpectDefKind::Exactly)
                    }
                }
                ExpectKind::Undecided => {
                    if matches!(od.fallback, FallbackDef::Default { .. }) {
                        form_err(self, "is undecided");
                        None
                    } else {
                        Some(ExpectDefKind::Undecided)
                    }
                }
                ExpectKind::Provisional => Some(ExpectDefKind::Provisional),
                ExpectKind::Final => Some(ExpectDefKind::Final),
            };
            match kind {
                Some(kind) => expects.push(ExpectDef {
                    outcome: oid,
                    kind,
                    text: expect_text(&e.value),
                    span: e.span,
                    line: self.index.line_col(e.span.start).line,
                }),
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

    /// A test answer, checked against the fact's type.
    fn literal_for(&mut self, model: &Model, fid: FactId, lit: &Literal) -> Option<Value> {
        let fd = model.facts.get(fid)?;
        self.typed_literal(&fd.id, &fd.ty, lit)
    }

    /// The records of a timeline in a test: `[(2026-03-01, geen_contact), ...]`, each in field order.
    fn records_for(&mut self, model: &Model, fid: FactId, lit: &Literal) -> Option<Vec<Record>> {
        let fd = model.facts.get(fid)?;
        let FactType::Timeline { fields } = &fd.ty else {
            return None;
        };
        let Literal::Records(list, span) = lit else {
            self.err(
                DiagKind::TypeMismatch {
                    expected: Words::new(
                        format!("records of `{}`: [(date, ...), ...]", fd.id),
                        format!("registraties van `{}`: [(datum, ...), ...]", fd.id),
                    ),
                    found: Words::new("one value", "één waarde"),
                },
                lit.span(),
            );
            return None;
        };
        if list.len() > MAX_RECORDS {
            self.err(
                DiagKind::TooMany {
                    what_nl: "registraties in één tijdlijn",
                    what_en: "records in one timeline",
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
                        expected: Words::new(
                            format!("{} field values ({})", fields.len(), field_names(fields)),
                            format!("{} veldwaarden ({})", fields.len(), field_names(fields)),
                        ),
                        found: Words::same(values.len().to_string()),
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
    fn typed_literal(&mut self, owner: &str, ty: &FactType, lit: &Literal) -> Option<Value> {
        let mismatch = |c: &mut Checker, expected: Words, found: Words| {
            c.err(DiagKind::TypeMismatch { expected, found }, lit.span());
            None
        };
        let found = match lit {
            Literal::Bool(..) => Ty::Bool.words(&[]),
            Literal::Int(..) => Ty::Int.words(&[]),
            Literal::Date(..) => Ty::Date.words(&[]),
            Literal::Name(_) => Words::new("a name", "een naam"),
            Literal::Records(..) => Words::new("a list of records", "een lijst registraties"),
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
            (FactType::Choice { .. }, _) => mismatch(
                self,
                Words::new(
                    format!("an option of `{owner}`"),
                    format!("een keuze van `{owner}`"),
                ),
                found,
            ),
            (FactType::Timeline { .. }, _) => mismatch(
                self,
                Words::new(
                    format!("records of `{owner}`"),
                    format!("registraties van `{owner}`"),
                ),
                found,
            ),
        }
    }

    fn bounds(
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

    // ---------- warnings ----------

    fn warnings(&mut self, model: &Model, fact_items: &[(&ast::Fact, usize)]) {
        // Values no rule and no default gives.
        for (oid, od) in model.outcomes.iter().enumerate() {
            for (vid, v) in od.values.iter().enumerate() {
                let by_rule = model.rules.iter().any(|r| r.assigns.contains(&(oid, vid)));
                let by_default =
                    matches!(od.fallback, FallbackDef::Default { value, .. } if value == vid);
                if !by_rule && !by_default {
                    let span = self.value_span(oid, vid);
                    self.err(
                        DiagKind::ValueNeverGiven {
                            outcome: od.id.clone(),
                            value: v.id.clone(),
                        },
                        span,
                    );
                }
            }
        }
        // Facts no rule or ask-when reads.
        let mut used = BTreeSet::new();
        for r in &model.rules {
            let mut v = Vec::new();
            cond_facts(&r.cond, &mut v);
            used.extend(v);
            for d in &r.deadlines {
                used.extend(d.facts.iter().copied());
            }
        }
        for f in &model.facts {
            if let Some(c) = &f.ask_when {
                let mut v = Vec::new();
                cond_facts(c, &mut v);
                used.extend(v);
            }
        }
        for (fid, (f, _)) in fact_items.iter().enumerate() {
            if !used.contains(&fid) {
                self.err(DiagKind::FactUnused(f.name.name.clone()), f.name.span);
            }
        }
    }

    fn value_span(&self, oid: OutcomeId, vid: ValueId) -> Span {
        self.value_spans
            .get(&(oid, vid))
            .copied()
            .unwrap_or_default()
    }
}

/// The condition a table cell stands for, as an expression over its column (`None` for `-`).
fn cell_expr(col: &Expr, cell: &ast::Cell) -> Option<Expr> {
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

fn expect_text(e: &Expect) -> String {
    let list = |v: &[Ident]| {
        format!(
            "[{}]",
            v.iter()
                .map(|i| i.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let o = &e.outcome.name;
    match &e.kind {
        ExpectKind::Equals(v) => format!("{o} = {}", v.name),
        ExpectKind::Contains { values, list: true } => format!("{o} contains {}", list(values)),
        ExpectKind::Contains { values, .. } => format!(
            "{o} contains {}",
            values.first().map_or("", |v| v.name.as_str())
        ),
        ExpectKind::Exactly(v) => format!("{o} exactly {}", list(v)),
        ExpectKind::Undecided => format!("{o} is undecided"),
        ExpectKind::Provisional => format!("{o} is provisional"),
        ExpectKind::Final => format!("{o} is final"),
        ExpectKind::Date(d) => format!("{o} = {}", d.value),
        ExpectKind::Overdue => format!("{o} is overdue"),
        ExpectKind::Blocked => format!("{o} is blocked"),
        ExpectKind::Complete => format!("{o} is complete"),
    }
}

/// True when every test in the condition is about time relative to today (and there is at least one).
fn only_time(c: &Cond) -> bool {
    fn term_time(t: &Term) -> bool {
        match t {
            Term::Today => true,
            Term::Count { window, .. } | Term::Pick { window, .. } => window.is_some(),
            Term::Arith(_, a, b)
            | Term::DatePlus(a, b)
            | Term::WorkdaysPlus(a, b)
            | Term::DateDiff(a, b) => term_time(a) || term_time(b),
            Term::Neg(a) => term_time(a),
            Term::Cond(c) => only_time(c),
            Term::Fact(_) | Term::Lit(_) | Term::Param(_) | Term::Field(_) => false,
        }
    }
    fn pred_time(p: &Pred) -> bool {
        match p {
            Pred::Truth(t) | Pred::Known { term: t, .. } => term_time(t),
            Pred::Cmp(_, a, b) => term_time(a) || term_time(b),
            Pred::In { term, list, .. } => term_time(term) || list.iter().any(term_time),
            Pred::Between { term, low, high } => {
                term_time(term) || term_time(low) || term_time(high)
            }
            Pred::Answered { .. } => false,
            Pred::Nested(c) => only_time(c),
        }
    }
    match c {
        Cond::True => false,
        Cond::Atom(a) => pred_time(&a.pred),
        Cond::Not(c) | Cond::Definitely(c) => only_time(c),
        Cond::And(v) | Cond::Or(v) => !v.is_empty() && v.iter().all(only_time),
    }
}

/// Where the item around `at` starts, found in the items' spans (in order, not overlapping).
fn item_around(spans: &[Span], at: Span) -> Option<u32> {
    let k = spans.partition_point(|s| s.start <= at.start);
    let s = spans.get(k.checked_sub(1)?)?;
    s.contains(at).then_some(s.start)
}

fn field_names(fields: &[FieldDef]) -> String {
    fields
        .iter()
        .map(|f| f.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(inner) => strip_parens(inner),
        _ => e,
    }
}

// ---------- expressions ----------

impl Checker<'_> {
    /// A yes/no condition.
    fn cond(&mut self, e: &Expr) -> Option<Cond> {
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

    fn pred(&mut self, e: &Expr) -> Option<Pred> {
        match &e.kind {
            ExprKind::Binary(BinOp::Cmp(op), a, b) => {
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
                if !matches!(op, CmpOp::Eq | CmpOp::Ne)
                    && !matches!(tya, Ty::Int | Ty::Date | Ty::Days)
                {
                    self.err(
                        DiagKind::NotOrdered {
                            op: op.as_str().into(),
                            found: tya.words(&self.facts),
                        },
                        e.span,
                    );
                    return None;
                }
                if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    self.literal_bounds(&ta, &tb, b.span);
                    self.literal_bounds(&tb, &ta, a.span);
                }
                Some(Pred::Cmp(*op, ta, tb))
            }
            ExprKind::In {
                expr,
                list,
                negated,
            } => {
                let (t, ty) = self.term(expr)?;
                if let Ty::Name(n, sp) = &ty {
                    self.unknown(DiagKind::UnknownFact(n.clone()), n, *sp);
                    return None;
                }
                let mut items = Vec::new();
                let mut ok = true;
                for item in list {
                    let Some((ti, tyi)) = self.term(item) else {
                        ok = false;
                        continue;
                    };
                    let Some((_, _, ti, tyi)) = self.resolve_pair(t.clone(), ty.clone(), ti, tyi)
                    else {
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
                    negated: *negated,
                })
            }
            ExprKind::Between { expr, low, high } => {
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
            ExprKind::IsAnswered { expr, negated } => {
                let inner = strip_parens(expr);
                match &inner.kind {
                    ExprKind::Name(n) => match self.fact_ids.get(n) {
                        Some(&f) => Some(Pred::Answered {
                            fact: f,
                            negated: *negated,
                        }),
                        None => {
                            self.unknown(DiagKind::UnknownFact(n.clone()), n, inner.span);
                            None
                        }
                    },
                    _ => {
                        let (term, _) = self.term(inner)?;
                        Some(Pred::Known {
                            term,
                            negated: *negated,
                        })
                    }
                }
            }
            _ => {
                let (t, ty) = self.term(e)?;
                match ty {
                    Ty::Bool => Some(Pred::Truth(t)),
                    Ty::Name(n, sp) => {
                        self.unknown(DiagKind::UnknownFact(n.clone()), &n, sp);
                        None
                    }
                    other => {
                        self.err(
                            DiagKind::TypeMismatch {
                                expected: Words::new(
                                    "a condition (yes/no)",
                                    "een voorwaarde (ja/nee)",
                                ),
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

    /// Resolves bare option names against the other side of a comparison.
    fn resolve_pair(
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
                self.unknown(DiagKind::UnknownFact(n1.clone()), n1, *s1);
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
                self.unknown(DiagKind::UnknownFact(n.clone()), n, *sp);
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

    fn field_option(&mut self, f: FactId, i: usize, name: &str, span: Span) -> Option<usize> {
        let field = match &self.facts.get(f)?.ty {
            FactType::Timeline { fields } => fields.get(i)?.clone(),
            _ => return None,
        };
        if let FactType::Choice { options } = &field.ty
            && let Some(x) = options.iter().position(|o| o.id == name)
        {
            return Some(x);
        }
        self.err(
            DiagKind::UnknownOption {
                fact: field.id.clone(),
                option: name.to_string(),
            },
            span,
        );
        None
    }

    fn option(&mut self, f: FactId, name: &str, span: Span) -> Option<usize> {
        let fd = self.facts.get(f)?;
        if let FactType::Choice { options } = &fd.ty
            && let Some(i) = options.iter().position(|o| o.id == name)
        {
            return Some(i);
        }
        let fact = fd.id.clone();
        self.err(
            DiagKind::UnknownOption {
                fact,
                option: name.to_string(),
            },
            span,
        );
        None
    }

    /// Reports a number literal compared with a bounded fact when it lies outside the bounds.
    fn literal_bounds(&mut self, fact_side: &Term, lit_side: &Term, span: Span) {
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

    /// A value-producing expression with its type.
    fn term(&mut self, e: &Expr) -> Option<(Term, Ty)> {
        crate::work::tick(1);
        match &e.kind {
            ExprKind::Name(n) if self.field_in_scope(n).is_some() => {
                let (list, i, ty) = self.field_in_scope(n)?;
                let ty = match ty {
                    FactType::Bool => Ty::Bool,
                    FactType::Int { .. } | FactType::Scale { .. } => Ty::Int,
                    FactType::Date => Ty::Date,
                    FactType::Choice { .. } => Ty::FieldChoice(list, i),
                    FactType::Timeline { .. } => return None,
                };
                Some((Term::Field(i), ty))
            }
            ExprKind::Count {
                list,
                filter,
                window,
            } => {
                let (lid, filter, window) = self.list_parts(list, filter, window)?;
                Some((
                    Term::Count {
                        list: lid,
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
            } => {
                let (lid, filter, window) = self.list_parts(list, filter, window)?;
                let (i, fty) = match self.facts.get(lid).map(|fd| &fd.ty) {
                    Some(FactType::Timeline { fields }) => {
                        match fields.iter().position(|x| x.id == field.name) {
                            Some(i) => (i, fields.get(i).map(|x| x.ty.clone())?),
                            None => {
                                self.err(
                                    DiagKind::UnknownField {
                                        list: list.name.clone(),
                                        field: field.name.clone(),
                                    },
                                    field.span,
                                );
                                return None;
                            }
                        }
                    }
                    _ => return None,
                };
                let ty = match fty {
                    FactType::Bool => Ty::Bool,
                    FactType::Int { .. } | FactType::Scale { .. } => Ty::Int,
                    FactType::Date => Ty::Date,
                    FactType::Choice { .. } => Ty::FieldChoice(lid, i),
                    FactType::Timeline { .. } => return None,
                };
                Some((
                    Term::Pick {
                        latest: *latest,
                        field: i,
                        list: lid,
                        filter,
                        window,
                    },
                    ty,
                ))
            }
            ExprKind::Name(n) => match self.fact_ids.get(n) {
                Some(&f) => {
                    let ty = match self.facts.get(f).map(|fd| &fd.ty) {
                        Some(FactType::Timeline { .. }) => Ty::Timeline(f),
                        Some(FactType::Bool) => Ty::Bool,
                        Some(FactType::Int { .. } | FactType::Scale { .. }) => Ty::Int,
                        Some(FactType::Date) => Ty::Date,
                        Some(FactType::Choice { .. }) => Ty::Choice(f),
                        None => return None,
                    };
                    Some((Term::Fact(f), ty))
                }
                None => match self
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
                    None => Some((Term::Lit(Value::Int(0)), Ty::Name(n.clone(), e.span))),
                },
            },
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
            ExprKind::Neg(inner) => {
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
            ExprKind::Binary(op @ (BinOp::Add | BinOp::Sub | BinOp::Mul), a, b) => {
                let (ta, tya) = self.term(a)?;
                let (tb, tyb) = self.term(b)?;
                for (ty, sp) in [(&tya, a.span), (&tyb, b.span)] {
                    if let Ty::Name(n, _) = ty {
                        self.unknown(DiagKind::UnknownFact(n.clone()), n, sp);
                        return None;
                    }
                }
                let arith = |o: &BinOp| match o {
                    BinOp::Add => ArithOp::Add,
                    BinOp::Sub => ArithOp::Sub,
                    _ => ArithOp::Mul,
                };
                match (op, &tya, &tyb) {
                    (_, Ty::Int, Ty::Int) | (BinOp::Add | BinOp::Sub, Ty::Days, Ty::Days) => {
                        let ty = tya.clone();
                        Some((Term::Arith(arith(op), Box::new(ta), Box::new(tb)), ty))
                    }
                    (BinOp::Add, Ty::Date, Ty::Days) => {
                        Some((Term::DatePlus(Box::new(ta), Box::new(tb)), Ty::Date))
                    }
                    (BinOp::Add, Ty::Days, Ty::Date) => {
                        Some((Term::DatePlus(Box::new(tb), Box::new(ta)), Ty::Date))
                    }
                    (BinOp::Add, Ty::Date, Ty::WorkingDays) => {
                        Some((Term::WorkdaysPlus(Box::new(ta), Box::new(tb)), Ty::Date))
                    }
                    (BinOp::Add, Ty::WorkingDays, Ty::Date) => {
                        Some((Term::WorkdaysPlus(Box::new(tb), Box::new(ta)), Ty::Date))
                    }
                    (BinOp::Sub, Ty::Date, Ty::WorkingDays) => Some((
                        Term::WorkdaysPlus(Box::new(ta), Box::new(Term::Neg(Box::new(tb)))),
                        Ty::Date,
                    )),
                    (BinOp::Sub, Ty::Date, Ty::Days) => Some((
                        Term::DatePlus(Box::new(ta), Box::new(Term::Neg(Box::new(tb)))),
                        Ty::Date,
                    )),
                    (BinOp::Sub, Ty::Date, Ty::Date) => {
                        Some((Term::DateDiff(Box::new(ta), Box::new(tb)), Ty::Int))
                    }
                    (BinOp::Add | BinOp::Sub, Ty::Date, _) => {
                        self.err(
                            DiagKind::TypeMismatch {
                                expected: Words::new(
                                    "a number of days (e.g. `14 days`) or a date",
                                    "een aantal dagen (bijv. `14 days`) of een datum",
                                ),
                                found: tyb.words(&self.facts),
                            },
                            b.span,
                        );
                        None
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
                        None
                    }
                }
            }
            // Conditions used as values, e.g. `(a or b) = yes`.
            _ => {
                let c = self.cond(e)?;
                Some((Term::Cond(Box::new(c)), Ty::Bool))
            }
        }
    }

    /// A field of a timeline whose `where` we are in (innermost first): (timeline, field index, type).
    fn field_in_scope(&self, name: &str) -> Option<(FactId, usize, FactType)> {
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
    fn list_parts(
        &mut self,
        list: &Ident,
        filter: &Option<Box<Expr>>,
        window: &Option<Box<Expr>>,
    ) -> Option<(FactId, Option<Box<Cond>>, Option<Box<Term>>)> {
        let lid = match self.fact_ids.get(&list.name) {
            Some(&f) => f,
            None => {
                self.unknown(
                    DiagKind::UnknownFact(list.name.clone()),
                    &list.name,
                    list.span,
                );
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

    fn expect_ty(&mut self, found: &Ty, expected: &Ty, span: Span) -> Option<()> {
        if found == expected {
            return Some(());
        }
        if let Ty::Name(n, sp) = found {
            self.unknown(DiagKind::UnknownFact(n.clone()), n, *sp);
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

/// The keyword of a policy.
fn policy_word(p: Policy) -> &'static str {
    match p {
        Policy::Priority => "priority",
        Policy::Unique => "unique",
        Policy::Collect => "collect",
        Policy::Deadline => "deadline",
    }
}

/// Every parameter's value by name, as written (a later duplicate does not replace the first).
fn text_params(file: &File) -> HashMap<String, Value> {
    let mut out = HashMap::new();
    for item in &file.items {
        if let ItemKind::Parameter(p) = &item.kind {
            let value = match &p.value {
                Literal::Bool(b, _) => Value::Bool(*b),
                Literal::Int(n, _) => Value::Int(*n),
                Literal::Date(d, _) => Value::Date(*d),
                Literal::Name(_) | Literal::Records(..) => continue,
            };
            out.entry(p.name.name.clone()).or_insert(value);
        }
    }
    out
}

/// `text` with every `{name}` of a parameter replaced by its value in words (`en`: English), `{{` and
/// `}}` by one brace. A `{name}` that names no parameter is kept and passed to `unknown` with the byte
/// offset of its `{`; any other brace is kept as written.
pub fn fill_params(
    text: &str,
    params: &HashMap<String, Value>,
    en: bool,
    mut unknown: impl FnMut(&str, usize),
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut at = 0;
    while let Some(i) = rest.find(['{', '}']) {
        let (before, from) = rest.split_at(i);
        out.push_str(before);
        at += i;
        if from.starts_with("{{") || from.starts_with("}}") {
            out.push_str(from.get(..1).unwrap_or_default());
            rest = from.get(2..).unwrap_or_default();
            at += 2;
            continue;
        }
        let name = from
            .strip_prefix('{')
            .and_then(|r| r.split_once('}'))
            .map(|(n, _)| n)
            .filter(|n| is_name(n));
        match name {
            Some(n) => {
                match params.get(n) {
                    Some(v) => out.push_str(&value_words(*v, en)),
                    None => {
                        unknown(n, at);
                        out.push_str(from.get(..n.len() + 2).unwrap_or_default());
                    }
                }
                rest = from.get(n.len() + 2..).unwrap_or_default();
                at += n.len() + 2;
            }
            None => {
                out.push_str(from.get(..1).unwrap_or_default());
                rest = from.get(1..).unwrap_or_default();
                at += 1;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A name as the language writes it: a letter or `_`, then letters, digits and `_`.
fn is_name(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A parameter's value in words: the number, the date, or yes/no in the text's language.
fn value_words(v: Value, en: bool) -> String {
    match (v, en) {
        (Value::Bool(true), false) => "ja".into(),
        (Value::Bool(false), false) => "nee".into(),
        (Value::Bool(true), true) => "yes".into(),
        (Value::Bool(false), true) => "no".into(),
        (Value::Int(n), _) => n.to_string(),
        (Value::Date(d), _) => d.to_string(),
        (Value::Choice(i), _) => i.to_string(),
    }
}
