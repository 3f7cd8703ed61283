//! Blocks to facts: document metadata, targets and deadlines, numbered formulations.

pub mod meta;
pub mod slogans;
pub mod targets;
