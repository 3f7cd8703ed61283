//! What each target measures, against hand annotations: every target of the
//! sample's gold and of the development set's gold carries an `indicator` (what
//! is measured, read as the gold was made) and an `indicator_id` from
//! `data/indicators.tsv`, in `tests/data/indicators/{sample,dev}/*.json`
//! (rules in the README there). A target is matched as the shared scorer
//! matches it (same path, same value); `indicator_id` accuracy counts a missed
//! target as wrong. Run with `ZHENGCE_GOLD_VERBOSE=1 cargo test --test
//! indicators -- --nocapture` to list every disagreement.
//!
//! The development documents are read from `../shared/corpus-dev` beside the
//! repository or under `$ZHENGCE_SHARED` (skipped with a note when absent, as
//! in `tests/gold.rs`); `$ZHENGCE_DEV_CORPUS` points at another copy.

use std::path::{Path, PathBuf};

use serde_json::Value;
use zhengce::pipeline::corpus::{Corpus, Options};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn verbose() -> bool {
    std::env::var("ZHENGCE_GOLD_VERBOSE").is_ok()
}

/// The development documents (`../shared/corpus-dev` beside the repository,
/// or under `$ZHENGCE_SHARED`, as `tests/gold.rs` finds them), when present.
fn dev_corpus() -> Option<PathBuf> {
    let shared = std::env::var_os("ZHENGCE_SHARED").map(PathBuf::from).unwrap_or_else(|| root().join("../shared"));
    let docs = std::env::var_os("ZHENGCE_DEV_CORPUS").map(PathBuf::from).unwrap_or_else(|| shared.join("corpus-dev"));
    if docs.is_dir() {
        return Some(docs);
    }
    println!("note: no development set at {} (set ZHENGCE_SHARED to the folder holding corpus-dev); skipped", docs.display());
    None
}

/// (annotated, correct id) over one annotation folder and its documents.
fn accuracy(annotations: &Path, docs: &Path) -> (usize, usize) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(annotations)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no annotations in {}", annotations.display());
    let (mut n, mut ok) = (0, 0);
    for f in files {
        let ann: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let file = ann["file"].as_str().unwrap();
        let c = Corpus::read(&[docs.join(file).display().to_string()], &Options::default());
        let doc = &c.documents[0];
        let mut free: Vec<usize> = (0..doc.targets.len()).collect();
        for a in ann["targets"].as_array().unwrap() {
            n += 1;
            let (path, value) = (a["path"].as_str().unwrap(), a["value"].as_f64().unwrap());
            let want = a["indicator_id"].as_str();
            let hit = free.iter().position(|&i| {
                let t = &doc.targets[i];
                doc.blocks[t.block].path == path && (t.value - value).abs() <= 1e-6 * value.abs().max(1.0)
            });
            let got = hit.map(|p| doc.targets[free.remove(p)].indicator_id.clone());
            let good = got.as_ref().is_some_and(|g| g.as_deref() == want);
            ok += good as usize;
            if verbose() && !good {
                println!("  {file} {path} {} = {value}: want {want:?}, got {got:?}", a["span"]);
            }
        }
    }
    (n, ok)
}

#[test]
fn indicator_ids_of_the_sample_match_the_annotations() {
    let (n, ok) = accuracy(&root().join("tests/data/indicators/sample"), &root().join("python/zhengce/sample"));
    let acc = ok as f64 / n as f64;
    println!("sample indicator_id accuracy {acc:.3} ({ok}/{n})");
    assert!(acc >= 0.85, "sample indicator_id accuracy {acc:.3} ({ok}/{n})");
}

#[test]
fn indicator_ids_of_the_development_set_match_the_annotations() {
    let Some(docs) = dev_corpus() else { return };
    let (n, ok) = accuracy(&root().join("tests/data/indicators/dev"), &docs);
    let acc = ok as f64 / n as f64;
    println!("dev indicator_id accuracy {acc:.3} ({ok}/{n})");
    assert!(acc >= 0.85, "dev indicator_id accuracy {acc:.3} ({ok}/{n})");
}

#[test]
fn the_annotations_name_indicators_of_the_table() {
    let table = zhengce::lexicon::indicators::Indicators::default();
    for sub in ["sample", "dev"] {
        for e in std::fs::read_dir(root().join("tests/data/indicators").join(sub)).unwrap() {
            let p = e.unwrap().path();
            let ann: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            for a in ann["targets"].as_array().unwrap() {
                let id = a["indicator_id"].as_str();
                assert!(id.is_none_or(|id| table.rows().iter().any(|r| r.id == id)), "{}: unknown id {id:?}", p.display());
                assert!(a["indicator"].as_str().is_some_and(|s| !s.is_empty()), "{}: an indicator for every target", p.display());
            }
        }
    }
}
