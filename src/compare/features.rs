//! `compare`: how often each feature (theme, instrument, department,
//! strength label, target indicator, deadline year, numbered formulation)
//! occurs in the task records of each group, as counts, shares of the
//! group's task records and rates per 10,000 characters of its text (so that
//! a province with a long document is not simply "more").
//!
//! Long form: one row per (group, feature) that occurs; wide form: one row per
//! group, one column per feature, zero where a feature does not occur.
//!
//! ```
//! use zhengce::{compare::{features::{compare, What}, Groups}, frames, Corpus, Options};
//! let text = "一、任务\n1.提高低保标准。（责任单位：省民政厅、省财政厅）\n2.发展养老服务。（责任单位：省民政厅）";
//! let c = Corpus::from_texts(vec![("d".into(), text.into())], &Options::default());
//! let g = Groups::from_frame(&frames::documents(&c).unwrap(), "doc_id").unwrap();
//! let f = compare(&c.documents, &g, What::Departments).unwrap();
//! assert_eq!(f.column("feature").unwrap().str().unwrap().get(0), Some("民政厅"));
//! assert_eq!(f.column("share").unwrap().f64().unwrap().get(0), Some(1.0));
//! ```

use std::collections::HashMap;

use polars::prelude::*;
use rayon::prelude::*;

use super::{col, frame, grouped, value_error, Groups};
use crate::error::Error;
use crate::model::document::{BlockKind, Document};

/// What to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// Assigned themes (id; name: the Chinese name).
    Themes,
    /// Policy instruments used (id; name: the Chinese name).
    Instruments,
    /// Instrument types: supply, environment, demand.
    InstrumentTypes,
    /// Responsible departments by canonical name.
    Departments,
    /// Responsible departments by category (civil_affairs, finance …).
    DepartmentCategories,
    /// Responsible departments by level (provincial, local, generic …).
    DepartmentLevels,
    /// Commitment strength labels (binding, mixed, soft, none).
    Strength,
    /// Quantitative targets by indicator.
    Targets,
    /// Dated commitments by the year due.
    Deadlines,
    /// Numbered formulations, normalised.
    Slogans,
}

