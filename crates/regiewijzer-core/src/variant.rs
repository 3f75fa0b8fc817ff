//! Variants: a region's own version of a ruleset, written as changes to its base.
//!
//! A variant's header names its base (`ruleset triage_drechtsteden variant of triage "0.1.0"`). Its
//! items are the base's, in the base's order, with the variant's changes applied where they stand:
//! a `parameter` with a base parameter's name sets its value (and, when written, its label and sources),
//! `replace rule` puts a whole rule in the place of the base's rule or table of that name, `remove rule`
//! and `remove table` take one out, `extend outcome` adds values, and `replace label` gives a question,
//! outcome, section, parameter, party, phase or reason (or one of its options, values or levels) other
//! words. Everything else the variant declares (facts, outcomes, rules, tables, reasons, handovers,
//! tests) comes after the base's items. The base's own tests are left out: the variant has its own.
//!
//! The result is checked as one ruleset, in the variant's text: what the variant writes keeps its place,
//! and everything the base brings in is placed at the variant's `variant of` clause (the base is read
//! with every place set there, [`crate::parse::parse_placed`]). So every diagnostic, reason and finding
//! points into the variant's file. Its hash is that of the variant's own text; [`crate::model::Meta`]'s
//! `base` records the base's id, version and hash.

use crate::ast::{
    Change, Clause, File, Ident, Item, ItemKind, RowChange, Span, TableRow, TextPair, VariantOf,
};
use crate::check::check;
use crate::diag::{Decl, DiagKind, Diagnostic, LineIndex, suggest_within};
use crate::model::BaseRef;
use crate::parse::{parse, parse_placed};
use crate::print::cell_to_string;
use crate::{Compiled, compile, finish};

/// The most characters compared for "did you mean" in one resolution (as the checker's budget).
const SUGGESTION_WORK: usize = 4_000_000;

/// The base a variant names (`variant of BASE "VERSION"`): its id and version, or `None` when `source`
/// is not a variant (or its header cannot be read).
pub fn variant_of(source: &str) -> Option<(String, String)> {
    let (file, _) = parse(source);
    let v = &variant_clause(&file)?.value;
    Some((v.base.name.clone(), v.version.value.clone()))
}

/// The id a ruleset's header gives it, when it can be read.
pub fn ruleset_id(source: &str) -> Option<String> {
    let (file, _) = parse(source);
    file.items.iter().find_map(|i| match &i.kind {
        ItemKind::Header(h) => Some(h.id.name.clone()),
        _ => None,
    })
}

/// `E701` for a variant checked on its own: nothing else is checked without its base.
pub(crate) fn needs_base(file: &File, source: &str) -> Option<Diagnostic> {
    let v = variant_clause(file)?;
    let base = v.value.base.name.clone();
    let kind = DiagKind::VariantNeedsBase { base };
    Some(Diagnostic::new(kind, v.span, &LineIndex::new(source)))
}

/// The header's `variant of` clause, if any.
fn variant_clause(file: &File) -> Option<&Clause<VariantOf>> {
    file.items.iter().find_map(|i| match &i.kind {
        ItemKind::Header(h) => h.variant_of.as_ref(),
        _ => None,
    })
}

/// Checks a variant against its base: the base's items with the variant's changes, as one ruleset (see
/// the module's documentation). A source that is not a variant is compiled as [`compile`] does. The
/// diagnostics are the variant's, placed in its text: what no longer applies to the base (`E705`), a
/// base that is another ruleset (`E702`), has another version (`E703`) or has errors (`E704`), and every
/// problem of the resolved ruleset.
pub fn compile_variant(source: &str, base_source: &str) -> Compiled {
    let (file, mut diags) = parse(source);
    let Some(clause) = variant_clause(&file) else {
        return compile(source);
    };
    let (span, base_id, version) = (
        clause.span,
        clause.value.base.clone(),
        clause.value.version.clone(),
    );
    if diags.iter().any(Diagnostic::is_error) {
        return finish(None, diags);
    }
    let index = LineIndex::new(source);
    let Some(base) = compile(base_source).model else {
        let kind = DiagKind::BaseHasErrors { base: base_id.name };
        diags.push(Diagnostic::new(kind, span, &index));
        return finish(None, diags);
    };
    if base.meta.id != base_id.name {
        let kind = DiagKind::BaseIsOther {
            expected: base_id.name,
            found: base.meta.id,
        };
        diags.push(Diagnostic::new(kind, base_id.span, &index));
        return finish(None, diags);
    }
    if base.meta.version != version.value {
        let kind = DiagKind::BaseVersion {
            base: base_id.name,
            expected: version.value,
            found: base.meta.version.clone(),
        };
        diags.push(Diagnostic::new(kind, version.span, &index));
    }
    let (base_file, _) = parse_placed(base_source, span);
    let mut m = Merge {
        items: Vec::new(),
        diags: Vec::new(),
        index: &index,
        work: SUGGESTION_WORK,
    };
    let merged = m.merge(file, base_file);
    diags.append(&mut m.diags);
    let (mut model, mut more) = check(source, &merged, false);
    diags.append(&mut more);
    if let Some(model) = model.as_mut() {
        model.meta.base = Some(BaseRef {
            id: base.meta.id,
            version: base.meta.version,
            hash: base.meta.hash,
        });
    }
    finish(model, diags)
}

