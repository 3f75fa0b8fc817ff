//! Prints the keyword table ([`regiewijzer_core::keywords::KEYWORDS`]) as a JavaScript module, for the
//! playground's highlighter: `scripts/build-playground.mjs` writes it to
//! `www/playground/src/keywords.gen.mjs` on every build, so the highlighter has no list of its own.

use regiewijzer_core::keywords::KEYWORDS;

fn main() {
    let mut out = String::from(
        "// Written by scripts/build-playground.mjs from crates/regiewijzer-core/src/keywords.rs\n\
         // (cargo run -p regiewijzer-core --example keywords_js): do not edit.\n\
         /** Every keyword of the rules language: the word, its roles, and whether a declared name follows it. */\n\
         export const KEYWORD_TABLE = [\n",
    );
    for k in KEYWORDS {
        let roles: Vec<String> = k
            .roles
            .iter()
            .map(|r| format!("\"{}\"", r.name()))
            .collect();
        out.push_str(&format!(
            "  {{ word: \"{}\", roles: [{}], reserved: {}, declares: {} }},\n",
            k.word,
            roles.join(", "),
            k.reserved,
            k.declares
        ));
    }
    out.push_str("];\n");
    print!("{out}");
}
