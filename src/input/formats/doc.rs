//! Legacy Word files (.doc, Word 97–2003; WPS Office writes the same binary
//! format), still how many government sites publish their attachments.
//!
//! The file is a compound file (read by the `cfb` crate) whose `WordDocument`
//! stream holds the text in pieces; the piece table (the `Clx` in the table
//! stream `0Table` or `1Table`) says where each run of characters lies and
//! whether it is stored as UTF-16 or as 8-bit text ([MS-DOC] §2.4.1,
//! "Retrieving Text"). Only the main document is read (not headers, footnotes
//! or comments). Paragraph marks become line breaks, table cells tabs and
//! rows lines, as the other readers give them; of a field (a page number, a
//! hyperlink) the result is kept and the instruction dropped.
//!
//! Word's automatic list numbers are formatting, not text, and are not
//! restored here (the .docx reader restores them): documents that type their
//! markers (一、, （一）, 1.) read as the clean text would; a file that
//! defines Word lists gets the warning `doc_list_numbers`.
//!
//! ```no_run
//! let bytes = std::fs::read("notice.doc").unwrap();
//! let text = zhengce::input::formats::doc::extract(&bytes).unwrap().text;
//! ```

use std::io::{Cursor, Read};

use super::FormatError;
use crate::error::{Warning, WarningKind};
use crate::input::read::Decoded;

/// What the File Information Block says about where the text is.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Fib {
    /// The piece table is in `1Table` (else `0Table`).
    table1: bool,
    /// Characters of the main document (before footnotes, headers …).
    ccp_text: u32,
    /// Offset and size of the `Clx` in the table stream.
    fc_clx: u32,
    lcb_clx: u32,
    /// The file defines Word lists (PlfLst or PlfLfo is not empty): some
    /// paragraphs may be numbered automatically.
    lists: bool,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn unsupported(reason: impl Into<String>) -> FormatError {
    FormatError::Unsupported(reason.into())
}

impl Fib {
    /// Read the FIB at the start of the `WordDocument` stream ([MS-DOC]
    /// §2.5.1): the fixed FibBase (32 bytes), then three arrays, each after
    /// its count — 16-bit values, 32-bit values (ccpText is the fourth) and
    /// (offset, size) pairs (the Clx is the 34th).
    fn parse(w: &[u8]) -> Result<Fib, FormatError> {
        let damaged = || unsupported("damaged .doc: its File Information Block is cut short");
        if u16_at(w, 0) != Some(0xA5EC) {
            return Err(unsupported("not a Word document: the WordDocument stream does not start with a Word FIB"));
        }
        let n_fib = u16_at(w, 2).ok_or_else(damaged)?;
        if n_fib < 0x00C1 {
            return Err(unsupported("a Word 6/95 file (older than Word 97), which is not read; save it as .docx"));
        }
        let flags = u16_at(w, 0x0A).ok_or_else(damaged)?;
        if flags & 0x0100 != 0 {
            return Err(unsupported("the .doc file is password-protected (encrypted); save an unprotected copy as .docx"));
        }
        let csw = usize::from(u16_at(w, 32).ok_or_else(damaged)?);
        let lw = 32 + 2 + 2 * csw;
        let cslw = usize::from(u16_at(w, lw).ok_or_else(damaged)?);
        let ccp_text = u32_at(w, lw + 2 + 12).ok_or_else(damaged)?;
        let pairs = lw + 2 + 4 * cslw;
        let n_pairs = usize::from(u16_at(w, pairs).ok_or_else(damaged)?);
        if n_pairs < 34 {
            return Err(damaged());
        }
        let lcb = |i: usize| if n_pairs > i { u32_at(w, pairs + 2 + 8 * i + 4) } else { Some(0) };
        let clx = pairs + 2 + 33 * 8;
        Ok(Fib {
            table1: flags & 0x0200 != 0,
            ccp_text,
            fc_clx: u32_at(w, clx).ok_or_else(damaged)?,
            lcb_clx: u32_at(w, clx + 4).ok_or_else(damaged)?,
            // The 74th and 75th pairs: the list definitions and their overrides.
            lists: lcb(73).ok_or_else(damaged)? > 0 || lcb(74).ok_or_else(damaged)? > 0,
        })
    }
}

