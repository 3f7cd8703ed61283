//! Per-record labels: each block's text is tokenised once, and the tokens are
//! reused for token counts, themes, policy instruments and commitment
//! strength (one walk of one matcher over the tokens for all three
//! dictionaries, see [`crate::lexicon::terms::Matcher`]). Only the per-record results are kept; the `tokens` frame
//! and token counts re-tokenise on request (tokenisation is deterministic).
//!
//! A [`Config`] names user dictionaries, stop words and replacement or
//! extended dictionaries; [`Lexicons::cached`] builds each configuration once
//! per process (keyed by the files' contents, so an edited file is read
//! again), and the default one is shared ([`Lexicons::shared`]).
//!
//! ```
//! use zhengce::pipeline::corpus::{Corpus, Options};
//! let c = Corpus::from_texts(vec![("d".into(), "一、社会救助\n完善最低生活保障制度，确保应保尽保。".into())], &Options::default());
//! let d = &c.documents[0];
//! let (i, _) = d.records().find(|(_, b)| b.path == "1").unwrap();
//! let lex = zhengce::label::lexicons_of(&d.labels);
//! let themes: Vec<&str> = d.labels.at(i).themes.iter().map(|&t| lex.themes.dict.sections[t as usize].id.as_str()).collect();
//! assert_eq!(themes, ["social_assistance"]);
//! ```

pub mod instruments;
pub mod strength;
pub mod themes;

pub use crate::model::facts::{BlockLabels, DocLabels, SectionScore, TermHit};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::error::Error;
use crate::label::instruments::{Instruments, INSTRUMENTS};
use crate::label::strength::{RecordFacts, Strength, STRENGTH};
use crate::label::themes::{Scores, Themes, THEMES};
use crate::lexicon::agencies::Agencies;
use crate::lexicon::terms::{Matcher, TermDict, DEADLINE_TERM, TARGET_TERM};
use crate::lexicon::tokens::{Source, TokenKind, Tokenizer};
use crate::model::document::{BlockKind, Document};

/// Which dictionaries to use. `None` for themes, instruments and strength
/// means the shipped file; a list replaces it (put [`Source::Default`] first
/// to extend it instead). User dictionaries, stop words and department
/// mappings are always added to the shipped ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Config {
    pub user_dicts: Vec<Source>,
    pub stopwords: Vec<Source>,
    pub themes: Option<Vec<Source>>,
    pub instruments: Option<Vec<Source>>,
    pub strength: Option<Vec<Source>>,
    pub departments: Vec<Source>,
    /// Indicator tables for targets (`crate::lexicon::indicators`); empty: the shipped one.
    pub indicators: Vec<Source>,
    /// jieba's HMM new-word discovery (off by default, see [`crate::lexicon::tokens`]).
    pub hmm: bool,
}

/// A kind of dictionary a read can be given: its name (the keyword argument
/// of `zc.read`), what it does, and where it goes in a [`Config`].
pub struct Dictionary {
    pub name: &'static str,
    pub doc: &'static str,
    set: fn(&mut Config, Vec<Source>),
}

/// Every kind of dictionary, the one list (the bindings and the Python
/// options read it).
///
/// ```
/// use zhengce::label::{Config, DICTIONARIES};
/// use zhengce::lexicon::tokens::Source;
/// let mut cfg = Config::default();
/// cfg.set("stopwords", vec![Source::Default]).unwrap();
/// assert_eq!(cfg.stopwords, [Source::Default]);
/// assert!(DICTIONARIES.iter().any(|d| d.name == "themes"));
/// assert!(cfg.set("nope", vec![]).is_err());
/// ```
pub const DICTIONARIES: &[Dictionary] = &[
    Dictionary {
        name: "user_dict",
        doc: "jieba user dictionaries (word [freq] [tag]), added to the shipped one",
        set: |c, s| c.user_dicts = s,
    },
    Dictionary { name: "stopwords", doc: "stop-word lists (one word a line), added to the shipped one", set: |c, s| c.stopwords = s },
    Dictionary {
        name: "themes",
        doc: "theme taxonomies, replacing the shipped one (list the default first to extend it)",
        set: |c, s| c.themes = Some(s),
    },
    Dictionary {
        name: "instruments",
        doc: "policy-instrument dictionaries, replacing the shipped one (list the default first to extend it)",
        set: |c, s| c.instruments = Some(s),
    },
    Dictionary {
        name: "strength",
        doc: "commitment-strength terms, replacing the shipped ones (list the default first to extend them)",
        set: |c, s| c.strength = Some(s),
    },
    Dictionary { name: "departments", doc: "rows added to the department mapping (yours win)", set: |c, s| c.departments = s },
    Dictionary {
        name: "indicators",
        doc: "indicator tables for targets (id, name, unit, terms), replacing the shipped one (list the default last to extend it)",
        set: |c, s| c.indicators = s,
    },
];

