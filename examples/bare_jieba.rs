//! Bare jieba-rs segmentation of a corpus: the floor for anything that tokenises.
//!
//! Reads the files zhengce would read (same expansion of folders and globs, in
//! the same order), decodes them exactly as zhengce does
//! ([`zhengce::input::read::decode`]), and times only `Jieba::cut` with jieba's
//! default dictionary over each document's whole decoded text (HMM on, as
//! jieba's own default). Files are loaded and decoded in chunks of about 64 MB
//! outside the timed part, so the figure is segmentation alone and memory
//! stays bounded on a 1 GB corpus.
//!
//! ```text
//! cargo run --release --example bare_jieba -- bench/out/corpus-10MB [--threads 2] [--no-hmm]
//! ```
//!
//! Prints one JSON object: files, bytes on disk, UTF-8 bytes and characters of
//! the decoded text, tokens, seconds to load the dictionary, to read and
//! decode, and to cut (wall, and CPU with one thread), and MB/s (bytes on disk
//! per second of cutting).

use std::time::Instant;

use jieba_rs::Jieba;
use rayon::prelude::*;
use zhengce::input::read::{decode, expand, Input};

const CHUNK_BYTES: usize = 64 << 20;

/// CPU time of the calling thread in seconds (Linux: /proc/thread-self/schedstat,
/// nanoseconds on a CPU), so that one-thread figures can be compared in CPU
/// time on a machine shared with other work; None elsewhere.
fn thread_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(s.split_whitespace().next()?.parse::<u64>().ok()? as f64 / 1e9)
}

fn main() {
    let mut specs = Vec::new();
    let mut threads = 1usize;
    let mut hmm = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" => threads = args.next().and_then(|n| n.parse().ok()).expect("--threads N"),
            "--no-hmm" => hmm = false,
            "--hmm" => hmm = true,
            "-h" | "--help" => {
                eprintln!("usage: bare_jieba PATH... [--threads N] [--no-hmm]");
                return;
            }
            _ => specs.push(a),
        }
    }
    let files: Vec<_> = expand(&specs)
        .into_iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(p),
            _ => None,
        })
        .collect();

    let t = Instant::now();
    let jieba = Jieba::new();
    let dict_load = t.elapsed().as_secs_f64();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");

    let (mut file_bytes, mut text_bytes, mut chars, mut tokens, mut failed) = (0u64, 0u64, 0u64, 0u64, 0usize);
    let (mut load_s, mut cut_s, mut cut_cpu_s) = (0f64, 0f64, 0f64);
    let mut chunk: Vec<String> = Vec::new();
    let mut chunk_len = 0usize;
    let cut_chunk = |chunk: &mut Vec<String>, tokens: &mut u64, cut_s: &mut f64, cut_cpu_s: &mut f64| {
        let t = Instant::now();
        let c = thread_cpu();
        let n: usize = if threads == 1 {
            chunk.iter().map(|s| jieba.cut(s, hmm).len()).sum()
        } else {
            pool.install(|| chunk.par_iter().map(|s| jieba.cut(s, hmm).len()).sum())
        };
        *cut_s += t.elapsed().as_secs_f64();
        // One thread cuts on this thread: its CPU time is the cut's.
        if let (Some(a), Some(b)) = (c, thread_cpu()) {
            *cut_cpu_s += b - a;
        }
        *tokens += n as u64;
        chunk.clear();
    };
    for path in &files {
        let t = Instant::now();
        let Ok(bytes) = std::fs::read(path) else {
            failed += 1;
            continue;
        };
        let Ok(d) = decode(&bytes) else {
            failed += 1;
            continue;
        };
        load_s += t.elapsed().as_secs_f64();
        file_bytes += bytes.len() as u64;
        text_bytes += d.text.len() as u64;
        chars += d.text.chars().count() as u64;
        chunk_len += d.text.len();
        chunk.push(d.text);
        if chunk_len >= CHUNK_BYTES {
            cut_chunk(&mut chunk, &mut tokens, &mut cut_s, &mut cut_cpu_s);
            chunk_len = 0;
        }
    }
    cut_chunk(&mut chunk, &mut tokens, &mut cut_s, &mut cut_cpu_s);
    println!(
        "{{\"files\": {}, \"failed\": {}, \"file_bytes\": {}, \"text_bytes\": {}, \"chars\": {}, \"tokens\": {}, \"threads\": {}, \"hmm\": {}, \"dict_load_s\": {:.4}, \"read_decode_s\": {:.4}, \"cut_s\": {:.4}, \"cut_cpu_s\": {}, \"mb_per_s\": {:.3}}}",
        files.len() - failed,
        failed,
        file_bytes,
        text_bytes,
        chars,
        tokens,
        threads,
        hmm,
        dict_load,
        load_s,
        cut_s,
        if threads == 1 && cut_cpu_s > 0.0 { format!("{cut_cpu_s:.4}") } else { "null".into() },
        file_bytes as f64 / 1e6 / cut_s.max(1e-9)
    );
}
