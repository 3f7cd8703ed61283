//! Blocks to facts: document metadata, targets and deadlines, numbered formulations,
//! the bodies a record's sentences make act.

pub mod actors;
pub mod meta;
pub mod slogans;
pub mod targets;
