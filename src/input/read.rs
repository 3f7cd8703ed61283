//! Reading: expanding paths, folders and glob patterns into files, detecting
//! each file's format from its content, and decoding text in any common
//! encoding (UTF-8 with or without BOM, UTF-16 with or without BOM,
//! GB18030/GBK).
//!
//! ```
//! use zhengce::input::read::decode;
//! let (gbk, _, _) = encoding_rs::GBK.encode("民政工作要点");
//! let d = decode(&gbk).unwrap();
//! assert_eq!((d.text.as_str(), d.encoding), ("民政工作要点", "gb18030"));
//! ```

use std::path::{Path, PathBuf};

use crate::error::{Error, Result, Warning, WarningKind};

/// Text decoded or extracted from a file's bytes (plain text, or the text of
/// a web page, .docx or PDF), how it was encoded, and the problems met.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// The character encoding of the source ("utf-8" for zip/XML formats).
    pub encoding: &'static str,
    /// Problems that did not stop decoding (a truncated last character …).
    pub warnings: Vec<Warning>,
}

/// Why bytes could not be decoded (without the file name, which the caller adds).
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeFailure(pub String);

/// Share of characters that ordinary Chinese or English text is made of.
fn plausibility(s: &str) -> f64 {
    let mut total = 0usize;
    let mut good = 0usize;
    for c in s.chars() {
        total += 1;
        let u = c as u32;
        let ok = matches!(c, '\n' | '\r' | '\t')
            || (0x20..0x7F).contains(&u)
            || (0x4E00..=0x9FFF).contains(&u)
            || (0x3000..=0x303F).contains(&u)
            || (0xFF00..=0xFFEF).contains(&u)
            || (0x2000..=0x206F).contains(&u)
            || (0x2460..=0x24FF).contains(&u)
            || (0x3220..=0x3243).contains(&u)
            || (0x00A0..=0x00FF).contains(&u)
            || (0x2150..=0x218F).contains(&u)
            || (0x25A0..=0x25FF).contains(&u)
            || u == 0xFEFF;
        if ok {
            good += 1;
        }
    }
    if total == 0 {
        1.0
    } else {
        good as f64 / total as f64
    }
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample.iter().filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b) && b != 0x1B).count();
    controls * 20 > sample.len().max(1)
}

/// Whether bytes read as UTF-16, with the high byte of each unit at `high`
/// (1 little-endian, 0 big-endian), could reach the plausibility a guess
/// needs: every character [`plausibility`] accepts is a unit whose high byte
/// is one of these, so a sample where fewer than 90 % of the units have one
/// cannot reach 97 % (GBK text read this way has about a third), and is not
/// decoded.
fn utf16_may_be_plausible(sample: &[u8], high: usize) -> bool {
    let units = sample.len() / 2;
    let ok = sample
        .chunks_exact(2)
        .filter(|u| matches!(u[high], 0x00 | 0x20 | 0x21 | 0x24 | 0x25 | 0x30 | 0x32 | 0x4E..=0x9F | 0xFE | 0xFF))
        .count();
    ok * 10 >= units * 9
}

fn utf16_guess(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let mut best = None;
    let mut best_score = 0.0;
    for (enc, high) in [(encoding_rs::UTF_16LE, 1), (encoding_rs::UTF_16BE, 0)] {
        if !utf16_may_be_plausible(sample, high) {
            continue;
        }
        let (text, had_errors) = enc.decode_without_bom_handling(sample);
        if had_errors && bytes.len() <= 8192 {
            continue;
        }
        let score = plausibility(&text);
        if score > best_score {
            best_score = score;
            best = Some(enc);
        }
    }
    (best_score >= 0.97).then_some(best).flatten()
}