/// The merging of a variant into its base's items.
struct Merge<'a> {
    /// The base's items, changed so far.
    items: Vec<Item>,
    diags: Vec<Diagnostic>,
    index: &'a LineIndex<'a>,
    /// What is left of [`SUGGESTION_WORK`].
    work: usize,
}

/// What a change can name in the base.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Named {
    RuleOrTable,
    Table,
    Rule,
    Parameter,
    Outcome,
    Labelled,
}

impl Merge<'_> {
    /// The resolved file: the variant's header, the base's items with the changes, then the variant's
    /// own items.
    fn merge(&mut self, variant: File, base: File) -> File {
        let mut header = None;
        let mut base_header = None;
        for item in base.items {
            match item.kind {
                ItemKind::Header(h) => base_header = Some(h),
                ItemKind::Test(_) | ItemKind::TestsFor(_) => {}
                _ => self.items.push(item),
            }
        }
        let mut added = Vec::new();
        for item in variant.items {
            match item.kind {
                ItemKind::Header(mut h) => {
                    h.variant_of = None;
                    if let Some(b) = &base_header {
                        h.phases = h.phases.or_else(|| b.phases.clone());
                        h.valid_from = h.valid_from.or_else(|| b.valid_from.clone());
                        h.note = h.note.or_else(|| b.note.clone());
                    }
                    header = Some(Item {
                        kind: ItemKind::Header(h),
                        span: item.span,
                    });
                }
                ItemKind::Parameter(p) => self.parameter(p, item.span, &mut added),
                ItemKind::Change(c) => self.change(c, item.span),
                kind => added.push(Item {
                    kind,
                    span: item.span,
                }),
            }
        }
        let items = header.into_iter().chain(self.items.drain(..)).chain(added);
        File {
            items: items.collect(),
            comments: Vec::new(),
            broken_clauses: variant.broken_clauses,
        }
    }

    /// A `parameter` of the variant: an override of the base's (keeping its label and sources unless
    /// written), or a new one (which needs its own label).
    fn parameter(&mut self, mut p: crate::ast::Parameter, span: Span, added: &mut Vec<Item>) {
        let Some(i) = self.find(&p.name.name, Named::Parameter) else {
            if p.label.is_some() {
                added.push(Item {
                    kind: ItemKind::Parameter(p),
                    span,
                });
            } else {
                self.missing(Decl::Parameter, &p.name.name, p.name.span, Named::Parameter);
            }
            return;
        };
        if let Some(Item {
            kind: ItemKind::Parameter(base),
            ..
        }) = self.items.get(i)
        {
            p.label = p.label.or_else(|| base.label.clone());
            if p.sources.is_empty() && p.regional.is_none() {
                p.sources = base.sources.clone();
                p.regional = base.regional;
            }
        }
        if let Some(slot) = self.items.get_mut(i) {
            *slot = Item {
                kind: ItemKind::Parameter(p),
                span,
            };
        }
    }

    /// A `replace`, `remove` or `extend`.
    fn change(&mut self, change: Change, span: Span) {
        match change {
            Change::ReplaceRule(r) => match self.find(&r.name.name, Named::RuleOrTable) {
                Some(i) => {
                    if let Some(slot) = self.items.get_mut(i) {
                        *slot = Item {
                            kind: ItemKind::Rule(*r),
                            span,
                        };
                    }
                }
                None => self.missing(Decl::RuleOrTable, &r.name.name, r.name.span, Named::Rule),
            },
            Change::Remove { table, name } => {
                let (named, decl) = if table {
                    (Named::Table, Decl::RuleOrTable)
                } else {
                    (Named::Rule, Decl::RuleOrTable)
                };
                match self.find(&name.name, named) {
                    Some(i) => {
                        self.items.remove(i);
                    }
                    None => self.missing(decl, &name.name, name.span, named),
                }
            }
            Change::Rows { kind, table, rows } => self.rows(kind, &table, rows),
            Change::ExtendOutcome { outcome, values } => {
                let i = self.find(&outcome.name, Named::Outcome);
                match i.and_then(|i| self.items.get_mut(i)).map(|it| &mut it.kind) {
                    Some(ItemKind::Outcome(o)) => o.values.extend(values),
                    _ => self.missing(Decl::Outcome, &outcome.name, outcome.span, Named::Outcome),
                }
            }
            Change::ReplaceLabel {
                target,
                part,
                label,
            } => {
                let Some(i) = self.find(&target.name, Named::Labelled) else {
                    self.missing(Decl::Labelled, &target.name, target.span, Named::Labelled);
                    return;
                };
                let clause = Clause { value: label, span };
                let found = self
                    .items
                    .get_mut(i)
                    .map(|it| relabel(&mut it.kind, part.as_ref(), clause));
                if let (Some(Err((decl, names))), Some(p)) = (found, part) {
                    let suggestion =
                        suggest_within(&p.name, names.iter().map(String::as_str), &mut self.work);
                    let kind = DiagKind::NotInBase {
                        what: decl,
                        name: p.name,
                        suggestion,
                    };
                    self.diags.push(Diagnostic::new(kind, p.span, self.index));
                }
            }
        }
    }

    /// Rows of a base table replaced, removed or added; a row is named by its input cells.
    fn rows(&mut self, kind: RowChange, table: &Ident, rows: Vec<Clause<TableRow>>) {
        let i = self.find(&table.name, Named::Table);
        let Some(ItemKind::Table(t)) = i.and_then(|i| self.items.get_mut(i)).map(|it| &mut it.kind)
        else {
            self.missing(Decl::RuleOrTable, &table.name, table.span, Named::Table);
            return;
        };
        let mut gone = Vec::new();
        for row in rows {
            if kind == RowChange::Add {
                t.rows.push(row);
                continue;
            }
            let key = row_key(&row.value);
            match t.rows.iter().position(|r| row_key(&r.value) == key) {
                Some(at) if kind == RowChange::Remove => {
                    t.rows.remove(at);
                }
                Some(at) => {
                    if let Some(base) = t.rows.get_mut(at) {
                        base.value.outputs = row.value.outputs;
                    }
                }
                None => gone.push((key, row.span)),
            }
        }
        for (key, span) in gone {
            let kind = DiagKind::NotInBase {
                what: Decl::Row,
                name: format!("{} | {key} |", table.name),
                suggestion: None,
            };
            self.diags.push(Diagnostic::new(kind, span, self.index));
        }
    }

    /// The index of the base item of kind `named` called `name`.
    fn find(&self, name: &str, named: Named) -> Option<usize> {
        self.items
            .iter()
            .position(|it| item_name(&it.kind, named) == Some(name))
    }

    /// `E705`: the base has no such declaration, with the closest name of that kind.
    fn missing(&mut self, what: Decl, name: &str, span: Span, named: Named) {
        let names: Vec<&str> = self
            .items
            .iter()
            .filter_map(|it| item_name(&it.kind, named))
            .collect();
        let suggestion = suggest_within(name, names, &mut self.work);
        let kind = DiagKind::NotInBase {
            what,
            name: name.to_string(),
            suggestion,
        };
        self.diags.push(Diagnostic::new(kind, span, self.index));
    }
}

