//! Term dictionaries — the format shared by themes, policy instruments and
//! commitment strength — and the matcher that finds their terms as whole
//! tokens or whole phrases of tokens.
//!
//! A dictionary is a UTF-8 text file of sections:
//!
//! ```text
//! # comment
//! [social_assistance] 社会救助
//! 最低生活保障	3
//! 低保	2
//! 养老保险	0
//! 救助*	0.5
//! ```
//!
//! * `[id] name` opens a section (a theme, an instrument, a strength class);
//!   the name is optional. A section id met again (in the same or a later
//!   file) adds to that section, so a user file extends the shipped one.
//! * Every other line is `term [weight]`, separated by a tab or spaces;
//!   the weight defaults to 1 and may be 0. A term listed again in the same
//!   section replaces the earlier weight.
//! * A term matches only where it starts and ends on token boundaries: whole
//!   tokens or runs of whole tokens, never inside a longer word (印度 does not
//!   match in 印度尼西亚). `*` at the end of a term lets it end inside a token
//!   (养老* matches the start of 养老院), `*` at the start lets it start inside
//!   one.
//! * Where terms of one dictionary overlap, the longest wins (leftmost first),
//!   so a weight-0 term masks the shorter terms inside it: `养老保险	0`
//!   stops 养老 from counting in 养老保险.
//! * `<target>` and `<deadline>` are pseudo-terms: a quantitative target or a
//!   dated commitment in the record counts as one hit each.
//!
//! ```
//! use zhengce::lexicon::terms::TermDict;
//! let d = TermDict::parse("[elderly] 养老服务\n养老机构 2\n养老* 0.5\n", "x.tsv".as_ref()).unwrap();
//! assert_eq!(d.sections[0].terms.len(), 2);
//! assert_eq!(d.sections[0].name, "养老服务");
//! ```

// The dictionary format is tab-separated and its examples above show the real tabs.
#![allow(clippy::tabs_in_doc_comments)]

use std::path::Path;

use crate::error::Error;
use crate::lexicon::tokens::{Source, Token};

/// A pseudo-term counted from other extractions of the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Special {
    /// A quantitative target (`<target>`).
    Target,
    /// A dated commitment (`<deadline>`).
    Deadline,
}

/// One term of a section.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The term without its `*` marks.
    pub text: String,
    pub weight: f64,
    /// `*term`: may start inside a token.
    pub open_start: bool,
    /// `term*`: may end inside a token.
    pub open_end: bool,
    pub special: Option<Special>,
}

/// A theme, instrument or strength class with its terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub name: String,
    pub terms: Vec<Term>,
}

impl Section {
    /// The weight of a pseudo-term in this section, if listed.
    pub fn special_weight(&self, s: Special) -> Option<f64> {
        self.terms.iter().find(|t| t.special == Some(s)).map(|t| t.weight)
    }
}

/// A parsed dictionary: sections in order of first appearance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermDict {
    pub sections: Vec<Section>,
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

