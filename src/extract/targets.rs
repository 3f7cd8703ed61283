//! Quantitative targets.
//!
//! A target is a number in a task record that states what the policy commits
//! to reach, keep above or below, provide, build, cover, remove or finish by a
//! date: `不低于当地上年度人均可支配收入的20%`, `到2015年养老机构床位数达到每千名老年人30张以上`,
//! `至少建有一所`, `1个平台、1个中心`, subsidy caps (`给予最高500万元补助`), time limits
//! on the administration (`自收到申请之日起十五个工作日内`), frequencies (`每年至少召开1次`),
//! limits a rule imposes (`一点五米以内的牵引带`). Numbers are read by
//! [`crate::text::numbers`], dates by [`crate::text::dates`]; this module decides
//! which numbers are commitments — each decision made by one named rule, see
//! [`explain`] — and reads their unit, comparator, range, denominator, deadline,
//! what is measured (`indicator`, `base`, `indicator_id`), the condition that
//! qualifies them and whether they are hedged.
//!
//! Not targets: document numbers and cited titles, years and dates, plan periods
//! (十三五, 2016—2020年), party congresses and plenums, anniversaries, telephone and
//! hotline numbers, ordinals (第二批), article references (第二十一条、二十三条), level
//! counts (两级), durations (三年), numbered formulations (slogans), conditions
//! (人口在5万人以下的乡镇, 年销售收入首次达到2000万元的，…), eligibility thresholds and
//! fines (处1万元以上10万元以下罚款), per-unit rates (每认定1家给予…), counts that
//! only classify (两个档次), technology generations (5G), the population a task
//! works on (全省53.9万建档立卡贫困对象), and 一 in words (统一, 一体化, 一张网).
//!
//! ```
//! use zhengce::extract::targets::find_targets;
//! let t = find_targets("到2015年,养老机构床位数达到每千名老年人30张以上;城市低保标准不低于上年度人均可支配收入的20%。", Some(2012), &Default::default());
//! assert_eq!(t.len(), 2);
//! assert_eq!((t[0].value, t[0].unit.as_str(), t[0].per.as_deref(), t[0].comparator.symbol(), t[0].deadline.as_deref()), (30.0, "张", Some("千名老年人"), ">=", Some("2015")));
//! assert_eq!((t[1].indicator.as_deref(), t[1].base.as_deref()), (Some("城市低保标准"), Some("人均可支配收入")));
//! ```

use crate::extract::slogans;
use crate::lexicon::indicators::Indicators;
use crate::model::document::{BlockKind, CompactString, Document};
pub use crate::model::facts::{Comparator, Deadline, Target};
use crate::text::affix::{any_prefix, any_suffix, longest_prefix};
use crate::text::chars::{end_within, is_han, prev_char, start_within, CLAUSE_BREAKS, SENTENCE_BREAKS};
use crate::text::dates::date_phrases_at;
pub use crate::text::dates::{date_phrases, DatePhrase};
use crate::text::numbers::{cn_digit, digit_value, read_number, Num, NumForm, MAX_CN_NUMERAL};
use crate::text::scan::find_char;

// ---------------------------------------------------------------------------
// Words

/// Comparators written before the number, longest first where one contains
/// another (不超过 before 超过). 最高/最多/最长 state a cap (a subsidy cap, 最高补助500万元,
/// is `<=`); 不得超过 is the limit a rule imposes.
const BEFORE: [(&str, Comparator); 29] = [
    ("不得超过", Comparator::Le),
    ("不得高于", Comparator::Le),
    ("不得多于", Comparator::Le),
    ("不得低于", Comparator::Ge),
    ("不得少于", Comparator::Ge),
    ("不低于", Comparator::Ge),
    ("不少于", Comparator::Ge),
    ("不小于", Comparator::Ge),
    ("至少", Comparator::Ge),
    ("达到", Comparator::Ge),
    ("最低", Comparator::Ge),
    ("最少", Comparator::Ge),
    ("不高于", Comparator::Le),
    ("不超过", Comparator::Le),
    ("不多于", Comparator::Le),
    ("不大于", Comparator::Le),
    ("控制在", Comparator::Le),
    ("最高", Comparator::Le),
    ("最多", Comparator::Le),
    ("最长", Comparator::Le),
    ("压缩至", Comparator::Le),
    ("压缩到", Comparator::Le),
    ("超过", Comparator::Gt),
    ("高于", Comparator::Gt),
    ("多于", Comparator::Gt),
    ("大于", Comparator::Gt),
    ("低于", Comparator::Lt),
    ("少于", Comparator::Lt),
    ("达", Comparator::Ge),
];

/// Comparators written after the unit.
const AFTER: [(&str, Comparator); 7] = [
    ("及以上", Comparator::Ge),
    ("以上", Comparator::Ge),
    ("及以下", Comparator::Le),
    ("以下", Comparator::Le),
    ("以内", Comparator::Le),
    ("之内", Comparator::Le),
    ("左右", Comparator::Eq),
];

/// Measure words after Arabic numbers, longest first.
const MEASURES: [&str; 52] = [
    "平方公里",
    "平方米",
    "人次",
    "户次",
    "万元",
    "亿元",
    "公里",
    "千米",
    "公顷",
    "元",
    "个",
    "所",
    "名",
    "项",
    "张",
    "件",
    "家",
    "处",
    "座",
    "间",
    "台",
    "辆",
    "次",
    "人",
    "户",
    "床",
    "套",
    "类",
    "批",
    "支",
    "条",
    "块",
    "部",
    "种",
    "份",
    "册",
    "位",
    "米",
    "亩",
    "吨",
    "岁",
    "场",
    "期",
    "轮",
    "篇",
    "株",
    "棵",
    "班",
    "栋",
    "层",
    "村",
    "站",
];

/// Measure words that make a Chinese numeral a count or a measure.
const CN_MEASURES: [&str; 22] = [
    "平方米",
    "平方公里",
    "公里",
    "个",
    "所",
    "名",
    "项",
    "张",
    "件",
    "家",
    "处",
    "座",
    "间",
    "户",
    "套",
    "条",
    "种",
    "份",
    "位",
    "床",
    "人",
    "米",
];

/// Units of bandwidth and storage written in Latin letters after Arabic digits
/// (5000M以上, 10G); a bare G or M needs a comparator (5G is a technology
/// generation, not a quantity).
const LATIN_UNITS: [&str; 8] = ["Gbps", "Mbps", "GB", "MB", "TB", "M", "G", "T"];

/// Units of time, longest first (the unit of a duration is the whole time
/// expression: 十五个工作日内 → 个工作日, SCHEMA "Rulings").
const TIME_UNITS: [&str; 9] = ["个工作日", "工作日", "个小时", "小时", "个月", "日", "天", "周", "年"];

/// Units that measure a physical size (a limit on the size of an object or
/// act is a target: 牵引带一点五米以内, 墓穴占地面积不得超过四平方米).
const PHYSICAL: [&str; 8] = ["米", "平方米", "公里", "千米", "平方公里", "公顷", "吨", "厘米"];

/// Units that measure an attribute of something else (area, money, age,
/// people): a lower bound on one before a noun qualifies the noun (1000亩以上集中
/// 连片优质耕地) rather than counting it.
const ATTRIBUTE: [&str; 5] = ["亩", "公顷", "平方米", "岁", "平方公里"];

/// Classifiers that count the noun they precede (1000个以上的数据训练集 counts
/// training sets; 5万人以下的乡镇 does not count 乡镇).
const CLASSIFIERS: [&str; 14] = ["个", "所", "项", "张", "件", "家", "处", "座", "间", "套", "条", "种", "份", "支"];

/// Verbs that commit to making or providing something (for a bare 一).
const MAKE_VERBS: [&str; 22] = [
    "建有", "建成", "建立", "设立", "设有", "确定", "配备", "配齐", "明确", "新建", "设置", "配置", "培育", "打造", "选派", "建设", "扶持",
    "支持", "建", "有", "确保", "保障",
];

/// Verbs that govern a count without committing to it (指导…4个联系点, 分4个阶段).
const NON_COMMIT: [&str; 12] = ["指导", "依托", "围绕", "针对", "参照", "对照", "借鉴", "总结", "分为", "分", "包括", "涉及"];

/// Verbs that commit (used to find the governing verb of a count).
const COMMIT: [&str; 29] = [
    "推进", "实施", "完成", "建成", "建设", "建立", "实现", "支持", "新建", "改造", "培育", "打造", "设立", "取消", "组织", "举办", "开展",
    "纳入", "达到", "确保", "力争", "争取", "落实", "提供", "覆盖", "做实", "形成", "构建", "遴选",
];

/// Verbs that grant a benefit: the amount they give is a commitment even when
/// bounded and followed by 的 (给予每人…六倍以下的一次性救助, 给予2年以上的工作许可).
const GRANT: [&str; 4] = ["给予", "发放", "补助", "奖励"];

/// Nouns after a count that describe the plan itself, not a commitment, or
/// that only classify (分为两个档次, SCHEMA: "Counts that only classify").
const PLAN_NOUNS: [&str; 12] = ["阶段", "方面", "环节", "时期", "步骤", "部分", "层次", "维度", "档次", "等次", "档", "等级"];

