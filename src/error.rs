//! Error types of the core. Every error that concerns a file names it, so a
//! researcher reading a batch of thousands of documents knows which one to fix.

use std::path::PathBuf;

/// What went wrong while reading or processing one document or the corpus.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum Error {
    /// The path does not exist or cannot be opened.
    #[error("{path}: cannot read file: {reason}")]
    Io { path: PathBuf, reason: String },

    /// The bytes are not text in any encoding zhengce recognises.
    #[error("{path}: cannot decode text: {reason}")]
    Decode { path: PathBuf, reason: String },

    /// The file is a format zhengce cannot read (binary, legacy Word, scanned PDF ...).
    #[error("{path}: unsupported format: {reason}")]
    Format { path: PathBuf, reason: String },

    /// The document is larger than the configured limit.
    #[error("{path}: document is {size} bytes, above the limit of {limit} bytes (raise `max_bytes` to read it)")]
    TooLarge { path: PathBuf, size: u64, limit: u64 },

    /// A glob pattern is malformed.
    #[error("{pattern}: invalid glob pattern: {reason}")]
    Pattern { pattern: String, reason: String },

    /// A path, folder or glob matched no readable document.
    #[error("{path}: no such file or directory")]
    NotFound { path: PathBuf },

    /// A user-supplied data file (dictionary, taxonomy, manifest) is malformed.
    #[error("{path}: invalid data file at line {line}: {reason}")]
    DataFile { path: PathBuf, line: usize, reason: String },

    /// An override or option has an invalid value.
    #[error("invalid value for {field}: {reason}")]
    Value { field: String, reason: String },

    /// An internal failure caught at the boundary (a bug in zhengce, reported instead of crashing).
    #[error("{path}: internal error while processing: {reason}")]
    Internal { path: PathBuf, reason: String },
}

impl Error {
    /// The file this error concerns, if any.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Io { path, .. }
            | Error::Decode { path, .. }
            | Error::Format { path, .. }
            | Error::TooLarge { path, .. }
            | Error::NotFound { path }
            | Error::DataFile { path, .. }
            | Error::Internal { path, .. } => Some(path),
            Error::Pattern { .. } | Error::Value { .. } => None,
        }
    }

    /// A short machine-readable name of the error kind (the `kind` column of `corpus.errors`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Io { .. } => "io",
            Error::Decode { .. } => "decode",
            Error::Format { .. } => "format",
            Error::TooLarge { .. } => "too_large",
            Error::Pattern { .. } => "pattern",
            Error::NotFound { .. } => "not_found",
            Error::DataFile { .. } => "data_file",
            Error::Value { .. } => "value",
            Error::Internal { .. } => "internal",
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What a warning is about: a stable code (the `kind` column of
/// `corpus.errors`, documented in the README), so a researcher can filter
/// warnings by kind instead of matching their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningKind {
    /// The file is empty.
    EmptyFile,
    /// Only white space and invisible characters.
    BlankText,
    /// No numbered task structure was found.
    NoStructure,
    /// HTML tags or entities in a plain-text file.
    HtmlResidue,
    /// U+FFFD already in the text (damaged before zhengce read it).
    ReplacementChars,
    /// Zero-width or control characters were removed.
    InvisibleChars,
    /// The last bytes were an incomplete UTF-8 character and were dropped.
    TruncatedUtf8,
    /// Invalid UTF-8 or UTF-16 sequences were replaced with U+FFFD.
    InvalidBytes,
    /// UTF-16 without a byte order mark: the byte order was guessed.
    Utf16Guessed,
    /// A web page's declared charset is not the one its bytes are in.
    CharsetMismatch,
    /// A web page with no recognisable article body: the whole page was read.
    NoArticleBody,
    /// A .docx file's document properties could not be read.
    DocxProperties,
    /// PDF pages without a text layer were not read.
    PdfNoText,
    /// PDF characters without a Unicode mapping.
    PdfUnmapped,
    /// Extractions with offsets outside their record were dropped (a bug).
    StrayItems,
    /// A path was passed over (another extension, a folder loop).
    Skipped,
    /// The layout is uncertain: a document to check by hand (no task
    /// records, one record holding most of the text, attributions on only
    /// some sibling items, no province read …).
    Layout,
    /// Numbered headings but no task record.
    NoTaskRecords,
    /// One task record holds most of the text.
    DominantRecord,
    /// Attributions on some sibling items but not on others.
    PartialAttribution,
    /// No province could be read for a document that is not national.
    NoProvince,
}

impl WarningKind {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            WarningKind::EmptyFile => "empty_file",
            WarningKind::BlankText => "blank_text",
            WarningKind::NoStructure => "no_structure",
            WarningKind::HtmlResidue => "html_residue",
            WarningKind::ReplacementChars => "replacement_chars",
            WarningKind::InvisibleChars => "invisible_chars",
            WarningKind::TruncatedUtf8 => "truncated_utf8",
            WarningKind::InvalidBytes => "invalid_bytes",
            WarningKind::Utf16Guessed => "utf16_guessed",
            WarningKind::CharsetMismatch => "charset_mismatch",
            WarningKind::NoArticleBody => "no_article_body",
            WarningKind::DocxProperties => "docx_properties",
            WarningKind::PdfNoText => "pdf_no_text",
            WarningKind::PdfUnmapped => "pdf_unmapped",
            WarningKind::StrayItems => "stray_items",
            WarningKind::Skipped => "skipped",
            WarningKind::Layout => "layout",
            WarningKind::NoTaskRecords => "no_task_records",
            WarningKind::DominantRecord => "dominant_record",
            WarningKind::PartialAttribution => "partial_attribution",
            WarningKind::NoProvince => "no_province",
        }
    }

    /// Every kind, in a stable order (for the README and its test).
    pub const ALL: [WarningKind; 21] = [
        WarningKind::EmptyFile,
        WarningKind::BlankText,
        WarningKind::NoStructure,
        WarningKind::HtmlResidue,
        WarningKind::ReplacementChars,
        WarningKind::InvisibleChars,
        WarningKind::TruncatedUtf8,
        WarningKind::InvalidBytes,
        WarningKind::Utf16Guessed,
        WarningKind::CharsetMismatch,
        WarningKind::NoArticleBody,
        WarningKind::DocxProperties,
        WarningKind::PdfNoText,
        WarningKind::PdfUnmapped,
        WarningKind::StrayItems,
        WarningKind::Skipped,
        WarningKind::Layout,
        WarningKind::NoTaskRecords,
        WarningKind::DominantRecord,
        WarningKind::PartialAttribution,
        WarningKind::NoProvince,
    ];
}

/// A problem that did not stop a document from being read.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub kind: WarningKind,
    pub message: String,
}

impl Warning {
    pub fn new(kind: WarningKind, message: impl Into<String>) -> Warning {
        Warning { kind, message: message.into() }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