impl TermDict {
    /// Parse one file of sections and terms.
    pub fn parse(text: &str, path: &Path) -> Result<TermDict, Error> {
        let mut d = TermDict::default();
        let mut current: Option<usize> = None;
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |reason: String| Error::DataFile { path: path.to_path_buf(), line: n + 1, reason };
            if let Some(rest) = line.strip_prefix('[') {
                let close = rest.find(']').ok_or_else(|| bad("a section header is `[id] name`".into()))?;
                let id = rest[..close].trim();
                if !valid_id(id) {
                    return Err(bad(format!("section id {id:?}: use letters, digits, _ - or .")));
                }
                let name = rest[close + 1..].trim();
                current = Some(d.section_mut(id, name));
                continue;
            }
            let Some(sec) = current else { return Err(bad("a term before the first [section] header".into())) };
            let (term, weight) = match line.split_once('\t').or_else(|| line.rsplit_once(char::is_whitespace)) {
                Some((t, w)) if !w.trim().is_empty() => {
                    let w = w.trim();
                    let weight: f64 = w.parse().map_err(|_| bad(format!("weight {w:?} is not a number")))?;
                    if !weight.is_finite() || weight < 0.0 {
                        return Err(bad(format!("weight {w:?} must be a number ≥ 0")));
                    }
                    (t.trim(), weight)
                }
                _ => (line, 1.0),
            };
            let t = parse_term(term, weight).ok_or_else(|| bad(format!("empty term {term:?}")))?;
            let terms = &mut d.sections[sec].terms;
            match terms.iter_mut().find(|x| x.text == t.text && x.special == t.special) {
                Some(x) => *x = t,
                None => terms.push(t),
            }
        }
        Ok(d)
    }

    fn section_mut(&mut self, id: &str, name: &str) -> usize {
        match self.sections.iter().position(|s| s.id == id) {
            Some(i) => {
                if !name.is_empty() {
                    self.sections[i].name = name.to_string();
                }
                i
            }
            None => {
                self.sections.push(Section { id: id.to_string(), name: name.to_string(), terms: Vec::new() });
                self.sections.len() - 1
            }
        }
    }

    /// Add another dictionary: its sections extend the ones with the same id
    /// (a term given again takes the new weight), new ids are appended.
    pub fn extend(&mut self, other: TermDict) {
        for s in other.sections {
            let i = self.section_mut(&s.id, &s.name);
            for t in s.terms {
                let terms = &mut self.sections[i].terms;
                match terms.iter_mut().find(|x| x.text == t.text && x.special == t.special) {
                    Some(x) => *x = t,
                    None => terms.push(t),
                }
            }
        }
    }

    /// Load and merge sources in order (`Source::Default` is `default`).
    pub fn load(sources: &[Source], default: &'static str, default_name: &str) -> Result<TermDict, Error> {
        let mut d = TermDict::default();
        for s in sources {
            let (path, text) = s.read(default, default_name)?;
            d.extend(TermDict::parse(&text, &path)?);
            if d.sections.len() > crate::model::facts::MAX_SECTIONS {
                let reason = format!("more than {} sections", crate::model::facts::MAX_SECTIONS);
                return Err(Error::DataFile { path, line: 0, reason });
            }
        }
        Ok(d)
    }

    /// The index of a section by id.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }
}

fn parse_term(term: &str, weight: f64) -> Option<Term> {
    let special = match term {
        "<target>" => Some(Special::Target),
        "<deadline>" => Some(Special::Deadline),
        _ => None,
    };
    if let Some(s) = special {
        return Some(Term { text: String::new(), weight, open_start: false, open_end: false, special: Some(s) });
    }
    let open_start = term.starts_with('*');
    let open_end = term.len() > 1 && term.ends_with('*');
    let text = term.trim_matches('*').trim();
    (!text.is_empty()).then(|| Term { text: text.to_string(), weight, open_start, open_end, special: None })
}

/// The term index that stands for `<target>` in evidence lists.
pub const TARGET_TERM: u32 = u32::MAX;
/// The term index that stands for `<deadline>`.
pub const DEADLINE_TERM: u32 = u32::MAX - 1;

/// A term found in a text: offsets are bytes into that text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Index of the section in its dictionary.
    pub section: u32,
    /// Index of the term in the matcher (see [`Matcher::term`]).
    pub term: u32,
    pub start: u32,
    pub end: u32,
    pub weight: f32,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    dict: u8,
    section: u32,
    weight: f32,
    open_start: bool,
    open_end: bool,
}

/// A fast hash for short keys (the FxHash multiply-rotate): the term
/// prefixes of the matcher, the names a frame resolves. Not for keys an
/// adversary picks to collide; ours are our own terms and a corpus's names.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            h = (h.rotate_left(5) ^ u64::from_le_bytes(c.try_into().unwrap())).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 59)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// The filter bit of a one-character token: (bit, in the pair set?).
#[inline]
fn hash1(c: char) -> (usize, bool) {
    ((c as usize) & 0xffff, false)
}

