//! Messy and hostile input from the Rust side: each kind of bad file has its
//! documented outcome (README "Messy input"), nothing panics, nothing hangs,
//! and no text is lost. Inputs are generated here, not hand-picked.
//!
//! The size tests use generous time limits that linear code meets many times
//! over and quadratic code misses by minutes (they guard the fixes of
//! super-linear joins in normalisation and of backward offset lookups).

use std::path::{Path, PathBuf};

use zhengce::invariants;
use zhengce::pipeline::corpus::{Corpus, Options};

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("zhengce-messy-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn write(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const PLAN: &str =
    "一、总体要求\n全面落实省委部署，加强基层建设。\n二、主要任务\n（一）提高标准。城市低保标准不低于20%。（责任单位：省民政厅）\n";

/// Read one file and return the corpus, after checking that nothing internal failed.
fn read_one(path: &str, opts: &Options) -> Corpus {
    let c = Corpus::read(&[path.to_string()], opts);
    assert!(c.errors.iter().all(|e| e.kind != "internal" && !e.message.contains("internal error")), "{:?}", c.errors);
    for d in &c.documents {
        invariants::check_document(d).unwrap();
    }
    c
}

fn warnings(c: &Corpus) -> Vec<&str> {
    c.errors.iter().filter(|e| e.severity == "warning").map(|e| e.message.as_str()).collect()
}

fn error_kinds(c: &Corpus) -> Vec<&str> {
    c.errors.iter().filter(|e| e.severity == "error").map(|e| e.kind.as_str()).collect()
}

#[test]
fn empty_and_blank_files_are_documents_without_records_and_a_warning() {
    let dir = TempDir::new("blank");
    for (name, bytes) in [("empty.txt", Vec::new()), ("blank.txt", " \r\n\t\n\u{3000}\u{200b}\r".as_bytes().to_vec())] {
        let c = read_one(&dir.write(name, &bytes), &Options::default());
        assert_eq!(c.documents.len(), 1, "{name}");
        assert!(c.documents[0].blocks.is_empty());
        let w = warnings(&c);
        assert!(w.iter().any(|m| m.contains(name) && (m.contains("empty") || m.contains("only white space"))), "{name}: {w:?}");
    }
}

#[test]
fn binary_and_undecodable_files_are_errors_naming_the_file() {
    let dir = TempDir::new("binary");
    let mut seed = 7u32;
    let noise: Vec<u8> = (0..20_000)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) as u8
        })
        .collect();
    let mut elf = b"\x7fELF\x02\x01\x01\0".to_vec();
    elf.extend_from_slice(&noise[..4000]);
    let zip = [b"PK\x03\x04".as_slice(), &noise[..3000]].concat();
    let ole = [[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1].as_slice(), &noise[..3000]].concat();
    for (name, bytes, kind) in
        [("noise.txt", noise.clone(), "decode"), ("prog.txt", elf, "decode"), ("archive.txt", zip, "format"), ("old.doc", ole, "format")]
    {
        let path = dir.write(name, &bytes);
        let c = read_one(&path, &Options::default());
        assert!(c.documents.is_empty(), "{name}");
        assert_eq!(error_kinds(&c), [kind], "{name}");
        assert!(c.errors[0].message.contains(&path), "{}", c.errors[0].message);
    }
}