/// Decode bytes to text, detecting the encoding.
pub fn decode(bytes: &[u8]) -> std::result::Result<Decoded, DecodeFailure> {
    let mut warnings = Vec::new();
    // Byte order marks decide.
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8(rest, "utf-8", warnings);
    }
    for (bom, enc, name) in [(&[0xFF, 0xFE][..], encoding_rs::UTF_16LE, "utf-16le"), (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE, "utf-16be")]
    {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            if had_errors {
                warnings.push(Warning::new(WarningKind::InvalidBytes, "invalid UTF-16 sequences were replaced with U+FFFD"));
            }
            return Ok(Decoded { text: text.into_owned(), encoding: name, warnings });
        }
    }
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        if s.contains('\0') {
            // UTF-16 without a BOM has NUL bytes in its ASCII characters.
            if let Some(enc) = utf16_guess(bytes) {
                return Ok(decode_utf16(bytes, enc));
            }
            return Err(DecodeFailure("binary data (NUL bytes), not text".into()));
        }
        return Ok(Decoded { text: s.to_string(), encoding: "utf-8", warnings });
    }
    if let Some(enc) = utf16_guess(bytes) {
        return Ok(decode_utf16(bytes, enc));
    }
    if looks_binary(bytes) {
        return Err(DecodeFailure("binary data, not text".into()));
    }
    // GB18030 (a superset of GBK and GB2312).
    if let Some(text) = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        if plausibility(&text) >= 0.95 {
            return Ok(Decoded { text: text.into_owned(), encoding: "gb18030", warnings });
        }
    }
    decode_utf8(bytes, "utf-8", warnings)
}

fn decode_utf16(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let mut warnings = vec![Warning::new(WarningKind::Utf16Guessed, "UTF-16 without a byte order mark; the byte order was guessed")];
    if had_errors {
        warnings.push(Warning::new(WarningKind::InvalidBytes, "invalid UTF-16 sequences were replaced with U+FFFD"));
    }
    Decoded { text: text.into_owned(), encoding: if enc == encoding_rs::UTF_16LE { "utf-16le" } else { "utf-16be" }, warnings }
}

/// UTF-8 that may be damaged: a truncated last character is dropped with a
/// warning; a few bad bytes are replaced with a warning; mostly invalid bytes fail.
fn decode_utf8(bytes: &[u8], name: &'static str, mut warnings: Vec<Warning>) -> std::result::Result<Decoded, DecodeFailure> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded { text: s.to_string(), encoding: name, warnings }),
        Err(e) if e.error_len().is_none() => {
            // Only the last character is incomplete: the file was cut off.
            let good = e.valid_up_to();
            warnings.push(Warning::new(
                WarningKind::TruncatedUtf8,
                format!("the last {} bytes are an incomplete UTF-8 character (file truncated?) and were dropped", bytes.len() - good),
            ));
            Ok(Decoded { text: std::str::from_utf8(&bytes[..good]).unwrap_or_default().to_string(), encoding: name, warnings })
        }
        Err(e) => {
            let lossy = String::from_utf8_lossy(bytes);
            let bad = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
            let total = lossy.chars().count().max(1);
            if bad * 1000 <= total && plausibility(&lossy) >= 0.95 {
                warnings.push(Warning::new(
                    WarningKind::InvalidBytes,
                    format!("{bad} invalid UTF-8 sequences (first at byte {}) were replaced with U+FFFD", e.valid_up_to()),
                ));
                Ok(Decoded { text: lossy.into_owned(), encoding: name, warnings })
            } else {
                Err(DecodeFailure(format!("not valid UTF-8 (first bad byte at offset {}), UTF-16 or GB18030/GBK text", e.valid_up_to())))
            }
        }
    }
}

/// The format of a file, from its content (the extension only breaks ties).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Docx,
    Pdf,
    /// Legacy binary Word (.doc) or WPS files.
    LegacyWord,
    /// Zip archives that are not Word documents, images and other binaries.
    Binary,
}

impl Format {
    /// The name used in the `format` column.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::LegacyWord => "doc",
            Format::Binary => "binary",
        }
    }
}

