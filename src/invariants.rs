//! The promises of [`crate::pipeline::invariants`], checked on whole runs of
//! the stages: decoding arbitrary bytes, normalisation and structure of one
//! text, and the whole pipeline with every frame. The property tests and the
//! fuzz targets call these; the pipeline itself runs the per-document checks.
//!
//! ```
//! use zhengce::invariants::check_pipeline;
//! assert_eq!(check_pipeline("一、任务\n1.提高标准。（责任单位：救助处）"), Ok(()));
//! ```

use crate::model::document::Document;
pub use crate::pipeline::invariants::*;

/// Decoding arbitrary bytes (also read as a web page): no panic, and bytes that are already clean UTF-8
/// text (no byte order mark, no NUL) decode to exactly themselves.
pub fn check_decoding(bytes: &[u8]) -> Result<(), Violation> {
    let _ = crate::input::read::sniff(bytes, std::path::Path::new("fuzz.txt"));
    let _ = crate::input::read::sniff(bytes, std::path::Path::new("fuzz.html"));
    // Web pages: the choice of the article body, the metadata table and the
    // walk over the tree (deeply nested pages included) never panic.
    let _ = crate::input::formats::html::extract(bytes);
    let decoded = crate::input::read::decode(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        if !s.starts_with('\u{feff}') && !s.contains('\0') {
            match decoded {
                Ok(d) if d.text == s && d.encoding == "utf-8" => {}
                Ok(d) => return Err(format!("clean UTF-8 decoded as {} to a different text", d.encoding)),
                Err(e) => return Err(format!("clean UTF-8 refused: {}", e.0)),
            }
        }
    }
    Ok(())
}

/// Normalisation and structure of one text, checked.
pub fn check_structure(raw: &str) -> Result<(), Violation> {
    let layout = crate::layout::structure::Layout::default();
    let n = layout.normalize(raw);
    check_normalized(raw, &n)?;
    let blocks = crate::layout::structure::parse(&n.text, &n.lines, &layout);
    let doc = Document {
        doc_id: "check".into(),
        source: crate::model::document::Source {
            source: "check".into(),
            format: "text".into(),
            encoding: "utf-8".into(),
            bytes: raw.len() as u64,
        },
        text: n.text.into(),
        meta: Default::default(),
        blocks,
        targets: Vec::new(),
        deadlines: Vec::new(),
        slogans: Vec::new(),
        warnings: Vec::new(),
        labels: Default::default(),
    };
    check_blocks(&doc)
}

/// Character offsets of a frame's `start`/`end` columns slice `chars` into
/// the piece the `check` closure expects (row index, piece).
fn check_frame_offsets(
    df: &polars::prelude::DataFrame,
    chars: &[char],
    mut check: impl FnMut(usize, &str) -> Result<(), Violation>,
) -> Result<(), Violation> {
    let col = |name: &str| -> Result<Vec<i64>, Violation> {
        let c = df.column(name).map_err(|e| e.to_string())?;
        let c = c.i64().map_err(|e| e.to_string())?;
        (0..c.len()).map(|i| c.get(i).ok_or_else(|| format!("null in {name}"))).collect()
    };
    let (starts, ends) = (col("start")?, col("end")?);
    for (i, (&s, &e)) in starts.iter().zip(&ends).enumerate() {
        if s < 0 || s > e || e as usize > chars.len() {
            return Err(format!("row {i}: character offsets {s}..{e} outside a text of {} characters", chars.len()));
        }
        let piece: String = chars[s as usize..e as usize].iter().collect();
        check(i, &piece)?;
    }
    Ok(())
}

fn str_col(df: &polars::prelude::DataFrame, name: &str) -> Result<Vec<String>, Violation> {
    let c = df.column(name).map_err(|e| e.to_string())?;
    let c = c.str().map_err(|e| e.to_string())?;
    Ok((0..c.len()).map(|i| c.get(i).unwrap_or_default().to_string()).collect())
}

/// The whole pipeline and every frame on one text, checked: one document, no
/// internal error, the document's promises, and frame offsets that slice the
/// text into the frame's own `text`/`span` columns.
pub fn check_pipeline(raw: &str) -> Result<(), Violation> {
    use crate::frames;
    use crate::pipeline::corpus::{Corpus, Options};
    check_structure(raw)?;
    let c = Corpus::from_texts(vec![("check".into(), raw.to_string())], &Options::default());
    if let Some(e) = c.errors.iter().find(|e| e.severity == "error" || e.message.contains("internal error")) {
        return Err(format!("{}: {}", e.kind, e.message));
    }
    let doc = c.documents.first().ok_or("no document")?;
    check_document(doc)?;
    let chars: Vec<char> = doc.text.chars().collect();
    // Every frame of the registry builds; some are checked further below.
    let built = frames::FRAMES
        .iter()
        .map(|f| Ok((f.name, (f.build)(&c).map_err(|e| format!("frame {}: {e}", f.name))?)))
        .collect::<Result<Vec<_>, Violation>>()?;
    let get = |name: &str| built.iter().find(|(n, _)| *n == name).map(|(_, df)| df).ok_or(format!("no frame {name}"));
    let blocks = get("blocks")?;
    let (markers, texts) = (str_col(blocks, "marker")?, str_col(blocks, "text")?);
    check_frame_offsets(blocks, &chars, |i, piece| {
        let rest = piece.strip_prefix(markers[i].as_str()).ok_or_else(|| format!("block row {i} does not start with its marker"))?;
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        (rest == texts[i]).then_some(()).ok_or_else(|| format!("block row {i}: text column differs from the slice"))
    })?;
    let records = get("records")?;
    let n_records = doc.blocks.iter().filter(|b| b.kind.is_record()).count();
    if records.height() != n_records {
        return Err(format!("records frame has {} rows for {n_records} records", records.height()));
    }
    let targets = get("targets")?;
    let spans = str_col(targets, "span")?;
    check_frame_offsets(targets, &chars, |i, piece| {
        (piece == spans[i]).then_some(()).ok_or_else(|| format!("target row {i}: span differs from the slice"))
    })?;
    let evidence = get("strength_terms")?;
    let terms = str_col(evidence, "term")?;
    check_frame_offsets(evidence, &chars, |i, piece| {
        (piece == terms[i]).then_some(()).ok_or_else(|| format!("strength_terms row {i}: term differs from the slice"))
    })?;
    let tokens = get("tokens")?;
    let words = str_col(tokens, "token")?;
    check_frame_offsets(tokens, &chars, |i, piece| {
        (piece == words[i]).then_some(()).ok_or_else(|| format!("token row {i}: {:?} differs from the slice {piece:?}", words[i]))
    })?;
    Ok(())
}
