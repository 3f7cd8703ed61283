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
//! .docx, `cfb` for the compound file of a legacy .doc, `pdf-extract` (lopdf)
//! for PDF.
//!
//! ```
//! use zhengce::input::formats::extract;
//! use zhengce::input::read::Format;
//! let page = "<html><body><div id='zoom'><p>一、总体要求</p><p>全面落实。</p></div></body></html>";
//! let x = extract(Format::Html, page.as_bytes()).unwrap();
//! assert_eq!(x.text, "一、总体要求\n全面落实。");
//! ```

use crate::input::read::{Decoded, Format};

pub mod doc;
pub mod docx;
pub mod html;
pub mod pdf;

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

/// Extract the text of an HTML page, a .docx or .doc file or a PDF.
///
/// Never panics: a parser that fails on a damaged file in an unexpected way
/// is reported as [`FormatError::Unsupported`], so one bad download cannot
/// take a batch down.
pub fn extract(format: Format, bytes: &[u8]) -> Result<Decoded, FormatError> {
    let run = || match format {
        Format::Html => html::extract(bytes),
        Format::Docx => docx::extract(bytes),
        Format::LegacyWord => doc::extract(bytes),
        Format::Pdf => pdf::extract(bytes),
        other => Err(FormatError::Unsupported(format!("{} files are not read as formatted documents", other.name()))),
    };
    crate::error::catch_panic(run).unwrap_or_else(|msg| {
        Err(FormatError::Unsupported(format!("damaged or unusual {} file: the {} reader failed ({msg})", format.name(), format.name())))
    })
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

/// The metadata line for a key and value, in the form [`crate::text::lines::parse_header_line`] reads.
pub(crate) fn header_line(key: &str, value: &str) -> String {
    format!("{key}：{}", value.trim())
}
