//! What a variant writes besides ordinary items: `variant of BASE "VERSION"` on the header line, and the
//! changes `replace rule`, `remove rule`/`remove table`, `extend outcome` and `replace label`.

use super::*;

impl Parser {
    /// `variant of BASE "VERSION"` right after the ruleset's name, if written.
    pub(super) fn variant_of(&mut self) -> PResult<Option<Clause<VariantOf>>> {
        if !self.at_word("variant") {
            return Ok(None);
        }
        let start = self.bump().span;
        self.expect_word("of")?;
        let base = self.ident("the base ruleset's name", "de naam van de basisregelset")?;
        let version = self.string()?;
        let span = start.to(version.span);
        Ok(Some(Clause {
            value: VariantOf { base, version },
            span,
        }))
    }

    /// A change after its keyword `kw` (`replace`, `remove` or `extend`).
    pub(super) fn change(&mut self, kw: &str) -> PResult<Change> {
        match kw {
            "replace" if self.eat_word("rows") => self.rows(RowChange::Replace),
            "remove" if self.eat_word("rows") => self.rows(RowChange::Remove),
            "extend" if self.eat_word("table") => self.rows(RowChange::Add),
            "replace" if self.eat_word("rule") => {
                self.rule().map(|r| Change::ReplaceRule(Box::new(r)))
            }
            "replace" => {
                self.expect_word("label")?;
                self.replace_label()
            }
            "remove" => {
                let table = self.eat_word("table");
                if !table {
                    self.expect_word("rule")?;
                }
                let name = self.ident("the name in the base", "de naam in de basis")?;
                Ok(Change::Remove { table, name })
            }
            _ => {
                self.expect_word("outcome")?;
                self.extend_outcome()
            }
        }
    }

    /// A table's name and the rows on the lines after it (after `replace rows`, `remove rows` or
    /// `extend table`).
    fn rows(&mut self, kind: RowChange) -> PResult<Change> {
        let table = self.ident("the table's name", "de naam van de tabel")?;
        let mut rows = Vec::new();
        self.clauses("table", &["|"], |p, _, start| {
            let row = p.table_row()?;
            let span = start.to(p.prev_span());
            rows.push(Clause { value: row, span });
            Ok(())
        });
        Ok(Change::Rows { kind, table, rows })
    }

    /// `replace label NAME [PART] nl ".." en ".."` (after `label`).
    fn replace_label(&mut self) -> PResult<Change> {
        let target = self.ident("the name in the base", "de naam in de basis")?;
        let part = if self.at_word("nl") {
            None
        } else if let Tok::Int(n) = self.tok() {
            let name = n.to_string();
            let span = self.bump().span;
            Some(Ident { name, span })
        } else {
            Some(self.ident("an option, value or level", "een optie, waarde of niveau")?)
        };
        let label = self.text_pair()?;
        Ok(Change::ReplaceLabel {
            target,
            part,
            label,
        })
    }

    /// `extend outcome NAME` with its `value` lines (after `outcome`).
    fn extend_outcome(&mut self) -> PResult<Change> {
        let outcome = self.ident("the outcome's name", "de naam van de uitkomst")?;
        let mut values = Vec::new();
        self.clauses("outcome", &["value"], |p, _, start| {
            let name = p.ident("the value's name", "de naam van de waarde")?;
            let label = p.text_pair()?;
            let span = start.to(label.span);
            values.push(Clause {
                value: ValueDecl { name, label },
                span,
            });
            Ok(())
        });
        Ok(Change::ExtendOutcome { outcome, values })
    }
}

/// Parses a source text as [`parse`] does, with every place in it set to `at`: the base of a variant,
/// read into the variant's own text, where everything the base brings in is placed at `variant of`.
pub fn parse_placed(source: &str, at: Span) -> (File, Vec<Diagnostic>) {
    let mut lexed = lex(source);
    for t in &mut lexed.tokens {
        t.span = at;
    }
    lexed.comments.clear();
    parse_lexed(lexed, &LineIndex::new(""))
}
