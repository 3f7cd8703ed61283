//! The core measured against the hand-made gold annotations of the bundled
//! sample (tests/data/gold, copied from the annotators' files; SCHEMA.md there
//! says what a correct record, department, target and slogan is), and against
//! the development set of real documents (`../shared/corpus-dev` and
//! `../shared/gold-dev` beside the repository, or under `$ZHENGCE_SHARED`;
//! skipped with a note when absent), so a later change cannot quietly undo
//! what the reading of real documents reaches.
//!
//! The matching rules mirror the shared scorer (`score_gold.py`), so the Rust
//! core can be checked without building the Python package. Run with
//! `ZHENGCE_GOLD_VERBOSE=1 cargo test --test gold -- --nocapture` to list every miss.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::Value;
use zhengce::model::document::Document;
use zhengce::pipeline::corpus::{Corpus, Options};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}

/// The record text with a leading marker removed, squashed (as the scorer does).
fn body(text: &str) -> String {
    let t = text.trim_start();
    let t = zhengce::layout::markers::marker_at(t).map_or(t, |m| &t[m.text_start..]);
    squash(t)
}

fn verbose() -> bool {
    std::env::var("ZHENGCE_GOLD_VERBOSE").is_ok()
}

#[derive(Default, Debug, Clone, Copy)]
struct Score {
    tp: usize,
    out: usize,
    gold: usize,
}

impl Score {
    fn add(&mut self, tp: usize, out: usize, gold: usize) {
        self.tp += tp;
        self.out += out;
        self.gold += gold;
    }
    fn f1(&self) -> f64 {
        let p = if self.out == 0 {
            if self.gold == 0 {
                1.0
            } else {
                0.0
            }
        } else {
            self.tp as f64 / self.out as f64
        };
        let r = if self.gold == 0 { 1.0 } else { self.tp as f64 / self.gold as f64 };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

struct Gold {
    file: String,
    json: Value,
}

fn golds() -> Vec<Gold> {
    let dir = root().join("tests/data/gold");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "five gold files in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let json: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            Gold { file: json["file"].as_str().unwrap().to_string(), json }
        })
        .collect()
}

fn read_doc(file: &str) -> Document {
    read_path(&root().join("python/zhengce/sample").join(file))
}

fn read_path(path: &std::path::Path) -> Document {
    let c = Corpus::read(&[path.display().to_string()], &Options::default());
    assert!(c.failures.is_empty(), "{:?}", c.errors);
    c.documents.into_iter().next().unwrap()
}

/// The development set of real documents: (documents, gold), when present.
fn dev_set() -> Option<(PathBuf, PathBuf)> {
    let shared = std::env::var_os("ZHENGCE_SHARED").map(PathBuf::from).unwrap_or_else(|| root().join("../shared"));
    let (docs, gold) = (shared.join("corpus-dev"), shared.join("gold-dev"));
    if docs.is_dir() && gold.is_dir() {
        Some((docs, gold))
    } else {
        println!(
            "note: no development set at {} (set ZHENGCE_SHARED to the folder holding corpus-dev and gold-dev); skipped",
            shared.display()
        );
        None
    }
}

/// Every (document, gold) pair of the development set.
fn dev_documents() -> Vec<(Document, Value)> {
    let Some((docs, gold)) = dev_set() else { return Vec::new() };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&gold)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let json: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (read_path(&docs.join(json["file"].as_str().unwrap())), json)
        })
        .collect()
}

/// Metadata fields that agree with the gold, and fields compared.
fn meta_agreement(doc: &Document, gold: &Value) -> (usize, usize) {
    let m = &doc.meta;
    let got: Vec<(&str, Option<String>)> = vec![
        ("province", m.province.clone()),
        ("issuer", m.issuer.clone()),
        ("doc_number", m.doc_number.clone()),
        ("title", m.title.clone()),
        ("date", m.date.map(|d| d.iso())),
        ("year", m.year.map(|y| y.to_string())),
    ];
    let mut ok = 0;
    for (k, v) in &got {
        let want = &gold["document"][*k];
        let good = match want {
            Value::Null => v.as_deref().is_none_or(str::is_empty),
            Value::Number(x) => v.as_deref() == Some(x.to_string().as_str()),
            Value::String(s) => v.as_deref().map(squash) == Some(squash(s)),
            _ => false,
        };
        if !good && verbose() {
            println!("  {} meta {k}: gold={want} got={v:?}", doc.doc_id);
        }
        ok += good as usize;
    }
    (ok, got.len())
}

