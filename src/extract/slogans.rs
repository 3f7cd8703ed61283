//! Numbered formulations (数字提法): 三个不平衡, 四个一批, 两不愁、三保障,
//! 一平台两体系, 六型机关, 三社联动 …
//!
//! Found by four rules:
//! 1. a quotation whose text starts with a Chinese numeral (“四个意识”); where the
//!    quotation closes after the numeral and its classifier, the slogan runs on to
//!    the noun it qualifies (“五项”执法规范 → 五项执法规范); a quoted list joined by
//!    、 is split only when every part is a formulation of its own (两不愁、三保障);
//! 2. the known formulations listed in `data/slogans.txt`, quoted or not;
//! 3. unquoted compounds of two numbered parts (一院两制, 一平台两体系);
//! 4. an unquoted numeral with 类 and a noun (四类社会组织).
//!
//! Not slogans: 双-phrases, Arabic digits (535, 1+N), level counts (三级),
//! durations (三年行动), one-thing 一-phrases (一张网, 一门式), plan periods (十三五)
//! and party congresses (十九大, 十八届六中全会).
//!
//! ```
//! use zhengce::extract::slogans::{find, Lexicon};
//! let found: Vec<String> = find("确保实现“两不愁、三保障”，强化“四个意识”。", &Lexicon::default()).into_iter().map(|s| s.text).collect();
//! assert_eq!(found, ["两不愁", "三保障", "四个意识"]);
//! ```

pub use crate::model::facts::Slogan;
use crate::text::affix::any_prefix;
use crate::text::chars::is_han;
use crate::text::numbers::cn_digit;

/// A formulation found in a piece of text; offsets relative to that text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Every byte range of the text it was read from (a run-on slogan spans a
    /// closing quotation mark); targets must not read numbers inside these.
    pub covers: (usize, usize),
}

/// The known formulations (data/slogans.txt), indexed by their first character
/// (every formulation starts with a numeral).
#[derive(Debug, Clone)]
pub struct Lexicon {
    known: Vec<String>,
    by_first: Vec<(char, Vec<usize>)>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new(include_str!("../../data/slogans.txt").lines().map(str::to_string).collect())
    }
}

impl Lexicon {
    /// A lexicon of known formulations (`#` lines are comments). Entries must
    /// start with a Chinese numeral; others could never be found and are dropped.
    pub fn new(entries: Vec<String>) -> Lexicon {
        let known: Vec<String> = entries
            .into_iter()
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty() && !e.starts_with('#') && e.chars().next().is_some_and(is_numeral))
            .collect();
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        for (i, k) in known.iter().enumerate() {
            let c = k.chars().next().unwrap();
            match by_first.iter_mut().find(|(x, _)| *x == c) {
                Some((_, v)) => v.push(i),
                None => by_first.push((c, vec![i])),
            }
        }
        Lexicon { known, by_first }
    }

    /// The longest known formulation starting exactly at `s`'s beginning, if any.
    fn known_prefix(&self, s: &str) -> Option<&str> {
        let c = s.chars().next()?;
        let (_, ids) = self.by_first.iter().find(|(x, _)| *x == c)?;
        ids.iter().map(|&i| self.known[i].as_str()).filter(|k| s.starts_with(k)).max_by_key(|k| k.len())
    }
}

#[inline]
fn is_numeral(c: char) -> bool {
    (cn_digit(c).is_some() && c != '零' && c != '〇' && c != '○') || matches!(c, '十' | '百' | '千')
}

/// Classifiers after which a quotation is only the numeral part of a slogan.
const CLASSIFIERS: [char; 12] = ['个', '项', '类', '大', '型', '种', '张', '条', '支', '批', '位', '件'];

/// Where the noun that a run-on slogan qualifies stops.
const NOUN_STOPS: [&str; 22] = [
    "建设", "开展", "安排", "联动", "工作", "推进", "落实", "实施", "的", "和", "与", "及", "或", "等", "为", "是", "在", "中", "上", "要",
    "将", "把",
];

