//! Any bytes as the widget's binary model (a host can hand `WidgetCore.load` anything): an error, never
//! a panic, and what decodes encodes back to what the binary form keeps of it (`bin::kept`: for a model
//! decoded from real bytes, itself).
#![no_main]

use libfuzzer_sys::fuzz_target;
use regiewijzer_core::bin::{decode, encode, kept};

fuzz_target!(|data: &[u8]| {
    if let Ok(model) = decode(data) {
        let again = decode(&encode(&model));
        assert!(
            again.as_ref() == Ok(&kept(&model)),
            "decode, encode, decode"
        );
    }
});
