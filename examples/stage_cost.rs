//! Run one stage of the pipeline over a corpus, for instruction counts that a
//! busy machine cannot blur:
//!
//! ```text
//! cargo build --release --example stage_cost
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/stage_cost bench/out/corpus-10MB 2 targets
//! ```
//! Stages: none (loading only), structure, targets, labels, jieba (bare jieba-rs
//! cut of each text, HMM on), process (all per-document work), actors
//! (process, then the actors of each document, as the actors frame reads them), read
//! (`Corpus::from_texts` on one thread, batched as `read` is). Compare a
//! stage's count minus `none` with `jieba` minus `none`.
use zhengce::input::read::{decode, expand, Input};
use zhengce::model::document::Source;
use zhengce::pipeline::corpus::{process, Resources};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (dir, mb, stage) = (&args[1], args[2].parse::<f64>().unwrap(), args[3].as_str());
    let mut texts = Vec::new();
    let mut total = 0usize;
    for i in expand(std::slice::from_ref(dir)) {
        let Input::File(p) = i else { continue };
        let bytes = std::fs::read(&p).unwrap();
        total += bytes.len();
        if let Ok(d) = decode(&bytes) {
            texts.push(d.text);
        }
        if total as f64 > mb * 1e6 {
            break;
        }
    }
    let res = Resources::default();
    let src = || Source { source: "x".into(), format: "text".into(), encoding: "utf-8".into(), bytes: 0 };
    let mut n = 0usize;
    match stage {
        "none" => {}
        "jieba_load" => n += jieba_rs::Jieba::new().has_word("民政") as usize,
        "lex_load" => n += res.lexicons().tokenizer.has_word("民政") as usize,
        "jieba" => {
            let j = jieba_rs::Jieba::new();
            for t in &texts {
                n += j.cut(t, true).len();
            }
        }
        "structure" => {
            for t in &texts {
                let norm = res.layout.normalize(t);
                let blocks = zhengce::layout::structure::parse(&norm.text, &norm.lines, &res.layout);
                n += zhengce::extract::meta::extract(&norm.text, &blocks, &res.regions).year.unwrap_or(0) as usize + blocks.len();
            }
        }
        "targets" => {
            let docs: Vec<_> = texts
                .iter()
                .map(|t| {
                    let norm = res.layout.normalize(t);
                    let blocks = zhengce::layout::structure::parse(&norm.text, &norm.lines, &res.layout);
                    (norm.text, blocks)
                })
                .collect();
            // Count only what follows: the structure was built above.
            let start = std::time::Instant::now();
            for (text, blocks) in &docs {
                let doc = zhengce::model::document::Document {
                    doc_id: "x".into(),
                    source: src(),
                    text: text.as_str().into(),
                    meta: Default::default(),
                    blocks: blocks.clone(),
                    targets: vec![],
                    deadlines: vec![],
                    slogans: vec![],
                    warnings: vec![],
                    labels: Default::default(),
                };
                n += zhengce::extract::targets::extract(&doc, &res.slogans, &res.indicators).1.len();
            }
            eprintln!("{:?}", start.elapsed());
        }
        "labels" => {
            let lex = res.lexicons().clone();
            for t in &texts {
                n += lex.tokenizer.cut(t).len();
            }
        }
        "process" => {
            for t in &texts {
                n += process("x", src(), t, vec![], &res).blocks.len();
            }
        }
        // As `read` does: every document kept.
        "process_keep" => {
            let _ = res.lexicons();
            let start = std::time::Instant::now();
            let docs: Vec<_> = texts.iter().map(|t| process("x", src(), t, vec![], &res)).collect();
            eprintln!("{:?}", start.elapsed());
            n += docs.len();
        }
        // `read` itself, on one thread: documents in batches, each batch's
        // blocks cut between preparing and labelling them all.
        "read" => {
            let _ = res.lexicons();
            let items: Vec<(String, String)> = texts.iter().enumerate().map(|(i, t)| (format!("d{i}"), t.clone())).collect();
            let opts = zhengce::pipeline::corpus::Options { threads: Some(1), ..Default::default() };
            let start = std::time::Instant::now();
            let c = zhengce::pipeline::corpus::Corpus::from_texts(items, &opts);
            eprintln!("{:?}", start.elapsed());
            n += c.documents.len();
        }
        "process_drop" => {
            let _ = res.lexicons();
            let start = std::time::Instant::now();
            for t in &texts {
                n += process("x", src(), t, vec![], &res).blocks.len();
            }
            eprintln!("{:?}", start.elapsed());
        }
        // The actors frame's reading, which `read` no longer does: compare
        // with `process`.
        "actors" => {
            for t in &texts {
                let doc = process("x", src(), t, vec![], &res);
                n += doc.blocks.len() + zhengce::extract::actors::extract(&doc).len();
            }
        }
        other => panic!("unknown stage {other}"),
    }
    println!("{stage}: {} texts, {} bytes, {n}", texts.len(), total);
}
