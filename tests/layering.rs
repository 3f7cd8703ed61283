//! The folders of `src/` are the pipeline, and each depends only on the ones
//! below it (lib.rs lists the order). This test reads every source file and
//! fails on a `crate::` path that reaches upward, so a new upward `use` is
//! caught the day it is written, not when the house is tangled again.

use std::fs;
use std::path::{Path, PathBuf};

/// The layers, bottom first. A module may name `crate::X` only where X's
/// layer is at or below its own.
const LAYERS: [&[&str]; 12] = [
    &["error", "model"],
    &["text"],
    &["lexicon"],
    &["input"],
    &["layout"],
    &["extract"],
    &["label"],
    &["pipeline"],
    &["frames"],
    &["compare"],
    &["invariants"],
    &["python"],
];

fn layer_of(top: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&top))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file that ships: comments and the unit-test module left out
/// (tests may build whole corpora to check a low stage).
fn shipped_lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    let end = src.find("#[cfg(test)]\nmod tests").unwrap_or(src.len());
    src[..end].lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//"))
}

/// Every `crate::name` in a line (also inside `use crate::{a, b}` groups).
fn crate_paths(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            out.extend(inner.split(',').map(|p| p.trim().split("::").next().unwrap_or("").to_string()));
        } else {
            out.push(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
        }
    }
    out
}

fn upward_reaches() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut bad = Vec::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        if top == "lib" {
            continue;
        }
        let own = layer_of(&top).unwrap_or_else(|| panic!("src/{} is in no layer: add its folder to LAYERS and to lib.rs", rel.display()));
        let text = fs::read_to_string(&f).unwrap();
        for (n, line) in shipped_lines(&text) {
            for target in crate_paths(line) {
                if let Some(l) = layer_of(&target).filter(|&l| l > own) {
                    bad.push(format!("src/{}:{}: {top} (layer {own}) uses crate::{target} (layer {l})", rel.display(), n + 1));
                }
            }
        }
    }
    bad
}

#[test]
fn no_module_reaches_up_the_pipeline() {
    let bad = upward_reaches();
    assert!(bad.is_empty(), "upward dependencies:\n{}", bad.join("\n"));
}

#[test]
fn the_check_sees_a_group_import() {
    // The parser of paths must not miss `use crate::{frames, model}`.
    assert_eq!(crate_paths("use crate::{frames, model::document::Block};"), ["frames", "model"]);
    assert_eq!(crate_paths("let x = crate::pipeline::corpus::run(crate::text::dates::find_date(s));"), ["pipeline", "text"]);
}
