use super::*;

impl Parser {
    pub(super) fn table(&mut self) -> PResult<Table> {
        let name = self.ident("the table's name", "de naam van de tabel")?;
        let first = !self.peek().line_start && self.eat_word("first");
        let mut t = Table {
            name,
            first,
            title: None,
            priority: None,
            because: None,
            sources: Vec::new(),
            header: None,
            rows: Vec::new(),
        };
        self.clauses(
            "table",
            &["title", "priority", "because", "source", "|"],
            |p, kw, start| {
                if kw == "|" {
                    if t.header.is_none() {
                        let h = p.table_header()?;
                        let sp = start.to(p.prev_span());
                        t.header = Some(Clause { value: h, span: sp });
                    } else {
                        let r = p.table_row()?;
                        let sp = start.to(p.prev_span());
                        t.rows.push(Clause { value: r, span: sp });
                    }
                    Ok(())
                } else {
                    Parser::sources_and_common(
                        p,
                        kw,
                        start,
                        &mut t.title,
                        &mut t.priority,
                        &mut t.because,
                        &mut t.sources,
                    )
                }
            },
        );
        Ok(t)
    }

    /// Splits the current row (from here to the last token on the line) into cells: token index ranges of
    /// the input cells and the output cells, and the index just past the row.
    pub(super) fn row_cells(&mut self) -> PResult<RowCells> {
        let start = self.pos;
        let (end, seps) = self.row_separators();
        let row_span = self
            .tokens
            .get(start)
            .map_or(Span::default(), |t| t.span)
            .to(self
                .tokens
                .get(end.saturating_sub(1))
                .map_or(Span::default(), |t| t.span));
        if seps.first().map(|s| s.0) != Some(start) {
            self.pos = end;
            self.error(
                DiagKind::Expected {
                    expected: Wanted::Said(Words::new(
                        "a table row starting with `|`",
                        "een tabelrij die begint met `|`",
                    )),
                    found: Found::SomethingElse,
                },
                row_span,
            );
            return Err(());
        }
        let doubles: Vec<usize> = seps.iter().filter(|s| s.1).map(|s| s.0).collect();
        if doubles.len() != 1 || seps.last().map(|s| s.0) != Some(end - 1) {
            self.pos = end;
            let msg_en = if doubles.len() != 1 {
                "a row `| inputs || outputs |` with exactly one `||`"
            } else {
                "a row that ends with `|`"
            };
            let msg_nl = if doubles.len() != 1 {
                "een rij `| invoer || uitvoer |` met precies één `||`"
            } else {
                "een rij die eindigt met `|`"
            };
            self.error(
                DiagKind::Expected {
                    expected: Wanted::Said(Words::new(msg_en, msg_nl)),
                    found: Found::ThisRow,
                },
                row_span,
            );
            return Err(());
        }
        let (inputs, outputs) = split_cells(&seps);
        Ok((inputs, outputs, end))
    }

    /// The index just past the row that starts here, and the separators in it: their token index and
    /// whether each is the `||` between inputs and outputs.
    fn row_separators(&self) -> (usize, Vec<(usize, bool)>) {
        let start = self.pos;
        let mut end = start + 1;
        while let Some(t) = self.tokens.get(end) {
            if t.line_start || matches!(t.tok, Tok::Eof) {
                break;
            }
            end += 1;
        }
        // Separators within [start, end).
        let mut seps = Vec::new();
        for i in start..end {
            match self.tokens.get(i).map(|t| &t.tok) {
                Some(Tok::Bar) => seps.push((i, false)),
                Some(Tok::DoubleBar) => seps.push((i, true)),
                _ => {}
            }
        }
        (end, seps)
    }

    /// Parses the tokens `range` with `f`, requiring it to use them all.
    pub(super) fn in_cell<T>(
        &mut self,
        range: (usize, usize),
        f: impl FnOnce(&mut Parser) -> PResult<T>,
    ) -> PResult<T> {
        let saved_limit = self.limit;
        self.pos = range.0;
        self.limit = range.1;
        let r = f(self);
        let r = match r {
            Ok(v) if self.pos < range.1 => {
                let _ = self.expected("`|` (end of the cell)", "`|` (einde van de cel)");
                drop(v);
                Err(())
            }
            other => other,
        };
        self.limit = saved_limit;
        r
    }

    pub(super) fn cell_span(&self, range: (usize, usize)) -> Span {
        let a = self.tokens.get(range.0).map_or(Span::default(), |t| t.span);
        if range.1 > range.0 {
            let b = self.tokens.get(range.1 - 1).map_or(a, |t| t.span);
            a.to(b)
        } else {
            // Empty cell: the position of the separator before it.
            let s = self
                .tokens
                .get(range.0.saturating_sub(1))
                .map_or(a, |t| t.span);
            Span {
                start: s.end,
                end: s.end,
            }
        }
    }

