//! Text to blocks: normalisation keeping offsets, numbered markers, attribution lines and the hierarchy.

pub mod normalize;
pub mod markers;
pub mod departments;
pub mod structure;
