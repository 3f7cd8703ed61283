//! Tokens and term dictionaries: jieba-rs with the civil-affairs dictionary, whole-token term matching, department names made comparable.

pub mod agencies;
pub mod indicators;
pub mod terms;
pub mod tokens;

static DICTIONARY_LOADS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Count one loading of the dictionaries (the expensive part of `pipeline::corpus::Resources`).
pub fn note_dictionary_load() {
    DICTIONARY_LOADS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// How many times this process has loaded dictionaries: once for the shipped
/// ones, once more per user configuration, however many documents are read.
pub fn dictionary_loads() -> usize {
    DICTIONARY_LOADS.load(std::sync::atomic::Ordering::Relaxed)
}
