//! Shared primitives of Chinese official text: numbers, dates, character classes, scanning, line predicates and vocabularies that several stages read.

pub mod affix;
pub mod boilerplate;
pub mod chars;
pub mod dates;
pub mod lines;
pub mod numbers;
pub mod scan;
