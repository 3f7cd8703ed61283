//! Targets side by side: the quantitative targets of different documents that
//! measure the same thing (the same indicator id or normalised indicator, in
//! the same unit; counts of one indicator whatever their classifier), one
//! block of rows per indicator or per family of indicators
//! (`elderly_care.*`: facilities built, their coverage, beds per 1,000 old
//! people), ranked by ambition within each measure, so that Jilin's and
//! Jiangsu's 城市低保标准 can be read against each other.
//!
//! ```
//! use zhengce::{compare::{targets::compare_targets, Groups}, frames, Corpus, Options};
//! let a = "一、任务\n1.到2020年，全省养老机构护理型床位占比达到30%以上。";
//! let b = "一、任务\n1.到2022年，养老机构护理型床位占比达到50%以上。";
//! let c = Corpus::from_texts(vec![("a".into(), a.into()), ("b".into(), b.into())], &Options::default());
//! let g = Groups::from_frame(&frames::documents(&c).unwrap(), "doc_id").unwrap();
//! let t = compare_targets(&c.documents, &g, 2).unwrap();
//! assert_eq!(t.column("doc_id").unwrap().str().unwrap().get(0), Some("b"), "50% ranks first");
//! ```

use std::collections::HashMap;

use polars::prelude::*;

use super::{col, frame, grouped, Groups};
use crate::error::Error;
use crate::frames::CharCursor;
use crate::lexicon::indicators::{family, is_count_unit};
use crate::model::document::Document;
use crate::model::facts::{Comparator, Target};

/// Words that open an indicator and say where it applies, not what is
/// measured (全省养老机构床位 and 养老机构床位 are one indicator). Policy
/// texts put the scope of a target before its noun; the scope column keeps it.
const SCOPE_OPENERS: [&str; 12] = ["全省", "全市", "全区", "全州", "全县", "全国", "各地", "各市", "我省", "本省", "我市", "本市"];

/// The comparable form of an indicator: white space, quotation marks and a
/// scope opener ([`SCOPE_OPENERS`]) removed, and a trailing 的 dropped.
///
/// ```
/// assert_eq!(zhengce::compare::targets::indicator_key("全省 “城市低保标准”"), "城市低保标准");
/// ```
pub fn indicator_key(indicator: &str) -> String {
    let mut s: String = indicator.chars().filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’')).collect();
    if let Some(rest) = SCOPE_OPENERS.iter().find_map(|p| s.strip_prefix(p)).filter(|r| !r.is_empty()) {
        s = rest.to_string();
    }
    s.trim_end_matches('的').to_string()
}

/// Whether a larger value is more ambitious: targets to reach or exceed (and
/// counts of what is built) go up; ceilings (不超过, 控制在…以内) go down.
fn goes_up(c: Comparator) -> bool {
    !matches!(c, Comparator::Le | Comparator::Lt)
}

/// The comparable indicator of a target: its id in the indicator table
/// (`data/indicators.tsv`, which puts 低保标准 as an amount and as a share of
/// income in one family) when it has one, else its normalised indicator.
pub fn target_indicator(t: &Target) -> Option<String> {
    if let Some(id) = t.indicator_id.as_deref().filter(|s| !s.is_empty()) {
        return Some(id.to_string());
    }
    Some(indicator_key(t.indicator.as_deref()?)).filter(|k| !k.is_empty())
}

/// The unit a target is compared in: a count unit (个, 所, 张) under an
/// indicator id is `count`, since the id already says what is counted;
/// every other unit (%, 万元, 日) stays as written, because values in
/// different units are not on one scale.
fn comparable_unit(t: &Target) -> String {
    if t.indicator_id.is_some() && is_count_unit(&t.unit) {
        "count".to_string()
    } else {
        t.unit.to_string()
    }
}

/// The keys of a comparable target: the measure it is ranked within
/// (indicator, comparable unit) and the block it is shown in — the family of
/// its indicator id (`elderly_care` for `elderly_care.facilities` and
/// `elderly_care.facility_coverage`), else the measure itself.
fn keys_of(t: &Target) -> Option<(Measure, Measure)> {
    let measure = (target_indicator(t)?, comparable_unit(t));
    let block = match t.indicator_id.as_deref().filter(|id| id.contains('.')) {
        Some(id) => (family(id).to_string(), String::new()),
        None => measure.clone(),
    };
    Some((measure, block))
}

/// An indicator and the unit it is compared in.
type Measure = (String, String);