fn resolve(sources: &[Source]) -> Result<Vec<Source>, Error> {
    sources
        .iter()
        .map(|s| match s {
            Source::File(p) => Ok(Source::Text(p.display().to_string(), crate::lexicon::tokens::read_data_file(p)?)),
            other => Ok(other.clone()),
        })
        .collect()
}

impl Config {
    /// Gives the dictionaries of one kind of [`DICTIONARIES`]; an unknown
    /// kind is an [`Error::Value`] naming the known ones.
    pub fn set(&mut self, kind: &str, sources: Vec<Source>) -> Result<(), Error> {
        let Some(d) = DICTIONARIES.iter().find(|d| d.name == kind) else {
            let names: Vec<&str> = DICTIONARIES.iter().map(|d| d.name).collect();
            return Err(Error::Value {
                field: "dictionaries".into(),
                reason: format!("unknown dictionary {kind:?} (use {})", names.join(", ")),
            });
        };
        (d.set)(self, sources);
        Ok(())
    }

    /// Whether this is the shipped configuration (no user files, HMM off).
    pub fn is_default(&self) -> bool {
        *self == Config::default()
    }

    /// The same configuration with every file read into memory: the cache
    /// key (an edited file is a new configuration) and what is built from.
    pub fn resolved(&self) -> Result<Config, Error> {
        let opt = |o: &Option<Vec<Source>>| o.as_deref().map(resolve).transpose();
        Ok(Config {
            user_dicts: resolve(&self.user_dicts)?,
            stopwords: resolve(&self.stopwords)?,
            themes: opt(&self.themes)?,
            instruments: opt(&self.instruments)?,
            strength: opt(&self.strength)?,
            departments: resolve(&self.departments)?,
            indicators: resolve(&self.indicators)?,
            hmm: self.hmm,
        })
    }
}

/// Everything labelling needs, built once per configuration.
pub struct Lexicons {
    pub tokenizer: Arc<Tokenizer>,
    pub themes: Themes,
    pub instruments: Instruments,
    pub strength: Strength,
    pub agencies: Agencies,
    /// Themes, instruments and strength terms, in that order.
    pub matcher: Matcher,
}

impl std::fmt::Debug for Lexicons {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicons")
            .field("themes", &self.themes.dict.sections.len())
            .field("instruments", &self.instruments.dict.sections.len())
            .field("tokenizer", &self.tokenizer)
            .finish()
    }
}

/// A small cache, most recent last.
struct Lru<K, V> {
    items: Vec<(K, V)>,
}

const CACHE_SIZE: usize = 4;

impl<K: PartialEq, V: Clone> Lru<K, V> {
    fn get(&mut self, k: &K) -> Option<V> {
        let i = self.items.iter().position(|(x, _)| x == k)?;
        let item = self.items.remove(i);
        let v = item.1.clone();
        self.items.push(item);
        Some(v)
    }
    fn put(&mut self, k: K, v: V) {
        self.items.retain(|(x, _)| x != &k);
        if self.items.len() >= CACHE_SIZE {
            self.items.remove(0);
        }
        self.items.push((k, v));
    }
}

type TokenizerKey = (Vec<Source>, Vec<Source>, bool);

