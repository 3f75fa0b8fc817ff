//! Canonical text of expressions. (being written)
use crate::ast::Expr;

/// The canonical one-line text of an expression. (being written)
pub fn expr_to_string(_e: &Expr) -> String {
    String::new()
}
