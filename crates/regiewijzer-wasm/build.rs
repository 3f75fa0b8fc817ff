//! Compiles the shipped default triage ruleset at build time into the compact binary form
//! (`regiewijzer_core::bin`), so the widget bundle carries the checked rules and not the compiler.
//! A default ruleset with errors fails the build.

use std::path::PathBuf;

fn main() {
    let source_path = "../../rulesets/triage.regels";
    println!("cargo::rerun-if-changed={source_path}");
    let source = match std::fs::read_to_string(source_path) {
        Ok(s) => s,
        Err(e) => fail(&format!("cannot read {source_path}: {e}")),
    };
    let compiled = regiewijzer_core::compile(&source);
    let Some(model) = compiled.model else {
        let errors: Vec<String> = compiled
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{}:{}: {} {}",
                    d.start.line, d.start.column, d.code, d.message_en
                )
            })
            .collect();
        fail(&format!("{source_path} has errors:\n{}", errors.join("\n")));
    };
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        fail("OUT_DIR is not set");
    };
    let out = PathBuf::from(out_dir).join("default_ruleset.bin");
    if let Err(e) = std::fs::write(&out, regiewijzer_core::bin::encode(&model)) {
        fail(&format!("cannot write {}: {e}", out.display()));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("regiewijzer-wasm build: {message}");
    std::process::exit(1);
}
