//! PDFs with a text layer, read with `pdf-extract` (on `lopdf`), which decodes
//! the CID fonts Chinese PDFs use through their ToUnicode maps and reports
//! every glyph with its position. From the glyphs this module rebuilds:
//!
//! * **lines** in reading order (top to bottom, glyphs on a baseline left to
//!   right; a wide gap between glyphs becomes a space);
//! * **page furniture removed**: running headers and footers (lines at the top
//!   or bottom of a page that repeat, digits aside, on most pages) and page
//!   numbers (`- 3 -`, `— 3 —`, `第3页`, `第3页 共12页`, `3/12`, `Page 3`);
//! * **paragraphs**: a line is joined to the one before it (also across a page
//!   break) when that line runs to the right margin and this one is neither
//!   indented nor set apart by extra space; centred lines (titles) stand alone.
//!
//! A PDF whose pages carry no text at all is a scanned image: the error says
//! so and suggests OCR. Multi-column layouts are read column-blind (a policy
//! document is set in one column).
//!
//! ```
//! use zhengce::input::formats::pdf::is_page_number;
//! assert!(is_page_number("- 3 -") && is_page_number("第 3 页 共 12 页") && is_page_number("3/12"));
//! assert!(!is_page_number("3.加强保障"));
//! ```

use std::collections::HashMap;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::{join_lines, FormatError};
use crate::error::{Warning, WarningKind};
use crate::input::read::Decoded;

#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    /// Advance width on the page.
    w: f64,
    size: f64,
    s: String,
}

#[derive(Debug, Default)]
struct PageGlyphs {
    glyphs: Vec<Glyph>,
}

#[derive(Default)]
struct Collector {
    pages: Vec<PageGlyphs>,
    cur: Option<PageGlyphs>,
}

impl OutputDev for Collector {
    fn begin_page(&mut self, _page_num: u32, _media_box: &MediaBox, _art_box: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.cur = Some(PageGlyphs::default());
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        if let Some(p) = self.cur.take() {
            self.pages.push(p);
        }
        Ok(())
    }
    fn output_character(&mut self, trm: &Transform, width: f64, _spacing: f64, font_size: f64, char: &str) -> Result<(), OutputError> {
        // The glyph's size on the page: the font size through the text matrix
        // (euclid's row-vector convention: (x, y) · [[m11 m12] [m21 m22]]).
        let (vx, vy) = (font_size * (trm.m11 + trm.m21), font_size * (trm.m12 + trm.m22));
        let size = (vx * vy).abs().sqrt();
        if let Some(p) = self.cur.as_mut() {
            if size.is_finite() && size > 0.0 && !char.is_empty() {
                p.glyphs.push(Glyph { x: trm.m31, y: trm.m32, w: width * size, size, s: char.to_string() });
            }
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// One line of a page.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
}

fn is_space(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}')
}

/// Glyph positions with pdf-extract's width error taken out.
///
/// pdf-extract 0.12 misreads the range form (`first last width`) of a CID
/// font's `/W` array and gives those glyphs the default width, a full em:
/// Latin letters and digits in a Chinese PDF come out twice as wide as they
/// are, and every later glyph of the same text run is pushed right. An ASCII
/// glyph reported a full em wide is given half an em, and the excess is taken
/// off the glyphs after it until the text is positioned anew (a move left, a
/// jump right or a new baseline).
fn corrected(page: &PageGlyphs) -> Vec<Glyph> {
    let mut out = Vec::with_capacity(page.glyphs.len());
    let mut acc = 0.0;
    let mut prev: Option<&Glyph> = None;
    for g in &page.glyphs {
        if let Some(p) = prev {
            let expected = p.x + p.w;
            if (g.y - p.y).abs() > 0.4 * p.size.max(g.size) || g.x < expected - 0.3 * g.size || g.x > expected + 2.0 * g.size {
                acc = 0.0;
            }
        }
        let ascii = g.s.is_ascii();
        let w = if ascii && g.w > 0.75 * g.size { 0.5 * g.size } else { g.w };
        out.push(Glyph { x: g.x - acc, y: g.y, w, size: g.size, s: g.s.clone() });
        acc += g.w - w;
        prev = Some(g);
    }
    out
}

/// Glyphs grouped into lines on shared baselines, top to bottom.
fn lines_of(page: &PageGlyphs) -> Vec<Line> {
    let glyphs = corrected(page);
    let mut gs: Vec<&Glyph> = glyphs.iter().collect();
    gs.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    for g in gs {
        match groups.last_mut() {
            Some(grp) if (grp[0].y - g.y).abs() <= 0.4 * grp[0].size.max(g.size) => grp.push(g),
            _ => groups.push(vec![g]),
        }
    }
    let mut lines = Vec::new();
    for mut grp in groups {
        grp.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut text = String::new();
        let mut end: Option<f64> = None;
        let mut last: Option<&Glyph> = None;
        let mut x0 = f64::INFINITY;
        let mut x1 = f64::NEG_INFINITY;
        let size = median(grp.iter().map(|g| g.size).collect());
        for g in grp {
            // Fake bold: the same glyph printed twice, slightly shifted.
            if last.is_some_and(|l| l.s == g.s && (g.x - l.x).abs() < 0.3 * g.size) {
                continue;
            }
            if let Some(e) = end {
                if g.x - e > 0.25 * size && !text.ends_with(char::is_whitespace) && !is_space(&g.s) {
                    text.push(' ');
                }
            }
            text.push_str(&g.s);
            if !is_space(&g.s) {
                x0 = x0.min(g.x);
                x1 = x1.max(g.x + g.w);
            }
            end = Some(g.x + g.w);
            last = Some(g);
        }
        let y = last.map_or(0.0, |g| g.y);
        if !is_space(&text) {
            lines.push(Line { text, x0, x1, y, size });
        }
    }
    lines
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

pub use crate::text::lines::is_page_number;

/// The text of a line with digits masked, to recognise a running header or footer.
fn furniture_key(s: &str) -> String {
    let mut k = String::new();
    for c in s.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}') {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            if !k.ends_with('#') {
                k.push('#');
            }
        } else {
            k.push(c);
        }
    }
    k
}

