//! Messy input: what the pipeline tells a researcher about a document that
//! was read but is probably not what they meant to read, and the last checks
//! before a document leaves the core.
//!
//! Every outcome for bad input (empty files, binary data, broken encodings,
//! HTML residue, huge or deeply numbered documents …) is listed in the README
//! section "Messy input".
//!
//! ```
//! use zhengce::pipeline::corpus::{Corpus, Options};
//! let c = Corpus::from_texts(vec![("blank".into(), " \n\u{3000}\r\n".into())], &Options::default());
//! assert_eq!(c.documents[0].blocks.len(), 0);
//! assert!(c.errors[0].message.contains("only white space"));
//! ```

use crate::error::{Error, Warning, WarningKind};
use crate::model::document::{BlockKind, Document};

/// Tag names that betray a web page saved or pasted as plain text.
const TAGS: [&str; 20] = [
    "p", "br", "div", "span", "td", "tr", "table", "font", "a", "img", "strong", "b", "li", "ul", "h1", "h2", "h3", "h4", "style", "script",
];
/// Named character references seen in such pages.
const ENTITIES: [&str; 10] = ["nbsp;", "amp;", "lt;", "gt;", "quot;", "ldquo;", "rdquo;", "mdash;", "emsp;", "ensp;"];

/// Count HTML tags (`<p>`, `</div>`, `<br/>`, `<span class=…>`) and character
/// references (`&nbsp;`, `&#8220;`) in `s`, up to `limit`.
fn markup_count(s: &str, limit: usize) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    // Only a < or an & can start markup: jump from one to the next.
    for i in memchr::memchr2_iter(b'<', b'&', b) {
        if n >= limit {
            break;
        }
        match b[i] {
            b'<' => {
                let j = i + 1 + usize::from(b.get(i + 1) == Some(&b'/'));
                let name_end = b[j..].iter().position(|c| !c.is_ascii_alphanumeric()).map_or(b.len(), |k| j + k);
                let name = &s[j..name_end];
                let closed = matches!(b.get(name_end), Some(b'>' | b'/' | b' ' | b'\t' | b'\n'));
                if closed && TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
                    n += 1;
                }
            }
            b'&' => {
                let rest = &b[i + 1..];
                let numeric = rest.first() == Some(&b'#') && {
                    let digits = rest[1..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
                    (1..=7).contains(&digits) && rest.get(1 + digits) == Some(&b';')
                };
                if numeric || ENTITIES.iter().any(|e| rest.len() >= e.len() && rest[..e.len()].eq_ignore_ascii_case(e.as_bytes())) {
                    n += 1;
                }
            }
            _ => {}
        }
    }
    n
}

/// How many markup tags or entities make a text file "HTML residue".
const HTML_RESIDUE_MIN: usize = 3;

/// Warnings about a document that was read but may not be what the
/// researcher meant: an empty file, white space only, no numbered structure,
/// markup left over from a web page, text damaged by an earlier wrong decoding.
pub fn input_warnings(raw: &str, doc: &Document) -> Vec<Warning> {
    let mut out = Vec::new();
    if raw.is_empty() {
        out.push(Warning::new(WarningKind::EmptyFile, "the file is empty: no text to read (an interrupted download?)"));
        return out;
    }
    if doc.text.is_empty() {
        out.push(Warning::new(
            WarningKind::BlankText,
            format!("the file holds only white space and invisible characters ({} bytes): no text to read", raw.len()),
        ));
        return out;
    }
    if !doc.blocks.iter().any(|b| b.kind == BlockKind::Task || b.kind == BlockKind::Heading) {
        out.push(Warning::new(
            WarningKind::NoStructure,
            "no numbered task structure (一、 （一） 1. 第一条 …) was found: the text is kept as front-matter records with path \"\"",
        ));
    }
    let tags = if doc.source.format == "text" { markup_count(raw, 10_000) } else { 0 };
    if tags >= HTML_RESIDUE_MIN {
        out.push(Warning::new(WarningKind::HtmlResidue, format!(
            "{}{tags} HTML tags or entities in a plain-text document (a web page saved as text?): they are kept as text; save the page as .html to have them removed",
            if tags == 10_000 { "at least " } else { "" }
        )));
    }
    out.extend(layout_warnings(doc));
    let replaced = memchr::memmem::find_iter(doc.text.as_bytes(), "\u{FFFD}".as_bytes()).count();
    if replaced > 0 && !doc.warnings.iter().any(|w| w.message.contains("U+FFFD")) {
        out.push(Warning::new(
            WarningKind::ReplacementChars,
            format!("the text holds {replaced} replacement characters (U+FFFD): it was damaged by a wrong decoding before zhengce read it"),
        ));
    }
    out
}