#[test]
fn damaged_encodings_are_read_with_a_warning() {
    let dir = TempDir::new("enc");
    // Truncated UTF-8: the last character cut in half.
    let mut cut = PLAN.as_bytes().to_vec();
    cut.extend_from_slice(&"政".as_bytes()[..2]);
    let c = read_one(&dir.write("cut.txt", &cut), &Options::default());
    assert_eq!(&*c.documents[0].text, zhengce::layout::normalize::normalize(PLAN).text);
    assert!(warnings(&c).iter().any(|w| w.contains("incomplete UTF-8")));
    // GBK given where UTF-8 is usual.
    let (gbk, _, _) = encoding_rs::GBK.encode(PLAN);
    let c = read_one(&dir.write("gbk.txt", &gbk), &Options::default());
    assert_eq!(
        (c.documents[0].source.encoding.as_str(), &*c.documents[0].text),
        ("gb18030", zhengce::layout::normalize::normalize(PLAN).text.as_str())
    );
    // UTF-16 without a byte order mark, both byte orders.
    for (name, bytes) in [
        ("le.txt", PLAN.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()),
        ("be.txt", PLAN.encode_utf16().flat_map(u16::to_be_bytes).collect()),
    ] {
        let c = read_one(&dir.write(name, &bytes), &Options::default());
        assert!(c.documents[0].source.encoding.starts_with("utf-16"), "{name}");
        assert_eq!(&*c.documents[0].text, zhengce::layout::normalize::normalize(PLAN).text);
        assert!(warnings(&c).iter().any(|w| w.contains("byte order")));
    }
    // A few bad bytes in the middle of UTF-8: replaced and counted.
    let mut long = PLAN.repeat(200).into_bytes();
    long[PLAN.len() * 100 + 1] = 0xFF;
    let c = read_one(&dir.write("bad-byte.txt", &long), &Options::default());
    assert!(warnings(&c).iter().any(|w| w.contains("invalid UTF-8")));
}

#[test]
fn missing_paths_unreadable_entries_and_link_loops() {
    let dir = TempDir::new("paths");
    dir.write("good.txt", PLAN.as_bytes());
    let missing = dir.0.join("nope.txt").display().to_string();
    // A dangling link and a link loop among the files, and a folder linking to itself.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.0.join("gone.txt"), dir.0.join("dangling.txt")).unwrap();
        std::os::unix::fs::symlink(dir.0.join("loop-b.txt"), dir.0.join("loop-a.txt")).unwrap();
        std::os::unix::fs::symlink(dir.0.join("loop-a.txt"), dir.0.join("loop-b.txt")).unwrap();
        std::fs::create_dir(dir.0.join("sub")).unwrap();
        std::os::unix::fs::symlink(&dir.0, dir.0.join("sub").join("up")).unwrap();
    }
    let c = Corpus::read(&[dir.0.display().to_string(), missing.clone()], &Options::default());
    assert_eq!(c.documents.len(), 1);
    let errors: Vec<(&str, &str)> =
        c.errors.iter().filter(|e| e.severity == "error").map(|e| (e.kind.as_str(), e.source.as_str())).collect();
    assert!(errors.contains(&("not_found", missing.as_str())), "{errors:?}");
    #[cfg(unix)]
    {
        assert_eq!(errors.iter().filter(|(k, _)| *k == "io").count(), 3, "{errors:?}");
        assert!(c.errors.iter().any(|e| e.kind == "skipped" && e.message.contains("loop")), "{:?}", c.errors);
    }
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_not_read_for_ever() {
    let c = Corpus::read(&["/dev/zero".to_string()], &Options::default());
    assert_eq!(error_kinds(&c), ["io"]);
    assert!(c.errors[0].message.contains("not a regular file"));
}

#[test]
fn the_size_limit_applies_to_files_and_texts() {
    let dir = TempDir::new("size");
    let path = dir.write("big.txt", PLAN.repeat(100).as_bytes());
    let opts = Options { max_bytes: 1000, ..Options::default() };
    let c = Corpus::read(std::slice::from_ref(&path), &opts);
    assert_eq!(error_kinds(&c), ["too_large"]);
    assert!(c.errors[0].message.contains(&path) && c.errors[0].message.contains("max_bytes"));
    let c = Corpus::from_texts(vec![("big".into(), PLAN.repeat(100)), ("small".into(), PLAN.into())], &opts);
    assert_eq!((c.documents.len(), error_kinds(&c)), (1, vec!["too_large"]));
}