fn tokenizer_for(user_dicts: &[Source], stopwords: &[Source], hmm: bool) -> Result<Arc<Tokenizer>, Error> {
    static CACHE: Mutex<Lru<TokenizerKey, Arc<Tokenizer>>> = Mutex::new(Lru { items: Vec::new() });
    let key = (user_dicts.to_vec(), stopwords.to_vec(), hmm);
    if let Some(t) = CACHE.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(t);
    }
    let mut dicts = vec![Source::Default];
    dicts.extend(user_dicts.iter().cloned());
    let mut stops = vec![Source::Default];
    stops.extend(stopwords.iter().cloned());
    let t = Arc::new(Tokenizer::new(&dicts, &stops, hmm)?);
    CACHE.lock().unwrap_or_else(|e| e.into_inner()).put(key, t.clone());
    Ok(t)
}

impl Lexicons {
    /// The shipped dictionaries, built on first use and shared afterwards.
    pub fn shared() -> Arc<Lexicons> {
        static SHARED: OnceLock<Arc<Lexicons>> = OnceLock::new();
        SHARED.get_or_init(|| Arc::new(Lexicons::build(&Config::default()).expect("the bundled dictionaries are valid"))).clone()
    }

    /// The lexicons of a configuration, built once per configuration (by
    /// content) and shared.
    pub fn cached(cfg: &Config) -> Result<Arc<Lexicons>, Error> {
        if cfg.is_default() {
            return Ok(Lexicons::shared());
        }
        static CACHE: Mutex<Lru<Config, Arc<Lexicons>>> = Mutex::new(Lru { items: Vec::new() });
        let key = cfg.resolved()?;
        if let Some(l) = CACHE.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return Ok(l);
        }
        let l = Arc::new(Lexicons::build(&key)?);
        CACHE.lock().unwrap_or_else(|e| e.into_inner()).put(key, l.clone());
        Ok(l)
    }

    /// Build the lexicons of a configuration.
    pub fn build(cfg: &Config) -> Result<Lexicons, Error> {
        crate::lexicon::note_dictionary_load();
        let tokenizer = tokenizer_for(&cfg.user_dicts, &cfg.stopwords, cfg.hmm)?;
        let load = |o: &Option<Vec<Source>>, default: &'static str, name: &str| {
            TermDict::load(o.as_deref().unwrap_or(&[Source::Default]), default, name)
        };
        let themes = Themes { dict: load(&cfg.themes, THEMES, "data/themes.tsv")?, rules: themes::Rules::default() };
        let instruments = Instruments::new(load(&cfg.instruments, INSTRUMENTS, "data/instruments.tsv")?);
        let strength_sources = cfg.strength.as_deref().unwrap_or(&[Source::Default]);
        let strength_name =
            strength_sources.last().map_or("data/strength.tsv".into(), |s| s.name("data/strength.tsv").display().to_string());
        let strength = Strength::new(load(&cfg.strength, STRENGTH, "data/strength.tsv")?, &strength_name)?;
        let mut agency_sources = vec![Source::Default];
        agency_sources.extend(cfg.departments.iter().cloned());
        let agencies = Agencies::load(&agency_sources)?;
        let matcher = Matcher::new(&[&themes.dict, &instruments.dict, &strength.dict]);
        Ok(Lexicons { tokenizer, themes, instruments, strength, agencies, matcher })
    }

    /// The id of theme `i`.
    pub fn theme_id(&self, i: u32) -> &str {
        &self.themes.dict.sections[i as usize].id
    }

    /// The id of instrument `i`.
    pub fn instrument_id(&self, i: u32) -> &str {
        &self.instruments.dict.sections[i as usize].id
    }
}

/// The lexicons a document was labelled with (the shipped ones if it was not).
pub fn lexicons_of(labels: &DocLabels) -> Arc<Lexicons> {
    labels.lexicons.clone().and_then(|h| h.downcast::<Lexicons>().ok()).unwrap_or_else(Lexicons::shared)
}

/// Kinds of blocks that carry substantive text and get labels.
pub fn is_labelled(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Task | BlockKind::Heading | BlockKind::Title | BlockKind::Preamble | BlockKind::Notice | BlockKind::Attachment
    )
}

