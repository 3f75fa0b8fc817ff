//! The rules engine of the `<regie-wijzer>` element: a checked ruleset in the compact binary form
//! ([`regiewijzer_core::bin`]), kept alive, that gives the checklist, an evaluation per answer, the summary
//! and the check of an override. The element (JavaScript) owns the DOM, the state and the words of its UI;
//! this bundle carries no compiler and no DOM code (docs/widget.md).
//!
//! Its shapes are those of the rules-core API's [`crate::Ruleset`], from the same code ([`crate::common`]):
//! a page that works with one works with the other.

use regiewijzer_core::model::Text;
use regiewijzer_core::{Model, bin};
use wasm_bindgen::prelude::*;

use crate::DEFAULT_MODEL;
use crate::common::to_js;

/// The most bytes of a compiled ruleset read (16 MiB): a ruleset's source is at most 1 MiB, and its
/// compact form is smaller. Longer input is refused before it is copied into the wasm's memory.
const MAX_MODEL_BYTES: u32 = 1 << 24;

/// A checked ruleset, kept alive across evaluations: the widget's rules engine.
///
/// ```js
/// const engine = Engine.load();               // the embedded default triage rules
/// const evaluation = engine.evaluate({ acuut_gevaar: true }, "2026-03-20");
/// evaluation.outcomes.find((o) => o.id === "route").values; // ["crisisdienst_112"]
/// engine.free();
/// ```
#[wasm_bindgen]
pub struct Engine {
    model: Model,
    last: crate::common::LastWhole,
}

#[wasm_bindgen]
impl Engine {
    /// Reads a ruleset compiled by the rules-core API's `compileForWidget` (`model`), or, with none
    /// (`undefined`, `null`), the shipped default triage ruleset embedded in the bundle. Throws `{nl, en}` when the bytes are not
    /// a compiled ruleset of this version of the rules core.
    #[wasm_bindgen(unchecked_return_type = "Engine")]
    pub fn load(model: Option<js_sys::Uint8Array>) -> Result<Engine, JsValue> {
        let decoded = if let Some(model) = model {
            // The bindings pass whatever the page gives unchecked: a real `instanceof` here, so that a
            // Proxy or another object is refused in words instead of throwing inside the wasm.
            let bytes = model
                .dyn_ref::<js_sys::Uint8Array>()
                .filter(|b| b.length() <= MAX_MODEL_BYTES)
                .map(js_sys::Uint8Array::to_vec);
            match bytes {
                Some(bytes) => bin::decode(&bytes),
                None => Err(bin::DecodeError::NotAModel),
            }
        } else {
            bin::decode(DEFAULT_MODEL)
        };
        match decoded {
            Ok(model) => Ok(Engine {
                model,
                last: Default::default(),
            }),
            Err(e) => Err(to_js(&Text::from_pair(&e.to_string()))?),
        }
    }
}

crate::common::rules_methods!(Engine);

/// The embedded default ruleset in its compact form: what the rules-core API's `Ruleset.fromCompiled`
/// reads, so that a page can export what the widget ran (docs/fhir.md) without the widget carrying more.
#[wasm_bindgen(js_name = defaultModel)]
pub fn default_model() -> js_sys::Uint8Array {
    js_sys::Uint8Array::from(DEFAULT_MODEL)
}
