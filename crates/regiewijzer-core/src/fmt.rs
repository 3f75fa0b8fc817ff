//! Canonical formatting of `.regels` files (`regiewijzer fmt`).
//!
//! [`format()`] parses a source text and prints it back in canonical layout:
//! - items in source order, separated by exactly one blank line, their first line at column 0;
//! - clauses indented by two spaces, one per line, in a fixed order per item (for a rule: `title`, `when`,
//!   `then`, `priority`, `because`, `source`); repeated clauses (`option`, `value`, `source`, `given`,
//!   `expect`, table rows) keep their order;
//! - decision tables as pipe tables with every column padded to its widest cell;
//! - a `when` / `ask when` line longer than [`MAX_LINE`] characters broken before its top-level `or`s
//!   (or, without those, its `and`s), continuation lines indented four spaces;
//! - every comment kept, text unchanged. A comment on its own line stands above the item, clause, table row
//!   or test line that follows it in the source; a comment after code stays at the end of the line of the
//!   item, clause, row or test line it follows. When two such end-of-line comments end up on one line, both
//!   move above it. Comments after the last item go to the end of the file.
//!
//! Formatting is idempotent (`format(format(x)) == format(x)`) and keeps the meaning: parsing the output
//! gives the same syntax tree, up to positions.

use crate::ast::{
    BinOp, Change, Clause, Comment, Expr, Fact, Fallback, File, Handover, Header, Item, ItemKind,
    Named, NamedKind, Outcome, Parameter, Policy, RowChange, Rule, Section, Span, Table, TableRow,
    Test, TextPair,
};
use crate::diag::Diagnostic;
use crate::print::{
    assignment_to_string, cell_to_string, chain, expect_to_string, expr_at, expr_to_string,
    given_to_string, literal_to_string, out_cell_to_string, string_lit, text_pair, type_to_string,
};

/// The longest `when` / `ask when` line (in characters, indentation included) that is kept on one line.
pub const MAX_LINE: usize = 100;

/// Formats a source text canonically, or returns the errors that keep it from being read.
///
/// Warnings do not stop formatting; only parse errors do (the checker is not run: a ruleset with unknown
/// names can still be formatted).
pub fn format(source: &str) -> Result<String, Vec<Diagnostic>> {
    let (file, diagnostics) = crate::parse::parse(source);
    let errors: Vec<Diagnostic> = diagnostics.into_iter().filter(|d| d.is_error()).collect();
    if errors.is_empty() {
        Ok(print_file(&file))
    } else {
        Err(errors)
    }
}

/// The canonical text of a syntax tree, with its comments placed by their spans (see the module
/// documentation). The text ends with one line break; a file without items and comments prints as `""`.
pub fn print_file(file: &File) -> String {
    let mut doc = Doc::default();
    for item in &file.items {
        doc.item(item);
    }
    doc.attach(&file.comments);
    doc.render(&file.comments)
}

/// One attachable node as printed: an item's first line, a clause, a table row or a test line.
struct Entry {
    /// Indentation of the first line (and of comments placed above it).
    indent: usize,
    /// The printed lines, indentation included.
    lines: Vec<String>,
    /// Attached comments (index into the file's comments) in source order; `true` for end-of-line
    /// comments.
    comments: Vec<(usize, bool)>,
}

#[derive(Default)]
struct Doc {
    entries: Vec<Entry>,
    /// For each item, the range of its entries.
    items: Vec<std::ops::Range<usize>>,
    /// Source start of every attachable node with the entry it is printed in.
    nodes: Vec<(u32, usize)>,
    /// Comments after the last node.
    tail: Vec<usize>,
}

impl Doc {
    fn entry(&mut self, start: u32, indent: usize, lines: Vec<String>) -> usize {
        let id = self.entries.len();
        self.entries.push(Entry {
            indent,
            lines,
            comments: Vec::new(),
        });
        self.nodes.push((start, id));
        id
    }

    /// A clause on one line, indented two spaces.
    fn line(&mut self, span: Span, text: String) {
        self.entry(span.start, 2, vec![format!("  {text}")]);
    }

    fn pair(&mut self, clause: &Option<Clause<TextPair>>, keyword: &str) {
        if let Some(c) = clause {
            self.line(c.span, format!("{keyword} {}", text_pair(&c.value)));
        }
    }

