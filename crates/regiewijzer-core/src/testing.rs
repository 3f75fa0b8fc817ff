//! Running the tests of a ruleset. (types are the contract; implementation being written)
use serde::Serialize;

use crate::model::{Model, TestDef, Text};

/// One expectation that did not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// The expectation as written, e.g. `route = crisisdienst`.
    pub expect: String,
    /// Line of the `expect`.
    pub line: u32,
    /// What happened instead, in words.
    pub actual: Text,
}

/// The result of one test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestResult {
    /// The test's name.
    pub name: String,
    /// Line of the test.
    pub line: u32,
    /// True when every expectation held.
    pub passed: bool,
    /// The expectations that did not hold.
    pub failures: Vec<Failure>,
}

/// Runs tests against a model. (being written)
pub fn run_tests(_model: &Model, tests: &[TestDef]) -> Vec<TestResult> {
    tests
        .iter()
        .map(|t| TestResult {
            name: t.name.clone(),
            line: 0,
            passed: false,
            failures: Vec::new(),
        })
        .collect()
}

/// The closing line of a test run: `N passed, M failed`.
pub fn summary_line(results: &[TestResult]) -> String {
    let passed = results.iter().filter(|r| r.passed).count();
    let failed = results.len() - passed;
    format!("{passed} passed, {failed} failed")
}