/// Remove running headers, footers and page numbers.
fn strip_furniture(pages: &mut [Vec<Line>]) -> usize {
    const EDGE: usize = 2;
    let n_pages = pages.iter().filter(|p| !p.is_empty()).count();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for p in pages.iter() {
        let mut seen: Vec<String> = Vec::new();
        let n = p.len();
        for (i, l) in p.iter().enumerate() {
            if i < EDGE || i + EDGE >= n {
                let k = furniture_key(&l.text);
                if !seen.contains(&k) {
                    *counts.entry(k.clone()).or_default() += 1;
                    seen.push(k);
                }
            }
        }
    }
    // A line repeated at the edges of most pages (at least two) is furniture.
    let repeated =
        |k: &str| n_pages >= 2 && counts.get(k).copied().unwrap_or(0) * 2 > n_pages.max(2) && counts.get(k).copied().unwrap_or(0) >= 2;
    let mut removed = 0;
    for p in pages.iter_mut() {
        let n = p.len();
        let mut keep = Vec::with_capacity(n);
        for (i, l) in p.drain(..).enumerate() {
            let edge = i < EDGE || i + EDGE >= n;
            if edge && (is_page_number(&l.text) || repeated(&furniture_key(&l.text))) {
                removed += 1;
            } else {
                keep.push(l);
            }
        }
        *p = keep;
    }
    removed
}

/// Join lines into paragraphs using the layout (see the module documentation).
fn paragraphs(pages: &[Vec<Line>]) -> Vec<String> {
    let all: Vec<&Line> = pages.iter().flatten().collect();
    if all.is_empty() {
        return Vec::new();
    }
    // The text block: the common left edge and the right margin, over the whole document.
    let size = median(all.iter().map(|l| l.size).collect());
    let left = mode_left(&all, size);
    let right = {
        let mut ends: Vec<f64> = all.iter().map(|l| l.x1).collect();
        ends.sort_by(f64::total_cmp);
        ends[(ends.len() * 9 / 10).min(ends.len() - 1)]
    };
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<(&Line, bool)> = None; // the previous line and whether it was on this page
    for page in pages {
        // The usual distance between lines on this page.
        let pitch = median(page.windows(2).map(|w| w[0].y - w[1].y).filter(|d| *d > 0.0).collect());
        for (i, l) in page.iter().enumerate() {
            let centred = l.x0 > left + 2.0 * size && l.x1 < right - 2.0 * size && (l.x0 - left - (right - l.x1)).abs() < 2.0 * size;
            let indented = l.x0 > left + 0.8 * size;
            let join = match prev {
                Some((p, same_page)) => {
                    let p_centred =
                        p.x0 > left + 2.0 * size && p.x1 < right - 2.0 * size && (p.x0 - left - (right - p.x1)).abs() < 2.0 * size;
                    let full = p.x1 >= right - 1.5 * p.size.max(size);
                    let spaced = same_page && i > 0 && pitch > 0.0 && (p.y - l.y) > 1.45 * pitch;
                    let same_size = (p.size - l.size).abs() <= 0.15 * size;
                    full && !indented && !spaced && same_size && !centred && !p_centred
                }
                None => false,
            };
            if join {
                let last = out.last_mut().expect("a line to join");
                // Latin words wrap at a space, which the layout drops; Chinese
                // and a number broken across lines join without one.
                let (a, b) = (last.chars().next_back().unwrap_or(' '), l.text.trim().chars().next().unwrap_or(' '));
                if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() && !(a.is_ascii_digit() && b.is_ascii_digit()) {
                    last.push(' ');
                }
                last.push_str(l.text.trim());
            } else {
                out.push(l.text.trim().to_string());
            }
            prev = Some((l, true));
        }
        if let Some((p, _)) = prev {
            prev = Some((p, false));
        }
    }
    out
}