/// Detect the format of `bytes` (the path's extension is a hint only).
pub fn sniff(bytes: &[u8], path: &Path) -> Format {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    // A PDF may have a few bytes of junk before its header (readers accept 1 KB).
    if bytes.starts_with(b"%PDF-") || memfind(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // A docx is a zip holding word/document.xml: its name is in the first
        // entries or, when large media come first, in the central directory at the end.
        let head = &bytes[..bytes.len().min(64 * 1024)];
        let tail = &bytes[bytes.len().saturating_sub(64 * 1024)..];
        if memfind(head, b"word/").is_some() || memfind(tail, b"word/document.xml").is_some() || ext == "docx" {
            return Format::Docx;
        }
        return Format::Binary;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::LegacyWord;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let skip = lower.iter().position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF).unwrap_or(0);
    let start = &lower[skip..];
    if start.starts_with(b"<!doctype html")
        || start.starts_with(b"<html")
        || memfind(&lower, b"<html").is_some()
        || memfind(&lower, b"<body").is_some()
        || memfind(&lower, b"<p>").is_some() && matches!(ext.as_str(), "htm" | "html" | "shtml")
    {
        return Format::Html;
    }
    if matches!(ext.as_str(), "htm" | "html" | "shtml" | "xhtml") && memfind(&lower, b"<").is_some() {
        return Format::Html;
    }
    if is_html_fragment(start) {
        return Format::Html;
    }
    if matches!(ext.as_str(), "doc" | "wps") && looks_binary(bytes) {
        return Format::LegacyWord;
    }
    Format::Text
}

/// An HTML fragment stored in a text field of a scraped database (the body
/// of a page as `<p>…</p><p>…</p>`, often on one line, in a .txt or a CSV
/// cell): it opens with a block tag and holds paragraph breaks. It is read as
/// a page, so it gives the records of the clean text; markup in the middle of
/// a text stays text (and is reported as HTML residue).
fn is_html_fragment(lower_start: &[u8]) -> bool {
    const OPENERS: [&[u8]; 9] = [b"<p>", b"<p ", b"<div", b"<section", b"<table", b"<span", b"<font", b"<article", b"<br"];
    let breaks = lower_start.windows(4).filter(|w| *w == b"</p>" || *w == b"<br>" || *w == b"<br/" || *w == b"<br ").count();
    OPENERS.iter().any(|o| lower_start.starts_with(o)) && breaks >= 2
}

pub(crate) fn memfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// File extensions read when a folder is given.
pub const DOCUMENT_EXTENSIONS: [&str; 9] = ["txt", "text", "htm", "html", "shtml", "docx", "pdf", "doc", "wps"];

/// One input after expansion: a file to read, or a problem to report.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    File(PathBuf),
    Skipped(PathBuf, String),
    Missing(Error),
}

/// Expand files, folders (recursively, sorted) and glob patterns.
pub fn expand(specs: &[String]) -> Vec<Input> {
    let mut out = Vec::new();
    for spec in specs {
        let p = Path::new(spec);
        if p.is_dir() {
            walk(p, &mut out, &mut Vec::new());
        } else if p.exists() {
            out.push(Input::File(p.to_path_buf()));
        } else if spec.contains(['*', '?', '[']) {
            match glob::glob(spec) {
                Ok(paths) => {
                    let mut found: Vec<PathBuf> = Vec::new();
                    for entry in paths {
                        match entry {
                            Ok(path) => found.push(path),
                            Err(e) => out.push(Input::Missing(Error::io(e.path().to_path_buf(), e.into()))),
                        }
                    }
                    found.sort();
                    if found.is_empty() {
                        out.push(Input::Missing(Error::NotFound { path: p.to_path_buf() }));
                    }
                    for f in found {
                        if f.is_dir() {
                            walk(&f, &mut out, &mut Vec::new());
                        } else {
                            out.push(Input::File(f));
                        }
                    }
                }
                Err(e) => out.push(Input::Missing(Error::Pattern { pattern: spec.clone(), reason: e.to_string() })),
            }
        } else {
            out.push(Input::Missing(Error::NotFound { path: p.to_path_buf() }));
        }
    }
    out
}

/// `open` holds the folders being walked (canonical paths): a symbolic link
/// back to one of them would recurse for ever and is reported instead.
fn walk(dir: &Path, out: &mut Vec<Input>, open: &mut Vec<PathBuf>) {
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if open.contains(&canonical) {
        out.push(Input::Skipped(dir.to_path_buf(), format!("a link back to the folder {} (a loop)", canonical.display())));
        return;
    }
    open.push(canonical);
    walk_entries(dir, out, open);
    open.pop();
}