impl What {
    /// Every kind, with its name in the API.
    pub const ALL: [(What, &'static str); 10] = [
        (What::Themes, "themes"),
        (What::Instruments, "instruments"),
        (What::InstrumentTypes, "instrument_types"),
        (What::Departments, "departments"),
        (What::DepartmentCategories, "department_categories"),
        (What::DepartmentLevels, "department_levels"),
        (What::Strength, "strength"),
        (What::Targets, "targets"),
        (What::Deadlines, "deadlines"),
        (What::Slogans, "slogans"),
    ];

    /// The kind named `name`, or a value error listing the names.
    pub fn parse(name: &str) -> Result<What, Error> {
        What::ALL.iter().find(|(_, n)| *n == name).map(|(w, _)| *w).ok_or_else(|| {
            value_error("what", format!("{name:?} is not one of {}", What::ALL.iter().map(|(_, n)| *n).collect::<Vec<_>>().join(", ")))
        })
    }
}

/// Counts of one feature in one group.
#[derive(Debug, Clone, Default)]
struct Tally {
    /// Task records with the feature.
    records: i64,
    /// Occurrences (a record naming a department twice counts twice).
    mentions: i64,
}

/// Per group: task records, characters, and the tallies by feature (with the
/// feature's display name).
#[derive(Debug, Default)]
struct GroupCounts {
    n_records: i64,
    n_chars: i64,
    n_documents: i64,
    features: HashMap<Option<String>, (String, Tally)>,
}

/// The name of an instrument type in Chinese policy research (供给型/环境型/需求型).
fn type_name(t: &str) -> &str {
    match t {
        "supply" => "供给型",
        "environment" => "环境型",
        "demand" => "需求型",
        other => other,
    }
}

/// The features of one task record: (feature, name, mentions).
type RecordFeatures = Vec<(Option<String>, String, i64)>;

fn add(out: &mut RecordFeatures, key: Option<String>, name: &str) {
    match out.iter_mut().find(|(k, _, _)| *k == key) {
        Some(x) => x.2 += 1,
        None => out.push((key, name.to_string(), 1)),
    }
}

/// The features of every task record of a document, by record index.
fn record_features(d: &Document, what: What) -> HashMap<usize, RecordFeatures> {
    let lex = crate::label::lexicons_of(&d.labels);
    let mut out: HashMap<usize, RecordFeatures> = HashMap::new();
    let tasks = d.blocks.iter().enumerate().filter(|(_, b)| b.kind == BlockKind::Task);
    match what {
        What::Themes | What::Instruments | What::InstrumentTypes | What::Strength => {
            for (i, _) in tasks {
                let Some(l) = d.labels.get(i).filter(|l| l.labelled) else { continue };
                let f = out.entry(i).or_default();
                match what {
                    What::Themes => {
                        for &t in l.themes {
                            let s = &lex.themes.dict.sections[t as usize];
                            add(f, Some(s.id.clone()), &s.name);
                        }
                    }
                    What::Instruments => {
                        for &t in l.instruments {
                            let s = &lex.instruments.dict.sections[t as usize];
                            add(f, Some(s.id.clone()), &s.name);
                        }
                    }
                    What::InstrumentTypes => {
                        let mut types: Vec<&str> =
                            l.instruments.iter().map(|&t| crate::label::instruments::type_of(lex.instrument_id(t))).collect();
                        types.sort_unstable();
                        types.dedup();
                        for t in types {
                            add(f, Some(t.to_string()), type_name(t));
                        }
                    }
                    _ => add(f, Some(l.strength_label.to_string()), l.strength_label),
                }
            }
        }
        What::Departments | What::DepartmentCategories | What::DepartmentLevels => {
            for (i, b) in tasks {
                for x in &b.departments {
                    let a = lex.agencies.resolve(&x.name);
                    let key = match what {
                        What::Departments => Some(a.canonical),
                        What::DepartmentCategories => a.category.map(str::to_string),
                        _ => Some(a.level.to_string()),
                    };
                    let name = key.clone().unwrap_or_default();
                    add(out.entry(i).or_default(), key, &name);
                }
            }
        }
        What::Targets => {
            for t in &d.targets {
                if d.blocks.get(t.block).is_some_and(|b| b.kind == BlockKind::Task) {
                    let key = super::targets::target_indicator(t);
                    let name = t.indicator.clone().unwrap_or_default();
                    add(out.entry(t.block).or_default(), key, &name);
                }
            }
        }
        What::Deadlines => {
            for x in &d.deadlines {
                if d.blocks.get(x.block).is_some_and(|b| b.kind == BlockKind::Task) {
                    let year: String = x.date.chars().take(4).collect();
                    add(out.entry(x.block).or_default(), Some(year.clone()), &year);
                }
            }
        }
        What::Slogans => {
            for s in &d.slogans {
                if d.blocks.get(s.block).is_some_and(|b| b.kind == BlockKind::Task) {
                    add(out.entry(s.block).or_default(), Some(s.normalized.to_string()), &s.normalized);
                }
            }
        }
    }
    out
}

/// Task records and characters of a document.
pub(crate) fn size_of(d: &Document) -> (i64, i64) {
    (d.blocks.iter().filter(|b| b.kind == BlockKind::Task).count() as i64, d.text.chars().count() as i64)
}

fn count(docs: &[Document], groups: &Groups, what: What) -> Vec<GroupCounts> {
    // Per document: its group, (task records, characters) and record features.
    type PerDoc = (u32, (i64, i64), HashMap<usize, RecordFeatures>);
    let per_doc: Vec<PerDoc> = grouped(docs, groups).into_par_iter().map(|(d, g)| (g, size_of(d), record_features(d, what))).collect();
    let mut out: Vec<GroupCounts> = (0..groups.len()).map(|_| GroupCounts::default()).collect();
    for (g, (n_records, n_chars), recs) in per_doc {
        let gc = &mut out[g as usize];
        gc.n_records += n_records;
        gc.n_chars += n_chars;
        gc.n_documents += 1;
        for feats in recs.into_values() {
            for (key, name, mentions) in feats {
                let e = gc.features.entry(key).or_insert_with(|| (name, Tally::default()));
                e.1.records += 1;
                e.1.mentions += mentions;
            }
        }
    }
    out
}

fn share(n: i64, of: i64) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 / of as f64
    }
}

fn per_10k(n: i64, chars: i64) -> f64 {
    if chars == 0 {
        0.0
    } else {
        n as f64 * 10_000.0 / chars as f64
    }
}

/// Features in order: most task records first, ties by feature (null last).
fn by_count_then_name(a: &(Option<String>, i64), b: &(Option<String>, i64)) -> std::cmp::Ordering {
    b.1.cmp(&a.1).then_with(|| match (&a.0, &b.0) {
        (Some(x), Some(y)) => x.cmp(y),
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, None) => std::cmp::Ordering::Equal,
    })
}

