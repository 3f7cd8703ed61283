//! Where the memory of read documents goes: heap bytes held by each part of
//! the `Document`s of a corpus, as a multiple of the corpus's bytes on disk.
//!
//! ```text
//! cargo run --release --example doc_memory bench/out/corpus-10MB
//! ```
//! Counts capacities (what the allocator holds), not lengths; struct sizes of
//! vector elements are included, allocator overhead is not.
use std::mem::size_of;
use zhengce::model::document::{Block, CompactString, Department, Document};
use zhengce::model::facts::{Deadline, Slogan, Target};
use zhengce::pipeline::corpus::{Corpus, Options};

fn s(x: &String) -> usize {
    x.capacity()
}
fn os(x: &Option<String>) -> usize {
    x.as_ref().map_or(0, s)
}
fn v<T>(x: &Vec<T>) -> usize {
    x.capacity() * size_of::<T>()
}

/// Heap bytes of a short string: none while it is held inline.
fn c(x: &CompactString) -> usize {
    if x.is_heap_allocated() {
        x.capacity()
    } else {
        0
    }
}

fn block(b: &Block, parts: &mut [usize; 2]) {
    parts[0] += std::mem::size_of_val::<[Department]>(&b.departments) + b.departments.iter().map(|d| c(&d.name)).sum::<usize>();
    parts[1] += c(&b.path) + c(&b.marker);
}

fn oc(x: &Option<CompactString>) -> usize {
    x.as_ref().map_or(0, c)
}

fn target(t: &Target) -> usize {
    c(&t.unit)
        + oc(&t.per)
        + oc(&t.deadline)
        + oc(&t.indicator)
        + oc(&t.scope)
        + oc(&t.base)
        + oc(&t.indicator_id)
        + oc(&t.condition)
        + v(&t.items)
        + t.items.iter().map(s).sum::<usize>()
        + v(&t.item_ids)
        + t.item_ids.iter().map(os).sum::<usize>()
}

fn main() {
    let dir = std::env::args().nth(1).expect("a corpus folder");
    let corpus = Corpus::read(&[dir], &Options::default());
    let docs: &[Document] = &corpus.documents;
    let disk: u64 = docs.iter().map(|d| d.source.bytes).sum();
    let mut rows: Vec<(&str, usize)> = Vec::new();
    let mut blk = [0usize; 2];
    for d in docs {
        for b in &d.blocks {
            block(b, &mut blk);
        }
    }
    rows.push(("text", docs.iter().map(|d| d.text.len()).sum()));
    rows.push(("blocks (structs)", docs.iter().map(|d| v(&d.blocks)).sum()));
    rows.push(("block departments", blk[0]));
    rows.push(("block path+marker", blk[1]));
    // The label arrays, each under the name the model gives it.
    let mut labels: Vec<(String, usize)> = Vec::new();
    for d in docs {
        for (k, (name, n)) in d.labels.heap_parts().into_iter().enumerate() {
            match labels.get_mut(k) {
                Some(row) => row.1 += n,
                None => labels.push((format!("labels: {name}"), n)),
            }
        }
    }
    rows.extend(labels.iter().map(|(name, n)| (name.as_str(), *n)));
    rows.push(("targets", docs.iter().map(|d| v::<Target>(&d.targets) + d.targets.iter().map(target).sum::<usize>()).sum()));
    rows.push((
        "deadlines",
        docs.iter()
            .map(|d| v::<Deadline>(&d.deadlines) + d.deadlines.iter().map(|x| c(&x.date) + c(&x.phrase) + c(&x.action)).sum::<usize>())
            .sum(),
    ));
    rows.push((
        "slogans",
        docs.iter().map(|d| v::<Slogan>(&d.slogans) + d.slogans.iter().map(|x| c(&x.text) + c(&x.normalized)).sum::<usize>()).sum(),
    ));
    let total: usize = rows.iter().map(|r| r.1).sum();
    println!(
        "{} documents, {:.1} MB on disk, {} blocks",
        docs.len(),
        disk as f64 / 1e6,
        docs.iter().map(|d| d.blocks.len()).sum::<usize>()
    );
    println!(
        "bytes a piece: Block {}, Department {}, Target {}, Deadline {}, Slogan {}",
        size_of::<Block>(),
        size_of::<Department>(),
        size_of::<Target>(),
        size_of::<Deadline>(),
        size_of::<Slogan>()
    );
    for (name, n) in rows {
        println!("{name:<26} {:>8.1} MB {:>6.2}×", n as f64 / 1e6, n as f64 / disk as f64);
    }
    println!("{:<26} {:>8.1} MB {:>6.2}×", "total", total as f64 / 1e6, total as f64 / disk as f64);
}