fn walk_entries(dir: &Path, out: &mut Vec<Input>, open: &mut Vec<PathBuf>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.push(Input::Missing(Error::io(dir, e)));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => paths.push(e.path()),
            Err(e) => out.push(Input::Missing(Error::io(dir, e))),
        }
    }
    paths.sort();
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, out, open);
            continue;
        }
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        if DOCUMENT_EXTENSIONS.contains(&ext.as_str()) {
            out.push(Input::File(p));
        } else {
            out.push(Input::Skipped(p, format!("not a document extension ({})", DOCUMENT_EXTENSIONS.join(", "))));
        }
    }
}

/// Read a file's bytes, with a size limit.
///
/// Only regular files are read: a FIFO, socket or device (`/dev/zero`) would
/// block or never end. The limit is checked on the size the file system gives
/// and again while reading, so a file that grows meanwhile cannot exceed it.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |e: std::io::Error| Error::io(path, e);
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(Error::io_reason(path, "is a directory"));
    }
    if !meta.is_file() {
        return Err(Error::io_reason(path, "not a regular file (a pipe, socket or device)"));
    }
    if meta.len() > max_bytes {
        return Err(Error::TooLarge { path: path.to_path_buf(), size: meta.len(), limit: max_bytes });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::TooLarge { path: path.to_path_buf(), size: bytes.len() as u64, limit: max_bytes });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "一、总体要求\r\n城市低保标准不低于当地上年度人均可支配收入的20%。";

    #[test]
    fn encodings() {
        assert_eq!(decode(TEXT.as_bytes()).unwrap().encoding, "utf-8");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(TEXT.as_bytes());
        let d = decode(&bom).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (TEXT, "utf-8"));
        let (gbk, _, _) = encoding_rs::GBK.encode(TEXT);
        assert_eq!(decode(&gbk).unwrap().text, TEXT);
        let mut le = vec![0xFF, 0xFE];
        for u in TEXT.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (TEXT, "utf-16le"));
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(&be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (TEXT, "utf-16be"));
    }

    #[test]
    fn utf16_is_decoded_only_where_it_could_be_plausible() {
        let le: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert!(utf16_may_be_plausible(&le, 1) && utf16_may_be_plausible(&be, 0));
        assert!(!utf16_may_be_plausible(&le, 0) && !utf16_may_be_plausible(&be, 1));
        // GBK bytes at either parity (one byte shifted, too).
        let long = TEXT.repeat(20);
        let (gbk, _, _) = encoding_rs::GBK.encode(&long);
        for bytes in [&gbk[..], &gbk[1..]] {
            assert!(!utf16_may_be_plausible(bytes, 0) && !utf16_may_be_plausible(bytes, 1));
        }
        let le_no_bom: Vec<u8> = TEXT.repeat(3).encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(utf16_guess(&le_no_bom), Some(encoding_rs::UTF_16LE));
    }

    #[test]
    fn damaged_and_binary() {
        let mut cut = TEXT.as_bytes().to_vec();
        cut.truncate(cut.len() - 1);
        let d = decode(&cut).unwrap();
        assert_eq!(d.warnings.len(), 1);
        let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(decode(&binary).is_err());
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"%PDF-1.7", Path::new("a.txt")), Format::Pdf);
        assert_eq!(sniff(b"<!DOCTYPE html><html>", Path::new("a")), Format::Html);
        assert_eq!(sniff("一、总体".as_bytes(), Path::new("a.html")), Format::Text);
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], Path::new("a.doc")), Format::LegacyWord);
        assert_eq!(sniff(b"\r\n%PDF-1.4", Path::new("a")), Format::Pdf);
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(std::iter::repeat_n(0u8, 100_000));
        zip.extend_from_slice(b"PK\x01\x02word/document.xml");
        assert_eq!(sniff(&zip, Path::new("download.bin")), Format::Docx);
        // An HTML fragment from a text field, whatever the extension.
        assert_eq!(sniff("<p>一、总体要求</p><p>全面落实。</p>".as_bytes(), Path::new("row22.txt")), Format::Html);
        assert_eq!(sniff("一、总体要求<br>全面落实。<br>".as_bytes(), Path::new("row22.txt")), Format::Text);
        assert_eq!(sniff("<p>只有一段</p>".as_bytes(), Path::new("a.txt")), Format::Text);
    }
}