#[test]
fn html_residue_invisible_and_control_characters_are_kept_out_and_reported() {
    let html = format!("<div class=\"main\"><p>{}</p>&nbsp;<br/></div>", PLAN.replace('\n', "</p>\n<p>"));
    let noisy: String = PLAN.trim_end().chars().flat_map(|c| [c, '\u{200b}']).chain("\u{7}\u{1b}[0m\u{feff}\n".chars()).collect();
    let c = Corpus::from_texts(vec![("html".into(), html), ("noisy".into(), noisy)], &Options::default());
    let w: Vec<(&str, &str)> = c.errors.iter().map(|e| (e.source.as_str(), e.message.as_str())).collect();
    assert!(w.iter().any(|(s, m)| *s == "html" && m.contains("HTML tags")), "{w:?}");
    assert!(w.iter().any(|(s, m)| *s == "noisy" && m.contains("zero-width or control characters were removed")), "{w:?}");
    let noisy = &c.documents[1];
    assert_eq!(&*noisy.text, format!("{}[0m", zhengce::layout::normalize::normalize(PLAN).text));
    assert_eq!(noisy.blocks.iter().filter(|b| !b.path.is_empty()).count(), 4);
}

#[test]
fn mixed_line_ends_read_like_unix_ones() {
    let ends = ["\n", "\r\n", "\r"];
    let mixed: String = PLAN.lines().enumerate().map(|(i, l)| format!("{l}{}", ends[i % 3])).collect();
    let c = Corpus::from_texts(vec![("unix".into(), PLAN.into()), ("mixed".into(), mixed)], &Options::default());
    assert_eq!(c.documents[0].text, c.documents[1].text);
    assert_eq!(c.documents[0].blocks, c.documents[1].blocks);
}

/// Generated structure stress: out-of-order and repeated markers, ten levels
/// of nesting, unbalanced and mismatched brackets.
#[test]
fn odd_structure_is_parsed_best_effort_and_keeps_every_character() {
    let ten = ["一、", "（一）", "1.", "（1）", "①", "1）", "1、", "第一章", "第一节", "第一条 "];
    let nested: String =
        ten.iter().enumerate().map(|(i, m)| format!("{m}第{}层标题\n", i + 1)).chain(["落实责任。加强督查。\n".to_string()]).collect();
    let shuffled: String = [5, 2, 9, 2, 2, 1, 7].iter().map(|n| format!("{n}.完成第{n}项任务。落实。\n")).collect();
    let brackets = "一、加强（保障\n落实〔2019号文件\n（二）完善制度）。推进）（（\n二、“要求《规定\n提高）》”标准。\n";
    let c = Corpus::from_texts(
        vec![("nested".into(), nested), ("shuffled".into(), shuffled.clone()), ("brackets".into(), brackets.into())],
        &Options::default(),
    );
    assert!(c.errors.iter().all(|e| e.severity != "error"));
    for d in &c.documents {
        invariants::check_document(d).unwrap();
    }
    let deepest = c.documents[0].blocks.iter().map(|b| b.level).max().unwrap();
    assert_eq!(deepest, 10, "ten nested headings, and a paragraph under the last with its path");
    assert_eq!(c.documents[0].blocks.last().unwrap().path, ["1"; 10].join("."));
    let paths: Vec<&str> = c.documents[1].blocks.iter().map(|b| b.path.as_str()).collect();
    assert_eq!(paths, ["5", "2", "9", "2", "2", "1", "7"], "written ordinals are kept, repeats included");
    for (name, text) in [("shuffled", shuffled.as_str()), ("brackets", brackets)] {
        invariants::check_structure(text).unwrap_or_else(|v| panic!("{name}: {v}"));
    }
}

/// A paragraph broken into 100,000 lines (OCR, hard-wrapped web text) used to
/// be re-scanned at every join: minutes. That the time stays linear is checked
/// by ratio in tests/linear_time.rs; here, that the result is right.
#[test]
fn a_paragraph_broken_into_many_lines_is_joined_into_one() {
    let mut text = String::from("一、总体要求\n（");
    for _ in 0..100_000 {
        text.push_str("加强基层民政建设，\r\n");
    }
    let c = Corpus::from_texts(vec![("wrapped".into(), text)], &Options::default());
    assert_eq!(c.documents[0].blocks.len(), 2);
}

