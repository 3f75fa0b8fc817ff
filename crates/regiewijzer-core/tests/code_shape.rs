//! The core stays a place a newcomer can find their way in: no source file over 900 lines and no function
//! over 80 lines, apart from the tables of data listed in [`TABLES`]. A file or function that grows past
//! the bar fails here with its place: split it by what it does (docs/architecture.md, "Where do I add…").

use std::path::{Path, PathBuf};

/// The most lines a source file of the core may have.
const MAX_FILE_LINES: usize = 900;
/// The most lines a function may have (from its `fn` line to its closing brace).
const MAX_FN_LINES: usize = 80;
/// Functions that are tables of data, one arm per kind, allowed to be longer: (file, function).
const TABLES: &[(&str, &str)] = &[
    // The message of every diagnostic in English and in Dutch: one exhaustive match per language.
    ("diag/en.rs", "message"),
    ("diag/nl.rs", "message"),
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The name of the function a line declares, and its indentation (rustfmt's layout: the closing brace
/// stands at the same indentation as `fn`).
fn declared_fn(line: &str) -> Option<(usize, &str)> {
    let text = line.trim_start();
    let indent = line.len() - text.len();
    let mut words = text.split_whitespace().peekable();
    while let Some(w) = words.next() {
        match w {
            "fn" => {
                let name = words.next()?;
                let end = name.find(|c: char| !c.is_alphanumeric() && c != '_')?;
                return Some((indent, &name[..end]));
            }
            "pub" | "const" | "async" | "unsafe" | "extern" => {}
            w if w.starts_with("pub(") => {}
            _ => return None,
        }
    }
    None
}

/// Every function of `text` longer than the bar: (name, first line, length).
fn long_functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((indent, name)) = declared_fn(line) else {
            continue;
        };
        if line.trim_end().ends_with(';') {
            continue;
        }
        let close = " ".repeat(indent) + "}";
        let end = lines[i..]
            .iter()
            .position(|l| l.starts_with(&close))
            .map_or(lines.len(), |k| i + k);
        let length = end - i + 1;
        if length > MAX_FN_LINES {
            out.push((name.to_string(), i + 1, length));
        }
    }
    out
}

#[test]
fn no_file_over_900_lines_and_no_function_over_80_but_tables() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    assert!(files.len() > 40, "the core's sources are missing");
    let mut problems = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let count = text.lines().count();
        if count > MAX_FILE_LINES {
            problems.push(format!("{rel}: {count} lines (at most {MAX_FILE_LINES})"));
        }
        for (name, line, length) in long_functions(&text) {
            if !TABLES.contains(&(rel.as_str(), name.as_str())) {
                problems.push(format!(
                    "{rel}:{line}: fn {name} has {length} lines (at most {MAX_FN_LINES})"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_measure_finds_a_long_function_and_its_end() {
    let long = format!(
        "pub(crate) fn long() {{\n{}}}\n\nfn short() {{}}\n",
        "    x();\n".repeat(MAX_FN_LINES)
    );
    assert_eq!(
        long_functions(&long),
        [("long".to_string(), 1, MAX_FN_LINES + 2)]
    );
    let method = format!(
        "impl A {{\n    fn m(&self) {{\n{}    }}\n}}\n",
        "        y();\n".repeat(78)
    );
    assert!(
        long_functions(&method).is_empty(),
        "80 lines is not over the bar"
    );
    let method = method.replacen("y();", "y();\n        y();", 1);
    assert_eq!(long_functions(&method), [("m".to_string(), 2, 81)]);
}