fn run_on_noun(s: &str, max_chars: usize) -> usize {
    let mut end = 0;
    let mut n = 0;
    while n < max_chars {
        let rest = &s[end..];
        let Some(c) = rest.chars().next() else { break };
        if !is_han(c) || any_prefix(rest, &NOUN_STOPS) {
            break;
        }
        end += c.len_utf8();
        n += 1;
    }
    end
}

/// Numeral characters in `s`.
fn numerals(s: &str) -> usize {
    s.chars().filter(|&c| is_numeral(c)).count()
}

/// Head nouns of things built or covered that an N大 count names (八大水系,
/// 四大创新圈, 3大平台, 五大主题数据库): SCHEMA "Further conventions" makes such a count
/// a target, not a formulation. Abstract sets (三大体系, 三大活动, 三大攻坚战) stay
/// formulations.
const BUILT_THINGS: [&str; 16] =
    ["水系", "流域", "平台", "数据库", "库", "中心", "基地", "园区", "圈", "片区", "板块", "集群", "走廊", "枢纽", "港", "产业园"];

/// Whether the text after N大 names things built or covered (a count, see
/// [`BUILT_THINGS`]): the head noun within the next six characters.
pub(crate) fn big_count(after_da: &str) -> bool {
    let noun: String = after_da.chars().take_while(|c| is_han(*c)).take(6).collect();
    BUILT_THINGS.iter().any(|w| noun.contains(w))
}

/// Quantities written with a measure word (两侧各一公里, 一点五米, 一点五倍) are
/// measures, never formulations.
fn has_measure(s: &str) -> bool {
    s.char_indices().any(|(i, c)| {
        let rest = &s[i + c.len_utf8()..];
        is_numeral(c) && any_prefix(rest, &["点", "倍", "米", "公里", "公斤", "公顷", "平方", "元", "亩", "吨", "岁", "小时"])
    })
}

/// 一事一议, 一户一策, 一市一品牌: two 一-parts make a distributive phrase (每事一议,
/// one per case), which names no set of things (SCHEMA: one-thing 一-phrases are
/// not slogans); four parts (一委一居一站一办) list a set and are one.
fn distributive(s: &str) -> bool {
    let ones = s.chars().filter(|&c| c == '一').count();
    s.starts_with('一') && ones == 2 && numerals(s) == 2
}

/// The exclusions every candidate must pass.
fn excluded(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() || !is_numeral(chars[0]) || s.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return true;
    }
    // Level counts (三级) and durations (三年行动, 两个月).
    let k = chars.iter().position(|&c| !is_numeral(c)).unwrap_or(chars.len());
    let rest: String = chars[k..].iter().collect();
    if rest.starts_with('级') || rest.starts_with('年') || rest.starts_with("个月") || rest.starts_with('天') || rest.starts_with("周年")
    {
        return true;
    }
    // Plan periods (十三五) and party congresses (十九大, 十八届, 六中全会).
    if chars.len() >= 3 && chars[0] == '十' && chars[2] == '五' && is_numeral(chars[1]) {
        return true;
    }
    if rest.starts_with('届')
        || rest.starts_with("中全会")
        || rest.starts_with("次全会")
        || rest.starts_with("次党代会")
        || (rest == "大" && chars[0] == '十')
    {
        return true;
    }
    // One-thing 一-phrases: 一 is the only numeral, once.
    if numerals(s) == 1 && chars[0] == '一' {
        return true;
    }
    if rest.starts_with('大') && big_count(&rest['大'.len_utf8()..]) {
        return true;
    }
    distributive(s) || has_measure(s)
}

fn push(out: &mut Vec<Found>, start: usize, end: usize, text: &str, covers: (usize, usize)) {
    let text: String = text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '「' | '」')).collect();
    if text.chars().count() < 2 {
        return;
    }
    out.push(Found { start, end, text, covers });
}

