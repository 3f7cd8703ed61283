//! Numbered formulations (数字提法).

/// A numbered formulation as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Slogan {
    pub block: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// A form that is the same wherever the slogan is written (quotes and
    /// white space removed, Arabic digits written in Chinese).
    pub normalized: String,
}

/// Find the numbered formulations of a document.
pub fn extract(_doc: &crate::document::Document) -> Vec<Slogan> {
    Vec::new()
}