/// Nouns after "…以上的" that keep a number a target (the rest make it a condition).
const KEEP_AFTER_DE: [&str; 8] = ["要求", "目标", "标准", "比例", "水平", "幅度", "比重", "增长"];

/// Words of a fine or penalty (GB/T: 法律责任 chapters): the amounts in their
/// clause bind offenders, not the administration.
const PENALTIES: [&str; 4] = ["罚款", "罚金", "处以", "没收"];

/// Words that hedge a commitment (力争, 争取, 原则上).
const HEDGES: [&str; 6] = ["力争", "争取", "原则上", "力求", "努力", "尽可能"];

/// Period words after 每 that make a count a frequency (每年至少召开1次).
const PERIODS: [&str; 9] = ["年", "月", "季度", "季", "周", "半年", "日", "天", "个月"];

/// Byte ranges sorted by start, with the furthest end reached so far, to ask
/// "is `i` inside any of them" by binary search (they may overlap).
struct Spans {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl Spans {
    fn new(mut v: Vec<(usize, usize)>) -> Spans {
        v.sort_unstable();
        let mut reach = Vec::with_capacity(v.len());
        let mut far = 0;
        for &(_, b) in &v {
            far = far.max(b);
            reach.push(far);
        }
        Spans { starts: v.into_iter().map(|(a, _)| a).collect(), reach }
    }

    fn contains(&self, i: usize) -> bool {
        let k = self.starts.partition_point(|&a| a <= i);
        k > 0 && self.reach[k - 1] > i
    }
}

// ---------------------------------------------------------------------------
// Where numbers may not be read

/// Byte ranges a target may not be read from: document numbers, 《cited titles》,
/// quoted numbers (hotlines, codes) and slogans.
fn exclusions(s: &str, found: &[slogans::Found], numbers: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut ex: Vec<(usize, usize)> = numbers.to_vec();
    let mut depth = 0;
    let mut open = 0;
    // 《 and 》 are E3 80 8A and E3 80 8B: jump to the lead byte E3 (CJK
    // punctuation), which Chinese characters (E4–E9) never start with.
    let b = s.as_bytes();
    for i in memchr::memchr_iter(0xE3, b).filter(|&i| b.get(i + 1) == Some(&0x80)) {
        match b.get(i + 2) {
            Some(0x8A) => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            Some(0x8B) if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    ex.push((open, i + '》'.len_utf8()));
                }
            }
            _ => {}
        }
    }
    let mut i = 0;
    while let Some(o) = find_char(&s[i..], '“') {
        let a = i + o + '“'.len_utf8();
        let Some(cl) = find_char(&s[a..], '”') else { break };
        let inner = &s[a..a + cl];
        if !inner.is_empty() && inner.chars().all(|c| c.is_ascii() || ('０'..='９').contains(&c)) {
            ex.push((a, a + cl));
        }
        i = a + cl;
    }
    ex.extend(found.iter().map(|f| f.covers));
    ex
}

// ---------------------------------------------------------------------------
// Verdicts

/// Why a number was or was not read as a target: the name of the rule that
/// decided it (`explain` lists them; the `rule` column of the targets frame
/// carries the positive ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A target, by this rule (bounded, count, share, multiple, time_limit …).
    Target(&'static str),
    /// Not a target, by this rule (ordinal, date, condition, fine …).
    Not(&'static str),
}

/// Every number of a text that could be a target, with the rule that decided
/// it: (the number as written, the verdict).
///
/// ```
/// use zhengce::extract::targets::{explain, Verdict};
/// let v = explain("对个人处以1万元以上10万元以下罚款；到2020年建成10个服务中心。", Some(2019), &Default::default());
/// assert_eq!(v[0], ("1万".to_string(), Verdict::Not("fine")));
/// assert_eq!(v.last().unwrap(), &("10".to_string(), Verdict::Target("count")));
/// ```
pub fn explain(s: &str, year: Option<i32>, lex: &slogans::Lexicon) -> Vec<(String, Verdict)> {
    let t = crate::text::scan::triggers(s);
    let found = slogans::find_at(s, lex, &t.cn_numerals);
    let dates = date_phrases_at(s, year, &t.date_starts);
    let mut log = Vec::new();
    scan_numbers(s, &found, &dates, &crate::text::lines::find_doc_numbers(s), &t.numerals, &mut |num, verdict| {
        log.push((s[num.start..num.end].to_string(), verdict));
    });
    log
}

/// A number's reading so far: its unit, range and comparator, and where its
/// clause and sentence start.
struct Reading<'a> {
    s: &'a str,
    num: Num,
    unit: String,
    value_max: Option<f64>,
    /// After the unit (or the range's second unit).
    end: usize,
    comparator: Comparator,
    span_start: usize,
    /// Length of a comparator written after the unit (以上, 以内).
    after_cmp_len: usize,
    cstart: usize,
    sstart: usize,
    /// The rule that makes it a target if nothing rejects it.
    rule: &'static str,
}

impl Reading<'_> {
    fn before(&self) -> &str {
        &self.s[self.cstart..self.num.start]
    }

    fn end_with_cmp(&self) -> usize {
        self.end + self.after_cmp_len
    }

    fn tail(&self) -> &str {
        &self.s[self.end_with_cmp()..]
    }

    /// The rest of the number's clause after its comparator.
    fn clause_rest(&self) -> &str {
        let e = end_within(self.s, self.end_with_cmp(), &CLAUSE_BREAKS, 300);
        &self.s[self.end_with_cmp()..e]
    }
}

/// Decide whether `num` is a target, by rules in order: the first that rejects
/// it says why not.
fn judge(s: &str, num: &Num, dates: &[DatePhrase]) -> Result<Target, &'static str> {
    not_a_quantity(s, num)?;
    let mut r = read_quantity(s, num)?;
    flip_prohibited(&mut r);
    for rule in [
        fine,
        describes_offence,
        population_base,
        conditional_clause,
        bounded_modifier,
        located_condition,
        attribute_threshold,
        per_unit_rate,
        ordered_by_authority,
        lone_one,
        describes_plan,
        non_committing_verb,
        duration_trigger,
    ] {
        if let Some(why) = rule(&r) {
            return Err(why);
        }
    }
    Ok(build(&r, dates))
}

/// Numbers that are not quantities: ordinals, codes, identifiers, telephone
/// numbers, 一 inside words (统一, 进一步), article references.
fn not_a_quantity(s: &str, num: &Num) -> Result<(), &'static str> {
    let prev = prev_char(s, num.start);
    let rest = &s[num.end..];
    if matches!(prev, Some('第' | '-' | '—' | '－' | '/' | '+' | '#' | '～' | '~')) || prev.is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return Err("ordinal or code");
    }
    if rest.starts_with('+')
        || rest.starts_with('-') && num.form == NumForm::Arabic && !rest[1..].starts_with(|d: char| digit_value(d).is_some())
    {
        return Err("ordinal or code");
    }
    if rest.starts_with(|c: char| c.is_ascii_alphabetic()) && latin_unit(s, num).is_none() {
        return Err("code or technology generation");
    }
    if num.form == NumForm::Arabic && !num.decimal && !num.multiplied && num.value >= 1_000_000.0 && !num.percent {
        return Err("telephone number");
    }
    if num.form == NumForm::Chinese
        && prev.is_some_and(|p| matches!(p, '统' | '进' | '唯' | '同' | '逐' | '单' | '万' | '某' | '之' | '专' | '如'))
    {
        return Err("numeral inside a word");
    }
    if article_reference(s, num) {
        return Err("article reference");
    }
    for w in ["周年", "届", "次全会", "中全会", "次党代会", "次代表大会", "级", "季度", "期间", "批次", "号"] {
        if rest.starts_with(w) {
            return Err("anniversary, congress, level or date");
        }
    }
    if rest.starts_with('大') && !slogans::big_count(&rest['大'.len_utf8()..]) {
        return Err("congress or formulation (N大)");
    }
    Ok(())
}

/// An article of a regulation cited by number: 第二十一条、二十三条 (the list goes
/// on without 第), 共六章五十七条, 二十一条第一项.
fn article_reference(s: &str, num: &Num) -> bool {
    let rest = &s[num.end..];
    if !rest.starts_with(['条', '款', '章']) {
        return false;
    }
    let before = &s[s.floor_char_boundary(num.start.saturating_sub(30))..num.start];
    before.ends_with(['、', '和', '至', '章']) || before.contains('第') || rest[3..].starts_with('第') || before.ends_with('共')
}

fn latin_unit(s: &str, num: &Num) -> Option<&'static str> {
    if num.form != NumForm::Arabic {
        return None;
    }
    let rest = &s[num.end..];
    let u = longest_prefix(rest, &LATIN_UNITS)?;
    let after = &rest[u.len()..];
    let bare = matches!(u, "M" | "G" | "T");
    let bounded = AFTER.iter().any(|(w, _)| after.starts_with(w))
        || comparator_before(s, start_within(s, num.start, &CLAUSE_BREAKS, 600), num.start).is_some();
    (!after.starts_with(|c: char| c.is_ascii_alphanumeric()) && (!bare || bounded)).then_some(u)
}