/// The long comparison frame: one row per (group, feature) that occurs, groups
/// in group order, then most task records first, ties by feature. Columns:
/// the `by` column, feature, name, n (task records with the feature),
/// n_mentions, n_records, share (n / n_records), n_chars, per_10k
/// (n_mentions per 10,000 characters).
pub fn compare(docs: &[Document], groups: &Groups, what: What) -> Result<DataFrame, Error> {
    let counts = count(docs, groups, what);
    let (mut g_rows, mut feature, mut name, mut n, mut mentions, mut n_records, mut shares, mut chars, mut rate) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for (g, gc) in counts.iter().enumerate() {
        let mut rows: Vec<(&Option<String>, &(String, Tally))> = gc.features.iter().collect();
        rows.sort_by(|a, b| by_count_then_name(&(a.0.clone(), a.1 .1.records), &(b.0.clone(), b.1 .1.records)));
        for (key, (label, t)) in rows {
            g_rows.push(g as u32);
            feature.push(key.clone());
            name.push(label.clone());
            n.push(t.records);
            mentions.push(t.mentions);
            n_records.push(gc.n_records);
            shares.push(share(t.records, gc.n_records));
            chars.push(gc.n_chars);
            rate.push(per_10k(t.mentions, gc.n_chars));
        }
    }
    let h = g_rows.len();
    frame(
        h,
        vec![
            groups.column(&g_rows)?,
            col("feature", feature),
            col("name", name),
            col("n", n),
            col("n_mentions", mentions),
            col("n_records", n_records),
            col("share", shares),
            col("n_chars", chars),
            col("per_10k", rate),
        ],
    )
}

/// A measure of the wide form.
fn measure_of(t: Option<&Tally>, gc: &GroupCounts, measure: &str) -> f64 {
    let (records, mentions) = t.map_or((0, 0), |t| (t.records, t.mentions));
    match measure {
        "n" => records as f64,
        "n_mentions" => mentions as f64,
        "share" => share(records, gc.n_records),
        _ => per_10k(mentions, gc.n_chars),
    }
}

/// The wide comparison frame: one row per group (every group, in group order)
/// with n_documents, n_records, n_chars, then one column per feature (most
/// task records overall first, ties by feature; the null feature is named
/// `<none>`) holding `measure`: n, n_mentions, share or per_10k.
pub fn compare_wide(docs: &[Document], groups: &Groups, what: What, measure: &str) -> Result<DataFrame, Error> {
    if !["n", "n_mentions", "share", "per_10k"].contains(&measure) {
        return Err(value_error("measure", format!("{measure:?} is not one of n, n_mentions, share, per_10k")));
    }
    let counts = count(docs, groups, what);
    let mut totals: HashMap<&Option<String>, i64> = HashMap::new();
    for gc in &counts {
        for (k, (_, t)) in &gc.features {
            *totals.entry(k).or_default() += t.records;
        }
    }
    let mut order: Vec<(Option<String>, i64)> = totals.into_iter().map(|(k, n)| (k.clone(), n)).collect();
    order.sort_by(by_count_then_name);
    let rows: Vec<u32> = (0..groups.len() as u32).collect();
    let mut cols = vec![
        groups.column(&rows)?,
        col("n_documents", counts.iter().map(|c| c.n_documents).collect::<Vec<_>>()),
        col("n_records", counts.iter().map(|c| c.n_records).collect::<Vec<_>>()),
        col("n_chars", counts.iter().map(|c| c.n_chars).collect::<Vec<_>>()),
    ];
    for (key, _) in &order {
        let name = key.as_deref().unwrap_or("<none>");
        if cols.iter().any(|c| c.name().as_str() == name) {
            return Err(value_error("what", format!("the feature {name:?} has the name of a column of the wide form; use form=\"long\"")));
        }
        let v: Vec<f64> = counts.iter().map(|gc| measure_of(gc.features.get(key).map(|x| &x.1), gc, measure)).collect();
        cols.push(col(name, v));
    }
    frame(groups.len(), cols)
}

