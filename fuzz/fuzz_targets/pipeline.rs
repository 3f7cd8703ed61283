//! The whole pipeline — normalisation, structure, metadata, departments,
//! targets, deadlines, slogans — and the polars frames, on arbitrary text:
//! no panic, and every offset inside the text and inside its record.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    zhengce::invariants::check_pipeline(&text).unwrap();
});
