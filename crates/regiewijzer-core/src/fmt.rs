//! Canonical formatting of `.regels` files. (being written)