/// The filter bit of a token beginning with two characters.
#[inline]
fn hash2(a: char, b: char) -> (usize, bool) {
    (((a as usize).wrapping_mul(0x9e37) ^ (b as usize)) & 0xffff, true)
}

/// Mark the bits of a term's beginning: its first character (one-character
/// tokens that begin it) and its first two characters (longer tokens).
fn mark_start(term: &str, chars: &mut [u64], pairs: &mut [u64]) {
    let mut cs = term.chars();
    let Some(a) = cs.next() else { return };
    let (i, _) = hash1(a);
    chars[i / 64] |= 1 << (i % 64);
    if let Some(b) = cs.next() {
        let (j, _) = hash2(a, b);
        pairs[j / 64] |= 1 << (j % 64);
    }
}

/// What a string is to the prefix map: a whole term (its pattern index)
/// and/or the beginning of a longer term.
#[derive(Debug, Clone, Copy, Default)]
struct Prefix {
    pattern: Option<u32>,
    longer: bool,
}

/// Every term and term prefix of a [`Matcher`], found by its text. Nearly
/// every lookup is of one to five Han characters (at most 15 bytes): those
/// keys are one integer, their bytes and length, so a lookup hashes and
/// compares two words instead of hashing a string and comparing its bytes.
#[derive(Debug, Clone, Default)]
struct Prefixes {
    short: FxMap<u128, Prefix>,
    long: FxMap<compact_str::CompactString, Prefix>,
}

/// Longest key held as an integer; one byte of the 16 is the length.
const SHORT_KEY: usize = 15;

impl Prefixes {
    /// The integer key of `text[start..end]`, if it is short enough.
    #[inline]
    fn short_key(text: &str, start: usize, end: usize) -> Option<u128> {
        let len = end - start;
        if len > SHORT_KEY {
            return None;
        }
        let bytes = text.as_bytes();
        // One 16-byte load where the text goes on that far, then the bytes
        // past the key masked off.
        let word = match bytes.get(start..start + 16) {
            Some(b) => u128::from_le_bytes(b.try_into().expect("16 bytes")),
            None => {
                let mut buf = [0u8; 16];
                buf[..len].copy_from_slice(&bytes[start..end]);
                u128::from_le_bytes(buf)
            }
        };
        Some(word & ((1u128 << (8 * len)) - 1) | (len as u128) << 120)
    }

    fn entry(&mut self, key: &str) -> &mut Prefix {
        match Prefixes::short_key(key, 0, key.len()) {
            Some(k) => self.short.entry(k).or_default(),
            None => self.long.entry(key.into()).or_default(),
        }
    }

    #[inline]
    fn get(&self, text: &str, start: usize, end: usize) -> Option<&Prefix> {
        match Prefixes::short_key(text, start, end) {
            Some(k) => self.short.get(&k),
            None => self.long.get(&text[start..end]),
        }
    }
}

/// Finds the terms of several dictionaries in one pass over a text's tokens.
///
/// Terms that must start and end on token boundaries (nearly all) are found by
/// walking the tokens: from each token, runs of whole tokens are looked up in
/// a map of every term and term prefix, extended only while they are the
/// beginning of some term — one hash lookup for most tokens, none for tokens
/// whose first character begins no term. Terms with a `*` (few) are checked
/// at the token starts (`term*`) or ends (`*term`) where their first or last
/// character occurs, `*term*` anywhere.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// Keys of up to 24 bytes (eight Han characters: nearly all) are held in
    /// the table itself, so a lookup does not chase a pointer to its key.
    prefixes: Prefixes,
    /// A filter of the tokens that may begin a match, so that most tokens
    /// (的, 推进, punctuation) are passed over without a lookup: bits for the
    /// first character of the terms (one-character tokens) and for the first
    /// two characters (longer tokens), hashed into 2¹⁶ bits each.
    first_chars: Vec<u64>,
    first_pairs: Vec<u64>,
    /// `term*` patterns by first character: checked at token starts (the
    /// bit set of those characters first).
    open_end: FxMap<char, Vec<u32>>,
    open_end_chars: Vec<u64>,
    /// `*term` patterns by last character: checked at token ends (the bit
    /// set of those characters first: a lookup for every token was an eighth
    /// of the matching).
    open_start: FxMap<char, Vec<u32>>,
    open_start_chars: Vec<u64>,
    /// `*term*` patterns: searched anywhere.
    open_both: Vec<u32>,
    patterns: Vec<String>,
    /// The entries of every pattern in one array, pattern `p`'s at
    /// `entries[entry_at[p]..entry_at[p + 1]]`: read for every candidate, a
    /// vector per pattern was a cache miss each.
    entries: Vec<Entry>,
    entry_at: Vec<u32>,
    n_dicts: usize,
}

