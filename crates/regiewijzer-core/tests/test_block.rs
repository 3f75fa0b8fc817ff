//! "Save as test" (the playground's button): a test block written from answers fixes what the rules say,
//! and passes against the same rules. Checked on the answers of every test of the shipped rulesets
//! (timelines, dates, choices, handovers included).

use regiewijzer_core::answers::Answers;
use regiewijzer_core::check_tests_file;
use regiewijzer_core::testing::{run_test, test_block, test_today};
use regiewijzer_core::{Model, compile};

fn shipped(name: &str) -> String {
    let path = format!("{}/../../rulesets/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn model(src: &str) -> Model {
    let c = compile(src);
    let errors: Vec<String> = c
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            format!(
                "{} {}:{} {}",
                d.code, d.start.line, d.start.column, d.message_en
            )
        })
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    c.model.unwrap_or_else(|| panic!("no model"))
}

#[test]
fn a_saved_test_block_passes_against_the_rules_it_was_written_from() {
    for name in ["triage", "escalatie", "regie"] {
        let src = shipped(&format!("{name}.regels"));
        let m = model(&src);
        let (tests, diags) = check_tests_file(&m, &shipped(&format!("{name}.tests.regels")));
        assert!(diags.iter().all(|d| !d.is_error()), "{name} tests");
        assert!(!tests.is_empty());
        let mut blocks = String::new();
        for (i, t) in tests.iter().enumerate() {
            let answers = Answers::from_test(&m, t);
            let block = test_block(&m, &format!("opgeslagen {i}"), &answers, test_today(&m, t));
            assert!(block.contains("\n  expect "), "{block}");
            blocks.push('\n');
            blocks.push_str(&block);
        }
        // Appended to the rules, as the playground does: the text still compiles and every saved test
        // passes.
        let with = model(&format!("{src}{blocks}"));
        assert_eq!(with.tests.len(), m.tests.len() + tests.len());
        for t in &with.tests {
            let r = run_test(&with, t);
            assert!(r.passed, "{name}: {} {:?}", t.name, r.failures);
        }
    }
}