/// A record holding more than this share of a document's characters has
/// probably swallowed text the structure did not see (a list typed without
/// markers, a second text, an attachment).
const DOMINANT_SHARE: f64 = 0.5;
/// Documents shorter than this (characters) are not checked for a dominant record.
const DOMINANT_MIN_CHARS: usize = 1500;

/// Where the reading of a document is uncertain, so that a researcher can
/// list the documents to check by hand: numbered headings but no task record,
/// one record holding most of the text, attributions on some sibling items
/// but not on others, no province read for a document that is not national.
pub fn layout_warnings(doc: &Document) -> Vec<Warning> {
    let mut out = Vec::new();
    let tasks: Vec<&crate::model::document::Block> =
        doc.blocks.iter().filter(|b| b.kind == BlockKind::Task && !b.path.is_empty()).collect();
    if tasks.is_empty() && doc.blocks.iter().any(|b| b.kind == BlockKind::Heading) {
        out.push(Warning::new(
            WarningKind::NoTaskRecords,
            "numbered headings but no task record: the items may be typed in a way zhengce does not read (check the records by hand)",
        ));
    }
    let n_chars = doc.text.len();
    if n_chars >= DOMINANT_MIN_CHARS * 3 {
        if let Some(big) = tasks.iter().max_by_key(|b| b.end - b.start) {
            let share = (big.end - big.start) as f64 / n_chars as f64;
            if share > DOMINANT_SHARE {
                out.push(Warning::new(
                    WarningKind::DominantRecord,
                    format!(
                        "record {} holds {:.0}% of the text: it may hold items or a second text that were not split",
                        big.path,
                        share * 100.0
                    ),
                ));
            }
        }
    }
    if let Some(w) = partial_attribution(&tasks) {
        out.push(w);
    }
    if doc.meta.province.is_none() && doc.meta.level.as_deref() != Some("national") && !doc.text.is_empty() {
        out.push(Warning::new(
            WarningKind::NoProvince,
            "no province could be read (no issuer, document number or place names): pass it with meta= or a manifest",
        ));
    }
    out
}

/// Sibling numbered items (one parent) of which at least half carry an
/// attribution and some do not: the missing ones may be written in a form
/// zhengce does not read.
fn partial_attribution(tasks: &[&crate::model::document::Block]) -> Option<Warning> {
    let mut groups: Vec<(&str, usize, Vec<&str>)> = Vec::new();
    for b in tasks.iter().filter(|b| !b.marker.is_empty()) {
        let parent = b.path.rsplit_once('.').map_or("", |(p, _)| p);
        let i = match groups.iter().position(|g| g.0 == parent) {
            Some(i) => i,
            None => {
                groups.push((parent, 0, Vec::new()));
                groups.len() - 1
            }
        };
        if b.departments.is_empty() {
            groups[i].2.push(b.path.as_str());
        } else {
            groups[i].1 += 1;
        }
    }
    let missing: Vec<&str> =
        groups.iter().filter(|g| g.1 >= 2 && g.1 >= g.2.len() && !g.2.is_empty()).flat_map(|g| g.2.iter().copied()).collect();
    (!missing.is_empty()).then(|| {
        let shown: Vec<&str> = missing.iter().take(8).copied().collect();
        Warning::new(
            WarningKind::PartialAttribution,
            format!(
                "{} items have no responsible department while their siblings have one: {}{}",
                missing.len(),
                shown.join(", "),
                if missing.len() > shown.len() { " …" } else { "" }
            ),
        )
    })
}

/// The last step of reading a document: add the input warnings, refuse a
/// document whose blocks break the promises of [`crate::pipeline::invariants`] (a bug,
/// reported as [`Error::Internal`] naming the file instead of crashing when
/// the frames are built), and drop extractions with stray offsets with a warning.
pub fn finish(raw: &str, mut doc: Document, source: &str) -> Result<Document, Error> {
    let warnings = input_warnings(raw, &doc);
    doc.warnings.extend(warnings);
    crate::pipeline::invariants::check_blocks(&doc).map_err(|reason| Error::Internal { path: source.into(), reason })?;
    if let Some(w) = crate::pipeline::invariants::drop_stray_items(&mut doc) {
        doc.warnings.push(Warning::new(WarningKind::StrayItems, w));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_is_counted_and_prose_is_not() {
        assert_eq!(super::markup_count("<P>甲</p><br/>&nbsp;&#8220;<span class=\"x\">乙</SPAN>", 100), 7);
        assert_eq!(super::markup_count("a < b、c<d、AT&T、《规定》<  p>、&#;、<pre>", 100), 0);
        assert_eq!(super::markup_count(&"<p>".repeat(50), 10), 10);
    }
}