    fn condition(&mut self, clause: &Option<Clause<Expr>>, keyword: &str) {
        if let Some(c) = clause {
            self.entry(c.span.start, 2, condition_lines(keyword, &c.value));
        }
    }

    fn item(&mut self, item: &Item) {
        let first = self.entries.len();
        let start = item.span.start;
        match &item.kind {
            ItemKind::Header(h) => self.header(start, h),
            ItemKind::Section(s) => self.section(start, s),
            ItemKind::Fact(f) => self.fact(start, f),
            ItemKind::Outcome(o) => self.outcome(start, o),
            ItemKind::Rule(r) => self.rule(start, r, "rule"),
            ItemKind::Table(t) => self.table(start, t),
            ItemKind::Test(t) => self.test(start, t),
            ItemKind::TestsFor(id) => {
                self.entry(start, 0, vec![format!("tests for {}", id.name)]);
            }
            ItemKind::Named(n) => self.named(start, n),
            ItemKind::Handover(h) => self.handover(start, h),
            ItemKind::Parameter(p) => self.parameter(start, p),
            ItemKind::Change(c) => self.change(start, c),
        }
        self.items.push(first..self.entries.len());
    }

    /// A variant's `replace`, `remove` or `extend`.
    fn change(&mut self, start: u32, c: &Change) {
        match c {
            Change::ReplaceRule(r) => self.rule(start, r, "replace rule"),
            Change::Remove { table, name } => {
                let what = if *table { "table" } else { "rule" };
                self.entry(start, 0, vec![format!("remove {what} {}", name.name)]);
            }
            Change::Rows { kind, table, rows } => {
                let head = match kind {
                    RowChange::Replace => "replace rows",
                    RowChange::Remove => "remove rows",
                    RowChange::Add => "extend table",
                };
                self.entry(start, 0, vec![format!("{head} {}", table.name)]);
                let rows: Vec<_> = rows.iter().map(row_cells).collect();
                self.rows(&rows);
            }
            Change::ExtendOutcome { outcome, values } => {
                self.entry(start, 0, vec![format!("extend outcome {}", outcome.name)]);
                for v in values {
                    let text = format!("value {} {}", v.value.name.name, text_pair(&v.value.label));
                    self.line(v.span, text);
                }
            }
            Change::ReplaceLabel {
                target,
                part,
                label,
            } => {
                let part = part
                    .as_ref()
                    .map_or(String::new(), |p| format!(" {}", p.name));
                let line = format!("replace label {}{part} {}", target.name, text_pair(label));
                self.entry(start, 0, vec![line]);
            }
        }
    }

    /// `ruleset NAME` and its clauses.
    fn header(&mut self, start: u32, h: &Header) {
        let variant = h.variant_of.as_ref().map_or(String::new(), |v| {
            let v = &v.value;
            format!(
                " variant of {} {}",
                v.base.name,
                string_lit(&v.version.value)
            )
        });
        self.entry(start, 0, vec![format!("ruleset {}{variant}", h.id.name)]);
        self.pair(&h.title, "title");
        if let Some(v) = &h.version {
            self.line(v.span, format!("version {}", string_lit(&v.value.value)));
        }
        if let Some(p) = &h.phases {
            let names: Vec<&str> = p.value.iter().map(|i| i.name.as_str()).collect();
            self.line(p.span, format!("phases {}", names.join(", ")));
        }
        if let Some(d) = &h.valid_from {
            self.line(d.span, format!("valid from {}", d.value.value));
        }
        self.pair(&h.note, "note");
    }

    /// `section NAME` and its clauses.
    fn section(&mut self, start: u32, s: &Section) {
        self.entry(start, 0, vec![format!("section {}", s.id.name)]);
        self.pair(&s.label, "label");
        self.pair(&s.help, "help");
    }

