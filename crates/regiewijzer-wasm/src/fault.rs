//! A deliberate fault, only for the browser test of the widget's panic safety (`tests/hardening.test.mjs`):
//! compiled in with the `fault-hook` feature, which no shipped bundle has (`scripts/build-wasm.sh` builds
//! a separate test bundle into `target/fault-pkg/`).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

thread_local! {
    static ARMED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Makes the next pass through `point` panic: `"answer"` (while an answer is being stored, with the
/// widget's state borrowed) or `"render"` (while drawing).
#[wasm_bindgen(js_name = armFault)]
pub fn arm_fault(point: String) {
    ARMED.with(|armed| *armed.borrow_mut() = Some(point));
}

/// Panics when `point` is armed (once).
pub(crate) fn hit(point: &str) {
    let fire = ARMED.with(|armed| armed.borrow_mut().take_if(|p| p == point).is_some());
    if fire {
        panic!("deliberate fault at {point} (test build)");
    }
}