#[test]
fn a_hundred_thousand_markers_and_a_long_single_line() {
    let markers: String = (0..100_000).map(|i| format!("{}.加强建设，完成任务。\n", i % 999 + 1)).collect();
    let line: String = "加强基层民政建设，提高保障标准达到20%以上；".repeat(200_000);
    let c = Corpus::from_texts(vec![("markers".into(), markers), ("line".into(), line)], &Options::default());
    assert_eq!(c.documents[0].blocks.len(), 100_000);
    assert_eq!(c.documents[1].blocks.len(), 1);
    assert_eq!(zhengce::frames::records(&c).unwrap().height(), 100_001);
    // Frames of 100,000 records build, one row per extracted item.
    let n = |f: fn(&zhengce::model::document::Document) -> usize| c.documents.iter().map(f).sum::<usize>();
    assert_eq!(zhengce::frames::targets(&c).unwrap().height(), n(|d| d.targets.len()));
    assert_eq!(zhengce::frames::slogans(&c).unwrap().height(), n(|d| d.slogans.len()));
}

/// A table flattened into one line without a full stop puts thousands of
/// numbers (and dates) in one sentence, or in one clause when even the commas
/// are gone: each is read (in time linear in the text, not by scanning back
/// to the start of its sentence: checked by ratio in tests/linear_time.rs).
#[test]
fn one_sentence_with_twenty_thousand_numbers() {
    let text: String =
        std::iter::once("一、任务\n".to_string()).chain((0..20_000).map(|i| format!("城市低保标准不低于{}%，", i % 97))).collect();
    let c = Corpus::from_texts(vec![("table".into(), text)], &Options::default());
    assert_eq!(c.documents[0].targets.len(), 20_000);

    let text: String =
        std::iter::once("一、任务\n".to_string()).chain((0..20_000).map(|i| format!("新建养老床位{}张 ", i % 97 + 1))).collect();
    let c = Corpus::from_texts(vec![("flat".into(), text)], &Options::default());
    assert_eq!(c.documents[0].targets.len(), 20_000);

    let text: String = std::iter::once("一、任务\n".to_string())
        .chain((0..10_000).map(|i| format!("2020年{}月{}日前完成（2021年{}月底前），", i % 12 + 1, i % 28 + 1, i % 12 + 1)))
        .collect();
    let c = Corpus::from_texts(vec![("dates".into(), text)], &Options::default());
    assert_eq!(c.documents[0].deadlines.len(), 20_000);
}

#[test]
fn fuzz_regressions_replay_clean() {
    // Inputs the fuzzers found interesting (fuzz/regressions/<target>/*), kept
    // as tests: each must pass the same checks as under the fuzzer.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join("regressions");
    let mut n = 0;
    for (target, check) in [
        ("decode", (|b: &[u8]| invariants::check_decoding(b)) as fn(&[u8]) -> Result<(), String>),
        ("structure", |b: &[u8]| invariants::check_structure(&String::from_utf8_lossy(b))),
        ("pipeline", |b: &[u8]| invariants::check_pipeline(&String::from_utf8_lossy(b))),
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else { continue };
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            check(&bytes).unwrap_or_else(|v| panic!("{}: {v}", f.display()));
            n += 1;
        }
    }
    assert!(n > 0, "no fuzz regression inputs found under {}", root.display());
}

#[test]
fn an_html_fragment_from_a_text_field_reads_like_the_clean_text() {
    // A scraped database stores the page body as `<p>…</p>` on one line; saved
    // as .txt it is read as a page and gives the records of the clean text.
    let dir = std::env::temp_dir().join(format!("zhengce-fragment-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fragment: String = PLAN.lines().map(|l| format!("<p style=\"text-indent:2em\">{l}</p>")).collect();
    let (clean, html) = (dir.join("clean.txt"), dir.join("fragment.txt"));
    std::fs::write(&clean, PLAN).unwrap();
    std::fs::write(&html, &fragment).unwrap();
    let a = read_one(&clean.display().to_string(), &Options::default());
    let b = read_one(&html.display().to_string(), &Options::default());
    let paths = |c: &Corpus| -> Vec<(String, String)> {
        let d = &c.documents[0];
        d.blocks.iter().filter(|b| !b.path.is_empty()).map(|b| (b.path.to_string(), b.text(&d.text).to_string())).collect()
    };
    assert_eq!(b.documents[0].source.format, "html");
    assert_eq!(paths(&a), paths(&b));
    assert!(!paths(&b).is_empty());
    std::fs::remove_dir_all(&dir).ok();
}