/// Find the numbered formulations of one text, in order, with repetitions.
pub fn find(s: &str, lex: &Lexicon) -> Vec<Found> {
    find_at(s, lex, &crate::text::scan::cn_numerals().positions(s))
}

/// [`find`] with the positions of the text's Chinese numerals already known.
///
/// Long (about 140 lines) because its four numbered passes (quotations,
/// known formulations, compounds, 类-categories) share the list of quoted
/// ranges and the output, and each pass must see what the earlier ones
/// found; the passes are marked 1.–4. in the body.
pub(crate) fn find_at(s: &str, lex: &Lexicon, numerals: &[usize]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut quoted: Vec<(usize, usize)> = Vec::new(); // byte ranges inside quotes
                                                      // 1. Quotations.
    let mut i = 0;
    // Two single-character searches (jumping to the lead byte, see
    // `scan::find_char`) beat one two-character one; each keeps its last hit
    // so that a text without 「 is not searched to its end once per “
    // (quadratic on a text of many quotations).
    let mut curly = Opener::new('“');
    let mut corner = Opener::new('「');
    while let Some(open) = [curly.next(s, i), corner.next(s, i)].into_iter().flatten().min() {
        let inner = open + '“'.len_utf8();
        let Some(close_off) = s[inner..].find(['”', '」']) else { break };
        let close = inner + close_off;
        let after = close + '”'.len_utf8();
        i = after;
        let content = &s[inner..close];
        quoted.push((inner, close));
        if content.chars().count() > 12 || !content.chars().next().is_some_and(is_numeral) {
            continue;
        }
        // A quoted pair of clauses (一市一品牌，一县一特色) is two candidates.
        // Half-width commas are typed as often as full-width ones.
        const CLAUSE: [char; 4] = ['，', '；', ',', ';'];
        if content.contains(CLAUSE) {
            let mut at = inner;
            for part in content.split_inclusive(CLAUSE) {
                let p = part.trim_end_matches(CLAUSE);
                if !excluded(p) && p.chars().count() >= 2 {
                    push(&mut out, at, at + p.len(), p, (at, at + p.len()));
                }
                at += part.len();
            }
            continue;
        }
        // A quoted list 两不愁、三保障: split when every part is a formulation of its own.
        let parts: Vec<&str> = content.split('、').collect();
        if parts.len() > 1 && parts.iter().all(|p| p.chars().count() >= 3 && p.chars().next().is_some_and(is_numeral)) {
            let mut at = inner;
            for p in parts {
                if !excluded(p) {
                    push(&mut out, at, at + p.len(), p, (at, at + p.len()));
                }
                at += p.len() + '、'.len_utf8();
            }
            continue;
        }
        if excluded(content) {
            continue;
        }
        let preceded_by_deng = s[..open].ends_with('等');
        // A known formulation that runs on past the quotation (“三无”人员 → 三无人员).
        let joined = format!("{content}{}", s[after..].chars().take(8).collect::<String>());
        if let Some(k) = lex.known_prefix(&joined).filter(|k| k.len() > content.len()) {
            let extra = k.len() - content.len();
            push(&mut out, inner, after + extra, k, (open, after + extra));
            continue;
        }
        // Only the numeral and its classifier are quoted: run on to the noun.
        let mut cs = content.chars();
        let classifier_only =
            content.chars().count() == 2 && cs.next().is_some_and(is_numeral) && cs.next().is_some_and(|c| CLASSIFIERS.contains(&c));
        if classifier_only && !preceded_by_deng {
            let n = run_on_noun(&s[after..], 6);
            if n > 0 {
                let text = format!("{content}{}", &s[after..after + n]);
                push(&mut out, inner, after + n, &text, (open, after + n));
                continue;
            }
        }
        push(&mut out, inner, close, content, (open, after));
    }
    // Quotations do not nest and are found in order: a binary search suffices.
    let in_quotes = |p: usize| {
        let k = quoted.partition_point(|&(a, _)| a <= p);
        k > 0 && p < quoted[k - 1].1
    };

    // 2. Known formulations anywhere outside quotations: they start with a numeral.
    let mut known_end = 0;
    for &pos in numerals {
        if pos < known_end || in_quotes(pos) {
            continue;
        }
        if let Some(k) = lex.known_prefix(&s[pos..]) {
            known_end = pos + k.len();
            push(&mut out, pos, known_end, k, (pos, known_end));
        }
    }

    // 3 and 4. Unquoted compounds and 类-categories. Only numerals start one, so
    // the window of characters after a numeral is built only there.
    let covered = Covered::new(&out);
    let mut skip_to = 0;
    for &pos in numerals {
        let c = s[pos..].chars().next().unwrap_or(' ');
        let p = s[..pos].chars().next_back();
        if pos < skip_to
            || !is_numeral(c)
            || p.is_some_and(|p| is_numeral(p) || p == '第' || p == '进')
            || in_quotes(pos)
            || covered.contains(pos)
        {
            continue;
        }
        let mut win: [(usize, char); 7] = [(s.len(), '\0'); 7];
        for (n, (q, ch)) in s[pos..].char_indices().take(7).enumerate() {
            win[n] = (pos + q, ch);
        }
        let ch = |j: usize| (win[j].1 != '\0').then_some(win[j].1);
        let at = |j: usize| if j < 7 { win[j].0 } else { s.len() };
        // Compound: N a M b or N ab M cd (一院两制, 一平台两体系).
        let mut matched = false;
        for w in [1usize, 2] {
            let a_ok = (1..=w).all(|d| ch(d).is_some_and(|x| is_han(x) && !is_numeral(x)));
            let m_ok = ch(w + 1).is_some_and(is_numeral);
            let b_ok = (1..=w).all(|d| ch(w + 1 + d).is_some_and(|x| is_han(x) && !is_numeral(x)));
            if a_ok && m_ok && b_ok {
                let end = at(2 * w + 2);
                let text = &s[pos..end];
                let mid = &s[at(1)..at(w + 1)];
                if !excluded(text)
                    && !CLASSIFIERS.iter().any(|&cl| mid.starts_with(cl))
                    && !mid.starts_with(['届', '次', '中', '年', '级', '批'])
                {
                    push(&mut out, pos, end, text, (pos, end));
                    skip_to = end;
                    matched = true;
                }
                break;
            }
        }
        if matched {
            continue;
        }
        // Category: 四类社会组织.
        if ch(1) == Some('类') {
            let after = at(2);
            let n = run_on_noun(&s[after..], 4);
            if n >= 2 * '社'.len_utf8() {
                let end = after + n;
                push(&mut out, pos, end, &s[pos..end], (pos, end));
                skip_to = end;
            }
        }
    }
    out.sort_by_key(|f| (f.start, f.end));
    out
}