/// The unit, the range and the comparator of a number, and the positive rule
/// it would be a target by; time units follow their own rules.
fn read_quantity<'a>(s: &'a str, num: &Num) -> Result<Reading<'a>, &'static str> {
    let cstart = start_within(s, num.start, &CLAUSE_BREAKS, 600);
    let sstart = start_within(s, num.start, &SENTENCE_BREAKS, 1500);
    let mut r = Reading {
        s,
        num: num.clone(),
        unit: String::new(),
        value_max: None,
        end: num.end,
        comparator: Comparator::Eq,
        span_start: num.start,
        after_cmp_len: 0,
        cstart,
        sstart,
        rule: "count",
    };
    if let Some((cmp, at)) = comparator_before(s, cstart, num.start) {
        r.comparator = cmp;
        r.span_start = at;
    }
    if let Some(t) = longest_prefix(&s[num.end..], &TIME_UNITS).filter(|_| !num.percent) {
        time_quantity(&mut r, t)?;
        return Ok(r);
    }
    unit_and_range(&mut r)?;
    comparator_after(&mut r);
    r.rule = match (r.unit.as_str(), r.comparator) {
        ("%" | "‰", Comparator::Eq) => "share",
        ("倍", _) => "multiple",
        (u, _) if u.ends_with('元') && r.comparator == Comparator::Le => "cap",
        (_, Comparator::Eq) if r.unit == "次" => "frequency",
        (_, Comparator::Eq) => "count",
        _ => "bounded",
    };
    if r.unit == "次" {
        frequency(&mut r)?;
    }
    Ok(r)
}

/// The comparator after the unit (以上, 以内, 左右), which wins over one before
/// unless it is only 左右.
fn comparator_after(r: &mut Reading) {
    if let Some((w, cmp)) = AFTER.iter().find(|(w, _)| r.s[r.end..].starts_with(w)) {
        if r.comparator == Comparator::Eq || *cmp != Comparator::Eq {
            r.comparator = *cmp;
        }
        r.after_cmp_len = w.len();
    }
}

/// Units and ranges: 1至2个, 10%-15%, 1-2个 (the unit follows the second number).
fn unit_and_range(r: &mut Reading) -> Result<(), &'static str> {
    let (s, num) = (r.s, &r.num);
    let direct = unit_after(s, num);
    let range_from = match &direct {
        Some((_, l)) if num.percent => Some(num.end + l),
        Some(_) => None,
        None => Some(num.end),
    };
    let range = range_from.and_then(|at| {
        let d = ["至", "到", "—", "－", "-", "~", "～"].iter().find(|d| s[at..].starts_with(**d))?;
        let n2 = read_number(s, at + d.len())?;
        let (u2, l2) = unit_after(s, &n2)?;
        (n2.value > num.value && n2.form == num.form).then(|| (n2.value, u2, n2.end + l2))
    });
    match (range, direct) {
        (Some((max, u2, e2)), _) => {
            r.value_max = Some(max);
            r.unit = u2;
            r.end = e2;
        }
        (None, Some((u, l))) => {
            r.unit = u;
            r.end = num.end + l;
        }
        (None, None) => return Err("no unit"),
    }
    if TIME_UNITS.contains(&r.unit.as_str()) || r.unit == "月" {
        return Err("duration or date (a range of years or months)");
    }
    Ok(())
}

/// Read a unit after a number; returns (unit, byte length).
fn unit_after(s: &str, num: &Num) -> Option<(String, usize)> {
    if num.percent {
        return Some(("%".into(), 0));
    }
    let rest = &s[num.end..];
    for w in ["倍", "‰"] {
        if rest.starts_with(w) {
            return Some((w.into(), w.len()));
        }
    }
    if rest.starts_with('大') && slogans::big_count(&rest['大'.len_utf8()..]) {
        return Some((String::new(), '大'.len_utf8()));
    }
    if let Some(u) = latin_unit(s, num) {
        return Some((u.to_string(), u.len()));
    }
    let list: &[&str] = if num.form == NumForm::Chinese { &CN_MEASURES } else { &MEASURES };
    if let Some(w) = longest_prefix(rest, list) {
        return Some((w.to_string(), w.len()));
    }
    if num.form == NumForm::Chinese && rest.starts_with('次') {
        return Some(("次".into(), '次'.len_utf8()));
    }
    num.multiplied.then(|| (String::new(), 0))
}

/// A number with a unit of time (SCHEMA "Further conventions"): a time limit
/// that binds the administration (十五个工作日内, 压缩至3周以内, 30天内) is a target
/// `<=`; a publicity period (公示七日) and a bounded duration (不少于六个月,
/// 2年以上的工作许可) are targets; other durations, dates and plan horizons
/// (3年内建成) are not.
fn time_quantity(r: &mut Reading, unit: &str) -> Result<(), &'static str> {
    let s = r.s;
    let num = &r.num;
    if unit == "年" && num.value >= 1000.0 {
        return Err("year");
    }
    if matches!(unit, "日") && !s[num.end + unit.len()..].starts_with(['内', '以', '之']) && r.comparator == Comparator::Eq && !publicity(r)
    {
        return Err("date or duration");
    }
    r.unit = unit.to_string();
    r.end = num.end + unit.len();
    let after = &s[r.end..];
    if let Some(w) = ["以内", "之内", "内"].iter().find(|w| after.starts_with(**w)) {
        if unit == "年" {
            return Err("plan horizon (N年内)");
        }
        r.after_cmp_len = w.len();
        r.comparator = Comparator::Le;
        r.rule = "time_limit";
        return Ok(());
    }
    comparator_after(r);
    if r.comparator != Comparator::Eq {
        r.rule = "duration_bound";
        return Ok(());
    }
    if publicity(r) {
        r.rule = "publicity_period";
        return Ok(());
    }
    if every_interval(r) {
        r.rule = "frequency_interval";
        return Ok(());
    }
    Err("duration or date")
}

/// 公示七日 / 公告30天: the period a decision is posted for binds the administration.
fn publicity(r: &Reading) -> bool {
    any_suffix(r.before(), &["公示", "公告", "公布"])
}

/// 每2个月组团: where only the interval carries a number it is the value
/// (SCHEMA "Frequency commitments"); not when a count follows (每两年命名一次).
fn every_interval(r: &Reading) -> bool {
    r.before().ends_with('每') && !r.clause_rest().contains('次')
}

/// N次 is a frequency commitment only under 每 + a period (每年至少召开1次, 每两年
/// 命名一次, 每月发放一次); a Chinese 一次 elsewhere is an adverb (一次性) or a
/// count of events (连续三次).
fn frequency(r: &mut Reading) -> Result<(), &'static str> {
    let clause = r.before();
    let every = clause.rfind('每').is_some_and(|p| {
        let after = &clause[p + '每'.len_utf8()..];
        let after = after.trim_start_matches(|c: char| digit_value(c).is_some() || cn_digit(c).is_some() || c == '十');
        any_prefix(after, &PERIODS)
    });
    if every {
        r.rule = "frequency";
        return Ok(());
    }
    if r.num.form == NumForm::Chinese || r.tail().starts_with('性') {
        return Err("count of occurrences, not a frequency");
    }
    Ok(())
}

fn comparator_before(s: &str, cstart: usize, num_start: usize) -> Option<(Comparator, usize)> {
    // The nearest comparator in the clause before the number.
    let seg = &s[cstart..num_start];
    let mut best: Option<(Comparator, usize, usize)> = None; // (cmp, start, end)
                                                             // One walk over the clause: the words that start at each character whose
                                                             // first character could start one (no word of BEFORE overlaps itself, so
                                                             // this finds what a search per word finds).
    for (at, _) in seg.char_indices().filter(|&(_, c)| may_start_comparator(c)) {
        for &(w, cmp) in BEFORE.iter().filter(|(w, _)| seg[at..].starts_with(w)) {
            let end = at + w.len();
            // 达 inside 达标/到达/下达 is not a comparator.
            let ok = w != "达"
                || (!seg[end..].starts_with('标')
                    && !seg[end..].starts_with('成')
                    && !seg[..at].ends_with('下')
                    && !seg[..at].ends_with('到')
                    && !seg[..at].ends_with('传'));
            // 最高/最低 … bound a number only right before it (最高给予500万元), not
            // inside a name (最低生活保障标准, 最低工资标准).
            let ok = ok && (!w.starts_with('最') || seg[end..].chars().count() <= 3 || governs_list(&seg[end..]));
            if ok && best.is_none_or(|(_, bs, be)| end > be || (end == be && at < bs)) {
                best = Some((cmp, at, end));
            }
        }
    }
    // 超 right before the number (注册证超500件) is 超过.
    if seg.ends_with('超') && best.is_none_or(|(_, _, be)| be < seg.len()) {
        best = Some((Comparator::Gt, seg.len() - '超'.len_utf8(), seg.len()));
    }
    let (cmp, at, end) = best?;
    // Another number between the comparator and this one belongs to that
    // comparator, unless the numbers form a list it governs (最高60万元、40万元).
    let between = &seg[end..];
    if between.chars().any(|c| digit_value(c).is_some()) && !governs_list(between) {
        return None;
    }
    Some((cmp, cstart + at))
}

/// Whether a word of [`BEFORE`] may start with `c` (a test keeps the two in step).
fn may_start_comparator(c: char) -> bool {
    matches!(c, '不' | '至' | '达' | '最' | '控' | '压' | '超' | '高' | '多' | '大' | '低' | '少')
}

