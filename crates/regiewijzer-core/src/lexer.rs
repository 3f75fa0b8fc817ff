//! Tokens of the `.regels` language. (being written)
