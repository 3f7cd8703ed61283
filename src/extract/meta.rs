//! Document metadata: province, issuer, document number, title, date and year,
//! read from a web metadata header, the title and document-number lines, the
//! signature, or the text. The line-level recognisers for dates, document
//! numbers and metadata headers are shared with the layout (`crate::text`).
//!
//! ```
//! use zhengce::text::{dates::find_date, lines::normalize_doc_number};
//! let (d, _, _) = find_date("二○一二年一月九日").unwrap();
//! assert_eq!(d.iso(), "2012-01-09");
//! assert_eq!(normalize_doc_number("吉民发[2019]15号"), "吉民发〔2019〕15号");
//! ```

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::document::{Block, BlockKind, Meta, Ymd};
use crate::text::dates::{find_date, year_ok};
use crate::text::lines::{doc_number_line, find_doc_numbers, normalize_doc_number, parse_header_line};
use crate::text::numbers::read_digits as read_int;

/// Places that tell which province a document comes from: the 31
/// provincial-level divisions (full and short names, document-number
/// abbreviations) and their cities and prefectures. Loaded from a data file.
#[derive(Debug, Clone)]
pub struct Regions {
    names: Vec<(String, String, String)>, // (name, province short name, level)
    matcher: AhoCorasick,
    abbrs: Vec<(char, String)>,
}

impl Default for Regions {
    fn default() -> Self {
        // Provinces, abbreviations and cities, then every unambiguous county (generated).
        let data = [include_str!("../../data/regions.tsv"), include_str!("../../data/counties.tsv")].join("\n");
        Regions::parse(&data).expect("bundled regions.tsv and counties.tsv are valid")
    }
}

impl Regions {
    /// Parse the tab-separated `name  province  level` table (level: province,
    /// short, abbr, city, county).
    pub fn parse(data: &str) -> Result<Regions, (usize, String)> {
        let mut names = Vec::new();
        let mut abbrs = Vec::new();
        for (n, line) in data.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                return Err((n + 1, "expected name, province and level separated by tabs".into()));
            }
            if f[2] == "abbr" {
                let mut cs = f[0].chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) => abbrs.push((c, f[1].to_string())),
                    _ => return Err((n + 1, "an abbreviation is one character".into())),
                }
            } else {
                names.push((f[0].to_string(), f[1].to_string(), f[2].to_string()));
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names.iter().map(|n| n.0.as_str()))
            .map_err(|e| (0, e.to_string()))?;
        Ok(Regions { names, matcher, abbrs })
    }

    /// Provinces named in `s`, in order of appearance, with the matched name.
    pub fn provinces_in<'a>(&'a self, s: &'a str) -> impl Iterator<Item = (&'a str, &'a str, usize)> + 'a {
        self.matcher.find_iter(s).map(move |m| {
            let (_, prov, level) = &self.names[m.pattern().as_usize()];
            (prov.as_str(), level.as_str(), m.start())
        })
    }

    /// The province of a document-number prefix (吉民发 → 吉林).
    pub fn province_of_abbr(&self, c: char) -> Option<&str> {
        self.abbrs.iter().find(|(a, _)| *a == c).map(|(_, p)| p.as_str())
    }

    /// The province an issuer belongs to (by the first place it names).
    pub fn province_of<'a>(&'a self, issuer: &'a str) -> Option<&'a str> {
        self.provinces_in(issuer).next().map(|(p, _, _)| p)
    }
}

fn title_of(title_line: &str) -> String {
    // 印发《X》的通知 / 转发《X》 → X
    for verb in ["印发", "转发", "颁布", "发布", "公布"] {
        if let Some(p) = title_line.find(verb) {
            let rest = &title_line[p + verb.len()..];
            if let Some(a) = rest.find('《') {
                if let Some(b) = rest[a..].find('》') {
                    let inner = &rest[a + '《'.len_utf8()..a + b];
                    if !inner.is_empty() {
                        return inner.to_string();
                    }
                }
            }
        }
    }
    title_line.trim_matches(['《', '》']).to_string()
}

fn issuer_of_title(title_line: &str) -> Option<String> {
    let Some(cut) = ["关于", "印发", "转发"].iter().filter_map(|k| title_line.find(k)).min() else {
        return issuer_prefix(title_line);
    };
    let issuer = title_line[..cut].trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let n = issuer.chars().count();
    ((2..=60).contains(&n) && !issuer.contains('《')).then(|| issuer.to_string())
}