    /// `fact NAME: TYPE` and its clauses, fields with their options after the others.
    fn fact(&mut self, start: u32, f: &Fact) {
        let head = format!("fact {}: {}", f.name.name, type_to_string(&f.ty.kind));
        self.entry(start, 0, vec![head]);
        self.pair(&f.label, "label");
        self.pair(&f.help, "help");
        self.condition(&f.ask_when, "ask when");
        for o in &f.options {
            let text = format!("option {} {}", o.value.name.name, text_pair(&o.value.label));
            self.line(o.span, text);
        }
        for l in &f.levels {
            let text = format!(
                "level {} {}",
                l.value.level.value,
                text_pair(&l.value.label)
            );
            self.line(l.span, text);
        }
        for c in &f.fields {
            let fd = &c.value;
            let text = format!(
                "field {}: {} {}",
                fd.name.name,
                type_to_string(&fd.ty.kind),
                text_pair(&fd.label)
            );
            self.line(c.span, text);
            for o in &fd.options {
                let text = format!("option {} {}", o.value.name.name, text_pair(&o.value.label));
                self.line(o.span, text);
            }
        }
    }

    /// `outcome NAME: POLICY`, with `follows` and `required` on its first line.
    fn outcome(&mut self, start: u32, o: &Outcome) {
        let policy = match o.policy.value {
            Policy::Priority => "priority",
            Policy::Unique => "unique",
            Policy::Collect => "collect",
            Policy::Deadline => "deadline",
        };
        let mut head = format!("outcome {}: {policy}", o.name.name);
        if let Some(f) = &o.follows {
            let names: Vec<&str> = f.value.iter().map(|i| i.name.as_str()).collect();
            head.push_str(&format!(" follows {}", names.join(", ")));
        }
        if let Some(Clause {
            value: Fallback::Required,
            ..
        }) = &o.fallback
        {
            head.push_str(" required");
        }
        let id = self.entry(start, 0, vec![head]);
        self.pair(&o.label, "label");
        match &o.fallback {
            Some(Clause {
                value: Fallback::Default { value, because },
                span,
            }) => {
                let text = format!("default {} because {}", value.name, text_pair(because));
                self.line(*span, text);
            }
            // `required` is printed on the header line: comments on it go there too.
            Some(c) => self.nodes.push((c.span.start, id)),
            None => {}
        }
        // `follows` is printed on the header line too.
        if let Some(f) = &o.follows {
            self.nodes.push((f.span.start, id));
        }
        if let Some(vf) = &o.values_from {
            let text = match vf.value {
                NamedKind::Party => "values parties",
                NamedKind::Phase => "values phases",
                NamedKind::OverrideReason => "values override reasons",
            };
            self.line(vf.span, text.to_string());
        }
        for v in &o.values {
            let text = format!("value {} {}", v.value.name.name, text_pair(&v.value.label));
            self.line(v.span, text);
        }
    }

    /// `rule NAME` and its clauses.
    fn rule(&mut self, start: u32, r: &Rule, keyword: &str) {
        self.entry(start, 0, vec![format!("{keyword} {}", r.name.name)]);
        self.pair(&r.title, "title");
        self.condition(&r.when, "when");
        if let Some(t) = &r.then {
            let list: Vec<String> = t.value.iter().map(assignment_to_string).collect();
            self.line(t.span, format!("then {}", list.join(", ")));
        }
        if let Some(p) = &r.priority {
            self.line(p.span, format!("priority {}", p.value.value));
        }
        self.pair(&r.because, "because");
        for s in &r.sources {
            self.line(s.span, format!("source {}", string_lit(&s.value.value)));
        }
    }

    /// `test "NAME"` and its lines.
    fn test(&mut self, start: u32, t: &Test) {
        self.entry(
            start,
            0,
            vec![format!("test {}", string_lit(&t.name.value))],
        );
        if let Some(d) = &t.today {
            self.line(d.span, format!("today {}", d.value.value));
        }
        for g in &t.givens {
            let list: Vec<String> = g.value.iter().map(given_to_string).collect();
            self.line(g.span, format!("given {}", list.join(", ")));
        }
        for e in &t.expects {
            self.line(e.span, format!("expect {}", expect_to_string(&e.value)));
        }
    }

    /// `party NAME`, `phase NAME` or `override reason NAME` and its label.
    fn named(&mut self, start: u32, n: &Named) {
        let kw = match n.kind {
            NamedKind::Party => "party",
            NamedKind::Phase => "phase",
            NamedKind::OverrideReason => "override reason",
        };
        self.entry(start, 0, vec![format!("{kw} {}", n.name.name)]);
        self.pair(&n.label, "label");
    }

