//! Every shipped ruleset (`rulesets/*.regels`) compiles without errors or warnings, and all its tests
//! (in the file and in a sibling `NAME.tests.regels`) pass. The CLI's `regiewijzer test` runs the same
//! tests with a readable report; this keeps `cargo test` honest on its own.

use regiewijzer_core::check_tests_file;
use regiewijzer_core::compile;
use regiewijzer_core::testing::run_tests;

#[path = "support/shipped.rs"]
mod shipped;

#[test]
fn every_shipped_ruleset_is_clean_and_its_tests_pass() {
    let mut report = Vec::new();
    for path in shipped::paths() {
        let src = std::fs::read_to_string(&path).unwrap();
        let c = compile(&src);
        for d in &c.diagnostics {
            report.push(format!(
                "{}:{}:{}: {} {}",
                path.display(),
                d.start.line,
                d.start.column,
                d.code,
                d.message_en
            ));
        }
        let Some(model) = c.model else { continue };
        let mut tests = model.tests.clone();
        let sibling = path.with_extension("tests.regels");
        if let Ok(more) = std::fs::read_to_string(&sibling) {
            let (t, diags) = check_tests_file(&model, &more);
            for d in &diags {
                report.push(format!(
                    "{}:{}:{}: {} {}",
                    sibling.display(),
                    d.start.line,
                    d.start.column,
                    d.code,
                    d.message_en
                ));
            }
            tests.extend(t);
        }
        for r in run_tests(&model, &tests) {
            for f in &r.failures {
                report.push(format!(
                    "{}: test \"{}\" (line {}): expected {} but got {}",
                    path.display(),
                    r.name,
                    r.line,
                    f.expect,
                    f.actual.en
                ));
            }
        }
    }
    assert!(report.is_empty(), "\n{}", report.join("\n"));
}
