//! The `regiewijzer` command (being written).
fn main() {}