/// Text between a comparator and a number that is only a list of amounts
/// (给予最高60万元、40万元): the comparator applies to each.
fn governs_list(between: &str) -> bool {
    let between = between.trim_start_matches(|c: char| is_han(c) && !matches!(c, '万' | '亿' | '元'));
    between.ends_with('、')
        && between.chars().all(|c| digit_value(c).is_some() || matches!(c, '、' | '.' | '万' | '亿' | '元' | '%' | '％'))
}

/// 不得…超过 / 不得…低于: a prohibition turns the bound into the limit it sets.
fn flip_prohibited(r: &mut Reading) {
    let prohibited = ["不得", "不能", "不应", "严禁"].iter().any(|w| r.before().contains(w));
    r.comparator = match (r.comparator, prohibited) {
        (Comparator::Gt, true) => Comparator::Le,
        (Comparator::Lt, true) => Comparator::Ge,
        (c, _) => c,
    };
}

// ---------------------------------------------------------------------------
// Rules that reject a number (each returns the reason)

/// Fines and penalties bind offenders, not the administration (处…罚款, 一倍以上
/// 三倍以下罚款; SCHEMA "Further conventions").
fn fine(r: &Reading) -> Option<&'static str> {
    let e = end_within(r.s, r.end_with_cmp(), &CLAUSE_BREAKS, 300);
    let clause = &r.s[r.cstart..e];
    PENALTIES.iter().any(|w| clause.contains(w)).then_some("fine")
}

/// A number in a conditional clause — the clause ends with 的 before the
/// consequence (年销售收入首次达到2000万元的，给予…; 六个月内无人认领的，由…) — sets
/// a condition (党政机关公文 and legislative drafting write conditions as …的，).
fn conditional_clause(r: &Reading) -> Option<&'static str> {
    let rest = r.clause_rest();
    let e = r.end_with_cmp() + rest.len();
    let ends_de = rest.ends_with('的') || (rest.is_empty() && r.s[..e].ends_with('的'));
    let consequence_follows = r.s[e..].starts_with(['，', ',']);
    (ends_de && consequence_follows && !rest.contains("目标")).then_some("condition (…的，)")
}

/// A bounded number before 的 and a noun, or before a list of such modifiers
/// (500万元及以下、平均担保费率不超过1%的担保业务), qualifies the noun: a condition or
/// eligibility threshold (人口在5万人以下的乡镇), unless it is a limit the rule
/// imposes (不得), a count of the noun (1000个以上的数据训练集), a physical limit
/// (一点五米以内的牵引带), a benefit granted (给予…六倍以下的一次性救助) or a
/// standard (…以上的标准).
fn bounded_modifier(r: &Reading) -> Option<&'static str> {
    if r.comparator == Comparator::Eq {
        return None;
    }
    let tail = r.tail();
    let modifies = if let Some(noun) = tail.strip_prefix('的') {
        !any_prefix(noun, &KEEP_AFTER_DE)
    } else {
        tail.starts_with('、') && r.clause_rest().contains('的')
    };
    if !modifies {
        return None;
    }
    let before = r.before();
    let prohibited = ["不得", "严禁", "禁止"].iter().any(|w| before.contains(w));
    let counts_noun = CLASSIFIERS.contains(&r.unit.as_str()) && !before.contains('对');
    let physical_cap = PHYSICAL.contains(&r.unit.as_str()) && r.comparator == Comparator::Le;
    let granted = GRANT.iter().any(|w| before.contains(w)) && !before.contains('对');
    (!(prohibited || counts_noun || physical_cap || granted || allocated(r))).then_some("condition (bounded modifier …的)")
}

/// 将/把 不低于N%的资金 用于…: the disposal construction commits a share of a
/// fund to a use (the lottery-fund rule 彩票公益金…不低于55%用于养老服务 that every
/// province repeats), so the bounded share is a commitment, not a threshold.
fn allocated(r: &Reading) -> bool {
    // The clause before the number (its comparator included): 要将不低于.
    let disposal = r.before().contains(['将', '把']);
    disposal && ["用于", "投入", "安排"].iter().any(|w| r.clause_rest().contains(w))
}

/// X在N…以下 after an attribute noun (人口在5万人以下) is a condition; 在 opening
/// the clause (在10个以上领域实现…) is a place, and the count stands.
fn located_condition(r: &Reading) -> Option<&'static str> {
    let before = r.before();
    if r.rule == "time_limit" {
        return None; // 在60日内: within a time, not a condition
    }
    // 在 and the number may hold the base of a multiple: 收入在最低生活保障标准一点五倍以下.
    let p = before.rfind('在')?;
    let (b, between) = (&before[..p], &before[p + '在'.len_utf8()..]);
    let base_only = between.chars().count() <= 12 && between.chars().all(is_han) && !GRANT.iter().any(|w| between.contains(w));
    let opens = b.trim().is_empty() || b.ends_with(['，', '、']);
    (r.after_cmp_len > 0 && base_only && !b.ends_with("控制") && !opens).then_some("condition (X在N以下)")
}

/// A population figure without a measure word (全省53.9万建档立卡贫困对象的数据比对
/// 工作) names the base a task works on, not a quantity it commits to (SCHEMA
/// "Rulings": a count that only names the whole population is not a target).
fn population_base(r: &Reading) -> Option<&'static str> {
    if !(r.unit.is_empty() && r.comparator == Comparator::Eq && r.num.multiplied) {
        return None;
    }
    let noun: String = r.tail().chars().take_while(|c| is_han(*c)).take(10).collect();
    let whole = any_suffix(r.before(), &["全省", "全市", "全县", "全区", "全国"]);
    (whole || POPULATIONS.iter().any(|w| noun.contains(w))).then_some("population the task works on")
}

/// Nouns of the people a task serves (a count of them without a measure word
/// is the population, not a commitment).
const POPULATIONS: [&str; 12] = ["对象", "人员", "群众", "人口", "老年人", "老人", "儿童", "居民", "农民", "家庭", "残疾人", "学生"];

/// An item or sentence that describes an offence (未…, 违反…的) in a list of
/// penalised acts: its numbers describe the act, not a commitment.
fn describes_offence(r: &Reading) -> Option<&'static str> {
    let sentence = r.s[r.sstart..r.num.start].trim_start();
    (sentence.starts_with('未') || sentence.starts_with("违反")).then_some("describes an offence")
}

/// A lower bound on an attribute measure directly before a noun qualifies the
/// noun (1000亩以上集中连片优质耕地, 18岁以上居民): a condition.
fn attribute_threshold(r: &Reading) -> Option<&'static str> {
    let lower = matches!(r.comparator, Comparator::Ge | Comparator::Gt) && r.after_cmp_len > 0;
    let noun_follows = r.tail().starts_with(is_han);
    (lower && noun_follows && ATTRIBUTE.contains(&r.unit.as_str())).then_some("condition (attribute threshold)")
}

/// 每认定1家给予孵化器10万元: the count after 每 + a verb is the unit a rate is
/// paid per, not a commitment.
fn per_unit_rate(r: &Reading) -> Option<&'static str> {
    let before = r.before();
    let p = before.rfind('每')?;
    let between = &before[p + '每'.len_utf8()..];
    let n = between.chars().count();
    let verb = (1..=4).contains(&n) && between.chars().all(is_han) && !PERIODS.iter().any(|w| between.starts_with(w));
    let pays = GRANT.iter().any(|w| r.tail().trim_start_matches(is_han).is_empty() || r.tail().starts_with(w));
    (verb && pays && CLASSIFIERS.contains(&r.unit.as_str())).then_some("per-unit rate")
}

/// 责令…在十日内妥善处置: a time limit ordered on an offender binds a citizen, not
/// the administration (SCHEMA: deadlines that bind citizens are not targets).
fn ordered_by_authority(r: &Reading) -> Option<&'static str> {
    (r.rule == "time_limit" && r.s[r.sstart..r.num.start].contains("责令")).then_some("time limit on a citizen (责令)")
}

/// 一 counts only when bounded or made (至少建有一所, 确定一名工作协调员, 至少有一人就业).
fn lone_one(r: &Reading) -> Option<&'static str> {
    if !(r.num.form == NumForm::Chinese && r.num.value == 1.0) || matches!(r.rule, "frequency" | "time_limit" | "publicity_period") {
        return None;
    }
    let made = any_suffix(r.before(), &MAKE_VERBS);
    let strong_unit = ["所", "名", "个", "家", "处", "座", "间", "套", "张", "位", "人"].contains(&r.unit.as_str())
        || PHYSICAL.contains(&r.unit.as_str());
    if !(r.comparator != Comparator::Eq || made) || !strong_unit || r.s[r.end..].starts_with("时期") {
        return Some("一 without a commitment");
    }
    None
}

/// Counts that describe the plan (分4个阶段) or only classify (两个档次荣誉称号).
fn describes_plan(r: &Reading) -> Option<&'static str> {
    let after = &r.s[r.end..];
    any_prefix(after, &PLAN_NOUNS).then_some("describes the plan or classifies")
}