/// The left margin: the leftmost edge shared by a fair number of lines (the
/// first lines of short paragraphs, indented, can outnumber the lines that
/// start at the margin; a stray line further left is not the margin).
fn mode_left(lines: &[&Line], size: f64) -> f64 {
    let q = (size / 4.0).max(0.5);
    let mut counts: HashMap<i64, (usize, f64)> = HashMap::new();
    for l in lines {
        let e = counts.entry((l.x0 / q).round() as i64).or_insert((0, l.x0));
        e.0 += 1;
        e.1 = e.1.min(l.x0);
    }
    let need = (lines.len() / 20).max(2).min(lines.len());
    let mut buckets: Vec<(i64, (usize, f64))> = counts.into_iter().collect();
    buckets.sort_by_key(|b| b.0);
    buckets.iter().find(|(_, (n, _))| *n >= need).or_else(|| buckets.iter().max_by_key(|(_, (n, _))| *n)).map_or(0.0, |(_, (_, x))| *x)
}

/// Extract the text of a PDF (see the module documentation).
pub fn extract(bytes: &[u8]) -> Result<Decoded, FormatError> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| FormatError::Unsupported(format!("damaged PDF: {e}")))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(FormatError::Unsupported("the PDF is encrypted with a password; save an unprotected copy first".into()));
    }
    let mut c = Collector::default();
    pdf_extract::output_doc(&doc, &mut c)
        .map_err(|e| FormatError::Unsupported(format!("damaged PDF: the text layer cannot be read ({e})")))?;
    let n_pages = c.pages.len();
    let mut warnings = Vec::new();
    let mut pages: Vec<Vec<Line>> = c.pages.iter().map(lines_of).collect();
    let empty: Vec<usize> = pages.iter().enumerate().filter(|(_, p)| p.is_empty()).map(|(i, _)| i + 1).collect();
    if n_pages == 0 || empty.len() == n_pages {
        return Err(FormatError::Unsupported(format!(
            "the PDF has no text layer ({} page{} of images only: a scanned document); run OCR on it first, e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`",
            n_pages,
            if n_pages == 1 { "" } else { "s" }
        )));
    }
    if !empty.is_empty() {
        warnings.push(Warning::new(
            WarningKind::PdfNoText,
            format!(
                "page{} {} of {n_pages} ha{} no text layer (scanned?) and {} not read",
                if empty.len() == 1 { "" } else { "s" },
                empty.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", "),
                if empty.len() == 1 { "s" } else { "ve" },
                if empty.len() == 1 { "was" } else { "were" }
            ),
        ));
    }
    // Fonts without a Unicode mapping give private-use or replacement characters.
    let (n, bad) = c
        .pages
        .iter()
        .flat_map(|p| p.glyphs.iter())
        .flat_map(|g| g.s.chars())
        .fold((0usize, 0usize), |(n, b), ch| (n + 1, b + usize::from(('\u{E000}'..='\u{F8FF}').contains(&ch) || ch == '\u{FFFD}')));
    if bad * 10 > n {
        warnings.push(Warning::new(
            WarningKind::PdfUnmapped,
            format!("{bad} of {n} characters have no Unicode mapping in the PDF's fonts; the text is garbled there (OCR would read it)"),
        ));
    }
    strip_furniture(&mut pages);
    let text = join_lines(paragraphs(&pages));
    Ok(Decoded { text, encoding: "utf-8", warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f64, x1: f64, y: f64) -> Line {
        Line { text: text.into(), x0, x1, y, size: 12.0 }
    }

    #[test]
    fn page_numbers() {
        for s in ["- 3 -", "— 12 —", "－3－", "3", "第3页", "第 3 页 共 12 页", "共12页 第3页", "3/12", "Page 3", "page 3 of 12"]
        {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["3.加强保障", "2019", "第三条", "一、总体要求", "共3项", "20%"] {
            assert!(!is_page_number(s) || s == "2019", "{s}");
        }
    }

    #[test]
    fn headers_footers_and_paragraphs() {
        // Three pages: a running header, page numbers, a paragraph broken across a page.
        let page = |n: usize, body: Vec<Line>| {
            let mut v = vec![line("吉林省人民政府公报", 250.0, 350.0, 800.0)];
            v.extend(body);
            v.push(line(&format!("- {n} -"), 290.0, 310.0, 40.0));
            v
        };
        let mut pages = vec![
            page(
                1,
                vec![
                    line("一、总体要求", 72.0, 150.0, 700.0),
                    line("　　全面落实党中央要求，对标先进经验，", 96.0, 523.0, 680.0),
                    line("加强建设。", 72.0, 130.0, 660.0),
                ],
            ),
            page(2, vec![line("　　二、主要任务提高保障标准，城市低保", 96.0, 522.0, 700.0)]),
            page(3, vec![line("标准不低于上年度的20%。", 72.0, 300.0, 700.0), line("（责任单位：救助处）", 96.0, 220.0, 680.0)]),
        ];
        assert_eq!(strip_furniture(&mut pages), 6);
        let paras = paragraphs(&pages);
        assert_eq!(
            paras,
            vec![
                "一、总体要求",
                "全面落实党中央要求，对标先进经验，加强建设。",
                "二、主要任务提高保障标准，城市低保标准不低于上年度的20%。",
                "（责任单位：救助处）"
            ]
        );
    }

    #[test]
    fn misread_latin_widths_are_corrected() {
        // "支持100个" in one text run, the digits reported a full em wide.
        let g = |s: &str, x: f64| Glyph { x, y: 700.0, w: 12.0, size: 12.0, s: s.into() };
        let page = PageGlyphs {
            glyphs: vec![g("支", 72.0), g("持", 84.0), g("1", 96.0), g("0", 108.0), g("0", 120.0), g("个", 132.0), g("新", 72.0 + 24.0)],
        };
        let c = corrected(&page);
        assert_eq!(c.iter().map(|g| g.x).collect::<Vec<_>>(), vec![72.0, 84.0, 96.0, 102.0, 108.0, 114.0, 96.0]);
        let lines = lines_of(&PageGlyphs { glyphs: page.glyphs[..6].to_vec() });
        assert_eq!((lines[0].text.as_str(), lines[0].x1), ("支持100个", 126.0));
    }

    /// A one-page PDF whose page has the given content stream, made with lopdf.
    fn pdf_with_content(content: &[u8]) -> Vec<u8> {
        use pdf_extract::{Dictionary, Document, Object, Stream};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let content_id = doc.add_object(Stream::new(Dictionary::new(), content.to_vec()));
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference(pages_id));
        page.set("Contents", Object::Reference(content_id));
        page.set("Resources", Object::Dictionary(Dictionary::new()));
        page.set("MediaBox", Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]));
        let page_id = doc.add_object(page);
        let mut pages = Dictionary::new();
        pages.set("Type", Object::Name(b"Pages".to_vec()));
        pages.set("Kids", Object::Array(vec![Object::Reference(page_id)]));
        pages.set("Count", Object::Integer(1));
        doc.objects.insert(pages_id, Object::Dictionary(pages));
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages_id));
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", Object::Reference(catalog_id));
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn damaged_and_scanned() {
        let e = extract(b"%PDF-1.4\n garbage").unwrap_err();
        assert!(matches!(&e, FormatError::Unsupported(m) if m.contains("damaged PDF")), "{e:?}");
        // A page that only paints (an image would be drawn the same way): no text layer.
        let e = extract(&pdf_with_content(b"q 100 0 0 100 50 700 cm 0 0 1 1 re f Q")).unwrap_err();
        assert!(matches!(&e, FormatError::Unsupported(m) if m.contains("no text layer") && m.contains("OCR")), "{e:?}");
    }
}
