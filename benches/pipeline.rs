//! Criterion benchmarks of the Rust core, stage by stage, in bytes per second
//! of input (one thread).
//!
//! ```text
//! cargo bench --bench pipeline                                   # the bundled sample (96 KB)
//! ZHENGCE_BENCH_CORPUS=bench/out/corpus-10MB ZHENGCE_BENCH_MB=4 cargo bench --bench pipeline
//! ```
//!
//! The corpus is the five sample documents, or the files of
//! `ZHENGCE_BENCH_CORPUS` (a folder made by `bench/generate.py`), of which the
//! first `ZHENGCE_BENCH_MB` megabytes (default 2) are used. Stages:
//!
//! * `decode` — bytes to text (UTF-8 / UTF-16 / GB18030 detection);
//! * `normalize_structure` — normalisation, the numbered hierarchy, metadata;
//! * `targets` — numbered formulations, targets and deadlines;
//! * `labels` — tokens, themes, instruments and strength;
//! * `jieba_bare` — jieba-rs `cut` of the decoded text, default dictionary,
//!   HMM on (the floor for anything that tokenises, as `examples/bare_jieba.rs`);
//! * `jieba_bare_blocks`, `tokenizer_blocks` — the same cut block by block (the
//!   text of every block, as the labels stage cuts it), and zhengce's own
//!   tokenizer there (civil-affairs dictionary, HMM off);
//! * `process` — the whole per-document pipeline (`corpus::process`);
//! * `frames` — building the polars frames of the processed corpus.
//!
//! The end-to-end Python figures are made by `bench/run.py` (BENCHMARKS.md).

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use zhengce::input::read::{decode, expand, Input};
use zhengce::model::document::Source;
use zhengce::pipeline::corpus::{process, Corpus, Resources};

struct Input_ {
    name: String,
    bytes: Vec<u8>,
    text: String,
}

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = std::env::var("ZHENGCE_BENCH_CORPUS").unwrap_or_else(|_| root.join("python/zhengce/sample").display().to_string());
    expand(&[spec])
        .into_iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(p),
            _ => None,
        })
        .collect()
}

fn load() -> Vec<Input_> {
    let limit = std::env::var("ZHENGCE_BENCH_MB").ok().and_then(|s| s.parse::<f64>().ok()).unwrap_or(2.0) * 1e6;
    let mut out = Vec::new();
    let mut total = 0usize;
    for p in corpus_files() {
        let bytes = std::fs::read(&p).expect("read a corpus file");
        let Ok(d) = decode(&bytes) else { continue };
        total += bytes.len();
        out.push(Input_ { name: p.file_stem().unwrap().to_string_lossy().into_owned(), bytes, text: d.text });
        if total as f64 >= limit {
            break;
        }
    }
    assert!(!out.is_empty(), "no corpus files found");
    out
}

fn source(i: &Input_) -> Source {
    Source { source: i.name.clone(), format: "text".into(), encoding: "utf-8".into(), bytes: i.bytes.len() as u64 }
}

fn configure(g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, bytes: u64) {
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(4));
}

fn stages(c: &mut Criterion) {
    let inputs = load();
    let bytes: u64 = inputs.iter().map(|i| i.bytes.len() as u64).sum();
    let res = Resources::shared();
    let lex = res.lexicons().clone(); // load jieba's dictionary outside the timings
    let docs: Vec<_> = inputs.iter().map(|i| process(&i.name, source(i), &i.text, Vec::new(), &res)).collect();
    eprintln!("corpus: {} documents, {:.2} MB", inputs.len(), bytes as f64 / 1e6);

    let mut g = c.benchmark_group("stages");
    configure(&mut g, bytes);
    g.bench_function("decode", |b| {
        b.iter(|| inputs.iter().map(|i| decode(black_box(&i.bytes)).map(|d| d.text.len()).unwrap_or(0)).sum::<usize>())
    });
    g.bench_function("normalize_structure", |b| {
        b.iter(|| {
            inputs
                .iter()
                .map(|i| {
                    let n = res.layout.normalize(black_box(&i.text));
                    let blocks = zhengce::layout::structure::parse(&n.text, &n.lines, &res.layout);
                    let meta = zhengce::extract::meta::extract(&n.text, &blocks, &res.regions);
                    blocks.len() + meta.year.unwrap_or(0) as usize
                })
                .sum::<usize>()
        })
    });
    g.bench_function("targets", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| {
                    let (s, t, dl) = zhengce::extract::targets::extract(black_box(d), &res.slogans, &res.indicators);
                    s.len() + t.len() + dl.len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("labels", |b| b.iter(|| docs.iter().map(|d| zhengce::label::label(black_box(d), &lex).len()).sum::<usize>()));
    let jieba = jieba_rs::Jieba::new();
    g.bench_function("jieba_bare", |b| b.iter(|| inputs.iter().map(|i| jieba.cut(black_box(&i.text), true).len()).sum::<usize>()));
    // The same segmentation block by block, as the labels stage calls it: bare
    // jieba-rs, then zhengce's tokenizer (civil-affairs dictionary, HMM off).
    let block_texts: Vec<&str> = docs.iter().flat_map(|d| d.blocks.iter().map(move |b| b.text(&d.text))).collect();
    g.bench_function("jieba_bare_blocks", |b| b.iter(|| block_texts.iter().map(|t| jieba.cut(black_box(t), true).len()).sum::<usize>()));
    g.bench_function("tokenizer_blocks", |b| b.iter(|| block_texts.iter().map(|t| lex.tokenizer.cut(black_box(t)).len()).sum::<usize>()));
    g.bench_function("process", |b| {
        b.iter(|| inputs.iter().map(|i| process(&i.name, source(i), black_box(&i.text), Vec::new(), &res).blocks.len()).sum::<usize>())
    });
    g.finish();

    let corpus = Corpus { documents: docs, ..Default::default() };
    let mut g = c.benchmark_group("frames");
    configure(&mut g, bytes);
    g.bench_function("records", |b| b.iter(|| zhengce::frames::records(black_box(&corpus)).unwrap().height()));
    g.bench_function("departments+targets+slogans+deadlines", |b| {
        b.iter(|| {
            zhengce::frames::departments(&corpus).unwrap().height()
                + zhengce::frames::targets(&corpus).unwrap().height()
                + zhengce::frames::slogans(&corpus).unwrap().height()
                + zhengce::frames::deadlines(&corpus).unwrap().height()
        })
    });
    g.bench_function("themes+instruments", |b| {
        b.iter(|| zhengce::frames::themes(&corpus).unwrap().height() + zhengce::frames::instruments(&corpus).unwrap().height())
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