/// The next opening quotation mark of one kind at or after a position,
/// remembered between calls (the position asked for only grows).
struct Opener {
    mark: char,
    /// The last search's answer (`Some(None)`: none left in the text).
    hit: Option<Option<usize>>,
}

impl Opener {
    fn new(mark: char) -> Opener {
        Opener { mark, hit: None }
    }

    fn next(&mut self, s: &str, from: usize) -> Option<usize> {
        match self.hit {
            Some(h) if h.is_none_or(|h| h >= from) => h,
            _ => {
                let h = crate::text::scan::find_char(&s[from..], self.mark).map(|p| from + p);
                self.hit = Some(h);
                h
            }
        }
    }
}

/// The spans the first two passes found, to ask in logarithmic time whether
/// a position lies inside one (they may overlap, so ends are a running maximum).
struct Covered {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Covered {
    fn new(found: &[Found]) -> Covered {
        let mut spans: Vec<(usize, usize)> = found.iter().map(|f| f.covers).collect();
        spans.sort_unstable();
        let mut reach = 0;
        let max_end = spans.iter().map(|&(_, b)| {
            reach = reach.max(b);
            reach
        });
        let max_end = max_end.collect();
        Covered { starts: spans.iter().map(|s| s.0).collect(), max_end }
    }

    fn contains(&self, pos: usize) -> bool {
        let k = self.starts.partition_point(|&a| a <= pos);
        k > 0 && pos < self.max_end[k - 1]
    }
}

/// The formulations found in one record, listed once each (offsets made
/// absolute with `base`, the record text's offset in the document).
pub fn once_per_record(block: usize, base: usize, found: Vec<Found>) -> Vec<Slogan> {
    let mut out: Vec<Slogan> = Vec::new();
    for f in found {
        if out.iter().any(|s| s.text == f.text) {
            continue;
        }
        out.push(Slogan { block, start: base + f.start, end: base + f.end, normalized: normalize(&f.text).into(), text: f.text.into() });
    }
    out
}

/// The form of a slogan used to count it across documents.
pub fn normalize(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '、' | '，')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        find(s, &Lexicon::default()).into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn quoted() {
        assert_eq!(texts("聚焦“三个不平衡”和“五个不相适应”等问题"), ["三个不平衡", "五个不相适应"]);
        assert_eq!(texts("落实“五项”执法规范，重点落实“三项”制度"), ["五项执法规范", "三项制度"]);
        assert_eq!(texts("积极推动“六型”民政机关建设，锤炼“六型”民政干部队伍"), ["六型民政机关", "六型民政干部队伍"]);
        assert_eq!(texts("突出抓好“一单、两库、一细则”监管工作"), ["一单、两库、一细则"]);
        assert_eq!(texts("农村“五保”和城市“三无”人员"), ["五保", "三无人员"]);
        assert_eq!(texts("开展寻标、对标等“六标”行动"), ["六标"]);
        assert_eq!(texts("实施村(社区)“两委”能力提升工程"), ["两委"]);
        assert_eq!(texts("以“三类”岗位人员（厅机关）为重点"), ["三类岗位人员"]);
    }