impl Matcher {
    /// The entries of pattern `p`.
    #[inline]
    fn entries_of(&self, p: u32) -> &[Entry] {
        &self.entries[self.entry_at[p as usize] as usize..self.entry_at[p as usize + 1] as usize]
    }

    /// A matcher for the terms of `dicts` (pseudo-terms are not matched in text).
    pub fn new(dicts: &[&TermDict]) -> Matcher {
        let mut patterns: Vec<String> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        for (di, d) in dicts.iter().enumerate() {
            for (si, s) in d.sections.iter().enumerate() {
                for t in s.terms.iter().filter(|t| t.special.is_none()) {
                    let p = *index.entry(t.text.clone()).or_insert_with(|| {
                        patterns.push(t.text.clone());
                        entries.push(Vec::new());
                        patterns.len() - 1
                    });
                    entries[p].push(Entry {
                        dict: di as u8,
                        section: si as u32,
                        weight: t.weight as f32,
                        open_start: t.open_start,
                        open_end: t.open_end,
                    });
                }
            }
        }
        let mut prefixes = Prefixes::default();
        let mut first_chars = vec![0u64; 1024];
        let mut first_pairs = vec![0u64; 1024];
        let mut open_end: FxMap<char, Vec<u32>> = FxMap::default();
        let mut open_start: FxMap<char, Vec<u32>> = FxMap::default();
        let mut open_both: Vec<u32> = Vec::new();
        for (p, text) in patterns.iter().enumerate() {
            let (first, last) = (text.chars().next().unwrap_or(' '), text.chars().last().unwrap_or(' '));
            if entries[p].iter().any(|e| e.open_end && !e.open_start) {
                open_end.entry(first).or_default().push(p as u32);
            }
            if entries[p].iter().any(|e| e.open_start && !e.open_end) {
                open_start.entry(last).or_default().push(p as u32);
            }
            if entries[p].iter().any(|e| e.open_start && e.open_end) {
                open_both.push(p as u32);
            }
            if entries[p].iter().all(|e| e.open_start || e.open_end) {
                continue;
            }
            mark_start(text, &mut first_chars, &mut first_pairs);
            prefixes.entry(text).pattern = Some(p as u32);
            for (i, _) in text.char_indices().skip(1) {
                prefixes.entry(&text[..i]).longer = true;
            }
        }
        // An open-ended term begins where its first character is, even in a
        // longer token.
        for ps in open_end.values() {
            for &p in ps {
                let t = &patterns[p as usize];
                mark_start(t, &mut first_chars, &mut first_pairs);
                if t.chars().count() == 1 {
                    first_pairs.iter_mut().for_each(|w| *w = u64::MAX);
                }
            }
        }
        let mut open_end_chars = vec![0u64; 1024];
        for c in open_end.keys() {
            let (i, _) = hash1(*c);
            open_end_chars[i / 64] |= 1 << (i % 64);
        }
        let mut open_start_chars = vec![0u64; 1024];
        for c in open_start.keys() {
            let (i, _) = hash1(*c);
            open_start_chars[i / 64] |= 1 << (i % 64);
        }
        Matcher {
            prefixes,
            open_start_chars,
            first_chars,
            first_pairs,
            open_end,
            open_end_chars,
            open_start,
            open_both,
            patterns,
            entry_at: std::iter::once(0)
                .chain(entries.iter().scan(0u32, |n, e| {
                    *n += e.len() as u32;
                    Some(*n)
                }))
                .collect(),
            entries: entries.into_iter().flatten().collect(),
            n_dicts: dicts.len(),
        }
    }

