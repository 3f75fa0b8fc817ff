//! Canonical text of expressions. (being written)