    #[test]
    fn unquoted() {
        assert_eq!(texts("采取整体租赁或一院两制方式承包"), ["一院两制"]);
        assert_eq!(texts("制定出台我省四类社会组织直接登记办法细则"), ["四类社会组织"]);
        assert_eq!(texts("法制审核三项制度，确保运行"), ["三项制度"]);
        assert_eq!(texts("城乡低保、五保供养和优抚安置"), ["五保"]);
        assert_eq!(texts("推广“一委一居一站一办”新型社区服务管理体制"), ["一委一居一站一办"]);
        assert_eq!(texts("围绕构建“三大体系”，推动构建三大体系"), ["三大体系"]);
        assert_eq!(texts("研发费用统计为零的四上企业、高等院校"), ["四上企业"]);
    }

    #[test]
    fn not_slogans() {
        for s in [
            "坚持“双随机一公开”监管",
            "按照吉林民政事业“535”发展战略",
            "形成1+N制度体系框架",
            "推进“三级”养老机构服务标准化",
            "编制“三年行动”计划",
            "实现“一张网”“一门式”服务",
            "打通“最后一公里”",
            "实施“十三五”规划",
            "贯彻党的十九大和十八届六中全会精神",
            "省、市、县三级民政部门",
            "在五个领域开展政策创制",
            "推动一张表单受理",
            "采取“一事一议”方式予以支持",
            "开展“一市一品牌，一县一特色”建设行动",
            "开展“一市一品牌,一县一特色”建设行动",
            "提供一站式服务",
            "铁路、公路主干线两侧各一公里范围内",
            "使用一点五米以内的牵引带",
            "山东大学龙山创新港“四大创新圈”核心板块",
            "在全省八大水系、草海实施生态补偿",
        ] {
            assert!(texts(s).is_empty(), "{s}: {:?}", texts(s));
        }
    }
}
