//! The promises every read document keeps, as checks: offsets inside the text
//! and on character boundaries, blocks in order and not overlapping, every
//! character of the normalised text in exactly one block, a block's heading
//! inside its text and its section titles a chain of earlier headings, every
//! extraction (department, target, slogan, deadline) inside the block it
//! names, and a normalisation that drops nothing but layout and invisible
//! characters.
//!
//! The pipeline runs [`check_blocks`] and [`drop_stray_items`] on every
//! document (so a bug cannot reach the frames as a crash); the property tests
//! and the fuzz targets run all of them.
//!
//! ```
//! use zhengce::pipeline::corpus::{Corpus, Options};
//! use zhengce::invariants::check_document;
//! let c = Corpus::from_texts(vec![("d".into(), "一、任务\n1.提高标准。（责任单位：救助处）".into())], &Options::default());
//! assert_eq!(check_document(&c.documents[0]), Ok(()));
//! ```

use crate::layout::normalize::Normalized;
use crate::model::document::Document;

/// A broken promise, described for a bug report.
pub type Violation = String;

fn range_ok(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Blocks: inside the text, on character boundaries, in order, not
/// overlapping, and together covering every character but the `\n` between
/// paragraphs. Departments lie inside their block.
pub fn check_blocks(doc: &Document) -> Result<(), Violation> {
    let text = &doc.text;
    let mut covered_to = 0usize;
    for (i, b) in doc.blocks.iter().enumerate() {
        if !(range_ok(text, b.start, b.end) && b.start <= b.text_start && b.text_start <= b.end && text.is_char_boundary(b.text_start)) {
            return Err(format!(
                "block {i}: offsets {}..{} (text from {}) outside the text of {} bytes or not on character boundaries",
                b.start,
                b.end,
                b.text_start,
                text.len()
            ));
        }
        if b.start < covered_to {
            return Err(format!("block {i} starts at {} inside the block before it (which ends at {covered_to})", b.start));
        }
        if let Some(c) = text[covered_to..b.start].chars().find(|&c| c != '\n') {
            return Err(format!("the character {c:?} before block {i} (bytes {covered_to}..{}) belongs to no block", b.start));
        }
        if b.start == b.end {
            return Err(format!("block {i} is empty"));
        }
        if !text[b.start..b.end].starts_with(b.marker.as_str()) {
            return Err(format!("block {i}: its text does not start with its marker {:?}", b.marker));
        }
        // The heading is a span of the block's own text, and the chain of
        // section titles runs up through earlier headings (so it ends).
        if !range_ok(text, b.heading_start, b.heading_end) || b.heading_start < b.text_start || b.heading_end > b.end {
            return Err(format!(
                "block {i}: heading at {}..{} outside its text {}..{}",
                b.heading_start, b.heading_end, b.text_start, b.end
            ));
        }
        if let Some(h) =
            b.section.map(|h| h as usize).filter(|&h| h >= i || doc.blocks[h].kind != crate::model::document::BlockKind::Heading)
        {
            return Err(format!("block {i}: its section points at block {h}, not an earlier heading"));
        }
        for d in &b.departments {
            if !range_ok(text, d.start, d.end) || d.start < b.start || d.end > b.end {
                return Err(format!(
                    "block {i}: department {:?} at {}..{} outside the block {}..{}",
                    d.name, d.start, d.end, b.start, b.end
                ));
            }
        }
        covered_to = b.end;
    }
    if let Some(c) = text[covered_to..].chars().find(|&c| c != '\n') {
        return Err(format!("the character {c:?} after the last block belongs to no block"));
    }
    Ok(())
}

/// Whether an item found in block `block` at `start..end` lies inside it.
fn item_ok(doc: &Document, block: usize, start: usize, end: usize) -> bool {
    doc.blocks.get(block).is_some_and(|b| range_ok(&doc.text, start, end) && start >= b.start && end <= b.end)
}

/// Targets, slogans and deadlines: inside the text and inside their block;
/// labels, when made, one per block.
pub fn check_items(doc: &Document) -> Result<(), Violation> {
    if !doc.labels.is_empty() && doc.labels.len() != doc.blocks.len() {
        return Err(format!("{} block labels for {} blocks", doc.labels.len(), doc.blocks.len()));
    }
    for t in &doc.targets {
        if !item_ok(doc, t.block, t.start, t.end) {
            return Err(format!("target at {}..{} outside its block {}", t.start, t.end, t.block));
        }
    }
    for s in &doc.slogans {
        if !item_ok(doc, s.block, s.start, s.end) {
            return Err(format!("slogan {:?} at {}..{} outside its block {}", s.text, s.start, s.end, s.block));
        }
    }
    for d in &doc.deadlines {
        if !item_ok(doc, d.block, d.start, d.end) {
            return Err(format!("deadline {:?} at {}..{} outside its block {}", d.phrase, d.start, d.end, d.block));
        }
    }
    Ok(())
}

/// Every promise about a document.
pub fn check_document(doc: &Document) -> Result<(), Violation> {
    check_blocks(doc)?;
    check_items(doc)
}

/// Remove targets, slogans and deadlines whose offsets are not inside their
/// block (a bug in an extractor) and say how many went, so that one bad
/// extraction costs neither the document nor the researcher's session.
pub fn drop_stray_items(doc: &mut Document) -> Option<String> {
    let (nt, ns, nd) = (doc.targets.len(), doc.slogans.len(), doc.deadlines.len());
    let keep_t: Vec<bool> = doc.targets.iter().map(|t| item_ok(doc, t.block, t.start, t.end)).collect();
    let keep_s: Vec<bool> = doc.slogans.iter().map(|s| item_ok(doc, s.block, s.start, s.end)).collect();
    let keep_d: Vec<bool> = doc.deadlines.iter().map(|d| item_ok(doc, d.block, d.start, d.end)).collect();
    let mut k = keep_t.iter();
    doc.targets.retain(|_| *k.next().unwrap_or(&false));
    let mut k = keep_s.iter();
    doc.slogans.retain(|_| *k.next().unwrap_or(&false));
    let mut k = keep_d.iter();
    doc.deadlines.retain(|_| *k.next().unwrap_or(&false));
    let dropped = (nt - doc.targets.len(), ns - doc.slogans.len(), nd - doc.deadlines.len());
    (dropped != (0, 0, 0)).then(|| {
        format!(
            "internal error: {} targets, {} slogans and {} deadlines with offsets outside their record were dropped (a bug in zhengce; please report it with this file)",
            dropped.0, dropped.1, dropped.2
        )
    })
}

/// White space, or a character normalisation removes (zero-width, control).
fn is_layout(c: char) -> bool {
    c.is_whitespace()
        || c == '\u{3000}'
        || c == '\u{00a0}'
        // What normalisation removes (zero-width marks, BOMs, soft hyphens, controls).
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}' | '\u{fffe}')
        || (c.is_control() && c != '\t' && c != '\n')
}

