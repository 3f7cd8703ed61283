//! Themes, instruments, strength and departments on the bundled sample,
//! measured against the hand-made gold (tests/data/gold) where it has them,
//! and hand-checked records where it does not. The theme score mirrors the
//! shared scorer (micro-F1 over the records with a path; themes of records
//! the gold does not list count against precision). Run with
//! `ZHENGCE_GOLD_VERBOSE=1 cargo test --test labels -- --nocapture` to list
//! every difference.

use std::collections::HashSet;
use std::path::PathBuf;

use serde_json::Value;
use zhengce::corpus::{Corpus, Options};
use zhengce::document::Document;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}

fn body(text: &str) -> String {
    let t = text.trim_start();
    let t = zhengce::markers::marker_at(t).map_or(t, |m| &t[m.text_start..]);
    squash(t)
}

fn sample() -> Corpus {
    let dir = root().join("python/zhengce/sample");
    let c = Corpus::read(&[dir.display().to_string()], &Options::default());
    assert_eq!(c.documents.len(), 5);
    c
}

fn gold(doc_id: &str) -> Value {
    let p = root().join("tests/data/gold").join(format!("{doc_id}.json"));
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn themes_of(d: &Document, block: usize) -> Vec<String> {
    let lex = d.labels.lexicons();
    d.labels.blocks[block].themes.iter().map(|&t| lex.theme_id(t).to_string()).collect()
}

fn verbose() -> bool {
    std::env::var("ZHENGCE_GOLD_VERBOSE").is_ok()
}

#[test]
fn themes_match_the_gold() {
    let c = sample();
    let (mut tp, mut out, mut gold_n) = (0usize, 0usize, 0usize);
    for d in &c.documents {
        let g = gold(&d.doc_id);
        let recs: Vec<usize> = d.records().filter(|(_, b)| !b.path.is_empty()).map(|(i, _)| i).collect();
        let mut free = recs.clone();
        out += recs.iter().map(|&i| d.labels.blocks[i].themes.len()).sum::<usize>();
        for r in g["records"].as_array().unwrap() {
            let want: Vec<String> = r["themes"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
            gold_n += want.len();
            let starts = squash(r["starts"].as_str().unwrap());
            let Some(pos) = free.iter().position(|&i| d.blocks[i].path == r["path"].as_str().unwrap() && body(d.blocks[i].text(&d.text)).starts_with(&starts)) else { continue };
            let i = free.remove(pos);
            let got = themes_of(d, i);
            let hit = got.iter().filter(|t| want.contains(t)).count();
            tp += hit;
            if verbose() && (hit != want.len() || hit != got.len()) {
                let lex = d.labels.lexicons();
                let scores: Vec<String> = d.labels.blocks[i].theme_scores.iter().map(|&(t, s)| format!("{}:{s:.1}", lex.theme_id(t))).collect();
                let terms: Vec<String> = d.labels.blocks[i].theme_terms.iter().map(|&(t, k)| format!("{}={}", lex.theme_id(t), lex.matcher.term(k))).collect();
                println!("{} {} gold={want:?} got={got:?} {scores:?} {terms:?} | {}", d.doc_id, d.blocks[i].path, starts);
            }
        }
    }
    let p = tp as f64 / out.max(1) as f64;
    let r = tp as f64 / gold_n.max(1) as f64;
    let f1 = 2.0 * p * r / (p + r);
    println!("themes P {p:.3} R {r:.3} F1 {f1:.3} (tp {tp}, out {out}, gold {gold_n})");
    assert!(f1 >= 0.85, "themes micro-F1 {f1:.3}");
}

#[test]
fn every_department_of_the_sample_has_a_canonical_name_and_category() {
    let c = sample();
    let mut names = HashSet::new();
    for d in &c.documents {
        let lex = d.labels.lexicons();
        for (_, b) in d.records() {
            for x in &b.departments {
                let a = lex.agencies.resolve(&x.name);
                assert!(a.known && a.category.is_some() && !a.canonical.is_empty(), "{}: {a:?}", x.name);
                assert!(zhengce::agencies::LEVELS.contains(&a.level) && a.level != "unknown", "{}: {a:?}", x.name);
                names.insert(x.name.clone());
            }
        }
    }
    assert!(names.len() >= 50, "{} names", names.len());
}

#[test]
fn labels_do_not_depend_on_the_number_of_threads() {
    let dir = root().join("python/zhengce/sample").display().to_string();
    let one = Corpus::read(&[dir.clone()], &Options { threads: Some(1), ..Default::default() });
    let two = Corpus::read(&[dir], &Options { threads: Some(2), ..Default::default() });
    for (a, b) in one.documents.iter().zip(&two.documents) {
        assert_eq!(a.labels, b.labels, "{}", a.doc_id);
    }
}
