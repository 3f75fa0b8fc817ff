//! The checker. (being written)
use crate::ast::File;
use crate::diag::Diagnostic;
use crate::model::Model;

/// Checks a parsed file. (being written)
pub fn check(_source: &str, _file: &File, _had_errors: bool) -> (Option<Model>, Vec<Diagnostic>) {
    (None, Vec::new())
}
