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
use crate::text::affix::any_prefix;
use crate::text::dates::{find_date, year_ok};
use crate::text::lines::{self, doc_number_line, doc_type_of, find_doc_numbers, normalize_doc_number, parse_header_line};
use crate::text::numbers::{digit_value, read_digits as read_int};

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

    /// The first place `s` names: (province, level, the name as matched).
    pub fn place_in<'a>(&'a self, s: &str) -> Option<(&'a str, &'a str, &'a str)> {
        self.matcher.find(s).map(|m| {
            let (name, prov, level) = &self.names[m.pattern().as_usize()];
            (prov.as_str(), level.as_str(), name.as_str())
        })
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
            if rest.starts_with(is_digit) && end <= 60 && best.is_none_or(|x| end > x) {
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
    // White space inside a note is layout (a Word line break mid-name).
    let note: String = note.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
    let (_, _, end) = find_date(&note)?;
    let rest = &note[end..];
    let q = rest.find("次会议")?;
    let stop = rest[..q].rfind('第').filter(|&p| p > 0)?;
    let mut body = rest[..stop].to_string();
    // Drop the term number: 第十三届, or 八届 without 第.
    if let Some(b) = body.find('届') {
        let a = body[..b].find('第').unwrap_or_else(|| {
            body[..b]
                .char_indices()
                .rev()
                .take_while(|(_, c)| crate::text::numbers::cn_digit(*c).is_some() || *c == '十')
                .last()
                .map_or(b, |(i, _)| i)
        });
        body.replace_range(a..b + '届'.len_utf8(), "");
    }
    // The body as SCHEMA names it: X人民代表大会常务委员会, not the 人大常委会 abbreviation.
    if let Some(p) = body.strip_suffix("人大常委会") {
        body = format!("{p}人民代表大会常务委员会");
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
/// Each field has its sources in order of trust: a web page's or an export's
/// metadata header, the elements of GB/T 9704 (发文机关标志, 发文字号, 标题, the
/// signature and 成文日期), an order's 令 and number, the adoption note of a
/// regulation, and last the text.
pub fn extract(text: &str, blocks: &[Block], regions: &Regions) -> Meta {
    let mut meta = Meta { header: header_pairs(text, blocks), ..Meta::default() };
    let header = |keys: &[&str]| meta.header.iter().find(|(k, v)| keys.contains(&k.as_str()) && !v.is_empty()).map(|(_, v)| v.clone());
    let h = Header {
        issuer: header(&["发文机关", "制发机关", "发文单位", "Office", "Issuer"]),
        publisher: header(&["发布机构"]),
        number: header(&["发文字号", "文号", "文件编号"]),
        title: header(&["标题", "名称", "Title"]),
        date: header(&["成文日期", "印发日期"]),
        published: header(&["发布日期", "发布时间", "公开日期", "Publish"]),
    };
    let block_text = |b: &Block| lines::strip_markup(&text[b.start..b.end]);
    let body_start = blocks.iter().position(|b| !b.path.is_empty()).unwrap_or(blocks.len());
    let front = &blocks[..body_start];
    let titles: Vec<&str> = front.iter().filter(|b| b.kind == BlockKind::Title).map(block_text).collect();
    let notes: Vec<&str> = front.iter().filter(|b| b.kind == BlockKind::Note).map(block_text).collect();
    let order = order_of(text, front);

    meta.title = substantive_title(h.title.as_deref(), &titles, body_start < blocks.len());
    meta.issuer = issuer(&h, &titles, &order, text, blocks, &notes, regions);
    meta.doc_number = h.number.as_deref().map(normalize_doc_number).or_else(|| {
        blocks
            .iter()
            .filter(|b| b.kind == BlockKind::DocNumber)
            .find_map(|b| doc_number_line(block_text(b)).map(|(s, e)| normalize_doc_number(&block_text(b)[s..e])))
            .or_else(|| order.as_ref().map(|o| o.1.clone()))
    });
    // Date: 成文日期, a date under the signature, or the date on the
    // document-number line; for a regulation, its last legislative act.
    meta.date = h.date.as_deref().and_then(parse_any_date).or_else(|| {
        blocks.iter().filter(|b| matches!(b.kind, BlockKind::Date | BlockKind::DocNumber)).find_map(|b| parse_any_date(block_text(b)))
    });
    if meta.date.is_none() {
        meta.date = last_legislative_act(&notes);
    }
    meta.published = h.published.as_deref().and_then(parse_any_date);
    meta.year = year_of(&meta, &titles, text, front);
    place(&mut meta, text, blocks, regions);
    meta.doc_type = meta.title.as_deref().and_then(doc_type_of).map(str::to_string);
    meta
}

/// The values of a metadata header that matter.
struct Header {
    issuer: Option<String>,
    publisher: Option<String>,
    number: Option<String>,
    title: Option<String>,
    date: Option<String>,
    published: Option<String>,
}

/// The key/value pairs of the metadata lines: `key：value` lines, and the
/// key line + value line pairs of database exports (`Title` / `…`).
fn header_pairs(text: &str, blocks: &[Block]) -> Vec<(String, String)> {
    let meta: Vec<&str> = blocks.iter().filter(|b| b.kind == BlockKind::Metadata).map(|b| &text[b.start..b.end]).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < meta.len() {
        if lines::is_export_key(meta[i]) {
            if let Some(v) = meta.get(i + 1).filter(|v| !lines::is_export_key(v)) {
                out.push((meta[i].to_string(), v.to_string()));
                i += 2;
                continue;
            }
            i += 1;
            continue;
        }
        out.extend(parse_header_line(meta[i]));
        i += 1;
    }
    out
}

/// Title lines that are not the title: the issuer's 发文机关标志 (江苏省人民代表
/// 大会常务委员会, …人民政府文件), an order's 令 line, and a bare document type
/// (公告, 备案报告).
fn is_title_candidate(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
    let bare_type = t.chars().count() <= 4 && doc_type_of(&t).is_some();
    !(looks_like_issuer_only(&t) || t.ends_with("文件") || t.ends_with('令') || bare_type)
}

/// The title of the substantive text. Where a numbered body follows, it is the
/// last title before it: the plan a cover notice transmits, the regulation a
/// filing report files, the body's own print of a title an export header
/// printed first. Without a body, the header's or the first title (a notice
/// whose attachment is a table). 印发《X》的通知 gives X.
fn substantive_title(h_title: Option<&str>, titles: &[&str], has_body: bool) -> Option<String> {
    let candidates: Vec<&str> = titles.iter().copied().filter(|t| is_title_candidate(t)).collect();
    let last = candidates.last().filter(|_| has_body && candidates.len() > 1).map(|t| title_of(t));
    let t = last
        .or_else(|| h_title.map(title_of).filter(|t| !t.is_empty()))
        .or_else(|| candidates.first().or(titles.first()).map(|t| title_of(t)))?;
    Some(t.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect())
}

/// An order (政府令): the line `上海市人民政府令` and the number under it give
/// the issuer (上海市人民政府) and the document number (上海市人民政府令第19号).
fn order_of(text: &str, front: &[Block]) -> Option<(String, String)> {
    front.windows(2).find_map(|w| {
        let head = lines::strip_markup(&text[w[0].start..w[0].end]);
        let number = lines::order_number(&text[w[1].start..w[1].end])?;
        let issuer = head.strip_suffix('令')?;
        (w[1].kind == BlockKind::DocNumber && (2..=30).contains(&issuer.chars().count()) && !head.contains(['，', '。']))
            .then(|| (issuer.to_string(), format!("{head}{number}")))
    })
}

/// The issuer. A header's 发文机关 that names its place is the issuer as the
/// page states it; an abbreviated one (省政府办公厅) yields to the full name in
/// the title (GB/T 9704 titles open with the issuer), the 发文机关标志, an
/// order's 令 or the signature; a web page's 发布机构 is only the site that
/// published it; a regulation's maker is read from its adoption note.
fn issuer(
    h: &Header,
    titles: &[&str],
    order: &Option<(String, String)>,
    text: &str,
    blocks: &[Block],
    notes: &[&str],
    regions: &Regions,
) -> Option<String> {
    let full_header = h.issuer.clone().filter(|i| regions.province_of(i).is_some() || is_central(i));
    let from_title = titles.iter().filter(|t| is_title_candidate(t)).find_map(|t| issuer_of_title(t));
    let masthead = titles.iter().find(|t| looks_like_issuer_only(t)).map(|t| t.trim_end_matches("文件").to_string());
    full_header
        .or(from_title)
        .or_else(|| order.as_ref().map(|o| o.0.clone()))
        .or_else(|| signature(text, blocks))
        .or(masthead)
        .or_else(|| h.issuer.clone())
        .or_else(|| notes.iter().find_map(|n| issuer_of_note(n)))
        .or_else(|| h.publisher.clone())
}

/// The signature: the organisation lines directly above the first date line
/// (joint issuers sign one above the other).
fn signature(text: &str, blocks: &[Block]) -> Option<String> {
    let date = blocks.iter().position(|b| b.kind == BlockKind::Date)?;
    let first = blocks[..date].iter().rposition(|b| b.kind != BlockKind::Signature).map_or(0, |p| p + 1);
    let names: Vec<&str> = blocks[first..date].iter().map(|b| text[b.start..b.end].trim()).collect();
    (!names.is_empty()).then(|| names.join(" "))
}

/// The date of the last legislative act an adoption note names (通过, then
/// 批准 of a city regulation by the province, 修正 or 修订 of an amended one;
/// 公布 where only that is given). Entry into force (施行) is not an act of
/// adoption.
fn last_legislative_act(notes: &[&str]) -> Option<Ymd> {
    let mut best: Option<Ymd> = None;
    for note in notes {
        let mut from = 0;
        while let Some((d, _, end)) = find_date(&note[from..]) {
            let rest = &note[from + end..];
            let clause_end = find_date(rest).map_or(rest.len(), |(_, s, _)| s);
            let clause = &rest[..clause_end];
            let act =
                ["通过", "批准", "修正", "修订", "公布"].iter().any(|w| clause.contains(w)) && !clause.trim_start().starts_with("起施行");
            if act && best.is_none_or(|b| (d.year, d.month, d.day) > (b.year, b.month, b.day)) {
                best = Some(d);
            }
            from += end;
        }
    }
    best
}

/// Year: the date, the document number, the title, the document it implements.
fn year_of(meta: &Meta, titles: &[&str], text: &str, front: &[Block]) -> Option<i32> {
    meta.date
        .map(|d| d.year)
        .or_else(|| meta.doc_number.as_deref().and_then(doc_number_year))
        .or_else(|| meta.title.as_deref().and_then(leading_year))
        .or_else(|| meta.title.as_deref().and_then(any_year))
        .or_else(|| titles.first().and_then(|t| any_year(t)))
        .or_else(|| meta.title.as_deref().and_then(bare_year))
        .or_else(|| {
            front.iter().filter(|b| matches!(b.kind, BlockKind::Preamble | BlockKind::Notice)).find_map(|b| {
                let s = &text[b.start..b.end];
                find_doc_numbers(s).first().and_then(|&(st, e)| doc_number_year(&normalize_doc_number(&s[st..e])))
            })
        })
        .or_else(|| meta.published.map(|d| d.year))
}

/// Central bodies issue national documents (国务院, its general office, the
/// ministries and commissions, the central committee and its departments, the
/// national people's congress): every name of a joint issuer is one, and none
/// names a place.
pub fn is_central(issuer: &str) -> bool {
    const CENTRAL: [&str; 12] = [
        "国务院",
        "中共中央",
        "中央",
        "全国人民代表大会",
        "全国人大",
        "国家",
        "最高人民法院",
        "最高人民检察院",
        "中国人民银行",
        "海关总署",
        "中华人民共和国",
        "国家税务总局",
    ];
    let names: Vec<&str> =
        issuer.split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '\u{3000}')).filter(|n| !n.is_empty()).collect();
    !names.is_empty()
        && names.iter().all(|n| {
            any_prefix(n, &CENTRAL) || (n.ends_with('部') && !n.contains(['省', '市', '县', '区', '州']) && n.chars().count() <= 12)
        })
}

/// Province, level and region. A national document (central issuer, or a
/// document number of the State Council or the central committee: 国发, 国办发,
/// 国函, 中发, 中办发) has no province, whatever places its text names; else the
/// issuer's place, the document-number prefix (吉/苏 …), then the places the
/// text names most. The level and the city or county come from the first place
/// the issuer (or else the title) names.
fn place(meta: &mut Meta, text: &str, blocks: &[Block], regions: &Regions) {
    let national_number =
        meta.doc_number.as_deref().is_some_and(|n| any_prefix(n, &["国发", "国办发", "国函", "国办函", "中发", "中办发"]));
    if meta.issuer.as_deref().is_some_and(is_central) || national_number {
        meta.level = Some("national".into());
        meta.province_source = Some(if national_number { "doc_number" } else { "issuer" }.into());
        return;
    }
    let mut province: Option<(String, &str)> =
        meta.issuer.as_deref().and_then(|i| regions.province_of(i)).map(|p| (p.to_string(), "issuer"));
    if province.is_none() {
        let abbr = meta.doc_number.as_deref().and_then(|n| n.chars().next()).and_then(|c| regions.province_of_abbr(c));
        province = abbr.map(|p| (p.to_string(), "doc_number"));
    }
    if province.is_none() {
        province = province_from_text(text, blocks, regions).map(|p| (p, "text"));
    }
    let named =
        meta.issuer.as_deref().and_then(|i| regions.place_in(i)).or_else(|| meta.title.as_deref().and_then(|t| regions.place_in(t)));
    if let Some((prov, level, name)) = named.filter(|(p, _, _)| province.as_ref().is_none_or(|(q, _)| q == p)) {
        meta.level = Some(
            match level {
                "city" => "city",
                "county" => "county",
                _ => "provincial",
            }
            .into(),
        );
        if matches!(level, "city" | "county") {
            meta.region = Some(name.to_string());
        }
        province.get_or_insert((prov.to_string(), "issuer"));
    } else if province.as_ref().is_some_and(|(_, src)| *src == "doc_number") {
        meta.level = Some("provincial".into());
    }
    if let Some((p, src)) = province {
        meta.province = Some(p);
        meta.province_source = Some(src.to_string());
    }
}

fn looks_like_issuer_only(s: &str) -> bool {
    crate::layout::departments::ends_with_org_suffix(s) && !s.contains("关于")
}

/// An Arabic digit, half- or full-width (２０２１ is typed in many documents).
fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// The first year written in a title (浙江省民政厅2021年工作要点 → 2021).
fn any_year(s: &str) -> Option<i32> {
    s.char_indices().filter(|(_, c)| is_digit(*c)).find_map(|(i, _)| {
        if i == 0 || !s[..i].ends_with(is_digit) {
            leading_year(&s[i..])
        } else {
            None
        }
    })
}

/// A year written without 年 in a title (数字山东2021行动方案): four digits
/// standing alone, not a count (2000个, 1000万元).
fn bare_year(s: &str) -> Option<i32> {
    s.char_indices().filter(|(_, c)| is_digit(*c)).find_map(|(i, _)| {
        if i > 0 && s[..i].ends_with(is_digit) {
            return None;
        }
        let (y, j) = read_int(s, i)?;
        let next = s[j..].chars().next();
        let count = next.is_some_and(|c| is_digit(c) || "个家万亿元人件项名所张米亩户次%．.".contains(c));
        (year_ok(y) && s[i..j].chars().count() == 4 && !count).then_some(y as i32)
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
        assert_eq!(
            issuer_of_note("（1994年2月21日黑龙江省八届人大常委会第八次 会议通过 根据…修正）").as_deref(),
            Some("黑龙江省人民代表大会常务委员会")
        );
        assert_eq!(any_year("浙江省民政厅2021年工作要点"), Some(2021));
        assert_eq!(bare_year("数字山东2021行动方案"), Some(2021));
        assert_eq!(bare_year("建设2000个养老服务中心的方案"), None);
        // Full-width digits, as many documents are typed.
        assert_eq!(any_year("浙江省民政厅２０２１年工作要点"), Some(2021));
        assert_eq!(bare_year("数字山东２０２１行动方案"), Some(2021));
        assert_eq!(bare_year("建设２０００个养老服务中心的方案"), None);
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

#[cfg(test)]
mod genre_tests {
    //! Metadata as real documents give it, each convention on a small case.
    use super::*;
    use crate::layout::structure::{parse, Layout};

    fn meta(s: &str) -> Meta {
        let layout = Layout::default();
        let n = layout.normalize(s);
        let blocks = parse(&n.text, &n.lines, &layout);
        extract(&n.text, &blocks, &Regions::default())
    }

    #[test]
    fn an_order_gives_issuer_and_number_and_the_body_print_of_the_title() {
        let m = meta("【法宝引证码】 CLI.11.1535062\n中国(上海)自由贸易试验区临港新片区管理办法\n上海市人民政府令\n（第19号）\n《中国（上海）自由贸易试验区临港新片区管理办法》已经2019年7月30日市政府第60次常务会议通过，现予公布。\n市长　应勇\n2019年8月12日\n中国（上海）自由贸易试验区临港新片区管理办法\n第一章　总则\n第一条　为了推进新片区建设，制定本办法。");
        assert_eq!(m.issuer.as_deref(), Some("上海市人民政府"));
        assert_eq!(m.doc_number.as_deref(), Some("上海市人民政府令第19号"));
        assert_eq!(m.title.as_deref(), Some("中国（上海）自由贸易试验区临港新片区管理办法"));
        assert_eq!(m.date.map(|d| d.iso()).as_deref(), Some("2019-08-12"));
        assert_eq!((m.province.as_deref(), m.level.as_deref(), m.doc_type.as_deref()), (Some("上海"), Some("provincial"), Some("办法")));
    }

    #[test]
    fn a_regulation_is_dated_by_its_last_legislative_act() {
        let m = meta("# 某省殡葬管理办法\n1999年7月30日 河南省第九届人民代表大会常务委员会第十次会议通过\n2012年11月29日 河南省第十一届人民代表大会常务委员会第三十次会议第三次修正\n## 第一章  总则\n第一条 为加强殡葬管理，制定本办法。");
        assert_eq!(m.date.map(|d| d.iso()).as_deref(), Some("2012-11-29"));
        assert_eq!(m.issuer.as_deref(), Some("河南省人民代表大会常务委员会"));
        assert_eq!(m.title.as_deref(), Some("某省殡葬管理办法"));
        let m = meta("白山市文明祭祀条例\n（2020年10月23日白山市第十一届人民代表大会常务委员会第三十次会议通过　2020年11月27日吉林省第十三届人民代表大会常务委员会第二十五次会议批准）\n第一条　为了规范祭祀活动，制定本条例。\n第二条　本条例自2021年1月1日起施行。");
        assert_eq!(m.date.map(|d| d.iso()).as_deref(), Some("2020-11-27"));
        assert_eq!(m.issuer.as_deref(), Some("白山市人民代表大会常务委员会"));
        assert_eq!((m.level.as_deref(), m.region.as_deref(), m.province.as_deref()), (Some("city"), Some("白山市"), Some("吉林")));
        assert_eq!(m.doc_type.as_deref(), Some("条例"));
    }

    #[test]
    fn national_documents_have_no_province() {
        let m = meta("国务院办公厅关于印发《养老服务体系建设方案》的通知\n国办发〔2020〕5号\n各省、自治区、直辖市人民政府：\n现将方案印发给你们，吉林、江苏、浙江等地要认真贯彻执行。\n国务院办公厅\n2020年1月6日\n养老服务体系建设方案\n一、主要任务\n（一）支持吉林省、江苏省开展试点。");
        assert_eq!(m.issuer.as_deref(), Some("国务院办公厅"));
        assert_eq!((m.province.as_deref(), m.level.as_deref()), (None, Some("national")));
        assert_eq!(m.doc_type.as_deref(), Some("方案"));
        assert!(is_central("民政部 财政部"));
        assert!(!is_central("吉林省民政厅"));
        assert!(!is_central("中共吉林省委宣传部"));
    }

    #[test]
    fn a_filing_cover_gives_issuer_number_and_date_the_regulation_its_title() {
        let m = meta("江苏省人民代表大会常务委员会\n苏常备〔2019〕  43号\n备  案  报  告\n全国人民代表大会常务委员会、国务院：\n《泰州市文明行为条例》已由江苏省人大常委会批准，现报请备案。\n江苏省人民代表大会常务委员会\n2019年10月 17日\n泰州市人民代表大会常务委员会\n公    告\n第6号\n《泰州市文明行为条例》已批准，现予公布。\n泰州市人民代表大会常务委员会\n2019年10月10日\n泰州市文明行为条例\n第一章　总则\n第一条　为了促进文明行为，制定本条例。");
        assert_eq!(m.issuer.as_deref(), Some("江苏省人民代表大会常务委员会"));
        assert_eq!(m.doc_number.as_deref(), Some("苏常备〔2019〕43号"));
        assert_eq!(m.date.map(|d| d.iso()).as_deref(), Some("2019-10-17"));
        assert_eq!(m.title.as_deref(), Some("泰州市文明行为条例"));
    }

    #[test]
    fn a_notice_whose_attachment_is_a_table_keeps_its_own_title() {
        let m = meta("丽水市人民政府关于下达2023年退役士兵安置任务的通知\n丽政发〔2023〕30号\n各县（市、区）人民政府：\n现将安置任务下达给你们。\n丽水市人民政府\n2023年10月16日\n附件\n2023年退役士兵安置任务\n序号\t安置单位名称\t安置任务\n1\t某局\t1");
        assert_eq!(m.title.as_deref(), Some("丽水市人民政府关于下达2023年退役士兵安置任务的通知"));
        assert_eq!((m.level.as_deref(), m.region.as_deref()), (Some("city"), Some("丽水市")));
    }

    #[test]
    fn an_abbreviated_header_issuer_yields_to_the_full_name_of_the_title() {
        let m = meta("发文机关：省政府办公厅\t文号：赣府厅发〔2020〕10号\n江西省人民政府办公厅关于印发若干措施的通知\n各市、县（区）人民政府：\n现将《若干措施》印发给你们。\n江西省人民政府办公厅\n2020年3月16日\n若干措施\n一、加大支持\n1.扩大规模。（责任单位：省财政厅）");
        assert_eq!(m.issuer.as_deref(), Some("江西省人民政府办公厅"));
        let m = meta("**发布机构**: 上海市科学技术委员会\n上海市人民政府办公厅关于印发《行动方案》的通知\n沪府办发〔2025〕17号\n行动方案\n一、主要目标\n到2027年，建设集聚区3个。");
        assert_eq!(m.issuer.as_deref(), Some("上海市人民政府办公厅"));
    }

    #[test]
    fn export_key_lines_give_the_title() {
        let m = meta("Id\nZmY4%3D\nTitle\n吉林市文明祭祀管理条例\nOffice\n吉林市人民代表大会常务委员会\nPublish\n2022-12-19 00:00:00\nContent\n吉林市文明祭祀管理条例\n第一条　为了规范祭祀活动，制定本条例。");
        assert_eq!(m.title.as_deref(), Some("吉林市文明祭祀管理条例"));
        assert_eq!(m.issuer.as_deref(), Some("吉林市人民代表大会常务委员会"));
        assert_eq!(m.published.map(|d| d.iso()).as_deref(), Some("2022-12-19"));
    }
}