/// A count governed by a verb that does not commit (指导…4个联系点, 分4个阶段).
fn non_committing_verb(r: &Reading) -> Option<&'static str> {
    if r.comparator != Comparator::Eq || r.num.percent || r.unit == "倍" || r.rule != "count" {
        return None;
    }
    governing_verb_blocks(r.s, r.sstart, r.num.start).then_some("governed by a verb that does not commit")
}

/// 超过三个月，…不领取的: a duration exceeded is a trigger, not a limit.
fn duration_trigger(r: &Reading) -> Option<&'static str> {
    (r.rule == "duration_bound" && matches!(r.comparator, Comparator::Gt | Comparator::Lt)).then_some("condition (duration exceeded)")
}

fn governing_verb_blocks(s: &str, sstart: usize, num_start: usize) -> bool {
    // A verb governs a number near it: looking back at most ~200 characters
    // keeps a sentence with thousands of numbers linear.
    let sstart = sstart.max(s.floor_char_boundary(num_start.saturating_sub(600)));
    let seg = &s[sstart..num_start];
    // The last verb before the number decides; most sentences have no
    // non-committing verb at all, so look for those first.
    let last_non = NON_COMMIT
        .iter()
        .filter_map(|w| {
            let p = seg.rfind(w)?;
            // 分 only as a verb of division (分4个阶段, 分三步), not inside words.
            let inside_word = *w == "分" && (p + w.len() != seg.len() || seg[..p].ends_with(['部', '充', '十', '区', '省']));
            (!inside_word).then_some(p + w.len())
        })
        .max();
    let Some(after) = last_non else { return false };
    !COMMIT.iter().any(|w| seg[after..].contains(w))
}

// ---------------------------------------------------------------------------
// What a target measures

/// The target a reading makes: span, indicator and base, denominator, scope,
/// deadline and hedging.
fn build(r: &Reading, dates: &[DatePhrase]) -> Target {
    let s = r.s;
    let end_with_cmp = r.end_with_cmp();
    let relative = matches!(r.unit.as_str(), "%" | "倍" | "‰");
    let count_like = !relative && r.comparator == Comparator::Eq || (r.unit.is_empty() && r.num.multiplied);
    let measured = !relative && !r.unit.is_empty();
    let after = indicator_after(s, end_with_cmp).filter(|_| count_like || measured);
    let mut span_end = end_with_cmp;
    if let (Some(ind), true) = (&after, count_like) {
        span_end = span_over(s, end_with_cmp, ind);
    }
    let base = relative.then(|| base_of(s, r)).flatten();
    let after = if r.rule == "publicity_period" {
        ["公示", "公告", "公布"].iter().find(|w| r.before().ends_with(**w)).map(|w| w.to_string())
    } else {
        after
    };
    let indicator = match after {
        Some(a) => Some(a),
        None if relative && r.comparator == Comparator::Eq => {
            share_after(s, end_with_cmp).or_else(|| indicator_before(s, r.cstart, r.span_start))
        }
        None => indicator_before(s, r.cstart, r.span_start),
    };
    // The last date phrase of the sentence before the number (dates are in text order).
    let from = dates.partition_point(|d| d.start < r.sstart);
    let upto = dates.partition_point(|d| d.start < r.num.start);
    let deadline = dates[from..upto].iter().rfind(|d| d.end <= r.num.start).map(|d| d.date.clone());
    let hedged = HEDGES.iter().any(|w| s[r.sstart..r.num.start].contains(w));
    Target {
        block: 0,
        start: r.span_start,
        end: span_end,
        number_start: r.num.start,
        number_end: r.num.end,
        value: r.num.value,
        value_max: r.value_max,
        unit: r.unit.as_str().into(),
        per: per_of(s, r.cstart, r.num.start).map(Into::into),
        comparator: r.comparator,
        deadline: deadline.map(Into::into),
        indicator: indicator.filter(|i| base.as_deref() != Some(i.as_str())).map(Into::into),
        scope: scope_of(s, r.cstart, r.num.start).map(Into::into),
        base: base.map(Into::into),
        indicator_id: None,
        condition: None,
        hedged,
        group: None,
        items: Vec::new(),
        item_ids: Vec::new(),
        rule: r.rule,
    }
}

/// The span runs over the noun counted (1个平台, “四大创新圈”).
fn span_over(s: &str, from: usize, ind: &str) -> usize {
    let mut e = from;
    let mut got = 0;
    let want = ind.chars().count();
    for c in s[from..].chars() {
        if got >= want {
            break;
        }
        if !matches!(c, '“' | '”') {
            got += 1;
        }
        e += c.len_utf8();
    }
    if s[e..].starts_with('”') {
        e += '”'.len_utf8();
    }
    e
}

/// The base of a relative value: what the share or multiple is of — the noun
/// before 的 after the comparator (不低于当地上年度城乡低保标准的1.3倍 → 城乡低保标准),
/// after 占 (占全省国土面积的30%), or the noun right before a share (村总数25%,
/// 彩票公益金30%). Time and place qualifiers (当地, 上年度) are dropped so that
/// bases line up across documents.
fn base_of(s: &str, r: &Reading) -> Option<String> {
    let seg = &s[r.cstart..r.num.start];
    let seg = match comparator_before(s, r.cstart, r.num.start) {
        Some((_, at)) => {
            let w = BEFORE.iter().map(|(w, _)| *w).filter(|w| s[at..].starts_with(w)).max_by_key(|w| w.len()).unwrap_or("");
            &s[at + w.len()..r.num.start]
        }
        None => seg,
    };
    let seg = seg.rfind('占').map_or(seg, |p| &seg[p + '占'.len_utf8()..]);
    let of = seg.strip_suffix('的');
    let seg = match of {
        Some(x) => x,
        None if r.comparator == Comparator::Eq || seg.ends_with(|c: char| is_han(c)) => seg,
        None => return None,
    };
    // The noun phrase: after the last verb or list separator.
    let cut = ["按照", "按", "将", "把", "争取", "确保", "，", "、", "用于", "达到"]
        .iter()
        .filter_map(|w| seg.rfind(w).map(|p| p + w.len()))
        .max()
        .unwrap_or(0);
    let mut b = seg[cut..].trim();
    for q in ["当地", "本地区", "上年度", "上一年度", "上年", "同期", "相关企业", "全省", "全市"] {
        b = b.strip_prefix(q).unwrap_or(b);
    }
    let n = b.chars().count();
    ((2..=20).contains(&n) && b.chars().all(is_han)).then(|| b.to_string())
}

/// What a share without a comparator measures when it follows its base: the
/// phrase after it (彩票公益金55%以上用于发展养老服务事业 → 用于发展养老服务事业;
/// 村总数25%比例推进农村社区建设 → 农村社区建设).
fn share_after(s: &str, from: usize) -> Option<String> {
    let rest = &s[from..];
    let rest = rest.strip_prefix("的").unwrap_or(rest);
    let rest = rest.strip_prefix("比例").unwrap_or(rest);
    let rest = ["推进", "推动", "开展", "实施"].iter().find_map(|w| rest.strip_prefix(w)).unwrap_or(rest);
    let e = rest.find(|c: char| !is_han(c)).unwrap_or(rest.len());
    let phrase: String = rest[..e].chars().take(16).collect();
    (phrase.chars().count() >= 2).then_some(phrase)
}

fn indicator_after(s: &str, from: usize) -> Option<String> {
    let stops = ["开展", "推动", "推进", "用于", "纳入", "达到", "改善", "建设", "实施", "提供", "进行", "基础架构"];
    let mut end = from;
    let mut n = 0;
    while n < 16 {
        let rest = &s[end..];
        let Some(c) = rest.chars().next() else { break };
        if !(is_han(c) || matches!(c, '“' | '”' | '（' | '）' | '(' | ')'))
            || matches!(c, '、' | '和' | '或' | '及' | '与')
            || any_prefix(rest, &stops)
        {
            break;
        }
        if matches!(c, '（' | '(') && n > 0 {
            break;
        }
        end += c.len_utf8();
        n += 1;
    }
    let mut phrase = &s[from..end];
    // 一所标准较高、功能完善的失能特困人员专业照护服务设施: modifiers listed with 、,
    // then 的 and the noun counted.
    if s[end..].starts_with('、') && !phrase.contains('的') {
        // Bounded: a list of thousands of amounts in one sentence stays linear.
        let seg_end = end_within(s, end, &['，', '。', '；', ',', ';'], 300);
        let seg = &s[from..seg_end];
        if let Some(p) = seg.rfind('的') {
            let noun = &seg[p + '的'.len_utf8()..];
            let n = noun.chars().count();
            if (2..=16).contains(&n) && !noun.contains('、') && !noun.chars().any(|c| digit_value(c).is_some()) {
                phrase = noun;
            }
        }
    }
    // 功能设施齐全的社会福利院 keeps its short modifier; 贫困对象的数据比对工作 stops at 的.
    if let Some(p) = phrase.find('的') {
        if phrase[..p].chars().count() > 6 {
            phrase = &phrase[..p];
        }
    }
    let ind: String = phrase.chars().filter(|c| !matches!(c, '“' | '”')).collect();
    let ind = ind.trim_start_matches('的').trim_end_matches('的').to_string();
    (ind.chars().count() >= 2).then_some(ind)
}