/// One row per group (every group, in order) summing up what its documents
/// commit to: the `by` column, n_documents, n_records (task records),
/// n_chars, share_attributed (task records naming a department),
/// n_departments (distinct canonical names), n_targets, n_deadlines,
/// n_slogans (distinct formulations), mean_strength and share_binding (of
/// task records); counts of task records only.
pub fn overview(docs: &[Document], groups: &Groups) -> Result<DataFrame, Error> {
    #[derive(Default)]
    struct Acc {
        docs: i64,
        records: i64,
        chars: i64,
        attributed: i64,
        departments: std::collections::HashSet<String>,
        targets: i64,
        deadlines: i64,
        slogans: std::collections::HashSet<String>,
        strength: f64,
        binding: i64,
    }
    let mut acc: Vec<Acc> = (0..groups.len()).map(|_| Acc::default()).collect();
    for (d, g) in grouped(docs, groups) {
        let a = &mut acc[g as usize];
        let lex = crate::label::lexicons_of(&d.labels);
        let is_task = |i: usize| d.blocks.get(i).is_some_and(|b| b.kind == BlockKind::Task);
        a.docs += 1;
        a.chars += d.text.chars().count() as i64;
        for (i, b) in d.blocks.iter().enumerate().filter(|(_, b)| b.kind == BlockKind::Task) {
            a.records += 1;
            a.attributed += !b.departments.is_empty() as i64;
            a.departments.extend(b.departments.iter().map(|x| lex.agencies.resolve(&x.name).canonical));
            if let Some(l) = d.labels.get(i).filter(|l| l.labelled) {
                a.strength += l.strength as f64;
                a.binding += (l.strength_label == "binding") as i64;
            }
        }
        a.targets += d.targets.iter().filter(|t| is_task(t.block)).count() as i64;
        a.deadlines += d.deadlines.iter().filter(|t| is_task(t.block)).count() as i64;
        a.slogans.extend(d.slogans.iter().filter(|s| is_task(s.block)).map(|s| s.normalized.to_string()));
    }
    let rows: Vec<u32> = (0..groups.len() as u32).collect();
    let v = |f: &dyn Fn(&Acc) -> i64| acc.iter().map(f).collect::<Vec<i64>>();
    let ratio =
        |f: &dyn Fn(&Acc) -> f64| acc.iter().map(|a| if a.records > 0 { Some(f(a) / a.records as f64) } else { None }).collect::<Vec<_>>();
    frame(
        groups.len(),
        vec![
            groups.column(&rows)?,
            col("n_documents", v(&|a| a.docs)),
            col("n_records", v(&|a| a.records)),
            col("n_chars", v(&|a| a.chars)),
            col("share_attributed", ratio(&|a| a.attributed as f64)),
            col("n_departments", v(&|a| a.departments.len() as i64)),
            col("n_targets", v(&|a| a.targets)),
            col("n_deadlines", v(&|a| a.deadlines)),
            col("n_slogans", v(&|a| a.slogans.len() as i64)),
            col("mean_strength", ratio(&|a| a.strength)),
            col("share_binding", ratio(&|a| a.binding as f64)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::corpus::{Corpus, Options};

    fn corpus() -> Corpus {
        let a = "吉林省民政厅关于印发方案的通知\n一、任务\n1.完善最低生活保障制度，提高低保标准。（责任单位：省民政厅、省财政厅）\n2.发展居家养老服务，建设养老机构。（责任单位：省民政厅）";
        let b = "一、任务\n1.完善最低生活保障制度。（责任单位：民政厅）";
        let opts = Options::default();
        let mut c = Corpus::from_texts(vec![("a".into(), a.into()), ("b".into(), b.into())], &opts);
        c.documents[1].meta.province = None;
        c
    }

    #[test]
    fn counts_shares_and_rates_add_up() {
        let c = corpus();
        let docs = crate::frames::documents(&c).unwrap();
        let g = Groups::from_frame(&docs, "province").unwrap();
        assert_eq!(g.labels, [Some("吉林".to_string()), None]);
        let f = compare(&c.documents, &g, What::Departments).unwrap();
        let prov = f.column("province").unwrap().str().unwrap().clone();
        let feat = f.column("feature").unwrap().str().unwrap().clone();
        let n = f.column("n").unwrap().i64().unwrap().clone();
        // 吉林: 民政厅 on both records, 财政厅 on one; the null group last.
        assert_eq!(
            (0..f.height()).map(|i| (prov.get(i), feat.get(i).unwrap(), n.get(i).unwrap())).collect::<Vec<_>>(),
            [(Some("吉林"), "民政厅", 2), (Some("吉林"), "财政厅", 1), (None, "民政厅", 1)]
        );
        let chars = c.documents[0].text.chars().count() as f64;
        let rate = f.column("per_10k").unwrap().f64().unwrap().get(1).unwrap();
        assert!((rate - 10_000.0 / chars).abs() < 1e-9);
        let w = compare_wide(&c.documents, &g, What::Departments, "share").unwrap();
        assert_eq!(w.height(), 2);
        assert_eq!(w.column("财政厅").unwrap().f64().unwrap().get(1), Some(0.0));
        assert_eq!(w.column("民政厅").unwrap().f64().unwrap().get(0), Some(1.0));
    }
}