/// One run of characters: where it starts in the WordDocument stream, how
/// many characters, and whether they are 8-bit (else UTF-16LE).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Piece {
    offset: usize,
    chars: usize,
    compressed: bool,
}

/// The pieces of the `Clx` ([MS-DOC] §2.9.38): property runs (`Prc`, tag 1)
/// are skipped; the piece table (`Pcdt`, tag 2) holds n + 1 character
/// positions and n piece descriptors of 8 bytes.
fn pieces(clx: &[u8]) -> Result<Vec<Piece>, FormatError> {
    let damaged = || unsupported("damaged .doc: its piece table cannot be read");
    let mut at = 0;
    while clx.get(at) == Some(&1) {
        let n = u16_at(clx, at + 1).ok_or_else(damaged)? as i16;
        at += 3 + usize::try_from(n).map_err(|_| damaged())?;
    }
    if clx.get(at) != Some(&2) {
        return Err(damaged());
    }
    let lcb = u32_at(clx, at + 1).ok_or_else(damaged)? as usize;
    let plc = clx.get(at + 5..at + 5 + lcb).ok_or_else(damaged)?;
    if lcb < 4 || !(lcb - 4).is_multiple_of(12) {
        return Err(damaged());
    }
    let n = (lcb - 4) / 12;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (cp, next) = (u32_at(plc, 4 * i).ok_or_else(damaged)?, u32_at(plc, 4 * i + 4).ok_or_else(damaged)?);
        let fc = u32_at(plc, 4 * (n + 1) + 8 * i + 2).ok_or_else(damaged)?;
        let compressed = fc & 0x4000_0000 != 0;
        let fc = (fc & 0x3FFF_FFFF) as usize;
        let chars = next.checked_sub(cp).ok_or_else(damaged)? as usize;
        out.push(Piece { offset: if compressed { fc / 2 } else { fc }, chars, compressed });
    }
    Ok(out)
}