/// Words that open a clause but are not part of what is measured.
const LEADING: [&str; 24] = [
    "按照",
    "根据",
    "确保",
    "力争",
    "争取",
    "努力",
    "实现",
    "推动",
    "使",
    "将",
    "把",
    "全面",
    "基本",
    "逐步",
    "进一步",
    "要",
    "应",
    "并",
    "且",
    "其中",
    "采取",
    "全省",
    "原则上",
    "应当",
];

fn indicator_before(s: &str, cstart: usize, upto: usize) -> Option<String> {
    let mut seg = s[cstart..upto].trim();
    // The phrase after the last list separator or quote.
    if let Some(p) = seg.rfind(['、', '“', '”', '（', '(']) {
        let q = p + seg[p..].chars().next().map_or(1, char::len_utf8);
        if seg[q..].chars().count() >= 2 {
            seg = &seg[q..];
        }
    }
    // Drop a leading deadline phrase (到2015年) and clause-opening words.
    loop {
        let before = seg.len();
        for d in date_phrases(seg, None) {
            if d.start == 0 {
                seg = seg[d.end..].trim_start_matches(['，', ',']);
            }
        }
        if let Some(w) = longest_prefix(seg, &LEADING) {
            seg = &seg[w.len()..];
        }
        if seg.len() == before {
            break;
        }
    }
    let seg = seg.trim_end_matches("分别").trim_end_matches("平均").trim_end_matches(['均', '的', '要', '应', '都']);
    let seg = HEDGES.iter().fold(seg, |x, w| x.trim_end_matches(w));
    (seg.chars().count() >= 2 && seg.chars().count() <= 30).then(|| seg.to_string())
}

fn scope_of(s: &str, cstart: usize, num_start: usize) -> Option<String> {
    let mut seg = &s[cstart..num_start];
    for d in date_phrases(seg, None) {
        if d.start == 0 {
            seg = seg[d.end..].trim_start_matches(['，', ',']);
        }
    }
    if !any_prefix(seg, &["每个", "每", "各", "全省", "全市", "所有"])
        || seg.starts_with("每千")
        || seg.starts_with("每万")
        || seg.starts_with("每百")
    {
        return None;
    }
    let stops = ["至少", "分别", "建", "要", "应", "都", "均", "全部", "基本", "达到", "不低于", "不少于", "达", "实现", "设", "配"];
    let cut = stops.iter().filter_map(|w| seg.find(w)).filter(|&p| p > 0).min().unwrap_or(seg.len());
    let scope = &seg[..cut];
    (scope.chars().count() >= 2 && scope.chars().count() <= 16).then(|| scope.to_string())
}

fn per_of(s: &str, cstart: usize, num_start: usize) -> Option<String> {
    let seg = &s[cstart..num_start];
    let mut p = seg.rfind('每')?;
    // 每人每月: the denominator starts at the first 每 of the chain.
    while let Some(q) = seg[..p].rfind('每') {
        if seg[q..p].chars().count() <= 3 && !seg[q..p].contains(['，', '、', '；']) {
            p = q;
        } else {
            break;
        }
    }
    let mut per = &seg[p + '每'.len_utf8()..];
    for tail in ["拥有", "配备", "达到", "有", "达"] {
        if let Some(x) = per.strip_suffix(tail) {
            per = x;
            break;
        }
    }
    let n = per.chars().count();
    if n == 0 || n > 10 || per.starts_with('个') || ["至少", "建", "要", "应", "均", "都", "分别"].iter().any(|w| per.contains(w))
    {
        return None;
    }
    Some(per.to_string())
}

/// The condition a target holds under, from the conditions rejected in its
/// sentence: the nearest one before it in the same sentence or semicolon clause (对单户担保金额500万元
/// 及以下的…收取的担保费率原则上不超过1% → 单户担保金额500万元及以下).
fn attach_conditions(s: &str, targets: &mut [Target], conditions: &[(usize, usize)]) {
    // A condition reaches to the end of its sentence or its semicolon clause.
    const BREAKS: [char; 7] = ['。', '；', ';', '！', '？', '\n', '!'];
    for t in targets {
        let sstart = start_within(s, t.number_start, &BREAKS, 1500);
        let k = conditions.partition_point(|c| c.0 < t.number_start);
        if let Some(&(a, b)) = conditions[..k].last().filter(|c| c.0 >= sstart) {
            t.condition = Some(s[a..b].into());
        }
    }
}

/// The phrase of a condition: the attribute noun before the number (up to the
/// clause start or a preposition) through the number, its unit and comparator.
fn condition_span(r: &Reading) -> (usize, usize) {
    let before = r.before();
    let cut = ["对", "、", "，", "的", "按", "凡"].iter().filter_map(|w| before.rfind(w).map(|p| p + w.len())).max().unwrap_or(0);
    let cut = if before.len() - cut > 36 { before.floor_char_boundary(before.len() - 36) } else { cut };
    (r.cstart + cut, r.end_with_cmp())
}

// ---------------------------------------------------------------------------
// Finding the numbers

/// Find the targets of one text. `year` resolves deadlines written without one.
pub fn find_targets(s: &str, year: Option<i32>, lex: &slogans::Lexicon) -> Vec<Target> {
    let t = crate::text::scan::triggers(s);
    let found = slogans::find_at(s, lex, &t.cn_numerals);
    let dates = date_phrases_at(s, year, &t.date_starts);
    scan_numbers(s, &found, &dates, &crate::text::lines::find_doc_numbers(s), &t.numerals, &mut |_, _| {})
}

/// A Chinese numeral counts only with a measure word, 倍, %, 点 or a counted
/// 大 after its run (most are inside words: 进一步, 统一).
fn cn_run_may_count(s: &str, run_end: usize) -> bool {
    let rest = &s[run_end..];
    let next = rest.chars().next();
    next.is_some_and(|n| matches!(n, '倍' | '%' | '％' | '点' | '次') || CN_MEASURES.iter().any(|m| m.starts_with(n)))
        || rest.starts_with('大') && slogans::big_count(&rest['大'.len_utf8()..])
        || any_prefix(rest, &TIME_UNITS)
}

