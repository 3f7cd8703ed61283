//! Reading numbers and dates stays linear in the worst case (issue 15 item 5):
//! a run of Chinese numerals with units, a flattened numeric table, a line of
//! dates or of bracketed amounts in one sentence. Each case quadruples an
//! adversarial input and compares the two timings *within one run*, against
//! each other (never against a wall-clock threshold): a linear reading takes
//! about 4× as long, a quadratic one 16×; the test fails above 8×. The best of
//! three timings is taken, a case is retried three times so that a busy
//! machine does not fail it by chance, and the timed tests of this file run
//! one at a time.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use zhengce::extract::slogans::Lexicon;
use zhengce::extract::targets::find_targets;
use zhengce::text::dates::date_phrases;
use zhengce::{Corpus, Options};

/// Timed tests take turns: two at once on a two-core machine time each other.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Adversarial units repeated into one sentence (no sentence break).
const UNITS: &[&str] = &[
    "一百二十三万四千五百六十七",
    "一百二十三万四千五百六十七个",
    "一二三四五六七八九十百千万亿",
    "十二月月底前",
    "2019年3月11日",
    "到2020年底前",
    "3月1日-15日",
    // A list of caps under one comparator: each amount looked to the end of
    // the sentence for a 的-noun (quadratic until bounded).
    "最高60万元、",
    "不少于3名",
    "第二十一条、",
    "（4月25日前）",
    "二○一二年一月九日",
    "十五个工作日内",
    "每年至少1次",
    // Quoted formulations: each “ searched for the next 「 to the text's end
    // (quadratic until the search was remembered).
    "“三个”",
    "“三个”、「两个」",
    "一院两制、",
    "四类社会组织、",
];

fn best_of(n: usize, f: &dyn Fn()) -> Duration {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Units that reach the layout and extraction stages of a whole document:
/// markers, attributions, brackets and quotes, one after another on one line
/// or on many.
const DOCUMENT_UNITS: &[&str] = &[
    // Unclosed brackets: each looked forward for its closing one (quadratic
    // in the actors stage until matched in one pass).
    "（（（（",
    "《《《《",
    "“",
    "（责任单位：",
    "责任单位：",
    "牵头单位：省民政厅；配合单位：",
    "（省民政厅牵头）",
    "省民政厅牵头，",
    "由省民政厅负责，",
    "省民政厅会同省财政厅、",
    "（一）\n",
    "1.\n",
    "第一章\n",
    "省民政厅\n",
    "（一）加强领导。",
    // A paragraph hard-wrapped into many lines (OCR, web text), once re-scanned
    // at every join; a table flattened into one sentence of numbers and dates.
    "加强基层民政建设，\r\n",
    "城市低保标准不低于20%，",
    "新建养老床位20张 ",
    "2020年1月1日前完成（2021年1月底前），",
];

/// The time for `reps` repetitions of `unit`, read for targets and for dates.
fn work(unit: &str, reps: usize, lex: &Lexicon) -> Duration {
    let s = format!("要求{}完成。", unit.repeat(reps));
    best_of(3, &|| {
        std::hint::black_box(find_targets(&s, Some(2020), lex));
        std::hint::black_box(date_phrases(&s, Some(2020)));
    })
}

/// The time for `reps` repetitions of `unit` in a document read whole, on
/// one thread.
fn read_whole(unit: &str, reps: usize) -> Duration {
    let s = format!("一、主要任务\n{}完成。", unit.repeat(reps));
    let opts = Options { threads: Some(1), ..Options::default() };
    best_of(3, &|| {
        std::hint::black_box(Corpus::from_texts(vec![("d".into(), s.clone())], &opts));
    })
}

/// How many times longer four times the input takes (the best of three
/// tries, stopping at the first that looks linear).
fn growth_when_quadrupled(reps: usize, time: &dyn Fn(usize) -> Duration) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..3 {
        let one = time(reps).as_secs_f64().max(1e-6);
        let four = time(4 * reps).as_secs_f64();
        best = best.min(four / one);
        if best <= 8.0 {
            break;
        }
    }
    best
}

/// The units whose time grows more than 8× when the input is quadrupled.
fn super_linear(units: &[&str], reps: usize, time: &dyn Fn(&str, usize) -> Duration) -> Vec<String> {
    units
        .iter()
        .map(|u| (u, growth_when_quadrupled(reps, &|r| time(u, r))))
        .inspect(|(u, g)| eprintln!("{u:?}: {g:.2}×"))
        .filter(|&(_, g)| g > 8.0)
        .map(|(u, g)| format!("{u:?} × {reps} → × {}: {g:.1}× the time", 4 * reps))
        .collect()
}

#[test]
fn quadrupling_an_adversarial_input_about_quadruples_the_work() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let lex = Lexicon::default();
    let slow = super_linear(UNITS, 500, &|u, r| work(u, r, &lex));
    assert!(slow.is_empty(), "super-linear readings:\n{}", slow.join("\n"));
}

#[test]
fn quadrupling_an_adversarial_document_about_quadruples_the_reading() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // Load the shared dictionaries before timing anything.
    read_whole("加强", 1);
    let slow = super_linear(DOCUMENT_UNITS, 250, &|u, r| read_whole(u, r));
    assert!(slow.is_empty(), "super-linear readings:\n{}", slow.join("\n"));
}

#[test]
fn a_long_run_of_numerals_is_read_in_pieces_of_bounded_length() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // 8,000 numerals of 一百二十三万四千五百六十七 in one sentence took 18.5 s when a
    // numeral's run was re-scanned from each of its characters.
    let s = format!("{}个", "一百二十三万四千五百六十七".repeat(8_000));
    assert!(find_targets(&s, None, &Lexicon::default()).is_empty(), "a run longer than any numeral is no number");
    // A numeral of its own before the measure word is still read.
    let s = format!("{}，建成一百二十三个", "一百二十三万四千五百六十七".repeat(8_000));
    assert_eq!(find_targets(&s, None, &Lexicon::default()).iter().map(|t| t.value).collect::<Vec<_>>(), [123.0]);
}
