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

fn labels_of<'a>(c: &'a Corpus, path: &str) -> zhengce::label::BlockLabels<'a> {
    let d = &c.documents[0];
    let (i, _) = d.records().find(|(_, b)| b.path == path).unwrap_or_else(|| panic!("no record {path}"));
    d.labels.at(i)
}

fn theme_ids(c: &Corpus, path: &str) -> Vec<String> {
    let lex = zhengce::label::lexicons_of(&c.documents[0].labels);
    labels_of(c, path).themes.iter().map(|&t| lex.theme_id(t).to_string()).collect()
}

/// GB/T 9704-2012 标题 (issuer + 事由 + type): a title naming one theme makes it
/// the subject of every article, also of one that names no term of it.
#[test]
fn a_title_naming_one_theme_is_the_subject_of_every_article() {
    let text = "某市殡葬管理办法\n第一条 为了规范管理，根据有关法律，制定本办法。\n第二条 本办法自公布之日起施行。";
    let c = Corpus::from_texts(vec![("d".into(), text.into())], &Options::default());
    assert!(theme_ids(&c, "1").contains(&"funeral".to_string()), "{:?}", theme_ids(&c, "1"));
    assert!(theme_ids(&c, "2").contains(&"funeral".to_string()));
    // A title naming several themes sets a scope, not a subject.
    let text = "社会救助和养老服务领域政务公开工作方案\n一、工作任务\n1.召开一次会议。";
    let c = Corpus::from_texts(vec![("d".into(), text.into())], &Options::default());
    assert!(theme_ids(&c, "1.1").is_empty(), "{:?}", theme_ids(&c, "1.1"));
}

/// A 法律责任 chapter makes its articles and their items about the rule of law.
#[test]
fn a_legal_liability_chapter_is_rule_of_law_at_any_depth() {
    let text = "第一章 总则\n第一条 为了规范管理，制定本条例。\n第二章 法律责任\n第二条 有下列行为之一的，由主管部门处理：\n（一）未按时报送材料的；\n（二）其他行为。";
    let c = Corpus::from_texts(vec![("d".into(), text.into())], &Options::default());
    for path in ["2.2", "2.2.1", "2.2.2"] {
        assert_eq!(theme_ids(&c, path), ["rule_of_law"], "{path}");
    }
    assert!(theme_ids(&c, "1.1").is_empty());
}

/// Strength is the sum of its evidence; a bare directive carries the default
/// obligation; 鼓励 and 支持 are instruments, not hedges.
#[test]
fn strength_is_the_sum_of_its_evidence() {
    use zhengce::label::strength::{Strength, StrengthSource};
    let text = "一、任务\n1.加强队伍建设。\n2.鼓励社会力量参与，支持社会组织发展。\n3.探索建立机制，确保到2020年覆盖率达到90%以上。\n4.要加强管理。";
    let c = Corpus::from_texts(vec![("d".into(), text.into())], &Options::default());
    let d = &c.documents[0];
    let ev = |p: &str| {
        let at = d.records().find(|(_, b)| b.path == p).unwrap().1.start;
        let span = |e: &zhengce::model::facts::StrengthTerm| e.span(at);
        labels_of(&c, p).strength_terms.iter().map(|e| (&d.text[span(e).0..span(e).1], e.binding, e.source)).collect::<Vec<_>>()
    };
    assert_eq!(ev("1.1"), [("加强", true, StrengthSource::Imperative)]);
    assert!(ev("1.2").is_empty(), "instruments weigh nothing: {:?}", ev("1.2"));
    assert_eq!(labels_of(&c, "1.2").strength_label, "none");
    let third = ev("1.3");
    assert!(
        third.contains(&("探索建立", false, StrengthSource::Term)) && third.contains(&("确保", true, StrengthSource::Term)),
        "{third:?}"
    );
    assert!(third.iter().any(|e| e.2 == StrengthSource::Target) && third.iter().any(|e| e.2 == StrengthSource::Deadline), "{third:?}");
    assert_eq!(ev("1.4"), [("要", true, StrengthSource::Term)], "an explicit 要: no default obligation on top");
    for d in &c.documents {
        for l in d.labels.iter().filter(|l| l.labelled) {
            assert_eq!(Strength::weights(l.strength_terms), (l.binding, l.soft));
            assert_eq!(Strength::score(l.binding, l.soft), (l.strength, l.strength_label));
        }
    }
}

/// Half of Jiangsu's one-sentence tasks scored `none` before the default
/// obligation; a bare directive now binds weakly (the sample's documents are
/// plans and 工作要点).
#[test]
fn short_tasks_of_the_sample_do_not_collapse_to_none() {
    let c = sample();
    let (mut short, mut none) = (0, 0);
    for d in &c.documents {
        for (i, b) in d.records().filter(|(_, b)| b.kind == zhengce::model::document::BlockKind::Task) {
            if b.text(&d.text).matches('。').count() <= 1 {
                short += 1;
                none += (d.labels.at(i).strength_label == "none") as usize;
            }
        }
    }
    assert!(short > 50 && (none as f64) < 0.1 * short as f64, "{none} of {short} one-sentence tasks score none");
}