/// An issuer that opens a title without 关于: 浙江省民政厅2021年工作要点.
fn issuer_prefix(title: &str) -> Option<String> {
    const BODIES: [&str; 8] = ["人民政府办公厅", "人民政府", "办公厅", "委员会", "办公室", "厅", "局", "委"];
    let mut best: Option<usize> = None;
    for b in BODIES {
        for (p, _) in title.match_indices(b) {
            let end = p + b.len();
            let rest = &title[end..];
            // The body is followed by the year or the subject, not by more of its own name.
            if rest.starts_with(|c: char| c.is_ascii_digit()) && end <= 60 && best.is_none_or(|x| end > x) {
                best = Some(end);
            }
        }
    }
    let end = best?;
    let issuer = &title[..end];
    (issuer.chars().count() >= 4 && ["省", "市", "县", "区", "州", "自治区"].iter().any(|w| issuer.contains(w))).then(|| issuer.to_string())
}

/// The issuer named in an adoption note: （2020年11月26日江西省第十三届人民代表大会
/// 常务委员会第二十五次会议通过） → 江西省人民代表大会常务委员会.
fn issuer_of_note(note: &str) -> Option<String> {
    let (_, _, end) = find_date(note)?;
    let rest = &note[end..];
    let q = rest.find("次会议")?;
    let stop = rest[..q].rfind('第').filter(|&p| p > 0)?;
    let mut body = rest[..stop].to_string();
    // Drop the term number: 第十三届.
    if let Some(a) = body.find('第') {
        if let Some(b) = body[a..].find('届') {
            body.replace_range(a..a + b + '届'.len_utf8(), "");
        }
    }
    let body = body.trim().to_string();
    (body.chars().count() >= 4).then_some(body)
}

fn parse_any_date(s: &str) -> Option<Ymd> {
    find_date(s).map(|(d, _, _)| d)
}

fn doc_number_year(s: &str) -> Option<i32> {
    let i = s.find('〔')? + '〔'.len_utf8();
    let (y, _) = read_int(s, i)?;
    year_ok(y).then_some(y as i32)
}

