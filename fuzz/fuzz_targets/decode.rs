//! Decoding arbitrary bytes: format sniffing and encoding detection never
//! panic, and text that is already clean UTF-8 comes back unchanged.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    zhengce::invariants::check_decoding(data).unwrap();
});
