use zhengce::pipeline::corpus::{Corpus, Options};
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let c = Corpus::read(&args, &Options::default());
    for d in &c.documents {
        println!("== {}", d.doc_id);
        for t in &d.targets {
            println!(
                "  T {} [{}] v={} max={:?} unit={} per={:?} {} dl={:?} ind={:?} scope={:?}",
                d.blocks[t.block].path,
                &d.text[t.start..t.end],
                t.value,
                t.value_max,
                t.unit,
                t.per,
                t.comparator.symbol(),
                t.deadline,
                t.indicator,
                t.scope
            );
        }
        for x in &d.deadlines {
            println!("  D {} {} [{}] -> {}", d.blocks[x.block].path, x.date, x.phrase, x.action);
        }
    }
}
