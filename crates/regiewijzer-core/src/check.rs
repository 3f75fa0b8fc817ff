//! The checker. (being written)
use crate::ast::File;
use crate::diag::Diagnostic;
use crate::model::Model;

/// Checks a parsed file. (being written)
pub fn check(_source: &str, _file: &File, _had_errors: bool) -> (Option<Model>, Vec<Diagnostic>) {
    (None, Vec::new())
}

/// Checks a file of `tests for ID` against a model. (being written)
pub fn check_tests_file(
    _model: &Model,
    _source: &str,
) -> (Vec<crate::model::TestDef>, Vec<Diagnostic>) {
    (Vec::new(), Vec::new())
}