/// End (bytes) of the first sentence of a text.
fn lead_end(text: &str) -> usize {
    let end = crate::text::chars::non_han_chars(text).find(|&(_, c)| matches!(c, '。' | '！' | '？' | '；'));
    end.map_or(text.len(), |(i, _)| i + '。'.len_utf8())
}

/// (section, term) pairs once each, in order of first occurrence.
fn first_occurrences(hits: &[crate::lexicon::terms::Hit]) -> Vec<TermHit> {
    let mut v: Vec<TermHit> = Vec::with_capacity(hits.len());
    // A bit per pair met so far, hashed: a pair whose bit is clear is new
    // without searching `v` (a long record has dozens of hits, and the
    // search was quadratic in them).
    let mut seen = 0u64;
    for h in hits.iter().filter(|h| h.weight > 0.0) {
        let hit = TermHit::new(h.section, h.term);
        let bit = 1u64 << ((h.term ^ h.section.rotate_left(5)) % 64);
        if seen & bit == 0 || !v.contains(&hit) {
            seen |= bit;
            v.push(hit);
        }
    }
    v
}

/// The theme scores a document's title lends to all its blocks: the title
/// (GB/T 9704-2012 标题: issuer, 事由, document type) names what the whole text
/// is about, so a theme it names decisively — and alone — is the subject of
/// every block (a 殡葬管理办法 is about funeral in each article, also where an
/// article only says 违反本办法…). A title naming several themes (社会救助和养老
/// 服务领域…政务公开…) only sets a scope and lends nothing.
fn title_scores(title: &str, lex: &Lexicons) -> Scores {
    let tokens = lex.tokenizer.cut(title);
    let hits = lex.matcher.find(title, &tokens, &[]);
    themes::decisive(&themes::own_scores(&hits[0], title.len(), &lex.themes.rules), &lex.themes.rules)
}

/// Whether a heading's marker is a division of a regulation or rule (第X章,
/// 第X节, 第X编/部分). By the drafting conventions of regulations (立法技术
/// 规范) a chapter gathers the articles of one subject under its title, so the
/// theme its title names decisively is the subject of each of them; the
/// 一、（一） headings of plans group tasks more loosely and only lend context.
fn is_division(marker: &str) -> bool {
    use crate::layout::markers::marker_at;
    use crate::model::facts::Style;
    marker_at(marker).is_some_and(|m| matches!(m.style, Style::Chapter | Style::Section | Style::Part))
}

/// The tokens of every block of a document, cut before any block is labelled
/// ([`cut_blocks`]): byte spans relative to each block's text, eight bytes a
/// token, so the cuts of a batch of documents can wait for their labelling
/// without holding a `Token` (32 bytes) each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockCuts {
    spans: Vec<(u32, u32)>,
    /// Where each block's spans begin in `spans`, and the end: n + 1 entries.
    at: Vec<u32>,
    /// Tokens other than white space, per block.
    n_tokens: Vec<u32>,
}

impl BlockCuts {
    /// The tokens of block `i` (none for a block that is not labelled).
    fn tokens<'a>(&self, i: usize, text: &'a str, out: &mut Vec<crate::lexicon::tokens::Token<'a>>) {
        out.clear();
        let spans = &self.spans[self.at[i] as usize..self.at[i + 1] as usize];
        out.extend(spans.iter().map(|&(s, e)| {
            let (start, end) = (s as usize, e as usize);
            crate::lexicon::tokens::Token { word: &text[start..end], start, end }
        }));
    }
}

