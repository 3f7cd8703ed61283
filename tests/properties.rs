//! The promises of every read document, checked on generated documents: random
//! mixes of markers of every style and depth (in and out of order), headings,
//! paragraphs broken across lines, punctuation and brackets (balanced or
//! not), web boilerplate and metadata lines, attributions, targets, dates,
//! CR/LF/CRLF line ends, full-width characters and invisible characters.
//!
//! Each run checks at least 10,000 documents (`PROPTEST_CASES` raises it):
//! offsets inside the text, ordered and not overlapping; `text` equal to the
//! slice; every character of the normalised text in exactly one block; target,
//! slogan, deadline and department spans inside their record; nothing but
//! layout dropped by normalisation; and the same output whatever the thread count.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use zhengce::pipeline::corpus::{Corpus, Options};
use zhengce::{frames, invariants};

const MARKERS: &[&str] = &[
    "一、",
    "二、",
    "十一、",
    "（一）",
    "(二)",
    "（三)",
    "㈣",
    "1.",
    "2．",
    "１２．",
    "1、",
    "3、",
    "（1）",
    "(2)",
    "3）",
    "4)",
    "①",
    "⑤",
    "⑴",
    "⒈",
    "1.1 ",
    "2.3.4 ",
    "第一章",
    "第二节",
    "第三条　",
    "第十二条 ",
    "第一部分",
    "第二篇",
    "一是",
    "二是",
];

const WORDS: &[&str] = &[
    "加强",
    "基层",
    "民政",
    "建设",
    "提高",
    "城乡",
    "低保",
    "标准",
    "推进",
    "养老服务",
    "体系",
    "完善",
    "社会救助",
    "制度",
    "落实",
    "资金",
    "保障",
    "两不愁、三保障",
    "“四个意识”",
    "三社联动",
    "省民政厅",
    "各市（州）",
    "不低于",
    "达到",
    "以上",
    "不超过",
    "20%",
    "３０％",
    "1.5倍",
    "3万人",
    "每千名老年人30张",
    "2020年底前",
    "4月25日前",
    "2019年3月11日",
    "二○一二年一月九日",
    "吉民发〔2019〕15号",
    "ABC",
    "e-mail",
    "100",
    "１２３",
];

const PUNCT: &[&str] =
    &["，", "。", "；", "：", "、", "！", "？", ",", ";", ":", "…", "（", "）", "(", ")", "《", "》", "“", "”", "〔", "〕", "【", "】"];

const LINES: &[&str] = &[
    "扫一扫在手机打开当前页",
    "【打印本页】【关闭窗口】",
    "索引号：11220000/2019-00015\t分类：民政",
    "发文机关：吉林省民政厅",
    "成文日期：2019年03月11日",
    "（责任单位：省民政厅、省财政厅）",
    "责任单位：省民政厅",
    "牵头单位：省民政厅；配合单位：省财政厅、省人力资源社会保障厅",
    "附件：1. 工作方案",
    "附件1",
    "联系人：张三，电话：0431-88888888",
    "抄送：民政部。",
    "吉林省民政厅",
    "2019年3月11日",
    "（此件公开发布）",
    "各市（州）民政局：",
    "吉林省民政厅关于印发《2019年实施方案》的通知",
    "<p style=\"x\">加强建设</p>&nbsp;<br/>",
];

const SPACE: &[&str] = &["", "", "", " ", "\u{3000}\u{3000}", "\t", "\u{a0}"];
const INVISIBLE: &[&str] = &["\u{200b}", "\u{feff}", "\u{200d}", "\u{7}", "\u{1b}", "\u{ad}", "\u{2028}", "\u{0}"];
const ENDS: &[&str] = &["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \n"];

/// A sentence-ish run: words and punctuation, sometimes with invisible characters.
fn prose() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => prop::sample::select(WORDS).prop_map(str::to_string),
            3 => prop::sample::select(PUNCT).prop_map(str::to_string),
            1 => prop::sample::select(INVISIBLE).prop_map(str::to_string),
            1 => "[a-z0-9 ，。]{1,4}",
        ],
        0..14,
    )
    .prop_map(|parts| parts.concat())
}

/// One source line: marker + text, prose, or a special line; with indentation.
fn line() -> impl Strategy<Value = String> {
    let body = prop_oneof![
        5 => (prop::sample::select(MARKERS), prose()).prop_map(|(m, p)| format!("{m}{p}")),
        4 => prose(),
        2 => prop::sample::select(LINES).prop_map(str::to_string),
        1 => (prose(), prop::sample::select(LINES)).prop_map(|(p, l)| format!("{p}{l}")),
    ];
    (prop::sample::select(SPACE), body, prop::sample::select(SPACE)).prop_map(|(a, b, c)| format!("{a}{b}{c}"))
}

/// A document: lines joined by line ends of every kind.
fn document() -> impl Strategy<Value = String> {
    prop::collection::vec((line(), prop::sample::select(ENDS)), 0..40)
        .prop_map(|lines| lines.into_iter().map(|(l, e)| format!("{l}{e}")).collect())
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn every_generated_document_keeps_its_promises() {
    let n = cases(10_000).max(10_000);
    let mut runner = TestRunner::new(Config { cases: n, failure_persistence: None, ..Config::default() });
    let checked = std::cell::Cell::new(0u32);
    runner
        .run(&document(), |text| {
            checked.set(checked.get() + 1);
            invariants::check_pipeline(&text).map_err(|v| TestCaseError::fail(format!("{v}\ninput: {text:?}")))
        })
        .unwrap();
    assert!(checked.get() >= 10_000, "only {} documents checked", checked.get());
}

#[test]
fn the_output_is_the_same_whatever_the_thread_count() {
    let mut runner = TestRunner::new(Config { cases: cases(300), failure_persistence: None, ..Config::default() });
    runner
        .run(&prop::collection::vec(document(), 1..12), |texts| {
            let items: Vec<(String, String)> = texts.into_iter().enumerate().map(|(i, t)| (format!("d{}", i % 5), t)).collect();
            let one = Corpus::from_texts(items.clone(), &Options { threads: Some(1), ..Options::default() });
            let two = Corpus::from_texts(items, &Options { threads: Some(2), ..Options::default() });
            prop_assert_eq!(&one.documents, &two.documents);
            prop_assert_eq!(&one.errors, &two.errors);
            for build in [
                frames::documents,
                frames::records,
                frames::blocks,
                frames::departments,
                frames::targets,
                frames::slogans,
                frames::deadlines,
                frames::errors,
            ] {
                let (a, b) = (build(&one).unwrap(), build(&two).unwrap());
                prop_assert!(a.equals_missing(&b), "frames differ:\n{}\n{}", a, b);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn normalisation_drops_nothing_but_layout_on_arbitrary_text() {
    let mut runner = TestRunner::new(Config { cases: cases(2_000), failure_persistence: None, ..Config::default() });
    runner
        .run(&any::<String>(), |text| invariants::check_structure(&text).map_err(|v| TestCaseError::fail(format!("{v}\ninput: {text:?}"))))
        .unwrap();
    runner
        .run(&prop::collection::vec(any::<u8>(), 0..512), |bytes| invariants::check_decoding(&bytes).map_err(TestCaseError::fail))
        .unwrap();
}
