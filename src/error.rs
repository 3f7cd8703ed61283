//! Error types of the core. Every error that concerns a file names it, so a
//! researcher reading a batch of thousands of documents knows which one to fix.

use std::path::PathBuf;
use std::sync::Arc;

/// The operating system's error behind an [`Error::Io`], kept whole (not
/// flattened to a string) so that `source()` — and in Python `__cause__` and
/// the errno — still tell what it was. Shared, so that errors stay `Clone`.
#[derive(Debug, Clone)]
pub struct Cause(pub Arc<std::io::Error>);

impl Cause {
    /// The kind of the operating system's error (not found, permission denied …).
    pub fn io_kind(&self) -> std::io::ErrorKind {
        self.0.kind()
    }
    /// The operating system's error number, if there is one.
    pub fn errno(&self) -> Option<i32> {
        self.0.raw_os_error()
    }
}

/// Two causes are the same when they are the same kind of error with the same message.
impl PartialEq for Cause {
    fn eq(&self, other: &Cause) -> bool {
        self.0.kind() == other.0.kind() && self.0.to_string() == other.0.to_string()
    }
}

impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Cause {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}

/// What went wrong while reading or processing one document or the corpus.
/// Every variant has a stable kind ([`Error::kind`], the `kind` column of
/// `corpus.errors` and the Python exception's `.kind`) and a message template
/// (its `#[error]` text) filled from its fields ([`Error::context`]), as
/// pydantic-core keeps error types.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum Error {
    /// The path cannot be opened or read; `source` is the operating system's
    /// error when there is one (not for "is a directory").
    #[error("{path}: cannot read file: {reason}")]
    Io {
        path: PathBuf,
        reason: String,
        #[source]
        source: Option<Cause>,
    },

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
    /// An [`Error::Io`] for `path` caused by the operating system's error `e`
    /// (kept as the error's source).
    ///
    /// ```
    /// use std::error::Error as _;
    /// let e = zhengce::Error::io("a.txt", std::io::Error::from(std::io::ErrorKind::PermissionDenied));
    /// assert_eq!(e.kind(), "io");
    /// assert!(e.source().is_some());
    /// ```
    pub fn io(path: impl Into<PathBuf>, e: std::io::Error) -> Error {
        Error::Io { path: path.into(), reason: e.to_string(), source: Some(Cause(Arc::new(e))) }
    }

    /// An [`Error::Io`] with no operating-system error behind it.
    pub fn io_reason(path: impl Into<PathBuf>, reason: impl Into<String>) -> Error {
        Error::Io { path: path.into(), reason: reason.into(), source: None }
    }

    /// The operating system's error behind this one, if any.
    pub fn cause(&self) -> Option<&Cause> {
        match self {
            Error::Io { source, .. } => source.as_ref(),
            _ => None,
        }
    }

    /// The values the message is made from, by name (the Python exception's
    /// `.context`), besides the path.
    pub fn context(&self) -> Vec<(&'static str, String)> {
        match self {
            Error::Io { reason, .. } | Error::Decode { reason, .. } | Error::Format { reason, .. } | Error::Internal { reason, .. } => {
                vec![("reason", reason.clone())]
            }
            Error::TooLarge { size, limit, .. } => vec![("size", size.to_string()), ("limit", limit.to_string())],
            Error::Pattern { pattern, reason } => vec![("pattern", pattern.clone()), ("reason", reason.clone())],
            Error::NotFound { .. } => vec![],
            Error::DataFile { line, reason, .. } => vec![("line", line.to_string()), ("reason", reason.clone())],
            Error::Value { field, reason } => vec![("field", field.clone()), ("reason", reason.clone())],
        }
    }

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

    /// A short machine-readable name of the error kind (the `kind` column of
    /// `corpus.errors`; every kind is in [`ERROR_KINDS`]).
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

/// Every error kind with what it means: the README's errors table lists the same.
pub const ERROR_KINDS: [(&str, &str); 9] = [
    ("io", "a file or folder could not be read (permissions, not a regular file, a dangling link)"),
    ("not_found", "a path, folder or glob matched no readable document"),
    ("pattern", "a glob pattern is malformed"),
    ("decode", "the bytes are not text in a recognised encoding"),
    ("format", "a format zhengce cannot read (binary, legacy Word, scanned PDF, a damaged file)"),
    ("too_large", "the document is larger than max_bytes"),
    ("data_file", "a dictionary, taxonomy or manifest file is malformed"),
    ("value", "an option or override has an invalid value"),
    ("internal", "a bug in zhengce, caught and reported"),
];

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Runs `f`, turning a panic (a bug, or a parser failing on a damaged file)
/// into its message: the one panic guard, used around each document, each
/// format reader and every call from Python, so that one bad input cannot
/// take a batch or a notebook session down.
///
/// ```
/// assert_eq!(zhengce::error::catch_panic(|| 2), Ok(2));
/// let r: Result<(), String> = zhengce::error::catch_panic(|| panic!("bad {}", 1));
/// assert_eq!(r, Err("bad 1".to_string()));
/// ```
pub fn catch_panic<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|panic| {
        panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into())
    })
}

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
    /// The text was typeset a fixed number of characters a line (a PDF
    /// copied as text): lines were joined by width, page numbers dropped.
    TypesetText,
    /// A .doc file numbers paragraphs with Word lists, which are not read.
    DocListNumbers,
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
            WarningKind::TypesetText => "typeset_text",
            WarningKind::DocListNumbers => "doc_list_numbers",
        }
    }

    /// Every kind, in a stable order (for the README and its test).
    pub const ALL: [WarningKind; 23] = [
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
        WarningKind::TypesetText,
        WarningKind::DocListNumbers,
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
