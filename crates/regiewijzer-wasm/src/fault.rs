//! A deliberate fault, only for the browser test of the widget's panic safety (`tests/hardening.test.mjs`):
//! compiled in with the `fault-hook` feature, which no shipped bundle has (`scripts/build-wasm.sh` builds
//! a separate test bundle into `target/fault-pkg/`).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

thread_local! {
    static ARMED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Makes the next pass through `point` panic: `"answer"` (while an answer is being stored, with the
/// widget's state borrowed) or `"render"` (while drawing); with `":stack"` after it (`"render:stack"`),
/// run out of stack in the wasm's own frames instead (the browser throws a `RangeError`).
#[wasm_bindgen(js_name = armFault)]
pub fn arm_fault(point: String) {
    ARMED.with(|armed| *armed.borrow_mut() = Some(point));
}

/// Panics (or overflows the stack) when `point` is armed (once).
pub(crate) fn hit(point: &str) {
    let armed = ARMED.with(|armed| {
        armed
            .borrow_mut()
            .take_if(|p| p.split(':').next() == Some(point))
    });
    match armed.as_deref().and_then(|p| p.split(':').nth(1)) {
        Some("stack") => {
            std::hint::black_box(deeper(0));
        }
        Some(_) => {}
        None if armed.is_some() => panic!("deliberate fault at {point} (test build)"),
        None => {}
    }
}

/// Recurses until the stack runs out (the end is never reached, but the compiler cannot know).
fn deeper(n: u64) -> u64 {
    if std::hint::black_box(n) == u64::MAX {
        return n;
    }
    deeper(std::hint::black_box(n + 1)).wrapping_add(1)
}