/// The characters of the main document, as stored (marks included).
fn raw_text(word: &[u8], pieces: &[Piece], ccp_text: usize) -> Result<String, FormatError> {
    let mut out = String::new();
    let mut left = ccp_text;
    for p in pieces {
        if left == 0 {
            break;
        }
        let n = p.chars.min(left);
        left -= n;
        let width = if p.compressed { 1 } else { 2 };
        let bytes = word
            .get(p.offset..p.offset + n * width)
            .ok_or_else(|| unsupported("damaged .doc: a piece of its text lies outside the WordDocument stream"))?;
        if p.compressed {
            // 8-bit pieces are Windows-1252 ([MS-DOC] §2.4.1).
            out.push_str(&encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0);
        } else {
            let units: Vec<u16> = bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            out.extend(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')));
        }
    }
    Ok(out)
}

/// Word's marks turned into plain text ([MS-DOC] §2.4.1, §2.8.25): paragraph
/// marks, line, page and column breaks end lines; a cell mark ends a cell
/// (a tab) and a second one in a row the row (a line); of a field
/// (0x13 instruction 0x14 result 0x15) only the result is kept; object
/// anchors and optional hyphens are dropped.
fn plain(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    // One entry per open field: whether its instruction part is being read.
    let mut fields: Vec<bool> = Vec::new();
    for c in raw.chars() {
        match c {
            '\u{13}' => fields.push(true),
            '\u{14}' => {
                if let Some(f) = fields.last_mut() {
                    *f = false;
                }
            }
            '\u{15}' => {
                fields.pop();
            }
            _ if fields.iter().any(|&instruction| instruction) => {}
            '\r' | '\u{0B}' | '\u{0C}' | '\u{0E}' => out.push('\n'),
            '\u{07}' => {
                if out.ends_with('\t') {
                    out.pop();
                    out.push('\n');
                } else {
                    out.push('\t');
                }
            }
            '\u{1E}' => out.push('-'),
            '\u{A0}' => out.push(' '),
            '\t' => out.push('\t'),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

fn read_stream(cf: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, FormatError> {
    let mut s = cf.open_stream(name).map_err(|_| unsupported(format!("not a Word document: the compound file has no {name} stream")))?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).map_err(|e| unsupported(format!("damaged .doc: the {name} stream cannot be read ({e})")))?;
    Ok(buf)
}

/// Extract the text of a .doc file; a file that cannot be read says how to
/// convert it.
pub fn extract(bytes: &[u8]) -> Result<Decoded, FormatError> {
    read(bytes).map_err(|e| match e {
        FormatError::Unsupported(r) => FormatError::Unsupported(format!(
            "{r}; if Word, WPS or LibreOffice opens it, convert it to .docx (libreoffice --headless --convert-to docx FILE)"
        )),
        other => other,
    })
}

fn read(bytes: &[u8]) -> Result<Decoded, FormatError> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| unsupported(format!("damaged .doc: not a readable compound file ({e})")))?;
    let word = read_stream(&mut cf, "/WordDocument")?;
    let fib = Fib::parse(&word)?;
    let table = read_stream(&mut cf, if fib.table1 { "/1Table" } else { "/0Table" })?;
    let (at, len) = (fib.fc_clx as usize, fib.lcb_clx as usize);
    let clx = table.get(at..at + len).ok_or_else(|| unsupported("damaged .doc: its piece table lies outside the table stream"))?;
    let text = plain(&raw_text(&word, &pieces(clx)?, fib.ccp_text as usize)?);
    let mut warnings = Vec::new();
    if fib.lists {
        warnings.push(Warning::new(
            WarningKind::DocListNumbers,
            "the .doc file numbers paragraphs with Word lists, which are formatting and not read: automatic markers \
             (第一章, 一、) may be missing; save it as .docx to keep them",
        ));
    }
    Ok(Decoded { text: super::join_lines(text.lines().map(str::to_string)), encoding: "utf-16le", warnings })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A .doc as Word 97–2003 writes one, reduced to what a reader needs: a
    /// compound file with a FIB (14 16-bit values, 22 32-bit values, 93
    /// offset pairs, as Word 2003 writes them), the text in pieces (UTF-16 or
    /// 8-bit), and the piece table in `1Table` after a property run.
    pub(crate) fn make_doc(pieces: &[(&str, bool)]) -> Vec<u8> {
        let mut word = vec![0u8; 0x600];
        word[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
        word[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
        word[0x0A..0x0C].copy_from_slice(&0x0200u16.to_le_bytes()); // 1Table
        word[32..34].copy_from_slice(&14u16.to_le_bytes());
        let lw = 32 + 2 + 28;
        word[lw..lw + 2].copy_from_slice(&22u16.to_le_bytes());
        let pairs = lw + 2 + 88;
        word[pairs..pairs + 2].copy_from_slice(&93u16.to_le_bytes());
        let (mut cps, mut pcds, mut cp) = (vec![0u32], Vec::new(), 0u32);
        for (text, compressed) in pieces {
            let fc = word.len() as u32;
            if *compressed {
                word.extend(text.chars().map(|c| c as u8));
                pcds.push((fc * 2) | 0x4000_0000);
            } else {
                word.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                pcds.push(fc);
            }
            cp += text.chars().count() as u32;
            cps.push(cp);
        }
        word[lw + 2 + 12..lw + 2 + 16].copy_from_slice(&cp.to_le_bytes()); // ccpText
        let mut plc: Vec<u8> = cps.iter().flat_map(|c| c.to_le_bytes()).collect();
        for fc in pcds {
            plc.extend([0, 0]);
            plc.extend(fc.to_le_bytes());
            plc.extend([0, 0]);
        }
        let mut clx = vec![1u8, 2, 0, 0x55, 0x66]; // a Prc of 2 bytes
        clx.push(2);
        clx.extend((plc.len() as u32).to_le_bytes());
        clx.extend(plc);
        let mut table = vec![0u8; 16];
        let fc_clx = table.len() as u32;
        table.extend(&clx);
        let at = pairs + 2 + 33 * 8;
        word[at..at + 4].copy_from_slice(&fc_clx.to_le_bytes());
        word[at + 4..at + 8].copy_from_slice(&(clx.len() as u32).to_le_bytes());
        let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        cf.create_stream("/WordDocument").unwrap().write_all(&word).unwrap();
        cf.create_stream("/1Table").unwrap().write_all(&table).unwrap();
        cf.flush().unwrap();
        cf.into_inner().into_inner()
    }

    #[test]
    fn paragraphs_of_utf16_and_8bit_pieces_are_read_in_order() {
        let doc = make_doc(&[("一、总体要求\r全面落实。（责任单位：", false), ("ABC", true), ("省民政厅）\r", false)]);
        assert_eq!(extract(&doc).unwrap().text, "一、总体要求\n全面落实。（责任单位：ABC省民政厅）");
    }

    #[test]
    fn fields_keep_their_result_and_tables_their_rows() {
        let text = "第\u{13} PAGE \u{14}3\u{15}页\r序号\u{7}任务\u{7}\u{7}1\u{7}加强建设\u{7}\u{7}附件\u{c}\r";
        assert_eq!(extract(&make_doc(&[(text, false)])).unwrap().text, "第3页\n序号\t任务\n1\t加强建设\n附件");
    }

    #[test]
    fn a_file_with_word_lists_is_warned_about() {
        let plain_doc = make_doc(&[("一、任务\r", false)]);
        assert!(extract(&plain_doc).unwrap().warnings.is_empty());
        let mut listed = plain_doc;
        // lcbPlfLst, the 74th (offset, size) pair of the FIB.
        let at = listed.windows(4).position(|w| w == [0xEC, 0xA5, 0xC1, 0x00]).unwrap();
        let pair = at + 32 + 2 + 28 + 2 + 88 + 2 + 73 * 8 + 4;
        listed[pair] = 30;
        let w = extract(&listed).unwrap().warnings;
        assert_eq!(w.iter().map(|w| w.kind.code()).collect::<Vec<_>>(), ["doc_list_numbers"]);
    }

    #[test]
    fn damaged_and_unsupported_files_say_why() {
        let doc = make_doc(&[("一、任务\r", false)]);
        let err = |b: &[u8]| extract(b).unwrap_err().to_string();
        assert!(err(&doc[..600]).contains("damaged .doc"), "{}", err(&doc[..600]));
        let mut encrypted = doc.clone();
        // The FIB's flags are at 0x0A of the WordDocument stream; find it by its wIdent.
        let at = encrypted.windows(4).position(|w| w == [0xEC, 0xA5, 0xC1, 0x00]).unwrap();
        encrypted[at + 0x0B] |= 0x01; // fEncrypted, 0x0100 of the flags
        assert!(err(&encrypted).contains("password-protected"), "{}", err(&encrypted));
        let mut old = doc;
        old[at + 2] = 0x65; // nFib of Word 6
        old[at + 3] = 0x00;
        assert!(err(&old).contains("Word 6/95"), "{}", err(&old));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]
        /// A damaged .doc (bytes overwritten anywhere: the compound file's
        /// sectors, the FIB, the piece table, the text) is read or refused,
        /// never a panic.
        #[test]
        fn damaged_files_are_read_or_refused_never_a_panic(edits in proptest::collection::vec((0usize..6000, 0u8..=255), 1..12)) {
            let mut doc = make_doc(&[("一、总体要求\r全面落实。\u{13} PAGE \u{14}1\u{15}\r", false), ("ABC\r", true)]);
            for (at, b) in edits {
                let n = doc.len();
                doc[at % n] = b;
            }
            let _ = std::panic::catch_unwind(|| read(&doc)).map_err(|_| proptest::test_runner::TestCaseError::fail("panicked"))?;
        }
    }
}