    /// Terms of every dictionary, numbered as [`Hit::term`] numbers them.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The text of a term by its index in [`Hit::term`] ([`TARGET_TERM`] and
    /// [`DEADLINE_TERM`] stand for the pseudo-terms).
    pub fn term(&self, i: u32) -> &str {
        match i {
            TARGET_TERM => "<target>",
            DEADLINE_TERM => "<deadline>",
            _ => &self.patterns[i as usize],
        }
    }

    /// The hits of each dictionary in `text`, cut into `tokens` (byte ranges,
    /// in order, covering the text): terms on token boundaries (or inside a
    /// token where a `*` allows), outside the `masked` byte ranges, the
    /// longest winning where terms of one dictionary overlap. Hits come in
    /// text order.
    ///
    /// Long (about 100 lines) because it is the inner loop of labelling (run
    /// on every token of every record): the local enum and closures keep the
    /// matching of closed and `*`-open terms in one pass without allocating
    /// per token.
    pub fn find(&self, text: &str, tokens: &[Token], masked: &[(usize, usize)]) -> Vec<Vec<Hit>> {
        // Which entries of a pattern a way of matching may give: closed ones
        // on whole tokens, open ones where their `*` allows.
        #[derive(Clone, Copy, PartialEq)]
        enum Way {
            Closed,
            OpenEnd,
            OpenStart,
            OpenBoth,
        }
        // (start, end, pattern, entry), in order of start, longest first.
        let mut cands: Vec<(u32, u32, u32, u32)> = Vec::with_capacity(tokens.len() / 2);
        let mut unordered = false;
        let push = |cands: &mut Vec<(u32, u32, u32, u32)>, s: usize, e: usize, p: u32, way: Way| {
            if masked.iter().any(|&(a, b)| s < b && a < e) {
                return;
            }
            for (k, en) in self.entries_of(p).iter().enumerate() {
                let w = match (en.open_start, en.open_end) {
                    (false, false) => Way::Closed,
                    (false, true) => Way::OpenEnd,
                    (true, false) => Way::OpenStart,
                    (true, true) => Way::OpenBoth,
                };
                if w == way {
                    cands.push((s as u32, e as u32, p, k as u32));
                }
            }
        };
        for i in 0..tokens.len() {
            let start = tokens[i].start;
            let mut cs = tokens[i].word.chars();
            let Some(first) = cs.next() else { continue };
            let bit = match cs.next() {
                None => hash1(first),
                Some(second) => hash2(first, second),
            };
            let filter = if bit.1 { &self.first_pairs } else { &self.first_chars };
            if filter[bit.0 / 64] & (1 << (bit.0 % 64)) == 0 {
                continue;
            }
            let group = cands.len();
            for t in &tokens[i..] {
                let Some(x) = self.prefixes.get(text, start, t.end) else { break };
                if let Some(p) = x.pattern {
                    push(&mut cands, start, t.end, p, Way::Closed);
                }
                if !x.longer {
                    break;
                }
            }
            let (fc, _) = hash1(first);
            let maybe_open = self.open_end_chars[fc / 64] & (1 << (fc % 64)) != 0;
            if let Some(ps) = maybe_open.then(|| self.open_end.get(&first)).flatten() {
                for &p in ps {
                    let pat = &self.patterns[p as usize];
                    if text[start..].starts_with(pat.as_str()) {
                        push(&mut cands, start, start + pat.len(), p, Way::OpenEnd);
                        unordered = true;
                    }
                }
            }
            // Longest first within a start.
            if cands.len() > group + 1 {
                cands[group..].reverse();
            }
        }
        if !self.open_start.is_empty() {
            for t in tokens {
                let Some(last) = t.word.chars().last() else { continue };
                let (lc, _) = hash1(last);
                if self.open_start_chars[lc / 64] & (1 << (lc % 64)) == 0 {
                    continue;
                }
                for &p in self.open_start.get(&last).map_or(&[][..], |v| v.as_slice()) {
                    let pat = &self.patterns[p as usize];
                    if text[..t.end].ends_with(pat.as_str()) {
                        push(&mut cands, t.end - pat.len(), t.end, p, Way::OpenStart);
                        unordered = true;
                    }
                }
            }
        }
        for &p in &self.open_both {
            for (s, m) in text.match_indices(self.patterns[p as usize].as_str()) {
                push(&mut cands, s, s + m.len(), p, Way::OpenBoth);
                unordered = true;
            }
        }
        if unordered {
            cands.sort_unstable_by_key(|&(s, e, p, k)| (s, std::cmp::Reverse(e), p, k));
        }
        // Per dictionary, leftmost-longest without overlaps; the entries of
        // one accepted span all count (a term may belong to several sections).
        let mut out: Vec<Vec<Hit>> = (0..self.n_dicts).map(|_| Vec::with_capacity(cands.len())).collect();
        let mut last: Vec<Option<(u32, u32)>> = vec![None; self.n_dicts];
        for (s, e, p, k) in cands {
            let en = self.entries_of(p)[k as usize];
            let d = en.dict as usize;
            let accept = match last[d] {
                Some((ls, le)) => (ls, le) == (s, e) || s >= le,
                None => true,
            };
            if accept {
                last[d] = Some((s, e));
                out[d].push(Hit { section: en.section, term: p, start: s, end: e, weight: en.weight });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(s: &str) -> TermDict {
        TermDict::parse(s, Path::new("t.tsv")).unwrap()
    }

    /// Tokens: every character, except the given words (longest listed first).
    fn bounds_except<'a>(text: &'a str, words: &[&str]) -> Vec<Token<'a>> {
        let mut toks: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        'outer: while i < text.len() {
            for w in words {
                if text[i..].starts_with(w) {
                    toks.push((i, i + w.len()));
                    i += w.len();
                    continue 'outer;
                }
            }
            let c = text[i..].chars().next().unwrap().len_utf8();
            toks.push((i, i + c));
            i += c;
        }
        toks.into_iter().map(|(s, e)| Token { word: &text[s..e], start: s, end: e }).collect()
    }