/// Cut every block of a document. Labelled blocks keep their tokens; the
/// others only their count, which is all the `records` frame reads of them.
///
/// ```
/// use zhengce::pipeline::corpus::{prepare, Resources};
/// # use zhengce::model::document::Source;
/// let res = Resources::default();
/// # let source = Source { source: "d".into(), format: "text".into(), encoding: "utf-8".into(), bytes: 0 };
/// let doc = prepare("d", source, "一、社会救助\n完善最低生活保障制度。", vec![], &res);
/// let cuts = zhengce::label::cut_blocks(&doc, res.lexicons());
/// let labels = zhengce::label::label_cut(&doc, res.lexicons(), &cuts);
/// assert_eq!(labels, zhengce::label::label(&doc, res.lexicons()));
/// ```
pub fn cut_blocks(doc: &Document, lex: &Lexicons) -> BlockCuts {
    let n = doc.blocks.len();
    let mut cuts = BlockCuts { spans: Vec::new(), at: Vec::with_capacity(n + 1), n_tokens: Vec::with_capacity(n) };
    for b in &doc.blocks {
        let at = cuts.spans.len();
        cuts.at.push(at as u32);
        cuts.n_tokens.push(lex.tokenizer.cut_spans(b.text(&doc.text), &mut cuts.spans));
        if !is_labelled(b.kind) {
            cuts.spans.truncate(at);
        }
    }
    cuts.at.push(cuts.spans.len() as u32);
    cuts
}

/// Label every block of a document.
pub fn label(doc: &Document, lex: &Arc<Lexicons>) -> DocLabels {
    label_cut(doc, lex, &cut_blocks(doc, lex))
}

/// Label every block of a document from its blocks' tokens ([`cut_blocks`]).
pub fn label_cut(doc: &Document, lex: &Arc<Lexicons>, cuts: &BlockCuts) -> DocLabels {
    let n = doc.blocks.len();
    assert_eq!(cuts.n_tokens.len(), n, "the cuts are of this document's blocks");
    // Byte spans of each block's targets and deadlines: strength evidence.
    let mut targets: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for t in doc.targets.iter().filter(|t| t.block < n) {
        targets[t.block].push((t.start, t.end));
    }
    let mut deadlines: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for d in doc.deadlines.iter().filter(|d| d.block < n) {
        deadlines[d.block].push((d.start, d.end));
    }
    let rules = &lex.themes.rules;
    // The own theme scores of the headings met so far, by title, and whether
    // the heading is a division of a regulation (第X章/节/编).
    let mut heading_scores: crate::lexicon::terms::FxMap<&str, (Scores, bool)> = Default::default();
    let directive = strength::is_directive_type(doc.meta.doc_type.as_deref());
    let title = doc.meta.title.as_deref().map(|t| title_scores(t, lex)).unwrap_or_default();
    let mut out = DocLabels::default();
    out.lexicons = Some(lex.clone() as crate::model::facts::LexiconHandle);
    let mut masked: Vec<(usize, usize)> = Vec::new();
    let mut tokens = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        let text = b.text(&doc.text);
        let n_tokens = cuts.n_tokens[i];
        cuts.tokens(i, text, &mut tokens);
        let labelled = is_labelled(b.kind);
        if !labelled {
            out.push(BlockLabels { n_tokens, strength_label: "none", ..Default::default() });
            continue;
        }
        // Department names are who acts, not what the record is about.
        masked.clear();
        masked.extend(
            b.departments
                .iter()
                .filter(|d| d.start >= b.text_start && d.end <= b.end)
                .map(|d| (d.start - b.text_start, d.end - b.text_start)),
        );
        let hits = lex.matcher.find(text, &tokens, &masked);

        let own = themes::own_scores(&hits[0], lead_end(text), rules);
        let theme_scores = {
            let context: Vec<(&Scores, bool)> = b
                .sections_up(&doc.blocks)
                .filter_map(|h| heading_scores.get(doc.blocks[h].heading(&doc.text)))
                .map(|(s, c)| (s, *c))
                .collect();
            themes::with_context(&own, &context, &title, rules)
        };
        let assigned = themes::assign(&theme_scores, rules);
        let theme_terms = first_occurrences(&hits[0]);
        if b.kind == BlockKind::Heading {
            heading_scores.insert(b.heading(&doc.text), (own, is_division(&b.marker)));
        }

        let (n_targets, n_deadlines) = (targets[i].len(), deadlines[i].len());
        let instrument_scores = lex.instruments.scores(&hits[1], n_targets, n_deadlines);
        let instruments = Instruments::assign(&instrument_scores);
        let mut instrument_terms = first_occurrences(&hits[1]);
        if n_targets + n_deadlines > 0 {
            for (k, &(tw, dw)) in lex.instruments.specials.iter().enumerate() {
                for (w, n, term) in [(tw, n_targets, TARGET_TERM), (dw, n_deadlines, DEADLINE_TERM)] {
                    if n > 0 && w > 0.0 {
                        instrument_terms.push(TermHit::new(k as u32, term));
                    }
                }
            }
        }

        let facts = RecordFacts {
            targets: &targets[i],
            deadlines: &deadlines[i],
            block_start: b.start,
            text_start: b.text_start,
            task: b.kind == BlockKind::Task && directive,
        };
        let strength_terms = lex.strength.evidence(&hits[2], text, facts);
        let (binding, soft) = Strength::weights(&strength_terms);
        let (strength, strength_label) = Strength::score(binding, soft);
        out.push(BlockLabels {
            n_tokens,
            labelled,
            theme_scores: &SectionScore::pack(&theme_scores),
            themes: &assigned,
            theme_terms: &theme_terms,
            instrument_scores: &SectionScore::pack(&instrument_scores),
            instruments: &instruments,
            instrument_terms: &instrument_terms,
            strength_terms: &strength_terms,
            binding,
            soft,
            strength,
            strength_label,
        });
    }
    out.shrink_to_fit();
    out
}

