//! The formatter on the real rule files: every shipped ruleset (`rulesets/*.regels`) and every test fixture
//! formats without loss, and formatting twice gives the same text.

mod fmt_support;

use fmt_support::{check_format, rule_files};
use regiewijzer_core::fmt::format;
use regiewijzer_core::parse;

#[test]
fn every_rule_file_formats_idempotently_and_keeps_its_comments() {
    let files = rule_files();
    assert!(!files.is_empty(), "no rule files found");
    let mut failures = Vec::new();
    for (path, text) in &files {
        let (_, diags) = parse(text);
        if !diags.is_empty() {
            failures.push(format!("{}: does not parse: {diags:#?}", path.display()));
            continue;
        }
        if let Err(e) = check_format(text) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_small_example_is_already_canonical() {
    let mini = include_str!("fixtures/mini.regels");
    assert_eq!(format(mini).unwrap(), mini);
}

#[test]
fn the_example_in_the_language_reference_is_canonical() {
    // The first `regels` block of docs/language.md is a whole ruleset in the layout the formatter writes.
    let doc = include_str!("../../../docs/language.md");
    let start = doc.find("```regels\n").expect("a regels example") + "```regels\n".len();
    let len = doc[start..].find("```").expect("the end of the example");
    let example = &doc[start..start + len];
    assert_eq!(format(example).unwrap(), example);
}

#[test]
fn a_messy_file_gets_the_canonical_layout() {
    let messy = "# Kop\n\n\nruleset mini   version \"0.1.0\"\n      title nl \"Mini\" en \"Mini\"   # titel\n\n\n\nfact a: bool label nl \"A?\" en \"A?\"\nfact n: int 0..120\n  # alleen bij a\n  ask when a=yes\n  label nl \"N\" en \"N\"\noutcome route: priority\n  value x nl \"X\" en \"X\"\n  required\nrule r because nl \"omdat\" en \"because\" then route=x when a and(n>3 or n is unknown)\ntable t first\n  because nl \"b\" en \"b\"\n|a|n||route|\n|yes|>=3||x|\n|-|1..2||-|\ntest \"t1\" expect route = x given a = yes, n = 4 today 2026-01-01\n# einde\n";
    let expected = "# Kop
ruleset mini
  title nl \"Mini\" en \"Mini\"  # titel
  version \"0.1.0\"

fact a: bool
  label nl \"A?\" en \"A?\"

fact n: int 0..120
  label nl \"N\" en \"N\"
  # alleen bij a
  ask when a = yes

outcome route: priority required
  value x nl \"X\" en \"X\"

rule r
  when a and (n > 3 or n is unknown)
  then route = x
  because nl \"omdat\" en \"because\"

table t first
  because nl \"b\" en \"b\"
  | a   | n    || route |
  | yes | >= 3 || x     |
  | -   | 1..2 || -     |

test \"t1\"
  today 2026-01-01
  given a = yes, n = 4
  expect route = x

# einde
";
    assert_eq!(check_format(messy).unwrap(), expected);
}

#[test]
fn sources_that_do_not_parse_give_their_errors() {
    let errs =
        format("ruleset r\n  title nl \"T\"\nfact a: bool\n  label \"zonder nl\"\n").unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].code, "E201");
    assert_eq!(errs[0].start.line, 4);
}
