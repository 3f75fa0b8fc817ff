//! Running the tests of a ruleset. (being written)