/// What names a row: its input cells, as the formatter writes them.
fn row_key(row: &TableRow) -> String {
    let cells: Vec<String> = row.inputs.iter().map(cell_to_string).collect();
    cells.join(" | ")
}

/// The name of an item when it is of kind `named`.
fn item_name(kind: &ItemKind, named: Named) -> Option<&str> {
    let name = match (kind, named) {
        (ItemKind::Rule(r), Named::Rule | Named::RuleOrTable) => &r.name,
        (ItemKind::Table(t), Named::Table | Named::RuleOrTable) => &t.name,
        (ItemKind::Parameter(p), Named::Parameter | Named::Labelled) => &p.name,
        (ItemKind::Outcome(o), Named::Outcome | Named::Labelled) => &o.name,
        (ItemKind::Fact(f), Named::Labelled) => &f.name,
        (ItemKind::Section(s), Named::Labelled) => &s.id,
        (ItemKind::Named(n), Named::Labelled) => &n.name,
        _ => return None,
    };
    Some(&name.name)
}

/// Puts `label` on the item, or on its option, level or value `part`; when the part is not there, what
/// kind of part it would be and the names of those there are.
fn relabel(
    kind: &mut ItemKind,
    part: Option<&crate::ast::Ident>,
    label: Clause<TextPair>,
) -> Result<(), (Decl, Vec<String>)> {
    let Some(part) = part else {
        match kind {
            ItemKind::Fact(f) => f.label = Some(label),
            ItemKind::Outcome(o) => o.label = Some(label),
            ItemKind::Section(s) => s.label = Some(label),
            ItemKind::Parameter(p) => p.label = Some(label),
            ItemKind::Named(n) => n.label = Some(label),
            _ => {}
        }
        return Ok(());
    };
    let want = part.name.as_str();
    match kind {
        ItemKind::Outcome(o) => {
            let names = o.values.iter().map(|v| v.value.name.name.clone()).collect();
            match o.values.iter_mut().find(|v| v.value.name.name == want) {
                Some(v) => v.value.label = label.value,
                None => return Err((Decl::Value, names)),
            }
        }
        ItemKind::Fact(f) => {
            if let Some(o) = f.options.iter_mut().find(|o| o.value.name.name == want) {
                o.value.label = label.value;
            } else if let Some(l) = f
                .levels
                .iter_mut()
                .find(|l| l.value.level.value.to_string() == want)
            {
                l.value.label = label.value;
            } else {
                let names = f
                    .options
                    .iter()
                    .map(|o| o.value.name.name.clone())
                    .collect();
                let decl = if f.levels.is_empty() {
                    Decl::Option
                } else {
                    Decl::Level
                };
                return Err((decl, names));
            }
        }
        _ => return Err((Decl::Option, Vec::new())),
    }
    Ok(())
}