/// Token counts of records as a sparse matrix in compressed sparse row form
/// (row `r` holds `data[indptr[r]..indptr[r + 1]]` at columns
/// `indices[indptr[r]..indptr[r + 1]]`), built without keeping the tokens.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TokenCounts {
    /// The document and record of each row.
    pub doc_ids: Vec<String>,
    pub record_ids: Vec<i64>,
    pub indptr: Vec<i64>,
    /// Column (vocabulary) indices, ascending within a row.
    pub indices: Vec<i32>,
    pub data: Vec<i32>,
    /// The column words, in code-point order.
    pub vocabulary: Vec<String>,
}

/// Count the tokens of the records of some documents (`kinds`: only records of these
/// kinds; `count`: the token kinds counted, e.g. words only). Each document is
/// re-tokenised with its own dictionaries, in parallel; the result does not
/// depend on the number of threads.
pub fn token_counts(documents: &[Document], kinds: Option<&[BlockKind]>, count: &[TokenKind]) -> TokenCounts {
    use rayon::prelude::*;
    struct Local<'a> {
        words: Vec<&'a str>,
        rows: Vec<(usize, Vec<(u32, i32)>)>,
    }
    let locals: Vec<Local> = documents
        .par_iter()
        .map(|d| {
            let lex = crate::label::lexicons_of(&d.labels);
            let mut ids: HashMap<&str, u32> = HashMap::new();
            let mut words: Vec<&str> = Vec::new();
            let mut rows = Vec::new();
            for (i, b) in d.records().filter(|(_, b)| kinds.is_none_or(|k| k.contains(&b.kind))) {
                let text = b.text(&d.text);
                let mut row: HashMap<u32, i32> = HashMap::new();
                for t in lex.tokenizer.cut(text) {
                    if !lex.tokenizer.kind(t.word).is_some_and(|k| count.contains(&k)) {
                        continue;
                    }
                    let id = *ids.entry(t.word).or_insert_with(|| {
                        words.push(t.word);
                        (words.len() - 1) as u32
                    });
                    *row.entry(id).or_insert(0) += 1;
                }
                rows.push((i, row.into_iter().collect()));
            }
            Local { words, rows }
        })
        .collect();
    let mut vocabulary: Vec<&str> = locals.iter().flat_map(|l| l.words.iter().copied()).collect();
    vocabulary.sort_unstable();
    vocabulary.dedup();
    let column: HashMap<&str, i32> = vocabulary.iter().enumerate().map(|(i, w)| (*w, i as i32)).collect();
    let mut out = TokenCounts { indptr: vec![0], vocabulary: vocabulary.iter().map(|w| w.to_string()).collect(), ..Default::default() };
    for (d, l) in documents.iter().zip(&locals) {
        let to_global: Vec<i32> = l.words.iter().map(|w| column[w]).collect();
        for (i, row) in &l.rows {
            let mut cells: Vec<(i32, i32)> = row.iter().map(|&(k, n)| (to_global[k as usize], n)).collect();
            cells.sort_unstable();
            out.doc_ids.push(d.doc_id.clone());
            out.record_ids.push(*i as i64);
            out.indices.extend(cells.iter().map(|x| x.0));
            out.data.extend(cells.iter().map(|x| x.1));
            out.indptr.push(out.indices.len() as i64);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::corpus::{Corpus, Options, Resources};

    fn themes_of(c: &Corpus, path: &str) -> Vec<String> {
        let d = &c.documents[0];
        let lex = crate::label::lexicons_of(&d.labels);
        let (i, _) = d.records().find(|(_, b)| b.path == path).unwrap();
        d.labels.at(i).themes.iter().map(|&t| lex.theme_id(t).to_string()).collect()
    }

    #[test]
    fn headings_give_context_and_departments_are_not_topics() {
        let text =
            "一、加强民政信息化建设\n完善信息平台，建设覆盖全省的管理系统。（省民政厅、省财政厅）\n二、其他\n做好有关工作。（省财政厅）";
        let c = Corpus::from_texts(vec![("d".into(), text.into())], &Options::default());
        assert_eq!(themes_of(&c, "1"), ["digitalization"]);
        assert!(themes_of(&c, "2").is_empty(), "财政厅 in the attribution is not funding");
    }

    #[test]
    fn a_user_configuration_reaches_labelling_and_is_cached() {
        let cfg = Config {
            themes: Some(vec![Source::Default, Source::Text("extra.tsv".into(), "[space] 航天\n空间站\t3\n".into())]),
            user_dicts: vec![Source::Text("u.dict".into(), "空间站\n".into())],
            ..Default::default()
        };
        let res = Resources::configured(&cfg).unwrap();
        assert!(Arc::ptr_eq(&res, &Resources::configured(&cfg).unwrap()), "built once per configuration");
        let opts = Options { resources: res, ..Default::default() };
        let c = Corpus::from_texts(vec![("d".into(), "一、任务\n建设空间站和养老机构。".into())], &opts);
        let got = themes_of(&c, "1");
        assert!(got.contains(&"space".to_string()) && got.contains(&"elderly_care".to_string()), "{got:?}");
        // The user dictionary reaches the counts too.
        let counts = token_counts(&c.documents, Some(&[BlockKind::Task]), &[TokenKind::Word]);
        assert!(counts.vocabulary.contains(&"空间站".to_string()));
    }

    #[test]
    fn token_counts_match_the_tokens() {
        let text = "一、任务\n建设养老机构，建设农村养老服务大院。\n二、保障\n加大财政投入。";
        let c = Corpus::from_texts(vec![("d".into(), text.into())], &Options::default());
        let m = token_counts(&c.documents, None, &[TokenKind::Word]);
        assert_eq!(m.indptr.len(), m.doc_ids.len() + 1);
        assert_eq!((m.indices.len(), m.data.len()), (m.indptr[m.indptr.len() - 1] as usize, m.indices.len()));
        let row: Vec<(&str, i32)> =
            (m.indptr[0] as usize..m.indptr[1] as usize).map(|k| (m.vocabulary[m.indices[k] as usize].as_str(), m.data[k])).collect();
        assert_eq!(row, [("养老机构", 1), ("农村养老服务大院", 1), ("建设", 2)], "columns in code-point order");
        assert!(m.vocabulary.windows(2).all(|w| w[0] < w[1]));
        // Agrees with the tokens counted one by one.
        let d = &c.documents[0];
        let lex = crate::label::lexicons_of(&d.labels);
        for (r, &rid) in m.record_ids.iter().enumerate() {
            let total: i32 = m.data[m.indptr[r] as usize..m.indptr[r + 1] as usize].iter().sum();
            let words = lex
                .tokenizer
                .cut(d.blocks[rid as usize].text(&d.text))
                .iter()
                .filter(|t| lex.tokenizer.kind(t.word) == Some(TokenKind::Word))
                .count();
            assert_eq!(total as usize, words);
        }
    }
}