    /// `handover NAME` and its clauses.
    fn handover(&mut self, start: u32, h: &Handover) {
        self.entry(start, 0, vec![format!("handover {}", h.name.name)]);
        self.pair(&h.title, "title");
        if let Some(c) = &h.from_to {
            let text = format!("from {} to {}", c.value.0.name, c.value.1.name);
            self.line(c.span, text);
        }
        if let Some(c) = &h.lead {
            self.line(c.span, format!("lead {}", c.value.name));
        }
        self.condition(&h.when, "when");
        for r in &h.requires {
            let (e, t) = &r.value;
            let text = format!("require {} {}", expr_to_string(e), text_pair(t));
            self.line(r.span, text);
        }
        if let Some(p) = &h.priority {
            self.line(p.span, format!("priority {}", p.value.value));
        }
        self.pair(&h.because, "because");
        for s in &h.sources {
            self.line(s.span, format!("source {}", string_lit(&s.value.value)));
        }
    }

    /// `parameter NAME = VALUE` and its clauses.
    fn parameter(&mut self, start: u32, p: &Parameter) {
        let head = format!(
            "parameter {} = {}",
            p.name.name,
            literal_to_string(&p.value)
        );
        self.entry(start, 0, vec![head]);
        self.pair(&p.label, "label");
        for s in &p.sources {
            self.line(s.span, format!("source {}", string_lit(&s.value.value)));
        }
        if let Some(sp) = p.regional {
            self.line(sp, "source regional".to_string());
        }
    }

    fn table(&mut self, start: u32, t: &Table) {
        let head = if t.first {
            format!("table {} first", t.name.name)
        } else {
            format!("table {}", t.name.name)
        };
        self.entry(start, 0, vec![head]);
        self.pair(&t.title, "title");
        if let Some(p) = &t.priority {
            self.line(p.span, format!("priority {}", p.value.value));
        }
        self.pair(&t.because, "because");
        for s in &t.sources {
            self.line(s.span, format!("source {}", string_lit(&s.value.value)));
        }
        // Every row as cell texts, the header first.
        let mut rows: Vec<(Span, Vec<String>, Vec<String>)> = Vec::new();
        if let Some(h) = &t.header {
            rows.push((
                h.span,
                h.value.inputs.iter().map(expr_to_string).collect(),
                h.value.outputs.iter().map(|o| o.name.clone()).collect(),
            ));
        }
        rows.extend(t.rows.iter().map(row_cells));
        self.rows(&rows);
    }

    /// Rows of cell texts, aligned in columns.
    fn rows(&mut self, rows: &[(Span, Vec<String>, Vec<String>)]) {
        let in_widths = column_widths(rows.iter().map(|r| &r.1));
        let out_widths = column_widths(rows.iter().map(|r| &r.2));
        for (span, ins, outs) in rows {
            let mut line = String::from("  |");
            push_cells(&mut line, ins, &in_widths);
            line.push('|');
            push_cells(&mut line, outs, &out_widths);
            self.entry(span.start, 2, vec![line]);
        }
    }

    /// Attaches every comment to a node: an own-line comment to the first node starting at or after it, an
    /// end-of-line comment to the last node starting before it.
    fn attach(&mut self, comments: &[Comment]) {
        self.nodes.sort_by_key(|n| n.0);
        for (ci, c) in comments.iter().enumerate() {
            let at = self.nodes.partition_point(|n| n.0 < c.span.start);
            let target = if c.own_line {
                self.nodes.get(at).map(|n| (n.1, false))
            } else {
                at.checked_sub(1)
                    .and_then(|i| self.nodes.get(i))
                    .map(|n| (n.1, true))
                    // Code before it on the line but no node: keep it as a comment above what follows.
                    .or_else(|| self.nodes.get(at).map(|n| (n.1, false)))
            };
            match target.and_then(|(e, trailing)| Some((self.entries.get_mut(e)?, trailing))) {
                Some((entry, trailing)) => entry.comments.push((ci, trailing)),
                None => self.tail.push(ci),
            }
        }
    }