    fn found(m: &Matcher, text: &str, words: &[&str]) -> Vec<(u32, String)> {
        m.find(text, &bounds_except(text, words), &[])[0]
            .iter()
            .map(|h| (h.section, text[h.start as usize..h.end as usize].to_string()))
            .collect()
    }

    #[test]
    fn whole_tokens_only() {
        let d = dict("[asia] 亚洲\n印度\n");
        let m = Matcher::new(&[&d]);
        assert!(found(&m, "与印度尼西亚合作", &["印度尼西亚"]).is_empty());
        assert_eq!(found(&m, "与印度合作", &["印度"]), [(0, "印度".to_string())]);
    }

    #[test]
    fn open_ends_and_masks() {
        let d = dict("[elderly]\n养老*\t1\n养老保险\t0\n[pension]\n养老金\n");
        let m = Matcher::new(&[&d]);
        assert_eq!(found(&m, "建设养老院", &["养老院"]), [(0, "养老".to_string())]);
        // The longest term wins: 养老金 is a pension, 养老保险 a masked phrase.
        assert_eq!(found(&m, "发放养老金", &["养老金"]), [(1, "养老金".to_string())]);
        let h = &m.find("参加养老保险", &bounds_except("参加养老保险", &["养老", "保险"]), &[])[0];
        assert_eq!((h.len(), h[0].weight), (1, 0.0));
    }

    #[test]
    fn open_starts_and_both_ends() {
        let d = dict("[a]\n*救助站\n[b]\n救助站\n[c]\n*助站*\n");
        let m = Matcher::new(&[&d]);
        // One token 社会救助站: only the open terms reach inside it.
        let got = found(&m, "建设社会救助站", &["社会救助站"]);
        assert_eq!(got, [(0, "救助站".to_string())], "*救助站 ends on the token end; the closed 救助站 does not match; 助站 is shorter");
        let d2 = dict("[c]\n*助站*\n");
        assert_eq!(found(&Matcher::new(&[&d2]), "建设社会救助站点", &["社会救助站点"]), [(0, "助站".to_string())]);
    }

