//! Keyword in context: every occurrence of a word, phrase or regular
//! expression in the records of a corpus, with the characters around it
//! (within the record) and offsets into the document's text.
//!
//! ```
//! use zhengce::{compare::kwic::kwic, Corpus, Options};
//! let c = Corpus::from_texts(vec![("d".into(), "一、任务\n1.提高城乡低保标准，落实低保政策。".into())], &Options::default());
//! let k = kwic(&c.documents, "低保", 2, false).unwrap();
//! assert_eq!(k.height(), 2);
//! assert_eq!(k.column("left").unwrap().str().unwrap().get(0), Some("城乡"));
//! ```

use polars::prelude::*;
use rayon::prelude::*;

use super::{col, frame, value_error};
use crate::error::Error;
use crate::frames::CharCursor;
use crate::model::document::Document;

/// One occurrence: document, record, byte span of the match, and the
/// record's byte span (the context stops at its edges).
struct Hit {
    doc: usize,
    record: usize,
    start: usize,
    end: usize,
}

/// The occurrences of `pattern` (a literal, or a regular expression with
/// `regex`) in the records of `docs`: doc_id, path, record_id, start, end
/// (character offsets into the document's text), left, match, right (up to
/// `window` characters on either side, within the record). In document and
/// text order.
pub fn kwic(docs: &[Document], pattern: &str, window: usize, regex: bool) -> Result<DataFrame, Error> {
    if pattern.is_empty() {
        return Err(value_error("pattern", "an empty pattern matches everywhere"));
    }
    let re = if regex {
        Some(regex::Regex::new(pattern).map_err(|e| value_error("pattern", format!("not a regular expression: {e}")))?)
    } else {
        None
    };
    let hits: Vec<Hit> = docs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(k, d)| {
            let mut out = Vec::new();
            for (i, b) in d.records() {
                let text = &d.text[b.start..b.end];
                let mut push = |s: usize, e: usize| {
                    if e > s {
                        out.push(Hit { doc: k, record: i, start: b.start + s, end: b.start + e });
                    }
                };
                match &re {
                    Some(re) => re.find_iter(text).for_each(|m| push(m.start(), m.end())),
                    None => text.match_indices(pattern).for_each(|(s, m)| push(s, s + m.len())),
                }
            }
            out
        })
        .collect();
    let (mut doc_id, mut path, mut record_id, mut start, mut end, mut left, mut mid, mut right) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    let mut cursor: Option<(usize, CharCursor)> = None;
    for h in &hits {
        let d = &docs[h.doc];
        let b = &d.blocks[h.record];
        if cursor.as_ref().is_none_or(|c| c.0 != h.doc) {
            cursor = Some((h.doc, CharCursor::new(&d.text)));
        }
        let cur = &mut cursor.as_mut().expect("set above").1;
        doc_id.push(d.doc_id.as_str());
        path.push(b.path.as_str());
        record_id.push(h.record as i64);
        start.push(cur.at(h.start) as i64);
        end.push(cur.at(h.end) as i64);
        let before = &d.text[b.start..h.start];
        let skip = before.chars().count().saturating_sub(window);
        left.push(before.chars().skip(skip).collect::<String>());
        mid.push(&d.text[h.start..h.end]);
        right.push(d.text[h.end..b.end].chars().take(window).collect::<String>());
    }
    let h = hits.len();
    frame(
        h,
        vec![
            col("doc_id", doc_id),
            col("path", path),
            col("record_id", record_id),
            col("start", start),
            col("end", end),
            col("left", left),
            col("match", mid),
            col("right", right),
        ],
    )
}
