//! Labels on the bundled sample as a whole: every department resolves, and
//! labelling does not depend on the number of threads. (Themes against the
//! gold: tests/gold.rs; hand-checked instruments and strength:
//! tests/test_labels.py.)

use std::collections::HashSet;
use std::path::PathBuf;

use zhengce::pipeline::corpus::{Corpus, Options};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample() -> Corpus {
    let dir = root().join("python/zhengce/sample");
    let c = Corpus::read(&[dir.display().to_string()], &Options::default());
    assert_eq!(c.documents.len(), 5);
    c
}

#[test]
fn every_department_of_the_sample_has_a_canonical_name_and_category() {
    let c = sample();
    let mut names = HashSet::new();
    for d in &c.documents {
        let lex = zhengce::label::lexicons_of(&d.labels);
        for (_, b) in d.records() {
            for x in &b.departments {
                let a = lex.agencies.resolve(&x.name);
                assert!(a.known && a.category.is_some() && !a.canonical.is_empty(), "{}: {a:?}", x.name);
                assert!(zhengce::lexicon::agencies::LEVELS.contains(&a.level) && a.level != "unknown", "{}: {a:?}", x.name);
                names.insert(x.name.clone());
            }
        }
    }
    assert!(names.len() >= 50, "{} names", names.len());
}

#[test]
fn labels_do_not_depend_on_the_number_of_threads() {
    let dir = root().join("python/zhengce/sample").display().to_string();
    let one = Corpus::read(std::slice::from_ref(&dir), &Options { threads: Some(1), ..Default::default() });
    let two = Corpus::read(&[dir], &Options { threads: Some(2), ..Default::default() });
    for (a, b) in one.documents.iter().zip(&two.documents) {
        assert_eq!(a.labels, b.labels, "{}", a.doc_id);
    }
}