    fn render(&self, comments: &[Comment]) -> String {
        let text = |ci: usize| comments.get(ci).map_or("", |c| c.text.as_str());
        let mut out = String::new();
        for (k, range) in self.items.iter().enumerate() {
            if k > 0 {
                out.push('\n');
            }
            for entry in self.entries.get(range.clone()).unwrap_or_default() {
                let trailing: Vec<usize> =
                    entry.comments.iter().filter(|c| c.1).map(|c| c.0).collect();
                // One end-of-line comment stays there; more than one would merge into one comment, so
                // they all go above the node.
                let keep_trailing = trailing.len() == 1;
                for &(ci, is_trailing) in &entry.comments {
                    if !is_trailing || !keep_trailing {
                        push_indent(&mut out, entry.indent);
                        out.push('#');
                        out.push_str(text(ci));
                        out.push('\n');
                    }
                }
                let last = entry.lines.len().saturating_sub(1);
                for (i, line) in entry.lines.iter().enumerate() {
                    out.push_str(line);
                    if i == last
                        && keep_trailing
                        && let Some(&ci) = trailing.first()
                    {
                        out.push_str("  #");
                        out.push_str(text(ci));
                    }
                    out.push('\n');
                }
            }
        }
        if !self.tail.is_empty() && !out.is_empty() {
            out.push('\n');
        }
        for &ci in &self.tail {
            out.push('#');
            out.push_str(text(ci));
            out.push('\n');
        }
        out
    }
}

fn push_indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// The widest cell (in characters) of every column.
fn column_widths<'a>(rows: impl Iterator<Item = &'a Vec<String>>) -> Vec<usize> {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let w = cell.chars().count();
            match widths.get_mut(i) {
                Some(old) => *old = (*old).max(w),
                None => widths.push(w),
            }
        }
    }
    widths
}

/// ` cell |` for every cell, padded to the column width.
fn push_cells(line: &mut String, cells: &[String], widths: &[usize]) {
    for (i, cell) in cells.iter().enumerate() {
        line.push(' ');
        line.push_str(cell);
        let pad = widths
            .get(i)
            .copied()
            .unwrap_or(0)
            .saturating_sub(cell.chars().count());
        push_indent(line, pad);
        line.push_str(" |");
    }
}

/// The lines of a `when` / `ask when` clause: one line when it fits in [`MAX_LINE`]; otherwise broken
/// before every top-level `or` (continuation lines indented four spaces), and an `or` operand that still
/// does not fit broken before its `and`s (indented six). A condition without top-level `or` breaks before
/// its top-level `and`s. Parenthesised parts are never broken.
fn condition_lines(keyword: &str, e: &Expr) -> Vec<String> {
    let one = format!("  {keyword} {}", expr_to_string(e));
    if fits(&one) {
        return vec![one];
    }
    let first = format!("  {keyword} ");
    if let Some(ors) = chain(e, BinOp::Or) {
        let mut lines = Vec::new();
        for (i, (operand, min)) in ors.into_iter().enumerate() {
            let prefix = if i == 0 {
                first.clone()
            } else {
                "    or ".to_string()
            };
            let line = format!("{prefix}{}", expr_at(operand, min));
            match chain(operand, BinOp::And) {
                Some(ands) if !fits(&line) => {
                    broken(&mut lines, &prefix, "      and ", ands);
                }
                _ => lines.push(line),
            }
        }
        return lines;
    }
    if let Some(ands) = chain(e, BinOp::And) {
        let mut lines = Vec::new();
        broken(&mut lines, &first, "    and ", ands);
        return lines;
    }
    vec![one]
}

/// The operands of a chain, the first after `prefix`, the others after `continuation` on lines of their own.
fn broken(lines: &mut Vec<String>, prefix: &str, continuation: &str, operands: Vec<(&Expr, u8)>) {
    for (i, (operand, min)) in operands.into_iter().enumerate() {
        let p = if i == 0 { prefix } else { continuation };
        lines.push(format!("{p}{}", expr_at(operand, min)));
    }
}

fn fits(line: &str) -> bool {
    line.chars().count() <= MAX_LINE
}

