//! Checks shared by the formatter's integration tests (`fmt_*.rs`).
#![allow(dead_code)]

use regiewijzer_core::ast::File;
use regiewijzer_core::fmt::format;
use regiewijzer_core::parse;

/// The debug text of a file's items with every span left out: equal for two trees that differ only in
/// positions.
pub fn items_without_spans(f: &File) -> String {
    strip_spans(&format!("{:?}", f.items))
}

/// A debug text with every `Span { start: .., end: .. }` replaced by `Span`.
pub fn strip_spans(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("Span { start: ") {
        out.push_str(&rest[..i]);
        out.push_str("Span");
        let after = &rest[i..];
        let end = after.find('}').expect("a span's debug text ends with `}`");
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The texts of all comments, sorted (the formatter may move comments, never change or drop them).
pub fn comment_texts(f: &File) -> Vec<String> {
    let mut texts: Vec<String> = f.comments.iter().map(|c| c.text.clone()).collect();
    texts.sort();
    texts
}

/// Formats `src` (which must parse without errors) and checks every promise of the formatter: the output
/// parses to the same tree up to positions, keeps every comment exactly once with its text, ends with one
/// line break, has no runs of blank lines, and formatting it again changes nothing. Returns the output.
pub fn check_format(src: &str) -> Result<String, String> {
    let (before, diags) = parse(src);
    if !diags.is_empty() {
        return Err(format!("the input does not parse: {diags:#?}"));
    }
    let out = format(src).map_err(|d| format!("format failed: {d:#?}"))?;
    let (after, diags) = parse(&out);
    if !diags.is_empty() {
        return Err(format!("the output does not parse: {diags:#?}\n{out}"));
    }
    if items_without_spans(&before) != items_without_spans(&after) {
        return Err(format!("the output means something else:\n{out}"));
    }
    if comment_texts(&before) != comment_texts(&after) {
        return Err(format!(
            "comments changed: {:?} became {:?}\n{out}",
            comment_texts(&before),
            comment_texts(&after)
        ));
    }
    if !out.is_empty() && (!out.ends_with('\n') || out.ends_with("\n\n")) {
        return Err(format!(
            "the output does not end with exactly one line break:\n{out:?}"
        ));
    }
    if out.starts_with('\n') || out.contains("\n\n\n") {
        return Err(format!("the output has a run of blank lines:\n{out}"));
    }
    let again = format(&out).map_err(|d| format!("formatting the output failed: {d:#?}"))?;
    if again != out {
        return Err(format!(
            "not idempotent:\n--- once\n{out}\n--- twice\n{again}"
        ));
    }
    Ok(out)
}

/// Every `.regels` file of the repository's `rulesets/` folder and of the core's test fixtures, with its
/// text.
pub fn rule_files() -> Vec<(std::path::PathBuf, String)> {
    let core = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [core.join("../../rulesets"), core.join("tests/fixtures")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "regels") {
                let text = std::fs::read_to_string(&path).expect("a readable rule file");
                files.push((path, text));
            }
        }
    }
    files.sort();
    files
}
