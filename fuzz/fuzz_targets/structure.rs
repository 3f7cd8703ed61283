//! Normalisation and the numbered hierarchy on arbitrary text: nothing but
//! layout is dropped, and the blocks cover the normalised text in order.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    zhengce::invariants::check_structure(&text).unwrap();
});