/// Comparable targets across documents: every target whose block — the family
/// of its indicator id, else its (indicator id or normalised indicator,
/// comparable unit) — occurs in at least `min_documents` documents of the
/// groups. Columns: family (the block), indicator_key (the indicator id, else
/// the normalised indicator), indicator, unit, comparator, value, value_max,
/// deadline, scope, per, base, condition, doc_id, the `by` column, path, span, start, end (character
/// offsets), n_documents (of the block), direction (`up` when more is more
/// ambitious, `down` for ceilings) and rank (1 = most ambitious among the
/// targets of the same indicator_key, comparable unit and direction; ties by
/// earlier deadline, then document). Blocks with most documents come first.
pub fn compare_targets(docs: &[Document], groups: &Groups, min_documents: usize) -> Result<DataFrame, Error> {
    struct Row<'a> {
        measure: Measure,
        block: Measure,
        doc: &'a Document,
        group: u32,
        t: &'a Target,
    }
    let mut rows: Vec<Row> = Vec::new();
    for (d, g) in grouped(docs, groups) {
        for t in &d.targets {
            if let Some((measure, block)) = keys_of(t) {
                rows.push(Row { measure, block, doc: d, group: g, t });
            }
        }
    }
    let mut docs_of: HashMap<&Measure, Vec<&str>> = HashMap::new();
    for r in &rows {
        let v = docs_of.entry(&r.block).or_default();
        if !v.contains(&r.doc.doc_id.as_str()) {
            v.push(&r.doc.doc_id);
        }
    }
    let n_docs: HashMap<Measure, usize> = docs_of.into_iter().map(|(k, v)| (k.clone(), v.len())).collect();
    rows.retain(|r| n_docs[&r.block] >= min_documents.max(1));
    let ambition = |r: &Row| if goes_up(r.t.comparator) { r.t.value } else { -r.t.value };
    rows.sort_by(|a, b| {
        n_docs[&b.block]
            .cmp(&n_docs[&a.block])
            .then_with(|| a.block.cmp(&b.block))
            .then_with(|| a.measure.cmp(&b.measure))
            .then_with(|| goes_up(b.t.comparator).cmp(&goes_up(a.t.comparator)))
            .then_with(|| ambition(b).total_cmp(&ambition(a)))
            .then_with(|| a.t.deadline.cmp(&b.t.deadline))
            .then_with(|| a.doc.doc_id.cmp(&b.doc.doc_id))
            .then_with(|| a.t.start.cmp(&b.t.start))
    });
    let mut rank = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let same = i > 0 && rows[i - 1].measure == r.measure && goes_up(rows[i - 1].t.comparator) == goes_up(r.t.comparator);
        rank.push(if same { rank[i - 1] + 1 } else { 1i64 });
    }
    let mut cursors: HashMap<&str, CharCursor> = HashMap::new();
    let (mut starts, mut ends) = (Vec::with_capacity(rows.len()), Vec::with_capacity(rows.len()));
    for r in &rows {
        let c = cursors.entry(&r.doc.doc_id).or_insert_with(|| CharCursor::new(&r.doc.text));
        starts.push(c.at(r.t.start) as i64);
        ends.push(c.at(r.t.end) as i64);
    }
    let s = |f: &dyn Fn(&Row) -> String| rows.iter().map(f).collect::<Vec<String>>();
    let h = rows.len();
    let mut cols = vec![
        col("family", s(&|r| r.block.0.clone())),
        col("indicator_key", s(&|r| r.measure.0.clone())),
        col("indicator", rows.iter().map(|r| r.t.indicator.as_deref()).collect::<Vec<_>>()),
        col("unit", s(&|r| r.t.unit.to_string())),
        col("comparator", s(&|r| r.t.comparator.symbol().to_string())),
        col("value", rows.iter().map(|r| r.t.value).collect::<Vec<_>>()),
        col("value_max", rows.iter().map(|r| r.t.value_max).collect::<Vec<_>>()),
        col("deadline", rows.iter().map(|r| r.t.deadline.as_deref()).collect::<Vec<_>>()),
        // What makes two values comparable or not: where each applies (各县 vs
        // the province), per what, of what base, under which condition.
        col("scope", rows.iter().map(|r| r.t.scope.as_deref()).collect::<Vec<_>>()),
        col("per", rows.iter().map(|r| r.t.per.as_deref()).collect::<Vec<_>>()),
        col("base", rows.iter().map(|r| r.t.base.as_deref()).collect::<Vec<_>>()),
        col("condition", rows.iter().map(|r| r.t.condition.as_deref()).collect::<Vec<_>>()),
        col("doc_id", s(&|r| r.doc.doc_id.clone())),
        groups.column(&rows.iter().map(|r| r.group).collect::<Vec<_>>())?,
        col("path", s(&|r| r.doc.blocks.get(r.t.block).map_or(String::new(), |b| b.path.to_string()))),
        col("span", s(&|r| r.doc.text[r.t.start..r.t.end].to_string())),
        col("start", starts),
        col("end", ends),
        col("n_documents", rows.iter().map(|r| n_docs[&r.block] as i64).collect::<Vec<_>>()),
        col("direction", s(&|r| if goes_up(r.t.comparator) { "up".into() } else { "down".into() })),
        col("rank", rank),
    ];
    if groups.by == "doc_id" {
        // Grouped by document: the group column is the doc_id column.
        cols.remove(13);
    }
    frame(h, cols)
}
