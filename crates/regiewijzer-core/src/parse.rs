//! The parser. (being written)
use crate::ast::File;
use crate::diag::Diagnostic;

/// Parses a source text into a syntax tree and the problems found. (being written)
pub fn parse(_source: &str) -> (File, Vec<Diagnostic>) {
    (File::default(), Vec::new())
}
