//! Print the blocks of documents: `cargo run --example dump -- FILE...`
use zhengce::pipeline::corpus::{Corpus, Options};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let c = Corpus::read(&args, &Options::default());
    for e in &c.errors {
        eprintln!("{} {}: {}", e.severity, e.kind, e.message);
    }
    for d in &c.documents {
        println!("== {} {:?}", d.doc_id, d.meta);
        for b in &d.blocks {
            let t = b.text(&d.text);
            let short: String = t.chars().take(40).collect();
            let depts: Vec<&str> = b.departments.iter().map(|x| x.name.as_str()).collect();
            println!(
                "{:16} {:8} {:6} {} | {} | {:?} {:?}",
                b.kind.name(),
                b.path,
                b.marker,
                short,
                b.heading.chars().take(20).collect::<String>(),
                b.section_titles,
                depts
            );
        }
        for t in &d.targets {
            println!(
                "  target {} {} {:?} {} {} {:?}",
                &d.text[t.start..t.end],
                t.value,
                t.value_max,
                t.unit,
                t.comparator.symbol(),
                t.deadline
            );
        }
        for s in &d.slogans {
            println!("  slogan {}", s.text);
        }
    }
}
