//! Text to blocks: normalisation keeping offsets, numbered markers, attribution lines and the hierarchy.

pub mod departments;
pub mod markers;
pub mod normalize;
pub mod structure;