/// Records matched to gold records: (gold index, block index).
fn match_records(doc: &Document, gold: &Value) -> Vec<(usize, usize)> {
    let recs: Vec<usize> = doc.records().filter(|(_, b)| !b.path.is_empty()).map(|(i, _)| i).collect();
    let mut free = recs.clone();
    let mut pairs = Vec::new();
    for (gi, g) in gold["records"].as_array().unwrap().iter().enumerate() {
        let path = g["path"].as_str().unwrap();
        let starts = squash(g["starts"].as_str().unwrap());
        if let Some(pos) = free.iter().position(|&i| doc.blocks[i].path == path && body(doc.blocks[i].text(&doc.text)).starts_with(&starts))
        {
            pairs.push((gi, free.remove(pos)));
        } else if verbose() {
            println!("  {} missed record {} {}", doc.doc_id, path, starts);
        }
    }
    if verbose() {
        for &i in &free {
            println!(
                "  {} extra record {} {}",
                doc.doc_id,
                doc.blocks[i].path,
                body(doc.blocks[i].text(&doc.text)).chars().take(14).collect::<String>()
            );
        }
    }
    pairs
}

fn counts(items: impl Iterator<Item = String>) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for i in items {
        *m.entry(i).or_insert(0) += 1;
    }
    m
}