    #[test]
    fn phrases_of_tokens_and_masked_ranges() {
        let d = dict("[a]\n社会救助\n救助\n");
        let m = Matcher::new(&[&d]);
        let text = "完善社会救助制度（责任单位：救助处）";
        let b = bounds_except(text, &["救助处", "社会", "救助"]);
        let hits = &m.find(text, &b, &[])[0];
        assert_eq!(hits.len(), 1, "救助 inside 救助处 does not match; 社会救助 is one phrase");
        let at = text.find("社会").unwrap();
        assert!(m.find(text, &b, &[(at, at + 3)])[0].iter().all(|h| m.term(h.term) != "社会救助"));
    }

    /// Keys of up to 15 bytes are integers, longer ones strings: terms on both
    /// sides of that length, at the end of a text (fewer than 16 bytes left
    /// to load) and in the middle, and a prefix whose bytes begin a longer
    /// key, are all found as the string map alone found them.
    #[test]
    fn short_and_long_keys_find_the_same_terms() {
        let d = dict("[a]\n养老服务\n居家社区养老\n居家社区养老服务网\nab\nabc\n");
        let m = Matcher::new(&[&d]);
        let words = ["养老服务", "居家", "社区", "养老", "服务网", "ab", "abc"];
        for text in ["居家社区养老", "推进居家社区养老服务网建设和养老服务", "x abc ab", "养老服务"] {
            let got: Vec<String> = found(&m, text, &words).into_iter().map(|(_, t)| t).collect();
            let want: Vec<&str> = match text {
                "居家社区养老" => vec!["居家社区养老"],
                "推进居家社区养老服务网建设和养老服务" => vec!["居家社区养老服务网", "养老服务"],
                "x abc ab" => vec!["abc", "ab"],
                _ => vec!["养老服务"],
            };
            assert_eq!(got, want, "{text}");
        }
        for key in ["", "a", "养老", "居家社区养老", "居家社区养"] {
            let (text, at) = (format!("前{key}后"), "前".len());
            let k = Prefixes::short_key(&text, at, at + key.len());
            assert_eq!(k, Prefixes::short_key(key, 0, key.len()), "the same key wherever its bytes lie: {key:?}");
            assert_eq!(k.is_some(), key.len() <= SHORT_KEY);
        }
        assert_ne!(Prefixes::short_key("养老", 0, 3), Prefixes::short_key("养老", 0, 6), "the length is part of the key");
    }

    #[test]
    fn sections_extend_and_reweight() {
        let mut d = dict("[a] 甲\nx\ny 2\n");
        d.extend(dict("[a]\ny 0.5\nz\n[b] 乙\nw\n"));
        let a = &d.sections[0];
        assert_eq!(a.terms.iter().map(|t| (t.text.as_str(), t.weight)).collect::<Vec<_>>(), [("x", 1.0), ("y", 0.5), ("z", 1.0)]);
        assert_eq!((d.sections[1].id.as_str(), d.sections[1].name.as_str()), ("b", "乙"));
    }

    #[test]
    fn errors_name_the_line() {
        for (text, line) in [("x\n", 1), ("[a]\nx 1\ny -2\n", 3), ("[a]\nx\tmany\n", 2), ("# c\n[bad id]\n", 2)] {
            match TermDict::parse(text, Path::new("u.tsv")) {
                Err(Error::DataFile { line: l, .. }) => assert_eq!(l, line, "{text:?}"),
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn pseudo_terms() {
        let d = dict("[binding]\n<target>\t2\n确保\n");
        assert_eq!(d.sections[0].special_weight(Special::Target), Some(2.0));
        assert_eq!(d.sections[0].special_weight(Special::Deadline), None);
    }
}
