//! WebAssembly bindings of the Regiewijzer rules core.
//!
//! A page compiles a ruleset once ([`Ruleset::load`]) and keeps it alive: every answer the professional
//! types is one [`Ruleset::evaluate`] on the compiled model, never a re-parse. Everything crosses the
//! boundary as plain JavaScript objects (through JSON text, [`common`]). Nothing here touches the
//! network, storage or a clock: `today` is always passed in.
//!
//! The widget's bundle (feature `engine`) exports [`Engine`]: the rules engine the `<regie-wijzer>`
//! element runs, with the same shapes as [`Ruleset`] but no compiler and no DOM code.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use regiewijzer_core::answers::RawValue;
use wasm_bindgen::prelude::*;

#[cfg(any(feature = "api", feature = "engine"))]
mod common;
#[cfg(feature = "engine")]
mod engine;
#[cfg(any(feature = "api", feature = "engine"))]
mod json;
/// Answers for property tests, shared with the rules core's tests.
#[cfg(test)]
#[path = "../../regiewijzer-core/tests/support/answers.rs"]
mod test_answers;
#[cfg(feature = "engine")]
pub use engine::Engine;

#[cfg(feature = "api")]
mod api;
#[cfg(feature = "api")]
pub use api::{Ruleset, check};
#[cfg(feature = "api")]
mod batch;
#[cfg(feature = "api")]
mod fast;
#[cfg(feature = "api")]
pub use batch::replay;
#[cfg(feature = "api")]
pub use fast::Session;

/// The allocator in the browser: talc, which takes memory from the wasm's own memory as it grows. It is
/// smaller than std's dlmalloc (the widget's wasm 1.7 KB gzip less); the bundles are
/// single-threaded (no `atomics`), which talc's cell requires.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The shipped default triage ruleset (an example a region adapts), as text: the API bundle compiles it.
#[cfg(feature = "api")]
pub(crate) const DEFAULT_RULESET: &str = include_str!("../../../rulesets/triage.regels");

/// Every ruleset Regiewijzer ships (rulesets/, their rules without the tests), as text: the base a variant
/// of one of them is resolved against when no other base is given (`compileForWidget`).
#[cfg(feature = "api")]
pub(crate) const SHIPPED_RULESETS: [&str; 3] = [
    DEFAULT_RULESET,
    include_str!("../../../rulesets/escalatie.regels"),
    include_str!("../../../rulesets/regie.regels"),
];

/// The same ruleset checked at build time, in the compact binary form the widget reads
/// ([`regiewijzer_core::bin`]): the widget bundle carries no compiler.
#[cfg(feature = "engine")]
pub(crate) const DEFAULT_MODEL: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/default_ruleset.bin"));

/// How deep a value from the page is read: answers are an object of records of fields, a restored value
/// one level more; anything deeper is not an answer.
const MAX_JS_DEPTH: u32 = 6;

/// A loosely typed value from the page, read without a deserializer (less code in the bundle): numbers
/// by [`RawValue::from_f64`], objects by their own enumerable keys, anything else (functions, symbols,
/// too deep) as "not answered". The widget reads answers and restored values with it, a `Session` one
/// answer.
pub(crate) fn raw_from_js(value: &JsValue, depth: u32) -> RawValue {
    if let Some(b) = value.as_bool() {
        RawValue::Bool(b)
    } else if let Some(n) = value.as_f64() {
        RawValue::from_f64(n)
    } else if let Some(t) = value.as_string() {
        RawValue::Text(t)
    } else if depth >= MAX_JS_DEPTH || !value.is_object() {
        RawValue::Null
    } else if js_sys::Array::is_array(value) {
        let list = js_sys::Array::from(value);
        RawValue::List(list.iter().map(|v| raw_from_js(&v, depth + 1)).collect())
    } else {
        let object = js_sys::Object::from(value.clone());
        RawValue::Record(
            js_sys::Object::keys(&object)
                .iter()
                .filter_map(|k| {
                    let key = k.as_string()?;
                    // No question can be called `__proto__` (E110), and sending it back to the page would
                    // replace an object's prototype: such a key is ignored.
                    if key == "__proto__" {
                        return None;
                    }
                    let v = js_sys::Reflect::get(&object, &k).ok()?;
                    Some((key, raw_from_js(&v, depth + 1)))
                })
                .collect(),
        )
    }
}

/// The source text of the shipped default triage ruleset.
#[cfg(feature = "api")]
#[wasm_bindgen(js_name = defaultRulesetSource)]
pub fn default_ruleset_source() -> String {
    DEFAULT_RULESET.to_string()
}