/// Normalisation drops nothing but layout: the visible characters of the
/// source, in order, are exactly those of the normalised text; lines cover the
/// text in order; every kept character maps back to itself in the source.
pub fn check_normalized(raw: &str, n: &Normalized) -> Result<(), Violation> {
    let mut a = raw.chars().filter(|&c| !is_layout(c));
    let mut b = n.text.chars().filter(|&c| !is_layout(c));
    let mut at = 0usize;
    loop {
        match (a.next(), b.next()) {
            (None, None) => break,
            (x, y) if x == y => at += 1,
            (x, y) => return Err(format!("visible character {at} differs: source {x:?}, normalised {y:?}")),
        }
    }
    let mut prev_end = 0usize;
    for (i, l) in n.lines.iter().enumerate() {
        if !range_ok(&n.text, l.start, l.end) || l.start == l.end || (i > 0 && l.start != prev_end + 1) || (i == 0 && l.start != 0) {
            return Err(format!("line {i} at {}..{} does not follow the line before it (ending at {prev_end})", l.start, l.end));
        }
        if n.text[l.start..l.end].contains('\n') {
            return Err(format!("line {i} holds a line break"));
        }
        prev_end = l.end;
    }
    if prev_end != n.text.len() {
        return Err(format!("the lines end at {prev_end}, the text at {}", n.text.len()));
    }
    for (i, c) in n.text.char_indices() {
        if c == '\n' || c == ' ' {
            continue;
        }
        let s = n.source_offset(i);
        if raw.get(s..).and_then(|r| r.chars().next()) != Some(c) {
            return Err(format!("normalised character {c:?} at byte {i} maps to source byte {s}, which holds something else"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::corpus::{Corpus, Options};

    fn doc() -> Document {
        let text = "一、主要任务\n（一）提高标准。城市低保标准不低于当地上年度人均可支配收入的20%，2020年底前完成。（责任单位：省民政厅）\n扫一扫在手机打开当前页";
        Corpus::from_texts(vec![("d".into(), text.into())], &Options::default()).documents.remove(0)
    }

    #[test]
    fn a_read_document_keeps_every_promise() {
        let d = doc();
        assert!(!d.targets.is_empty() && !d.blocks[1].departments.is_empty());
        assert_eq!(check_document(&d), Ok(()));
        assert_eq!(check_normalized("a\u{200b}b\r\n  c", &crate::layout::normalize::normalize("a\u{200b}b\r\n  c")), Ok(()));
    }

    #[test]
    fn broken_blocks_are_caught_and_refused_naming_the_file() {
        let mut d = doc();
        d.blocks[1].start -= 4; // overlaps the block before it (its last character, 务)
        assert!(check_blocks(&d).unwrap_err().contains("inside the block before"));
        let mut d = doc();
        d.blocks.remove(1); // a paragraph that belongs to no block
        assert!(check_blocks(&d).unwrap_err().contains("belongs to no block"));
        let mut d = doc();
        d.blocks[1].heading_end = d.blocks[1].end + 1; // a heading beyond its block
        assert!(check_blocks(&d).unwrap_err().contains("heading at"));
        let mut d = doc();
        assert_eq!(d.blocks[1].section, Some(0));
        d.blocks[0].section = Some(1); // a chain of section titles that would not end
        assert!(check_blocks(&d).unwrap_err().contains("not an earlier heading"));
        let mut d = doc();
        d.blocks[1].end = d.text.len() + 3;
        let e = crate::pipeline::messy::finish("", d, "plan.txt").unwrap_err();
        assert_eq!((e.kind(), e.path().map(|p| p.display().to_string())), ("internal", Some("plan.txt".to_string())));
    }

    #[test]
    fn stray_extractions_are_dropped_with_a_warning() {
        let mut d = doc();
        let n = d.targets.len();
        d.targets[0].end = d.text.len() + 1;
        d.targets[0].block = 0;
        assert!(check_items(&d).is_err());
        let w = drop_stray_items(&mut d).unwrap();
        assert!(w.contains("1 targets") && w.contains("internal error"));
        assert_eq!(d.targets.len(), n - 1);
        assert_eq!(check_document(&d), Ok(()));
        assert_eq!(drop_stray_items(&mut d), None);
    }

    #[test]
    fn normalisation_that_dropped_text_would_be_caught() {
        let raw = "一、加强\n建设。";
        let mut n = crate::layout::normalize::normalize(raw);
        n.text = n.text.replace('建', "");
        n.lines.last_mut().unwrap().end -= '建'.len_utf8();
        assert!(check_normalized(raw, &n).unwrap_err().contains("differs"));
    }
}