/// A row's place and its cells as texts.
fn row_cells(r: &Clause<TableRow>) -> (Span, Vec<String>, Vec<String>) {
    (
        r.span,
        r.value.inputs.iter().map(cell_to_string).collect(),
        r.value.outputs.iter().map(out_cell_to_string).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::diag::messages;

    fn fmt(src: &str) -> String {
        match format(src) {
            Ok(s) => s,
            Err(d) => panic!("does not parse: {}\n{src}", messages(&d)),
        }
    }

    /// Formats and checks that formatting again changes nothing.
    fn stable(src: &str) -> String {
        let once = fmt(src);
        let twice = fmt(&once);
        assert_eq!(once, twice, "not idempotent for:\n{src}");
        once
    }

    #[test]
    fn parse_errors_are_returned() {
        let errs = format("ruleset x\n  title nl \"open\n").unwrap_err();
        assert!(errs.iter().any(|d| d.code == "E102"));
        assert!(errs.iter().all(|d| d.is_error()));
        assert!(format("fact a bool\n").is_err());
    }

    #[test]
    fn header_clauses_in_canonical_order() {
        let out = stable(
            "ruleset   triage note nl \"N\" en \"N\"\nvalid from 2026-01-01\n version \"1.2.0\"\n\n\n   title nl \"T\" en \"T\"",
        );
        assert_eq!(
            out,
            "ruleset triage\n  title nl \"T\" en \"T\"\n  version \"1.2.0\"\n  valid from 2026-01-01\n  note nl \"N\" en \"N\"\n"
        );
    }

    #[test]
    fn items_are_separated_by_one_blank_line() {
        let out = stable(
            "ruleset r\n  title nl \"T\"\n  version \"1\"\n\n\n\nsection s help nl \"H\" en \"H\" label nl \"L\" en \"L\"\nsection t\n",
        );
        assert_eq!(
            out,
            "ruleset r\n  title nl \"T\"\n  version \"1\"\n\nsection s\n  label nl \"L\" en \"L\"\n  help nl \"H\" en \"H\"\n\nsection t\n"
        );
    }

    #[test]
    fn facts_with_all_types() {
        let out = stable(
            "fact a: bool\nfact b: choice\n  option y nl \"Y\" en \"Y\"\n  ask when a\n  option x nl \"X\"\n  label nl \"B\" en \"B\"\nfact c: int\nfact d: int 0..120\nfact e: int 0..\nfact f: int ..10\nfact g: int -5..-1\nfact h: scale 1..5\n  level 5 nl \"Vijf\" en \"Five\"\n  level 1 nl \"Een\" en \"One\"\n  help nl \"H\" en \"H\"\nfact i: date\n",
        );
        assert_eq!(
            out,
            "fact a: bool\n\nfact b: choice\n  label nl \"B\" en \"B\"\n  ask when a\n  option y nl \"Y\" en \"Y\"\n  option x nl \"X\"\n\nfact c: int\n\nfact d: int 0..120\n\nfact e: int 0..\n\nfact f: int ..10\n\nfact g: int -5..-1\n\nfact h: scale 1..5\n  help nl \"H\" en \"H\"\n  level 5 nl \"Vijf\" en \"Five\"\n  level 1 nl \"Een\" en \"One\"\n\nfact i: date\n"
        );
    }

    #[test]
    fn outcomes_required_on_the_header_default_as_a_clause() {
        let out = stable(
            "outcome route: priority\n  value a nl \"A\" en \"A\"\n  required\n  label nl \"R\" en \"R\"\noutcome u: unique default b because nl \"Omdat\" en \"Because\"\n  value b nl \"B\" en \"B\"\n  label nl \"U\" en \"U\"\noutcome acties: collect\n",
        );
        assert_eq!(
            out,
            "outcome route: priority required\n  label nl \"R\" en \"R\"\n  value a nl \"A\" en \"A\"\n\noutcome u: unique\n  label nl \"U\" en \"U\"\n  default b because nl \"Omdat\" en \"Because\"\n  value b nl \"B\" en \"B\"\n\noutcome acties: collect\n"
        );
    }

    #[test]
    fn rules_in_canonical_order() {
        let out = stable(
            "rule r source \"b\" because nl \"W\" en \"W\" priority -5 then route = x, acties = [a,b] when a=yes   and(b or c) title nl \"T\" en \"T\" source \"a\"",
        );
        assert_eq!(
            out,
            "rule r\n  title nl \"T\" en \"T\"\n  when a = yes and (b or c)\n  then route = x, acties = [a, b]\n  priority -5\n  because nl \"W\" en \"W\"\n  source \"b\"\n  source \"a\"\n"
        );
    }

    #[test]
    fn strings_are_escaped_again() {
        let out = stable(
            "rule r\n  because nl \"Zeg \\\"nee\\\"\\nen \\\\ # geen commentaar\" en \"é\"\n",
        );
        assert_eq!(
            out,
            "rule r\n  because nl \"Zeg \\\"nee\\\"\\nen \\\\ # geen commentaar\" en \"é\"\n"
        );
    }

    #[test]
    fn tables_are_aligned() {
        let out = stable(
            "table wvggz first\n  source \"Wvggz art. 5:2\"\n  because nl \"B\" en \"B\"\n  priority 50\n  title nl \"W\" en \"W\"\n  |ernstig_nadeel|vermoeden_stoornis|leeftijd||route|urgentie|\n  |yes|yes|>=18||wvggz_melding|binnen_24_uur|\n  | yes | no | - || bemoeizorg | - |\n|-|-|<18||jeugd|[a,b]|\n  | - | in [a,b] | 1..3 || x | y |\n",
        );
        assert_eq!(
            out,
            "table wvggz first
  title nl \"W\" en \"W\"
  priority 50
  because nl \"B\" en \"B\"
  source \"Wvggz art. 5:2\"
  | ernstig_nadeel | vermoeden_stoornis | leeftijd || route         | urgentie      |
  | yes            | yes                | >= 18    || wvggz_melding | binnen_24_uur |
  | yes            | no                 | -        || bemoeizorg    | -             |
  | -              | -                  | < 18     || jeugd         | [a, b]        |
  | -              | in [a, b]          | 1..3     || x             | y             |
"
        );
    }

    #[test]
    fn table_header_expressions_and_wide_cells() {
        let out = stable(
            "table t\n  | (a + 1) | b || o |\n  | 2026-01-01..2026-12-31 | not in [x] || [x, y] |\n",
        );
        assert_eq!(
            out,
            "table t\n  | (a + 1)                | b          || o      |\n  | 2026-01-01..2026-12-31 | not in [x] || [x, y] |\n"
        );
    }

    #[test]
    fn tests_one_given_line_per_clause() {
        let out = stable(
            "test \"acuut\"\n  expect route = crisisdienst\n  given a = yes, n = -3\n  today 2026-03-02\n  given d = 2026-01-01, w = dakloos\n  expect acties contains bel_112\n  expect acties contains [a]\n  expect acties exactly [a, b]\n  expect r is undecided\n  expect r is provisional\n  expect r is final\n",
        );
        assert_eq!(
            out,
            "test \"acuut\"\n  today 2026-03-02\n  given a = yes, n = -3\n  given d = 2026-01-01, w = dakloos\n  expect route = crisisdienst\n  expect acties contains bel_112\n  expect acties contains [a]\n  expect acties exactly [a, b]\n  expect r is undecided\n  expect r is provisional\n  expect r is final\n"
        );
        assert_eq!(stable("tests for   triage\n"), "tests for triage\n");
    }

    #[test]
    fn conditions_over_several_lines_are_joined_when_short() {
        let out = stable("rule r\n  when a = yes\n     and\n  b = no\n");
        assert_eq!(out, "rule r\n  when a = yes and b = no\n");
    }

    #[test]
    fn long_and_chains_break_before_and() {
        let src = "rule r\n  when woonsituatie_onbekend_lang = yes and acuut_gevaar_voor_anderen = no and bekend_bij_zorgaanbieder = no and x = 1\n";
        let out = stable(src);
        assert_eq!(
            out,
            "rule r\n  when woonsituatie_onbekend_lang = yes\n    and acuut_gevaar_voor_anderen = no\n    and bekend_bij_zorgaanbieder = no\n    and x = 1\n"
        );
        // Exactly 100 characters stays on one line; 101 breaks.
        let cond = |n: usize| format!("a = yes and {} = no", "b".repeat(n));
        let line = |n: usize| format!("  when {}", cond(n));
        let n = 100 - line(0).len();
        assert_eq!(line(n).len(), 100);
        assert_eq!(
            stable(&format!("rule r\n{}\n", line(n))),
            format!("rule r\n{}\n", line(n))
        );
        assert_eq!(
            stable(&format!("rule r\n{}\n", line(n + 1))),
            format!(
                "rule r\n  when a = yes\n    and {} = no\n",
                "b".repeat(n + 1)
            )
        );
    }

    #[test]
    fn long_or_chains_break_before_or_then_and() {
        let long = "x".repeat(50);
        let src = format!(
            "fact f: bool\n  ask when a or {long} = yes and {long} = no or (c or d) and e\n"
        );
        let out = stable(&src);
        assert_eq!(
            out,
            format!(
                "fact f: bool\n  ask when a\n    or {long} = yes\n      and {long} = no\n    or (c or d) and e\n"
            )
        );
        // Parentheses are never broken, even when long.
        let src = format!("rule r\n  when ({long} = yes or {long} = no)\n");
        assert_eq!(stable(&src), src);
    }

    #[test]
    fn comments_above_items_and_clauses() {
        let src = "# kop van het bestand\n\n# nog een\nruleset r # na de naam\n  # boven de titel\n  title nl \"T\"\n      # boven versie, raar ingesprongen\n  version \"1\"   #  achter versie\n\n# boven de sectie\nsection s\n";
        let out = stable(src);
        assert_eq!(
            out,
            "# kop van het bestand\n# nog een\nruleset r  # na de naam\n  # boven de titel\n  title nl \"T\"\n  # boven versie, raar ingesprongen\n  version \"1\"  #  achter versie\n\n# boven de sectie\nsection s\n"
        );
    }

    #[test]
    fn comments_move_with_their_clause() {
        let src = "rule r\n  # waarom\n  because nl \"B\"  # einde\n  # de voorwaarde\n  when a\n  then o = v\n";
        assert_eq!(
            stable(src),
            "rule r\n  # de voorwaarde\n  when a\n  then o = v\n  # waarom\n  because nl \"B\"  # einde\n"
        );
    }

    #[test]
    fn comments_on_rows_tests_and_at_the_end() {
        let src = "table t\n  | a || o |  # kop\n  # eerste rij\n  | yes || x |\n  | no || y | # tweede\ntest \"t\"\n  # gegeven\n  given a = yes # ja\n  expect o = x\n  # nog te doen\n\n\n# slot\n";
        assert_eq!(
            stable(src),
            "table t\n  | a   || o |  # kop\n  # eerste rij\n  | yes || x |\n  | no  || y |  # tweede\n\ntest \"t\"\n  # gegeven\n  given a = yes  # ja\n  expect o = x\n\n# nog te doen\n# slot\n"
        );
    }

    #[test]
    fn two_end_of_line_comments_on_one_clause_move_above_it() {
        let src = "rule r\n  when a # eerste\n    and b # tweede\n  then o = v\n";
        assert_eq!(
            stable(src),
            "rule r\n  # eerste\n  # tweede\n  when a and b\n  then o = v\n"
        );
        // `required` on its own line shares the header line.
        let src = "outcome o: priority # beleid\n  # verplicht\n  required # geen standaard\n  value v nl \"V\"\n";
        assert_eq!(
            stable(src),
            "# beleid\n# verplicht\n# geen standaard\noutcome o: priority required\n  value v nl \"V\"\n"
        );
        let src = "outcome o: priority\n  required # geen standaard\n";
        assert_eq!(
            stable(src),
            "outcome o: priority required  # geen standaard\n"
        );
    }

    #[test]
    fn comment_inside_a_condition_goes_above_the_next_clause() {
        let src = "rule r\n  when a\n    # uitleg bij b\n    and b\n  then o = v\n";
        assert_eq!(
            stable(src),
            "rule r\n  when a and b\n  # uitleg bij b\n  then o = v\n"
        );
    }

    #[test]
    fn trailing_comment_ends_a_broken_condition() {
        let long = "y".repeat(60);
        let src = format!("rule r\n  when {long} = yes and {long} = no # lang\n");
        assert_eq!(
            stable(&src),
            format!("rule r\n  when {long} = yes\n    and {long} = no  # lang\n")
        );
    }

    #[test]
    fn empty_and_comment_only_files() {
        assert_eq!(stable(""), "");
        assert_eq!(stable("\n\n   \n"), "");
        assert_eq!(
            stable("# alleen\n\n# commentaar"),
            "# alleen\n# commentaar\n"
        );
    }

    #[test]
    fn crlf_sources() {
        let out = stable("ruleset r\r\n  title nl \"T\" # c\r\n  version \"1\"\r\n");
        assert_eq!(out, "ruleset r\n  title nl \"T\"  # c\n  version \"1\"\n");
    }
}
