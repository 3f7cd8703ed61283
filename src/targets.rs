//! Quantitative targets and deadlines.

/// How a target bounds its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparator {
    Ge,
    Le,
    Gt,
    Lt,
    Eq,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Ge => ">=",
            Comparator::Le => "<=",
            Comparator::Gt => ">",
            Comparator::Lt => "<",
            Comparator::Eq => "=",
        }
    }
}

/// A quantitative commitment.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Index of the block it was found in.
    pub block: usize,
    /// Byte offsets of the phrase in the normalised text.
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub per: Option<String>,
    pub comparator: Comparator,
    pub deadline: Option<String>,
    pub indicator: Option<String>,
    pub scope: Option<String>,
}

/// A dated commitment (工作进度安排: 4月25日前 制定工作方案).
#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    pub block: usize,
    /// Byte offsets of the date phrase.
    pub start: usize,
    pub end: usize,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// The date phrase as written.
    pub phrase: String,
    /// What is due.
    pub action: String,
}

/// Find the quantitative targets of a document.
pub fn extract(_doc: &crate::document::Document) -> Vec<Target> {
    Vec::new()
}

/// Find the dated commitments of a document.
pub fn extract_deadlines(_doc: &crate::document::Document) -> Vec<Deadline> {
    Vec::new()
}
