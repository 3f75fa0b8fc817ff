//! Any text that parses: formatting keeps its meaning (format then parse gives the same tree, up to
//! positions), keeps every comment, and is idempotent. Text that does not parse is refused, not mangled.
#![no_main]

use libfuzzer_sys::fuzz_target;
use regiewijzer_core::fmt::format;
use regiewijzer_core::parse;

#[path = "../../crates/regiewijzer-core/tests/fmt_support/mod.rs"]
mod fmt_support;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let (_, diagnostics) = parse(src);
    if diagnostics.is_empty() {
        if let Err(why) = fmt_support::check_format(src) {
            panic!("{why}");
        }
    } else {
        assert!(
            format(src).is_err(),
            "a text with parse errors is not formatted"
        );
    }
});