    pub(super) fn empty_cell(&mut self, range: (usize, usize)) -> bool {
        if range.1 <= range.0 {
            let sp = self.cell_span(range);
            self.error(
                DiagKind::Expected {
                    expected: Wanted::Said(Words::new(
                        "a cell value (use `-` for any)",
                        "een celwaarde (gebruik `-` voor willekeurig)",
                    )),
                    found: Found::EmptyCell,
                },
                sp,
            );
            true
        } else {
            false
        }
    }

    pub(super) fn table_header(&mut self) -> PResult<TableHeader> {
        let (ins, outs, end) = self.row_cells()?;
        let mut ok = true;
        let inputs = self.cells(ins, &mut ok, |p, _| p.expr());
        let outputs = self.cells(outs, &mut ok, |p, _| {
            p.ident("an outcome's name", "de naam van een uitkomst")
        });
        self.pos = end;
        if ok {
            Ok(TableHeader { inputs, outputs })
        } else {
            Err(())
        }
    }

    pub(super) fn table_row(&mut self) -> PResult<TableRow> {
        let (ins, outs, end) = self.row_cells()?;
        let mut ok = true;
        let inputs = self.cells(ins, &mut ok, |p, span| {
            let kind = p.cell_kind()?;
            Ok(Cell { kind, span })
        });
        let outputs = self.cells(outs, &mut ok, |p, span| {
            if p.tok() == &Tok::Minus && matches!(p.peek_at(1).tok, Tok::Eof) {
                p.bump();
                Ok(OutCell::Skip(span))
            } else if p.tok() == &Tok::LBracket {
                Ok(OutCell::List(p.ident_list()?, span))
            } else {
                Ok(OutCell::One(p.ident("a value", "een waarde")?))
            }
        });
        self.pos = end;
        if ok {
            Ok(TableRow { inputs, outputs })
        } else {
            Err(())
        }
    }

    /// Reads every cell of `ranges` with `read` (given the cell's span), in order; an empty cell or one
    /// that does not read sets `ok` to false and is left out.
    fn cells<T>(
        &mut self,
        ranges: Vec<CellRange>,
        ok: &mut bool,
        mut read: impl FnMut(&mut Parser, Span) -> PResult<T>,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for c in ranges {
            if self.empty_cell(c) {
                *ok = false;
                continue;
            }
            let span = self.cell_span(c);
            match self.in_cell(c, |p| read(p, span)) {
                Ok(v) => out.push(v),
                Err(()) => *ok = false,
            }
        }
        out
    }

    pub(super) fn cell_kind(&mut self) -> PResult<CellKind> {
        if self.tok() == &Tok::Minus && matches!(self.peek_at(1).tok, Tok::Eof) {
            self.bump();
            return Ok(CellKind::Any);
        }
        if self.eat_word("unknown") {
            return Ok(CellKind::Unknown);
        }
        if self.eat_word("answered") {
            return Ok(CellKind::Answered);
        }
        if self.at_word("not") && self.peek_at(1).tok.is_word("in") {
            self.bump();
            self.bump();
            return Ok(CellKind::In {
                list: self.expr_list()?,
                negated: true,
            });
        }
        if self.eat_word("in") {
            return Ok(CellKind::In {
                list: self.expr_list()?,
                negated: false,
            });
        }
        if let Some(op) = cmp_op(self.tok()) {
            self.bump();
            return Ok(CellKind::Cmp(op, self.additive()?));
        }
        let e = self.additive()?;
        if self.eat(&Tok::DotDot) {
            let hi = self.additive()?;
            return Ok(CellKind::Range(e, hi));
        }
        Ok(CellKind::Cmp(CmpOp::Eq, e))
    }
}

/// The token index range of one cell.
type CellRange = (usize, usize);

/// The token ranges of the input cells and the output cells between the separators of a row.
fn split_cells(seps: &[(usize, bool)]) -> (Vec<CellRange>, Vec<CellRange>) {
    let mut inputs = Vec::new();
    let mut outputs = Vec::new();
    let mut side_out = false;
    for w in seps.windows(2) {
        let (Some(a), Some(b)) = (w.first(), w.get(1)) else {
            continue;
        };
        if a.1 {
            side_out = true;
        }
        let cell = (a.0 + 1, b.0);
        if side_out {
            outputs.push(cell);
        } else {
            inputs.push(cell);
        }
    }
    (inputs, outputs)
}
