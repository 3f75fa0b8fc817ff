use super::*;

impl Parser {
    pub(super) fn at_item_start(&self) -> bool {
        let t = self.peek();
        match &t.tok {
            Tok::Eof => true,
            Tok::Word(w) => keywords::is_item(w),
            _ => false,
        }
    }

    /// Skips the current token and then to the next token that starts a line (or an item keyword).
    pub(super) fn skip_line(&mut self) {
        if !self.at_eof() {
            self.bump();
        }
        while !self.at_eof() && !self.peek().line_start && !self.at_item_start() {
            self.bump();
        }
    }

    /// Skips to the next token that starts a line, unless already there: after a clause that failed,
    /// the next line's clause is read, not skipped.
    pub(super) fn skip_rest_of_line(&mut self) {
        while !self.at_eof() && !self.peek().line_start {
            self.bump();
        }
    }

    pub(super) fn skip_to_item(&mut self) {
        if !self.at_eof() {
            self.bump();
        }
        while !self.at_item_start() || !self.peek().line_start {
            if self.at_eof() {
                break;
            }
            self.bump();
        }
    }

    /// Runs `clause` for each clause keyword until the next item; unknown clauses are reported.
    pub(super) fn clauses(
        &mut self,
        item: &str,
        allowed: &[&str],
        mut clause: impl FnMut(&mut Parser, &str, Span) -> PResult<()>,
    ) {
        while !self.at_item_start() {
            let t = self.peek().clone();
            let word = match &t.tok {
                Tok::Word(w) => Some(w.clone()),
                Tok::Bar | Tok::DoubleBar if allowed.contains(&"|") => Some("|".to_string()),
                _ => None,
            };
            match word {
                Some(w) if allowed.contains(&w.as_str()) => {
                    if w != "|" {
                        self.bump();
                    }
                    if clause(self, &w, t.span).is_err() {
                        self.broken.push(Clause {
                            value: w,
                            span: t.span,
                        });
                        self.skip_rest_of_line();
                    }
                }
                Some(w) if keywords::is_clause(&w) => {
                    self.error(
                        DiagKind::ClauseNotAllowed {
                            clause: w,
                            item: ItemType::of_keyword(item),
                        },
                        t.span,
                    );
                    self.skip_line();
                }
                _ => {
                    let list = allowed
                        .iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let _ = self.expected(
                        &format!("a clause of this {item} ({list})"),
                        &format!("een regel van dit onderdeel ({list})"),
                    );
                    self.skip_line();
                }
            }
        }
    }
}