/// Read a document's metadata from its blocks.
///
/// Long (about 100 lines) because the fields decide each other in a fixed
/// order — the title before the issuer (a cover notice names the plan it
/// transmits), the document number before the year, the issuer and number
/// before the province — and each section, commented by field, reads the
/// header table and the fields already decided.
pub fn extract(text: &str, blocks: &[Block], regions: &Regions) -> Meta {
    let mut meta = Meta::default();
    let block_text = |b: &Block| &text[b.start..b.end];
    for b in blocks.iter().filter(|b| b.kind == BlockKind::Metadata) {
        meta.header.extend(parse_header_line(block_text(b)));
    }
    let header = |keys: &[&str]| meta.header.iter().find(|(k, v)| keys.contains(&k.as_str()) && !v.is_empty()).map(|(_, v)| v.clone());
    let h_issuer = header(&["发文机关", "发布机构", "制发机关", "发文单位"]);
    let h_number = header(&["发文字号", "文号", "文件编号"]);
    let h_title = header(&["标题", "名称"]);
    let h_date = header(&["成文日期", "印发日期"]);
    let h_published = header(&["发布日期", "发布时间", "公开日期"]);

    let body_start = blocks.iter().position(|b| !b.path.is_empty()).unwrap_or(blocks.len());
    let front = &blocks[..body_start];
    let titles: Vec<&Block> = front.iter().filter(|b| b.kind == BlockKind::Title).collect();
    let first_title = titles.first().map(|b| block_text(b).to_string());

    // Title of the substantive text.
    meta.title = h_title
        .as_deref()
        .map(title_of)
        .filter(|t| !t.is_empty())
        .or_else(|| first_title.as_deref().map(title_of))
        .map(|t| t.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect::<String>());
    if let (Some(t), Some(first)) = (&meta.title, &first_title) {
        // A plain title line names its issuer; the substantive text is a later title.
        if t.as_str() == first.trim() && issuer_of_title(first).is_some() && !first.contains('《') {
            if let Some(later) = titles.get(1) {
                if !looks_like_issuer_only(block_text(later)) {
                    meta.title = Some(block_text(later).to_string());
                }
            }
        }
    }

    // Issuer.
    meta.issuer = h_issuer.or_else(|| first_title.as_deref().and_then(issuer_of_title)).or_else(|| {
        let sig: Vec<&str> = blocks.iter().filter(|b| b.kind == BlockKind::Signature).map(block_text).collect();
        // The signature right above the first date.
        (!sig.is_empty()).then(|| sig[..sig.len().min(2)].join(" ")).filter(|_| blocks.iter().any(|b| b.kind == BlockKind::Signature))
    });

    let notes: Vec<&str> = front.iter().filter(|b| b.kind == BlockKind::Note).map(&block_text).collect();
    if meta.issuer.is_none() {
        meta.issuer = notes.iter().find_map(|n| issuer_of_note(n));
    }

    // Document number.
    meta.doc_number = h_number.map(|n| normalize_doc_number(&n)).or_else(|| {
        blocks
            .iter()
            .filter(|b| b.kind == BlockKind::DocNumber)
            .find_map(|b| doc_number_line(block_text(b)).map(|(s, e)| normalize_doc_number(&block_text(b)[s..e])))
    });

    // Date: 成文日期, a date under the signature, or the date on the document-number line.
    meta.date = h_date.as_deref().and_then(parse_any_date).or_else(|| {
        blocks.iter().filter(|b| matches!(b.kind, BlockKind::Date | BlockKind::DocNumber)).find_map(|b| parse_any_date(block_text(b)))
    });
    // A regulation's date is the date of its adoption note.
    if meta.date.is_none() {
        meta.date = notes.iter().filter(|n| n.contains("通过") || n.contains("公布") || n.contains("批准")).find_map(|n| parse_any_date(n));
    }
    meta.published = h_published.as_deref().and_then(parse_any_date);

    // Year: the date, the document number, the title, the document it implements.
    meta.year = meta
        .date
        .map(|d| d.year)
        .or_else(|| meta.doc_number.as_deref().and_then(doc_number_year))
        .or_else(|| meta.title.as_deref().and_then(leading_year))
        .or_else(|| first_title.as_deref().and_then(any_year))
        .or_else(|| {
            front.iter().filter(|b| matches!(b.kind, BlockKind::Preamble | BlockKind::Notice)).find_map(|b| {
                find_doc_numbers(block_text(b)).first().and_then(|&(s, e)| doc_number_year(&normalize_doc_number(&block_text(b)[s..e])))
            })
        })
        .or_else(|| meta.published.map(|d| d.year));

    // Province: the issuer, the document-number prefix, then the text.
    let mut province: Option<(String, &str)> = None;
    if let Some(p) = meta.issuer.as_deref().and_then(|i| regions.province_of(i)) {
        province = Some((p.to_string(), "issuer"));
    }
    if province.is_none() {
        if let Some(c) = meta.doc_number.as_deref().and_then(|n| n.chars().next()) {
            if let Some(p) = regions.province_of_abbr(c) {
                province = Some((p.to_string(), "doc_number"));
            }
        }
    }
    if province.is_none() {
        if let Some(p) = province_from_text(text, blocks, regions) {
            province = Some((p, "text"));
        }
    }
    if let Some((p, src)) = province {
        meta.province = Some(p);
        meta.province_source = Some(src.to_string());
    }
    meta
}

fn looks_like_issuer_only(s: &str) -> bool {
    crate::layout::departments::ORG_SUFFIXES.iter().any(|suf| s.ends_with(suf)) && !s.contains("关于")
}

/// The first year written in a title (浙江省民政厅2021年工作要点 → 2021).
fn any_year(s: &str) -> Option<i32> {
    s.char_indices().filter(|(_, c)| c.is_ascii_digit()).find_map(|(i, _)| {
        if i == 0 || !s[..i].ends_with(|c: char| c.is_ascii_digit()) {
            leading_year(&s[i..])
        } else {
            None
        }
    })
}

fn leading_year(s: &str) -> Option<i32> {
    let (y, j) = read_int(s, 0)?;
    (year_ok(y) && s[j..].starts_with('年')).then_some(y as i32)
}