/// Every number of a text judged once, in order; `on` hears each verdict. The
/// targets found get the conditions rejected in their sentence.
fn scan_numbers(
    s: &str,
    found: &[slogans::Found],
    dates: &[DatePhrase],
    numbers: &[(usize, usize)],
    numerals: &[usize],
    on: &mut dyn FnMut(&Num, Verdict),
) -> Vec<Target> {
    let ex = Spans::new(exclusions(s, found, numbers));
    let date_spans = Spans::new(dates.iter().map(|d| (d.start, d.end)).collect());
    let mut out = Vec::new();
    let mut conditions = Vec::new();
    let mut next_free = 0; // numbers already read end here
    let mut run = (0, 0); // the run of Chinese numeral characters last measured
    for &i in numerals {
        if i < next_free {
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        if matches!(c, '百' | '千') && !s[i..].starts_with("百分之")
            || continues_number(s, i, c)
            || ex.contains(i)
            || date_spans.contains(i)
        {
            continue;
        }
        if cn_digit(c).is_some() || c == '十' {
            // The run is measured once (a run of thousands of numerals stays
            // linear); a numeral is read at most MAX_CN_NUMERAL characters.
            if !(run.0 <= i && i < run.1) {
                run = (i, cn_run_end(s, i));
            }
            // A run longer than any numeral (a flattened table, OCR noise) is no
            // number; nor is one that no measure word, 倍 or % follows.
            let run_end = run.1;
            if s[i..run_end].chars().nth(MAX_CN_NUMERAL).is_some() || !cn_run_may_count(s, run_end) {
                next_free = run_end;
                continue;
            }
        }
        let Some(num) = read_number(s, i) else { continue };
        if num.form == NumForm::Chinese && !num.percent && !cn_run_may_count(s, num.end) {
            next_free = num.end;
            continue;
        }
        match judge(s, &num, dates) {
            Ok(t) => {
                on(&num, Verdict::Target(t.rule));
                next_free = t.end.max(num.end);
                out.push(t);
            }
            Err(why) => {
                on(&num, Verdict::Not(why));
                if why.starts_with("condition") {
                    if let Ok(r) = read_quantity(s, &num) {
                        conditions.push(condition_span(&r));
                    }
                }
                next_free = num.end;
            }
        }
    }
    attach_conditions(s, &mut out, &conditions);
    out
}

fn continues_number(s: &str, i: usize, c: char) -> bool {
    prev_char(s, i).is_some_and(|p| {
        digit_value(p).is_some()
            || p == '.'
            || p == '．'
            || (cn_digit(p).is_some() && cn_digit(c).is_some())
            || matches!(p, '十' | '百' | '千')
    })
}

/// The end of the run of Chinese numeral characters starting at `i`.
fn cn_run_end(s: &str, i: usize) -> usize {
    s[i..]
        .char_indices()
        .find(|&(_, x)| !(cn_digit(x).is_some() || matches!(x, '十' | '百' | '千' | '万' | '亿')))
        .map_or(s.len(), |(k, _)| i + k)
}

/// What is due by a deadline: the rest of its sentence, or for a date in
/// brackets after a title (制定工作方案（4月25日前）), the title.
fn action_of(s: &str, d: &DatePhrase) -> String {
    let before = s[..d.start].trim_end();
    let opened_bracket = before.ends_with(['（', '(']);
    if opened_bracket {
        // A title is short: look back a bounded way (many dates in one sentence stay linear).
        let title_start = start_within(s, d.start, &SENTENCE_BREAKS, 600);
        let t = before.trim_end_matches(['（', '(']);
        return t[title_start.min(t.len())..].trim().to_string();
    }
    let from = d.end;
    let rest = s[from..].trim_start_matches(['，', ',', '：', ':', '）', ')', '。', ' ']);
    let start = s.len() - rest.len();
    let action: String = s[start..].chars().take_while(|c| !SENTENCE_BREAKS.contains(c)).take(80).collect();
    action.trim_end_matches(['，', '；', ',', ';']).to_string()
}

/// The indicators one number covers when it is written once for a list
/// (街道综合养老服务机构、社区日间照料中心、农村养老服务设施覆盖率均达到100% → three
/// coverage rates). The target stays one (SCHEMA: "One number that covers
/// several indicators is one target"); its items line up one by one in the
/// `target_items` frame, tied by `group`.
fn listed_items(s: &str, t: &Target) -> Vec<String> {
    let Some(ind) = t.indicator.as_deref() else { return Vec::new() };
    let before = &s[start_within(s, t.number_start, &CLAUSE_BREAKS, 600)..t.number_start];
    if !before.contains('均') && !before.contains("分别") {
        return Vec::new();
    }
    // The clause before the comparator lists the items with 、; the measure
    // (覆盖率) is written once, after the last item.
    let cstart = start_within(s, t.number_start, &CLAUSE_BREAKS, 600);
    let seg = &s[cstart..t.start.max(cstart)];
    if !seg.contains('、') || !ind.chars().all(is_han) {
        return Vec::new();
    }
    let seg = seg.trim_end_matches("分别").trim_end_matches(['均', '都']);
    let measure = ["覆盖率", "达标率", "比例", "占比", "比重", "率"].iter().find(|m| seg.ends_with(**m)).copied().unwrap_or("");
    let body = &seg[..seg.len() - measure.len()];
    let body = date_phrases(body, None).first().filter(|d| d.start == 0).map_or(body, |d| body[d.end..].trim_start_matches(['，', ',']));
    let body = longest_prefix(body, &LEADING).map_or(body, |w| &body[w.len()..]);
    let items: Vec<String> = body.split('、').map(|x| format!("{x}{measure}")).filter(|x| x.chars().count() >= 2).collect();
    if items.len() < 2 {
        return Vec::new();
    }
    items
}

/// Where the context that names a target's indicator ends: its clause, and
/// the next clause when nothing follows the number in its own (30天内，组织入院
/// 评估 — the time limit is for what follows).
fn context_end(s: &str, from: usize) -> usize {
    // Not into the next number: that is another target's (30%用于民政服务设施建设、
    // 省本级彩票公益金55%以上用于发展养老服务事业).
    let e = end_within(s, from, &CLAUSE_BREAKS, 300);
    let e = s[from..e].find(|c: char| digit_value(c).is_some()).map_or(e, |p| from + p);
    if s[from..e].chars().count() >= 4 || e >= s.len() || SENTENCE_BREAKS.iter().any(|&b| s[e..].starts_with(b)) {
        return e;
    }
    let next = e + s[e..].chars().next().map_or(0, char::len_utf8);
    end_within(s, next, &CLAUSE_BREAKS, 300)
}

/// What a document commits to: its numbered formulations, quantitative targets
/// and deadlines, read from its task records in one pass per record (the
/// slogans and date phrases of a record are found once and shared). Each
/// target's `indicator_id` comes from `indicators`.
pub fn extract(doc: &Document, lex: &slogans::Lexicon, indicators: &Indicators) -> (Vec<slogans::Slogan>, Vec<Target>, Vec<Deadline>) {
    let (mut sl, mut tg, mut dl) = (Vec::new(), Vec::new(), Vec::new());
    let mut groups = 0u32;
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.kind != BlockKind::Task {
            continue;
        }
        let text = b.text(&doc.text);
        let triggers = crate::text::scan::triggers(text);
        let found = slogans::find_at(text, lex, &triggers.cn_numerals);
        let dates = date_phrases_at(text, doc.meta.year, &triggers.date_starts);
        let numbers = crate::text::lines::find_doc_numbers(text);
        // In a table row the deadline is a column after the task: it dates the row.
        let row_deadline = (b.style == Some(crate::model::facts::Style::Row))
            .then(|| dates.last().map(|d| CompactString::from(d.date.as_str())))
            .flatten();
        for t in scan_numbers(text, &found, &dates, &numbers, &triggers.numerals, &mut |_, _| {}) {
            let o = b.text_start;
            let deadline = t.deadline.clone().or_else(|| row_deadline.clone());
            let items = listed_items(text, &t);
            let to = context_end(text, t.end.max(t.number_end));
            let clause = &text[start_within(text, t.number_start, &CLAUSE_BREAKS, 600)..to];
            let sentence = &text[start_within(text, t.number_start, &SENTENCE_BREAKS, 1500)..to];
            let id = indicators.classify(&t, &[clause, sentence]);
            let item_ids: Vec<Option<String>> =
                items.iter().map(|x| indicators.classify(&Target { indicator: Some(x.as_str().into()), ..t.clone() }, &[x])).collect();
            let mut t = Target {
                block: i,
                start: t.start + o,
                end: t.end + o,
                number_start: t.number_start + o,
                number_end: t.number_end + o,
                deadline,
                ..t
            };
            t.indicator_id = id.map(Into::into);
            if !items.is_empty() {
                groups += 1;
                t.group = Some(groups);
                t.item_ids = item_ids;
                t.items = items;
            }
            tg.push(t);
        }
        let numbers = Spans::new(numbers);
        for d in &dates {
            if numbers.contains(d.start) {
                continue;
            }
            dl.push(Deadline {
                block: i,
                start: b.text_start + d.start,
                end: b.text_start + d.end,
                date: d.date.as_str().into(),
                phrase: text[d.start..d.end].into(),
                action: action_of(text, d).into(),
            });
        }
        sl.extend(slogans::once_per_record(i, b.text_start, found));
    }
    (sl, tg, dl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_comparator_word_starts_where_the_walk_looks() {
        for (w, _) in BEFORE {
            assert!(may_start_comparator(w.chars().next().unwrap()), "{w}");
        }
    }

    /// (value, value_max, unit, comparator, deadline)
    type Row = (f64, Option<f64>, String, &'static str, Option<String>);

    fn t(s: &str) -> Vec<Row> {
        find_targets(s, Some(2020), &slogans::Lexicon::default())
            .into_iter()
            .map(|t| (t.value, t.value_max, t.unit.into(), t.comparator.symbol(), t.deadline.map(Into::into)))
            .collect()
    }

    #[test]
    fn a_share_allocated_by_jiang_is_a_commitment_not_a_threshold() {
        // 将…用于 commits a share of a fund; the same bound on a noun without it is a condition.
        let got = t("各级政府用于社会福利事业的彩票公益金，要将不低于55%的资金用于支持发展养老服务。");
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].0, got[0].2.as_str(), got[0].3), (55.0, "%", ">="));
        assert!(t("对年收入不低于5万元的家庭给予补贴。").is_empty());
    }

    fn values(s: &str) -> Vec<f64> {
        t(s).into_iter().map(|x| x.0).collect()
    }

    #[test]
    fn reads_commitments() {
        assert_eq!(t("城乡特困人员基本生活标准不低于当地上年度城乡低保标准的1.3倍"), [(1.3, None, "倍".into(), ">=", None)]);
        assert_eq!(values("落实省政府“支持100个农村社会福利服务中心、50个农村养老服务大院或互助养老场所改善服务条件”"), [100.0, 50.0]);
        assert_eq!(t("争取将1至2个地区纳入全国第二批试点"), [(1.0, Some(2.0), "个".into(), "=", None)]);
        assert_eq!(t("到2022年底每个县(区)至少建有一所标准较高的照护服务设施"), [(1.0, None, "所".into(), ">=", Some("2022-12".into()))]);
        assert!(t("做实做细全省53.9万建档立卡贫困对象的数据比对工作").is_empty(), "a population base is not a commitment");
        assert_eq!(t("新增养老床位1.2万张"), [(12000.0, None, "张".into(), "=", None)]);
        assert_eq!(
            t("力争完成1个平台、1个中心、3个基础库和4个综合系统基础架构建设"),
            [1.0, 1.0, 3.0, 4.0].iter().map(|&v| (v, None, "个".to_string(), "=", None)).collect::<Vec<_>>()
        );
        assert_eq!(t("省本级彩票公益金55%以上用于发展养老服务事业"), [(55.0, None, "%".into(), ">=", None)]);
        assert_eq!(t("民政管理服务人员不少于3名"), [(3.0, None, "名".into(), ">=", None)]);
        assert_eq!(t("覆盖率控制在百分之十五以内"), [(15.0, None, "%".into(), "<=", None)]);
        assert_eq!(t("城乡社区服务设施达标率达９５％以上"), [(95.0, None, "%".into(), ">=", None)]);
        assert_eq!(t("救助比例提高到10%-15%"), [(10.0, Some(15.0), "%".into(), "=", None)]);
    }

    #[test]
    fn per_scope_indicator() {
        let x = &find_targets("到2015年,养老机构床位数达到每千名老年人30张以上", Some(2012), &Default::default())[0];
        assert_eq!(
            (x.per.as_deref(), x.indicator.as_deref(), x.deadline.as_deref()),
            (Some("千名老年人"), Some("养老机构床位数"), Some("2015"))
        );
        let x = &find_targets("各省辖市分别建有1所功能设施齐全的社会福利院", None, &Default::default())[0];
        assert_eq!((x.scope.as_deref(), x.indicator.as_deref()), (Some("各省辖市"), Some("功能设施齐全的社会福利院")));
    }

    #[test]
    fn exclusions() {
        for s in [
            "贯彻《关于加强养老服务的意见》（吉发〔2016〕20号）",
            "持续推进2018年-2020年整合改造计划",
            "落实《法治宣传教育第七个五年规划（2016—2020年）》",
            "全面贯彻党的十九大和十九届二中、三中、四中全会精神，省委十届八次全会",
            "开展建军90周年系列庆祝活动",
            "充分挖掘“95105151”“12349”呼叫平台作用，联系电话：0431-88906188",
            "纳入全国第二批试点，开展第三方评估",
            "强化“四个意识”，创建“六型机关”",
            "人口在5万人以下的乡镇(街道)，人口多于5万人的乡镇",
            "加快推进市县两级救灾物资储备库建设，省、市、县三级民政部门",
            "开展培育发展社区社会组织三年专项行动",
            "推进全国两会精神学习，加强村“两委”建设，推动一张表单受理，进一步统一标准",
            "启动阶段(3月1日-15日）",
            "按照《实施方案》要求，分4个阶段目标推进",
            "指导长春市朝阳区、宽城区，辉南县4个省级联系点，在城乡社区协商方面加强探索",
            "顺应5G、人工智能发展趋势，形成1+N制度体系框架",
            "作为当前和今后一个时期首要的政治任务",
            "…3541.07万元2.3本项目",
            "“十三五”时期民政事业发展规划，“十四五”规划",
            "一是加强组织领导，二是完善制度，三是强化督查",
            "本方案于2019年3月11日印发，自2019年4月1日起施行",
        ] {
            let got = t(s);
            let allowed = if s.starts_with('…') { 1 } else { 0 };
            assert!(got.len() == allowed, "{s}: {got:?}");
        }
        // The 2. marker after 万元 does not merge into the number.
        assert_eq!(values("总投资3541.07万元2.3本项目"), [35_410_700.0]);
    }

    /// (value, unit, comparator) of each target.
    fn vuc(s: &str) -> Vec<(f64, String, &'static str)> {
        t(s).into_iter().map(|x| (x.0, x.2, x.3)).collect()
    }

    #[test]
    fn caps_time_limits_frequencies() {
        // Subsidy caps (SCHEMA: 最高补助500万元 is a target with <=), also over a list.
        assert_eq!(vuc("对新认定的国家级孵化器给予每家最高500万元扶持"), [(5_000_000.0, "元".into(), "<=")]);
        assert_eq!(vuc("分别给予最高60万元、40万元扶持"), [(600_000.0, "元".into(), "<="), (400_000.0, "元".into(), "<=")]);
        // Time limits on the administration, with the whole time unit.
        assert_eq!(vuc("县级人民政府民政部门应当自收到初审意见之日起五个工作日内予以审批"), [(5.0, "个工作日".into(), "<=")]);
        assert_eq!(vuc("有关行政机关和单位应当在60日内书面答复"), [(60.0, "日".into(), "<=")]);
        assert_eq!(vuc("力争将伦理审查总体流程时间压缩至3周以内"), [(3.0, "周".into(), "<=")]);
        assert_eq!(vuc("遗体必须在二十四小时内火化"), [(24.0, "小时".into(), "<=")]);
        // Publicity periods and bounded durations.
        assert_eq!(vuc("并在申请人所在村、社区公示七日后报民政部门审批"), [(7.0, "日".into(), "=")]);
        assert_eq!(vuc("不计入的期限不少于六个月，最长不超过十二个月"), [(6.0, "个月".into(), ">="), (12.0, "个月".into(), "<=")]);
        assert_eq!(vuc("按照相关规定一次性给予2年以上的外国人来华工作许可"), [(2.0, "年".into(), ">=")]);
        assert_eq!(vuc("公墓不得一次性收取超过二十年的墓穴管理费"), [(20.0, "年".into(), "<=")]);
        // Frequencies: the count is the value; 一次性 is not one.
        assert_eq!(vuc("文明单位每两年命名一次，满四年重新申报命名"), [(1.0, "次".into(), "=")]);
        assert_eq!(vuc("每年至少召开1次联席会议"), [(1.0, "次".into(), ">=")]);
        assert_eq!(vuc("定期发放的，从批准的次月起计发，每月发放一次"), [(1.0, "次".into(), "=")]);
        // Limits a rule imposes; a duty with a count; N大 counts; bandwidth.
        assert_eq!(vuc("应当使用一点五米以内的牵引带牵领"), [(1.5, "米".into(), "<=")]);
        assert_eq!(vuc("墓穴占地面积不得超过四平方米"), [(4.0, "平方米".into(), "<=")]);
        assert_eq!(vuc("县级以上人民政府应当采取有针对性的措施，确保该家庭至少有一人就业"), [(1.0, "人".into(), ">=")]);
        assert_eq!(vuc("在全省八大水系、草海实施生态补偿"), [(8.0, "".into(), "=")]);
        assert_eq!(vuc("实现视频监控的试点建设，带宽可用性5000M以上"), [(5000.0, "M".into(), ">=")]);
        assert_eq!(
            vuc("在10个以上领域实现实时汇聚，分别形成1000个以上的“数字标签”"),
            [(10.0, "个".into(), ">="), (1000.0, "个".into(), ">=")]
        );
        assert_eq!(vuc("新增首次获批境内第三类医疗器械注册证超500件"), [(500.0, "件".into(), ">")]);
    }

    #[test]
    fn not_commitments() {
        for s in [
            // Fines bind offenders.
            "对个人处以1万元以上10万元以下罚款，对单位处以10万元以上100万元以下罚款",
            "可以并处制造、销售金额一倍以上三倍以下罚款",
            // Conditions: a conditional clause, bounded modifiers, attribute thresholds.
            "年销售收入首次达到2000万元、5000万元、1亿元的，分别给予",
            "有条件的地方可对单户担保金额500万元及以下、平均担保费率不超过1%的担保业务给予适当担保费补贴",
            "对1000亩以上集中连片优质耕地实行永久性保护",
            "培育年产值超100亿元、具备较强国际竞争力的龙头企业",
            "无名死者的骨灰，六个月内无人认领的，由殡仪馆自行处理",
            "超过三个月，丧事承办人不领取的，殡仪馆可以自行处理",
            // Per-unit rates, classification counts, article references.
            "每认定1家给予孵化器",
            "设立文明单位和文明单位标兵两个档次荣誉称号",
            "该《条例》共六章五十七条，违反本条例第二十一条、二十三条规定",
            // Citizens' time limits (责令) and plan horizons.
            "由公安机关责令养犬人在十日内妥善处置",
            "3年内建成",
            // Technology generations and one-time adverbs.
            "推进5G网络在重点企业深度覆盖",
            "一次性给予补助",
        ] {
            assert!(t(s).is_empty(), "{s}: {:?}", t(s));
        }
        // The count of the noun after a condition stands.
        assert_eq!(values("培育年产值超100亿元、具备较强国际竞争力的龙头企业2家"), [2.0]);
    }

    #[test]
    fn what_is_measured() {
        let x = &find_targets("城乡特困人员基本生活标准不低于当地上年度城乡低保标准的1.3倍", None, &Default::default())[0];
        assert_eq!((x.indicator.as_deref(), x.base.as_deref()), (Some("城乡特困人员基本生活标准"), Some("城乡低保标准")));
        let x = &find_targets("按照村总数25%比例推进农村社区建设", None, &Default::default())[0];
        assert_eq!((x.indicator.as_deref(), x.base.as_deref()), (Some("农村社区建设"), Some("村总数")));
        let x = &find_targets("确保红线区域面积占全省国土面积的30%以上", None, &Default::default())[0];
        assert_eq!(x.base.as_deref(), Some("国土面积"));
        // Hedges and conditions.
        let v = find_targets("人口在5万人以下的乡镇(街道),民政管理服务人员不少于3名;争取将1至2个地区纳入试点", None, &Default::default());
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].condition.as_deref(), v[0].hedged), (Some("人口在5万人以下"), false));
        assert!(v[1].hedged && v[1].condition.is_none());
    }

    #[test]
    fn every_decision_has_a_rule() {
        let v = explain("到2015年建成10个服务中心，贯彻十九大精神，对个人处以1万元罚款", Some(2012), &Default::default());
        assert!(v.contains(&("10".to_string(), Verdict::Target("count"))), "{v:?}");
        assert!(v.contains(&("1万".to_string(), Verdict::Not("fine"))), "{v:?}");
        assert!(v.iter().all(|(_, w)| !matches!(w, Verdict::Not("") | Verdict::Target(""))));
    }
}
