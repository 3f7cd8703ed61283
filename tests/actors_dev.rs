//! Actors measured against hand annotations of development documents
//! (tests/data/actors-dev, rules in RULES.md there): each annotated record's
//! text is read with `extract::actors::actors_in` and compared name by name,
//! micro-F1 as the shared scorer counts actors. The bar is 0.85 F1.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::Value;
use zhengce::extract::actors::actors_in;

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}

#[test]
fn actors_of_dev_documents_meet_the_bar() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/actors-dev");
    let (mut tp, mut out, mut gold) = (0usize, 0usize, 0usize);
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        files += 1;
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for r in v["records"].as_array().unwrap() {
            let want: Vec<String> = r["actors"].as_array().unwrap().iter().map(|a| squash(a.as_str().unwrap())).collect();
            let got: Vec<String> = actors_in(r["text"].as_str().unwrap(), 0).into_iter().map(|a| squash(&a.name)).collect();
            let mut left: HashMap<&str, usize> = HashMap::new();
            for w in &want {
                *left.entry(w).or_default() += 1;
            }
            for g in &got {
                if let Some(n) = left.get_mut(g.as_str()).filter(|n| **n > 0) {
                    *n -= 1;
                    tp += 1;
                }
            }
            if want != got && std::env::var("ZHENGCE_GOLD_VERBOSE").is_ok() {
                println!("{} {} gold={want:?} got={got:?}", path.display(), r["path"]);
            }
            out += got.len();
            gold += want.len();
        }
    }
    assert!(files >= 2, "annotations missing in {}", dir.display());
    let p = tp as f64 / out.max(1) as f64;
    let r = tp as f64 / gold.max(1) as f64;
    let f1 = 2.0 * p * r / (p + r).max(f64::EPSILON);
    println!("actors on dev annotations: P {p:.3} R {r:.3} F1 {f1:.3} ({tp}/{out}/{gold})");
    assert!(f1 >= 0.85, "actors F1 {f1:.3} below 0.85 on the dev annotations");
}