/// The province a text is about: the most named one (cited document numbers
/// count for their province), ties broken by first mention.
fn province_from_text(text: &str, blocks: &[Block], regions: &Regions) -> Option<String> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    let mut add = |p: &str, at: usize, w: usize| match counts.iter_mut().find(|(q, _, _)| q == p) {
        Some(e) => e.1 += w,
        None => counts.push((p.to_string(), w, at)),
    };
    for b in blocks.iter().filter(|b| b.kind != BlockKind::Boilerplate) {
        let s = &text[b.start..b.end];
        for (p, level, at) in regions.provinces_in(s) {
            add(p, b.start + at, if level == "city" || level == "county" { 1 } else { 2 });
        }
        for (st, _) in find_doc_numbers(s) {
            if let Some(p) = s[st..].chars().next().and_then(|c| regions.province_of_abbr(c)) {
                add(p, b.start + st, 2);
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    counts.into_iter().next().map(|c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::dates::is_date_line;
    use crate::text::lines::is_metadata_line;

    #[test]
    fn dates() {
        for (s, iso) in [
            ("2019年3月11日", "2019-03-11"),
            ("2020年04月21日", "2020-04-21"),
            ("二○一二年一月九日", "2012-01-09"),
            ("二〇二〇年十二月三十一日", "2020-12-31"),
            ("2012-10-10 10:49", "2012-10-10"),
            ("２０１９年３月１１日", "2019-03-11"),
        ] {
            assert_eq!(find_date(s).map(|d| d.0.iso()).as_deref(), Some(iso), "{s}");
        }
        assert!(find_date("2019年2月30日").is_none());
        assert!(is_date_line("　2019年3月11日"));
        assert!(!is_date_line("2019年3月11日印发"));
    }

    #[test]
    fn doc_numbers() {
        assert_eq!(find_doc_numbers("（吉发〔2016〕20号）和"), vec![("（".len(), "（吉发〔2016〕20号".len())]);
        assert!(doc_number_line("苏办〔2012〕85号  2012年10月10日").is_some());
        assert!(doc_number_line("为贯彻（青发〔2020〕9号）").is_none());
        assert_eq!(normalize_doc_number("苏政发(2012)１号"), "苏政发〔2012〕１号");
    }

    #[test]
    fn header_lines() {
        let kv = parse_header_line("索引号:\t11220000013544496H/2020-01627\t分类:\t社会救助、养老服务;通知");
        assert_eq!(kv, vec![("索引号".into(), "11220000013544496H/2020-01627".into()), ("分类".into(), "社会救助、养老服务;通知".into())]);
        let kv = parse_header_line("发布日期:2012-10-10 10:49 字体:[ ]");
        assert_eq!(kv, vec![("发布日期".to_string(), "2012-10-10 10:49".to_string())]);
        assert!(is_metadata_line("发文字号:\t吉民发〔2020〕13号\t发布日期:\t2020年04月24日"));
        assert!(!is_metadata_line("分类施保，精准救助"));
    }

    #[test]
    fn issuers_from_titles_and_notes() {
        assert_eq!(issuer_of_title("浙江省民政厅2021年工作要点").as_deref(), Some("浙江省民政厅"));
        assert_eq!(issuer_of_title("吉林省民政厅关于印发《方案》的通知").as_deref(), Some("吉林省民政厅"));
        assert_eq!(issuer_of_title("2021年全省民政工作要点"), None);
        assert_eq!(
            issuer_of_note("（2020年11月26日江西省第十三届人民代表大会常务委员会第二十五次会议通过）").as_deref(),
            Some("江西省人民代表大会常务委员会")
        );
        assert_eq!(any_year("浙江省民政厅2021年工作要点"), Some(2021));
    }

    #[test]
    fn regions() {
        let r = Regions::default();
        assert_eq!(r.province_of("吉林省民政厅"), Some("吉林"));
        assert_eq!(r.province_of_abbr('苏'), Some("江苏"));
        assert_eq!(r.province_of("中共江苏省委"), Some("江苏"));
        assert_eq!(r.province_of("辉南县民政局"), Some("吉林"));
        assert_eq!(r.province_of("海南藏族自治州民政局"), Some("青海"));
        assert_eq!(r.province_of("海南省民政厅"), Some("海南"));
        // A district name found in several provinces tells nothing.
        assert_eq!(r.province_of("朝阳区民政局"), None);
    }
}
