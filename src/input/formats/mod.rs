//! Documents as researchers download them: HTML pages, .docx files and PDFs,
//! turned into plain text that the rest of the pipeline reads like a .txt file.
//!
//! Every reader produces text shaped like a clean .txt: one paragraph per line,
//! numbered markers as they are displayed (Word's automatic list numbering is
//! turned back into `一、`, `（一）`, `1.` …), tables one row per line, and the
//! document's metadata (a web page's 索引号/发文机关/成文日期/发文字号 table, a
//! .docx title) as `key：value` lines at the top, which [`crate::extract::meta`] reads
//! into the document's fields. The parsing of the formats themselves is done by
//! well-kept crates: `scraper` (html5ever) for HTML, `zip` + `quick-xml` for
//! .docx, `pdf-extract` (lopdf) for PDF.
//!
//! ```
//! use zhengce::input::formats::extract;
//! use zhengce::input::read::Format;
//! let page = "<html><body><div id='zoom'><p>一、总体要求</p><p>全面落实。</p></div></body></html>";
//! let x = extract(Format::Html, page.as_bytes()).unwrap();
//! assert_eq!(x.text, "一、总体要求\n全面落实。");
//! ```

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::input::read::Format;

pub mod docx;
pub mod html;
pub mod pdf;

/// Text extracted from a formatted file.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub text: String,
    /// The character encoding of the source ("utf-8" for zip/XML formats).
    pub encoding: &'static str,
    pub warnings: Vec<crate::error::Warning>,
}

/// Why a formatted file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum FormatError {
    /// The text inside could not be decoded.
    Decode(String),
    /// The file cannot be read as this format (damaged, scanned PDF …).
    Unsupported(String),
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::Decode(s) | FormatError::Unsupported(s) => f.write_str(s),
        }
    }
}

/// Extract the text of an HTML page, a .docx file or a PDF.
///
/// Never panics: a parser that fails on a damaged file in an unexpected way
/// is reported as [`FormatError::Unsupported`], so one bad download cannot
/// take a batch down.
pub fn extract(format: Format, bytes: &[u8]) -> Result<Extracted, FormatError> {
    let run = || match format {
        Format::Html => html::extract(bytes),
        Format::Docx => docx::extract(bytes),
        Format::Pdf => pdf::extract(bytes),
        other => Err(FormatError::Unsupported(format!("{} files are not read as formatted documents", other.name()))),
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(r) => r,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown failure".into());
            Err(FormatError::Unsupported(format!("damaged or unusual {} file: the {} reader failed ({msg})", format.name(), format.name())))
        }
    }
}

/// Lines joined into text: white space at the edges trimmed, empty lines dropped.
pub(crate) fn join_lines<I: IntoIterator<Item = String>>(lines: I) -> String {
    let mut out = String::new();
    for l in lines {
        let t = l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}');
        if t.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(l.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}').trim_start_matches(['\n', '\r']));
    }
    out
}

/// Whether a character is CJK (ideographs and full-width punctuation), where a
/// line break in the source is not a space.
pub(crate) fn is_cjk(c: char) -> bool {
    let u = c as u32;
    (0x4E00..=0x9FFF).contains(&u)
        || (0x3400..=0x4DBF).contains(&u)
        || (0x3000..=0x303F).contains(&u)
        || (0xFF00..=0xFFEF).contains(&u)
        || (0x2460..=0x24FF).contains(&u)
        || (0x2E80..=0x2FDF).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0x20000..=0x2FFFF).contains(&u)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// The metadata line for a key and value, in the form [`crate::text::lines::parse_header_line`] reads.
pub(crate) fn header_line(key: &str, value: &str) -> String {
    format!("{key}：{}", value.trim())
}