fn overlap(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> usize {
    a.iter().map(|(k, v)| (*v).min(*b.get(k).unwrap_or(&0))).sum()
}

#[test]
fn records_and_departments_match_the_gold() {
    let mut records = Score::default();
    let mut depts = Score::default();
    for g in golds() {
        let doc = read_doc(&g.file);
        let gold_recs = g.json["records"].as_array().unwrap();
        let pairs = match_records(&doc, &g.json);
        let n_out = doc.records().filter(|(_, b)| !b.path.is_empty()).count();
        records.add(pairs.len(), n_out, gold_recs.len());
        let mut tp = 0;
        for &(gi, bi) in &pairs {
            let gd = counts(gold_recs[gi]["departments"].as_array().unwrap().iter().map(|v| squash(v.as_str().unwrap())));
            let od = counts(doc.blocks[bi].departments.iter().map(|d| squash(&d.name)));
            if verbose() && gd != od {
                println!("  {} {} departments gold={:?} got={:?}", doc.doc_id, doc.blocks[bi].path, gd, od);
            }
            tp += overlap(&gd, &od);
        }
        let out: usize = doc.records().filter(|(_, b)| !b.path.is_empty()).map(|(_, b)| b.departments.len()).sum();
        let gold_n: usize = gold_recs.iter().map(|r| r["departments"].as_array().unwrap().len()).sum();
        depts.add(tp, out, gold_n);
    }
    println!("records F1 {:.3} {:?}\ndepartments F1 {:.3} {:?}", records.f1(), records, depts.f1(), depts);
    assert!(records.f1() >= 0.99, "records F1 {:.3}", records.f1());
    assert!(depts.f1() >= 0.99, "departments F1 {:.3}", depts.f1());
}

#[test]
fn document_metadata_matches_the_gold() {
    let (mut ok, mut n) = (0, 0);
    for g in golds() {
        let (a, b) = meta_agreement(&read_doc(&g.file), &g.json);
        ok += a;
        n += b;
    }
    let share = ok as f64 / n as f64;
    println!("meta {share:.3} ({ok}/{n})");
    assert!(share >= 0.95, "meta {share:.3}");
}

/// Bars the development set is read at (records F1, metadata share): what
/// the reading of real documents reached, so that no change undoes it.
const DEV_RECORDS_F1: f64 = 0.99;
const DEV_META: f64 = 0.99;

#[test]
fn dev_set_records_and_metadata_match_the_gold() {
    let docs = dev_documents();
    if docs.is_empty() {
        return;
    }
    let mut records = Score::default();
    let (mut ok, mut n) = (0, 0);
    for (doc, gold) in &docs {
        let pairs = match_records(doc, gold);
        let n_out = doc.records().filter(|(_, b)| !b.path.is_empty()).count();
        records.add(pairs.len(), n_out, gold["records"].as_array().unwrap().len());
        let (a, b) = meta_agreement(doc, gold);
        ok += a;
        n += b;
    }
    let meta = ok as f64 / n as f64;
    println!("dev set: {} documents; records F1 {:.3} {:?}; meta {meta:.3} ({ok}/{n})", docs.len(), records.f1(), records);
    assert!(records.f1() >= DEV_RECORDS_F1, "dev records F1 {:.3}", records.f1());
    assert!(meta >= DEV_META, "dev meta {meta:.3}");
}

#[test]
fn the_gold_files_are_consistent_with_their_documents() {
    // The gold itself: every record's `starts` occurs in its document, paths are
    // dotted ordinals, every department occurs in the text, every target span
    // occurs in the text, and every slogan too.
    for g in golds() {
        let raw = std::fs::read_to_string(root().join("python/zhengce/sample").join(&g.file)).unwrap();
        let flat = squash(&raw);
        for r in g.json["records"].as_array().unwrap() {
            let path = r["path"].as_str().unwrap();
            assert!(path.split('.').all(|p| p.parse::<u32>().is_ok()), "{}: bad path {path}", g.file);
            assert!(flat.contains(&squash(r["starts"].as_str().unwrap())), "{}: {}", g.file, r["starts"]);
            for d in r["departments"].as_array().unwrap() {
                assert!(flat.contains(&squash(d.as_str().unwrap())), "{}: {d}", g.file);
            }
        }
        for t in g.json["targets"].as_array().unwrap() {
            let span = squash(t["span"].as_str().unwrap());
            assert!(flat.contains(&span) || flat.contains(&span.replace('"', "“")), "{}: target {span}", g.file);
        }
    }
}

#[test]
fn targets_and_slogans_match_the_gold() {
    let mut targets = Score::default();
    let mut slogans = Score::default();
    let (mut n_attr, mut unit_ok, mut cmp_ok, mut dl_ok) = (0, 0, 0, 0);
    for g in golds() {
        let doc = read_doc(&g.file);
        let mut free: Vec<usize> = (0..doc.targets.len()).collect();
        let gold_t = g.json["targets"].as_array().unwrap();
        let mut tp = 0;
        for gt in gold_t {
            let path = gt["path"].as_str().unwrap();
            let value = gt["value"].as_f64().unwrap();
            let vmax = gt["value_max"].as_f64();
            let hit = free.iter().position(|&i| {
                let t = &doc.targets[i];
                doc.blocks[t.block].path == path
                    && (t.value - value).abs() <= 1e-6 * value.abs().max(1.0)
                    && vmax.is_none_or(|m| t.value_max.is_some_and(|x| (x - m).abs() < 1e-6))
            });
            let Some(pos) = hit else {
                if verbose() {
                    println!("  {} missed target {} {} = {}", g.file, path, gt["span"], value);
                }
                continue;
            };
            let t = &doc.targets[free.remove(pos)];
            tp += 1;
            n_attr += 1;
            let unit_good = t.unit == gt["unit"].as_str().unwrap().replace('％', "%");
            let cmp_good = t.comparator.symbol() == gt["comparator"].as_str().unwrap();
            let dl_good = t.deadline.as_deref() == gt["deadline"].as_str();
            if verbose() && !(unit_good && cmp_good && dl_good) {
                println!(
                    "  {} target {} {}: unit {:?}/{} cmp {}/{} deadline {:?}/{}",
                    g.file,
                    path,
                    gt["span"],
                    t.unit,
                    gt["unit"],
                    t.comparator.symbol(),
                    gt["comparator"],
                    t.deadline,
                    gt["deadline"]
                );
            }
            unit_ok += unit_good as usize;
            cmp_ok += cmp_good as usize;
            dl_ok += dl_good as usize;
        }
        if verbose() {
            for &i in &free {
                let t = &doc.targets[i];
                println!("  {} extra target {} {} = {}", g.file, doc.blocks[t.block].path, &doc.text[t.start..t.end], t.value);
            }
        }
        targets.add(tp, doc.targets.len(), gold_t.len());
        let gs = counts(g.json["slogans"].as_array().unwrap().iter().map(|s| squash(s["text"].as_str().unwrap())));
        let os = counts(doc.slogans.iter().map(|s| squash(&s.text)));
        if verbose() {
            for (k, v) in &gs {
                if os.get(k).copied().unwrap_or(0) < *v {
                    println!("  {} missed slogan {k}", g.file);
                }
            }
            for (k, v) in &os {
                if gs.get(k).copied().unwrap_or(0) < *v {
                    println!("  {} extra slogan {k}", g.file);
                }
            }
        }
        slogans.add(overlap(&gs, &os), os.values().sum(), gs.values().sum());
    }
    let share = |x: usize| x as f64 / n_attr.max(1) as f64;
    println!(
        "targets F1 {:.3} {:?}; unit {:.3} comparator {:.3} deadline {:.3}\nslogans F1 {:.3} {:?}",
        targets.f1(),
        targets,
        share(unit_ok),
        share(cmp_ok),
        share(dl_ok),
        slogans.f1(),
        slogans
    );
    assert!(targets.f1() >= 0.95, "targets F1 {:.3}", targets.f1());
    assert!(share(unit_ok) >= 0.95 && share(cmp_ok) >= 0.95 && share(dl_ok) >= 0.95);
    assert!(slogans.f1() >= 0.90, "slogans F1 {:.3}", slogans.f1());
}

#[test]
fn themes_match_the_gold() {
    // Micro-F1 as the shared scorer counts it: themes of records the gold does
    // not list count against precision. ZHENGCE_GOLD_VERBOSE=1 lists every
    // difference with the scores and the terms found.
    let mut score = Score::default();
    for g in golds() {
        let doc = read_doc(&g.file);
        let lex = zhengce::label::lexicons_of(&doc.labels);
        let ids = |i: usize| -> Vec<String> { doc.labels.at(i).themes.iter().map(|&t| lex.theme_id(t).to_string()).collect() };
        let gold_recs = g.json["records"].as_array().unwrap();
        let out: usize = doc.records().filter(|(_, b)| !b.path.is_empty()).map(|(i, _)| doc.labels.at(i).themes.len()).sum();
        let gold_n: usize = gold_recs.iter().map(|r| r["themes"].as_array().unwrap().len()).sum();
        let mut tp = 0;
        for (gi, bi) in match_records(&doc, &g.json) {
            let want = counts(gold_recs[gi]["themes"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()));
            let got = counts(ids(bi).into_iter());
            let hit = overlap(&want, &got);
            if verbose() && (hit != want.len() || hit != got.len()) {
                let l = doc.labels.at(bi);
                let scores: Vec<String> =
                    l.theme_scores.iter().map(|x| format!("{}:{:.1}", lex.theme_id(x.section()), x.score())).collect();
                let terms: Vec<String> =
                    l.theme_terms.iter().map(|h| format!("{}={}", lex.theme_id(h.section()), lex.matcher.term(h.term()))).collect();
                println!(
                    "  {} {} gold={:?} got={:?} {scores:?} {terms:?}",
                    doc.doc_id,
                    doc.blocks[bi].path,
                    want.keys().collect::<Vec<_>>(),
                    ids(bi)
                );
            }
            tp += hit;
        }
        score.add(tp, out, gold_n);
    }
    println!("themes F1 {:.3} {:?}", score.f1(), score);
    assert!(score.f1() >= 0.85, "themes micro-F1 {:.3}", score.f1());
}
