//! Actors: the public bodies a record's own sentences make act, kept apart
//! from the explicit attribution (`departments`). Chinese policy prose names
//! who acts in a few fixed ways (党政机关公文处理工作条例 texts, 意见/工作要点/
//! 条例 alike):
//!
//! * the subject at the head of a clause, before its predicate: 各级民政部门要…,
//!   县级以上人民政府应当…, 省民政厅会同…, 各地要…, 全省统一…;
//! * the agent of 由: 由县级民政部门负责…, 由法规处…形成…;
//! * a body joined by 会同/联合/协同/与…共同 (joint) or 协调/配合/协助
//!   (coordinate), also when the subject is implied: 联合市场监管部门出台…
//! * in regulations (地方性法规, 办法), a subject named by a relative clause
//!   (参照执行本条例的县（市）人大常委会应当…); the condition of a liability
//!   clause (有关部门不履行职责的，由…) does not act, its 由-agent does.
//!
//! Bodies that are only objects, recipients or places (指导各地…, 向民政部报告,
//! 在省民政厅指导下, 报县级人民政府批准), possessors (省政府的…), names inside
//! a cited title 《…》, the names of an attribution and persons, enterprises,
//! financial institutions, universities and associations are not actors (the
//! rule is the "actors" section of the gold SCHEMA).
//!
//! ```
//! use zhengce::extract::actors::actors_in;
//! let got: Vec<_> = actors_in("省民政厅要会同省财政厅制定办法，指导各地做好工作。", 0)
//!     .into_iter().map(|a| (a.name, a.role.name())).collect();
//! assert_eq!(got, [("省民政厅".to_string(), "lead"), ("省财政厅".to_string(), "joint")]);
//! ```

use crate::layout::departments::{is_attribution_group, split_attribution};
use crate::model::document::Document;
use crate::model::facts::{Actor, ActorRole};
use crate::text::affix::{any_prefix, any_suffix};
use std::sync::OnceLock;

/// The actors of every record of a document, in record order.
pub fn extract(doc: &Document) -> Vec<Actor> {
    let mut out = Vec::new();
    // Task records only (numbered items, SCHEMA "records"): a cover notice or
    // preamble is not a task.
    for (i, b) in doc.records().filter(|(_, b)| !b.path.is_empty()) {
        let body = b.text(&doc.text);
        let (core, _) = split_attribution(body);
        for mut a in actors_in(core, b.text_start) {
            a.block = i;
            out.push(a);
        }
    }
    out
}

/// The actors of one text (`base`: its byte offset in the document), once
/// each, in order of first appearance; `block` is left 0.
pub fn actors_in(text: &str, base: usize) -> Vec<Actor> {
    MEMO.with(|m| *m.borrow_mut() = Some(Default::default()));
    let found = actors_of(text, base);
    MEMO.with(|m| *m.borrow_mut() = None);
    found
}

/// [`actors_in`], run with the memo of [`names_at`] set.
fn actors_of(text: &str, base: usize) -> Vec<Actor> {
    let masked = mask(text);
    let mut found: Vec<Actor> = Vec::new();
    let spans = clauses(&masked);
    for (k, &(a, b)) in spans.iter().enumerate() {
        // Every name ends in a character a body can end in (see `names_at`):
        // a clause without one names no actor, and most clauses have none.
        if !masked[a..b].chars().any(may_end_body) {
            continue;
        }
        // A subject set off by a comma (…等有关部门，按照各自职责做好…): the
        // clause is only names and the next one opens with a predicate.
        let names_only = |b: usize| spans.get(k + 1).filter(|&&(na, _)| set_off(&masked[b..na]) && only_names(&masked[a..b]));
        let merged = match names_only(b) {
            Some(&(na, nb)) if predicate(&masked[na..nb]).is_some() => nb,
            _ => b,
        };
        // Subjects listed across commas share the predicate of the last
        // (各市（州），长白山管委会调度…).
        let shared = match names_only(b) {
            Some(&(na, nb)) if merged == b => subject(&masked[na..nb]).first().map(|&(_, _, verb, role)| (verb, role)),
            _ => None,
        };
        let b = merged;
        let clause = &masked[a..b];
        let mut push = |s: usize, e: usize, verb: &str, role: ActorRole| {
            let name = &text[a + s..a + e];
            if !found.iter().any(|x| x.name == name) {
                found.push(Actor {
                    block: 0,
                    name: name.to_string(),
                    verb: verb.to_string(),
                    role,
                    start: base + a + s,
                    end: base + a + e,
                });
            }
        };
        // The condition of a legal-liability clause (有关部门不履行职责的，由…;
        // 国家机关及其工作人员…滥用职权的，依法给予处分): its subject does not
        // act, the 由-agent of the sentence does. A circumstance of the
        // subject's own duty (…部门决定停止救助的，应当说明理由) is not a condition.
        let next = masked[b..].trim_start_matches(|c: char| c == '，' || c == ',' || is_space(c));
        let own_duty = any_prefix(next, &["应当", "应", "要", "须", "必须", "可以", "可"]);
        let condition = clause.trim_end_matches(is_space).ends_with('的') && !own_duty;
        // Events in the order they occur in the clause.
        let mut events = if condition { Vec::new() } else { subject(clause) };
        if let Some((verb, role)) = shared {
            let names = names_at(clause, skip_openers(clause)).map_or(Vec::new(), |(n, _)| n);
            events.extend(names.into_iter().map(|(s, e)| (s, e, verb, role)));
        }
        events.extend(agents(clause));
        events.extend(partners(clause));
        events.sort_by_key(|e| e.0);
        for (s, e, verb, role) in events {
            push(s, e, verb, role);
        }
    }
    found
}

/// What may set a subject off from its predicate: a comma, or a masked
/// parenthesis (…管理委员会（以下简称管委会）作为…).
fn set_off(gap: &str) -> bool {
    gap.starts_with(['，', ',']) || (!gap.is_empty() && gap.chars().all(|c| c == '□'))
}

/// One found name: (start, end, verb, role), offsets in the clause.
type Event = (usize, usize, &'static str, ActorRole);

/// Replace what can never hold an actor by placeholders of the same byte
/// length: cited titles 《…》 (GB/T 9704 cites documents by title in book-title
/// marks) and bracketed attributions inside a paragraph (（省X厅牵头）).
fn mask(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut skip_until = 0;
    let mut title_depth = 0;
    let closes = closings(text);
    let closing = |open: usize| closes.binary_search_by_key(&open, |&(o, _)| o).ok().map(|k| closes[k].1);
    for (i, c) in text.char_indices() {
        if i < skip_until {
            out.push_str(placeholder(c));
            continue;
        }
        match c {
            '《' => title_depth += 1,
            '》' => title_depth = (title_depth - 1).max(0),
            '（' | '(' if title_depth == 0 => {
                if let Some(close) = closing(i) {
                    if is_attribution_group(&text[i..close]) {
                        skip_until = close;
                        out.push_str(placeholder(c));
                        continue;
                    }
                }
            }
            _ => {}
        }
        if title_depth > 0 || c == '》' {
            out.push_str(placeholder(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// A character of the same UTF-8 length that is neither part of a name nor a
/// clause break.
fn placeholder(c: char) -> &'static str {
    match c.len_utf8() {
        1 => "#",
        2 => "§",
        3 => "□",
        _ => "🀫",
    }
}

/// Each bracket that closes within its sentence: (offset of the opening
/// bracket, offset just after its closing one), in order of opening. One pass
/// with a stack: scanning forward from every opening bracket was quadratic on
/// a line of unclosed brackets (OCR output, a broken table).
fn closings(text: &str) -> Vec<(usize, usize)> {
    let mut open: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' => open.push(i),
            '）' | ')' => {
                if let Some(o) = open.pop() {
                    out.push((o, i + c.len_utf8()));
                }
            }
            // A bracket never runs over a sentence end or a line.
            '。' | '\n' => open.clear(),
            _ => {}
        }
    }
    out.sort_unstable();
    out
}

/// Clauses: runs between sentence and clause punctuation.
fn clauses(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if matches!(c, '。' | '；' | ';' | '！' | '？' | '!' | '?' | '，' | ',' | '：' | ':' | '\n' | '□') {
            if i > start {
                out.push((start, i));
            }
            start = i + c.len_utf8();
        }
    }
    if start < s.len() {
        out.push((start, s.len()));
    }
    out
}

/// A clause that is a list of bodies and nothing else (also one named by a
/// relative clause: 接到举报、投诉的部门，应当…).
fn only_names(clause: &str) -> bool {
    let p = skip_openers(clause);
    let to_end = |(_, end): (Vec<(usize, usize)>, usize)| clause[end..].trim_matches(is_space).is_empty();
    names_at(clause, p).is_some_and(to_end) || relative_subject(clause, p).is_some_and(to_end)
}

/// Words a clause may open with before its subject: connectives and time
/// phrases (到2022年底, 2013年, 今后).
const OPENERS: [&str; 16] =
    ["同时", "此外", "另外", "其中", "并且", "并", "今后", "今年", "明年", "目前", "当前", "近期", "原则上", "为此", "对此", "届时"];

/// Byte length of the openers at the head of a clause.
fn skip_openers(s: &str) -> usize {
    let mut p = s.len() - s.trim_start_matches(is_space).len();
    loop {
        let rest = &s[p..];
        if let Some(o) = OPENERS.iter().find(|o| rest.starts_with(**o)) {
            p += o.len();
            continue;
        }
        let t = time_phrase(rest);
        if t == 0 {
            return p;
        }
        p += t;
    }
}

/// A leading time phrase: (到|至|在)? N年(N月)?(底|末|前|内|起|以来)?.
fn time_phrase(s: &str) -> usize {
    let mut p = ["到", "至", "自", "从"].iter().find(|w| s.starts_with(**w)).map_or(0, |w| w.len());
    let digits = |t: &str| {
        t.char_indices()
            .take_while(|(_, c)| c.is_ascii_digit() || "０１２３４５６７８９一二三四五六七八九十〇○零".contains(*c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    let mut any = false;
    for unit in ["年", "月", "日"] {
        let d = digits(&s[p..]);
        if d > 0 && s[p + d..].starts_with(unit) {
            p += d + unit.len();
            any = true;
        }
    }
    if !any {
        return 0;
    }
    for tail in ["以来", "年底", "底", "末", "前", "内", "起", "初", "中"] {
        if s[p..].starts_with(tail) {
            p += tail.len();
            break;
        }
    }
    p
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// The subject at the head of a clause, with the role its predicate gives.
fn subject(clause: &str) -> Vec<Event> {
    let p = skip_openers(clause);
    // A masked parenthesis between subject and predicate is skipped (see set_off).
    let past_mask = |end: usize| end + clause[end..].len() - clause[end..].trim_start_matches('□').len();
    let found = names_at(clause, p).map(|(n, end)| (n, past_mask(end))).filter(|(_, end)| predicate(&clause[*end..]).is_some());
    let Some((names, end)) = found.or_else(|| relative_subject(clause, p)) else { return Vec::new() };
    let Some((verb, after)) = predicate(&clause[end..]) else { return Vec::new() };
    // 各县编制的规划, 本市出台的措施: the verb is in a relative clause.
    if clause[end + after..].starts_with('的') {
        return Vec::new();
    }
    let role = role_of(verb, &clause[end + after..]);
    names.into_iter().map(|(s, e)| (s, e, verb, role)).collect()
}

/// The modals and duty verbs of regulations (应当, 负责): the predicates that
/// follow a subject named by a relative clause.
const DUTY_WORDS: [&str; 11] = ["应当", "应该", "必须", "要", "应", "须", "可以", "可", "负责", "具体", "统筹"];

/// Heads that name no body without their modifier (部门, 机关): a body named
/// by a relative clause keeps the clause (承担监督管理职责的部门).
const GENERIC_HEADS: [&str; 7] = ["部门", "机关", "机构", "管理机构", "工作机构", "单位", "组织"];

/// A subject named by a relative clause or a possessor, as regulations write
/// it (参照执行本条例的县（市）人大常委会应当…, 民政部门所属的殡葬管理机构负责…,
/// 受理举报、投诉的机关应当…): the name after 的, or the whole phrase where
/// that name is only a generic head. A clause that opens with a preposition
/// (对…的单位予以表彰, 作为…的派出机构) has no such subject.
fn relative_subject(clause: &str, p: usize) -> Option<(Vec<(usize, usize)>, usize)> {
    const PREPOSITIONS: [char; 17] = ['对', '向', '在', '由', '把', '被', '与', '以', '经', '报', '从', '为', '给', '按', '依', '根', '通'];
    if p >= clause.len() || clause[p..].starts_with(PREPOSITIONS) || clause[p..].starts_with("作为") {
        return None;
    }
    // A body at the head that already has its predicate is the subject.
    if names_at(clause, p).is_some_and(|(_, end)| predicate(&clause[end..]).is_some()) {
        return None;
    }
    for (i, _) in clause[p..].match_indices('的') {
        let q = p + i + '的'.len_utf8();
        let Some((names, end)) = names_at(clause, q) else { continue };
        // Only a duty follows such a subject (…的部门应当/负责); 修订的…省民政厅规范性文件
        // is a noun phrase.
        let rest = &clause[end..];
        if !rest.trim_matches(is_space).is_empty() && !predicate(rest).is_some_and(|(v, _)| DUTY_WORDS.contains(&v)) {
            continue;
        }
        let mut names = names;
        if let Some(first) = names.first_mut() {
            // One relative clause only: 机场…等公共场所和…较多的单位 is a
            // description, not a body's name.
            if GENERIC_HEADS.contains(&&clause[first.0..first.1]) {
                if clause[p..first.0].matches('的').count() > 1 {
                    return None;
                }
                first.0 = p;
            }
        }
        return Some((names, end));
    }
    None
}

/// The agent of 由 (由县级民政部门负责, 由法规处…形成): wherever 由 stands, also
/// inside a modifier (SCHEMA ruling).
fn agents(clause: &str) -> Vec<Event> {
    let mut out = Vec::new();
    for (i, _) in clause.match_indices('由') {
        let before = clause[..i].chars().next_back();
        let after = &clause[i + '由'.len_utf8()..];
        if matches!(before, Some('经' | '理' | '自' | '缘' | '事' | '因')) || after.starts_with(['于', '此', '来', '衷']) {
            continue;
        }
        let p = i + '由'.len_utf8();
        if let Some((names, end)) = names_at(clause, p) {
            // 由新片区行业代表性企业评定: a place before a noun is a scope.
            let scope = names.iter().all(|&(s, e)| is_level_list(&clause[s..e])) && predicate(&clause[end..]).is_none();
            if !scope && !rejects(&clause[end..]) {
                out.extend(names.into_iter().map(|(s, e)| (s, e, "由", ActorRole::Lead)));
            }
        }
    }
    out
}

/// Joining verbs and the role they give the body they join.
const JOINERS: [(&str, ActorRole); 6] = [
    ("会同", ActorRole::Joint),
    ("协同", ActorRole::Joint),
    ("联合", ActorRole::Joint),
    ("协调", ActorRole::Coordinate),
    ("配合", ActorRole::Coordinate),
    ("协助", ActorRole::Coordinate),
];

/// Bodies joined by 会同/联合/协调/配合/协助 (联合市场监管部门出台…), not a
/// partner inside a noun phrase (与扶贫部门的衔接: 的 follows).
fn partners(clause: &str) -> Vec<Event> {
    let mut out = Vec::new();
    for (w, role) in JOINERS {
        for (i, _) in clause.match_indices(w) {
            let p = i + w.len();
            if clause[p..].starts_with('会') {
                continue;
            }
            if let Some((names, end)) = names_at(clause, p) {
                // 协调全省…工作: a place word before a noun is a scope, not a
                // partner; a joined place acts only with a verb after it.
                let scope = names.iter().all(|&(s, e)| is_level_list(&clause[s..e])) && predicate(&clause[end..]).is_none();
                if !scope && (clause[end..].is_empty() || !rejects(&clause[end..])) {
                    out.extend(names.into_iter().map(|(s, e)| (s, e, w, role)));
                }
            }
        }
    }
    // 与民政部门共同做好…: a partner of a joint action, as with 会同.
    for (i, _) in clause.match_indices('与') {
        if let Some((names, end)) = names_at(clause, i + '与'.len_utf8()) {
            if any_prefix(&clause[end..], &["共同", "一起", "一道"]) {
                out.extend(names.into_iter().map(|(s, e)| (s, e, "与", ActorRole::Joint)));
            }
        }
    }
    out
}

/// What may follow a name and still make it a possessor, a modifier or a
/// list, not the one who acts.
fn rejects(rest: &str) -> bool {
    rest.is_empty()
        || rest.starts_with(['的', '之', '所', '、', '和', '与', '及', '等', '）', ')', '□', '#'])
        || any_prefix(rest, &["工作人员", "人员", "干部", "负责人", "领导", "职责", "关于", "系统"])
}

/// Words that open a predicate after a subject: modals, adverbs and the
/// verbs of duty and action of the genre. Longest first where one is a
/// prefix of another.
const PREDICATES: [&str; 199] = [
    "应当",
    "应该",
    "必须",
    "务必",
    "可以",
    "要",
    "应",
    "须",
    "可",
    "能",
    "将",
    "会同",
    "联合",
    "协调",
    "配合",
    "协助",
    "负责",
    "牵头",
    "组织",
    "指导",
    "督促",
    "监督",
    "督导",
    "检查",
    "考核",
    "推动",
    "支持",
    "引导",
    "鼓励",
    "统筹",
    "研究",
    "制定",
    "出台",
    "建立",
    "建设",
    "健全",
    "完善",
    "开展",
    "推进",
    "推行",
    "推广",
    "加强",
    "加大",
    "加快",
    "做好",
    "做实",
    "抓好",
    "落实",
    "实施",
    "执行",
    "提供",
    "给予",
    "设立",
    "设置",
    "建有",
    "按照",
    "依法",
    "依照",
    "依据",
    "根据",
    "结合",
    "通过",
    "分别",
    "共同",
    "积极",
    "切实",
    "主动",
    "及时",
    "定期",
    "每年",
    "进一步",
    "全面",
    "认真",
    "严格",
    "不得",
    "予以",
    "进行",
    "对",
    "在",
    "向",
    "把",
    "从",
    "于",
    "统一",
    "带头",
    "确保",
    "保障",
    "负有",
    "承担",
    "主管",
    "发挥",
    "是",
    "为",
    "作为",
    "已",
    "均",
    "都",
    "也",
    "还",
    "要求",
    "明确",
    "安排",
    "筹集",
    "列入",
    "纳入",
    "核定",
    "审核",
    "审批",
    "批准",
    "决定",
    "确定",
    "公布",
    "发布",
    "编制",
    "指定",
    "提出",
    "逐步",
    "力争",
    "争取",
    "优先",
    "继续",
    "持续",
    "不断",
    "大力",
    "着力",
    "努力",
    "充分",
    "广泛",
    "深入",
    "具体",
    "坚持",
    "注重",
    "采取",
    "完成",
    "组建",
    "成立",
    "召开",
    "举办",
    "规范",
    "参与",
    "履行",
    "办理",
    "受理",
    "管理",
    "宣传",
    "实现",
    "至少",
    "基本",
    "全部",
    "初步",
    "率先",
    "普遍",
    "一律",
    "建成",
    "深化",
    "提请",
    "争取",
    "提升",
    "优化",
    "强化",
    "扩大",
    "提高",
    "促进",
    "动员",
    "发动",
    "依托",
    "利用",
    "整合",
    "打造",
    "培育",
    "构建",
    "形成",
    "贯彻",
    "调度",
    "查处",
    "责令",
    "处罚",
    "处以",
    "没收",
    "接到",
    "移交",
    "不能",
    "进入",
    "围绕",
    "聚焦",
    "立足",
    "倡导",
    "禁止",
    "协同",
    "实行",
    "试行",
    "放宽",
    "不予",
    "密切",
    "发现",
    "以",
    "加以",
    "核实",
    "核查",
];

/// The predicate that opens `rest` and the byte offset just after it.
fn predicate(rest: &str) -> Option<(&'static str, usize)> {
    let mut skipped = rest.len() - rest.trim_start_matches(|c: char| is_space(c) || c == '，' || c == ',').len();
    // A defining parenthesis after the name (…管理委员会（以下简称管委会）作为…).
    // Such a parenthesis is short: the close is looked for within 40
    // characters, so a line of unclosed brackets costs no more than that.
    if rest[skipped..].starts_with(['（', '(']) {
        let (i, c) = rest[skipped..].char_indices().take(40).find(|&(_, c)| matches!(c, '）' | ')' | '。'))?;
        if c == '。' {
            return None;
        }
        skipped += i + c.len_utf8();
    }
    let rest = &rest[skipped..];
    if rejects(rest) {
        return None;
    }
    // The longest; among equals the last listed, as a scan of the list finds.
    predicates_at(rest).max_by_key(|&(k, p)| (p.len(), k)).map(|(_, p)| (p, skipped + p.len()))
}

/// The role a subject's predicate gives it: 指导 guides, 监督/督促 supervises,
/// 配合/协助 supports; a modal (要, 应当) passes on to the verb after it.
fn role_of(verb: &str, rest: &str) -> ActorRole {
    let head: String = if ["应当", "应该", "必须", "要", "应", "须", "将", "可以", "可", "负责"].contains(&verb) {
        rest.chars().take(4).collect()
    } else {
        verb.to_string()
    };
    let has = |ws: &[&str]| ws.iter().any(|w| head.starts_with(w) || verb == *w);
    if has(&["指导"]) {
        ActorRole::Guide
    } else if has(&["监督", "督促", "督导", "检查", "考核"]) {
        ActorRole::Supervise
    } else if has(&["配合", "协助"]) {
        ActorRole::Coordinate
    } else {
        ActorRole::Lead
    }
}

/// Words no name runs across: the predicates above and the particles that end
/// a noun phrase.
fn breaks_at(s: &str) -> bool {
    // Most characters open no breaking word: one lookup instead of ~200
    // comparisons, since this is asked at every character of every run.
    let initials = initials(&BREAK_INITIALS, &[&PREDICATES, &OBJECT_MARKERS, &BREAK_CHARS]);
    if s.chars().next().is_none_or(|c| initials.binary_search(&c).is_err()) {
        return false;
    }
    if s.starts_with(['的', '之', '对', '向', '把', '被', '将', '要', '是', '在', '由']) {
        return true;
    }
    // Prepositions and verbs whose object is a body (以X为主, 经X审核, 报X批准,
    // 未经…): what follows them is a recipient, never part of the name before.
    if any_prefix(s, &OBJECT_MARKERS) {
        return !any_prefix(s, &MARKER_NOUNS);
    }
    if s.starts_with('应') {
        return !s.starts_with("应急");
    }
    // Words of the genre's body names that are also verbs (城市管理行政执法部门,
    // 住房和城乡建设厅, 宣传部, 医疗保障局) never end a name.
    if any_prefix(s, &NAME_VERBS) {
        return false;
    }
    match predicates_at(s).filter(|(_, p)| p.chars().nth(1).is_some()).min_by_key(|&(k, _)| k).map(|(_, p)| p) {
        // Verbs that are also words of names (监督管理局, 社会保障厅,
        // 宣传部, 主管部门, 指导委员会, 组织部) do not break before a body's head.
        // A verb-like word followed by 、/和 is an item of a list of functions
        // (组织、编制、财政等部门).
        // 办事处以及: not the verb 处以.
        Some("处以") if s.starts_with("处以及") => false,
        Some(p) => {
            let rest = &s[p.len()..];
            let in_name = any_prefix(rest, &NAME_HEADS) && !continues_word(rest);
            // 组织 is also the organisation function (组织和编制部门).
            // 联合会 (妇女联合会) is a head, not the joining verb.
            !(in_name || rest.starts_with('、') || (p == "组织" && rest.starts_with('和')) || (p == "联合" && rest.starts_with('会')))
        }
        None => false,
    }
}

static PREDICATE_INDEX: OnceLock<Vec<(&'static str, usize)>> = OnceLock::new();

/// The predicates that open `s`, with their place in [`PREDICATES`]. The
/// list sorted by bytes holds the words of one first character together, so
/// only those are compared (this is asked at every character of a clause).
fn predicates_at(s: &str) -> impl Iterator<Item = (usize, &'static str)> + '_ {
    let index = PREDICATE_INDEX.get_or_init(|| {
        let mut v: Vec<_> = PREDICATES.iter().enumerate().map(|(k, p)| (*p, k)).collect();
        v.sort_unstable();
        v
    });
    let first = s.chars().next().map_or("", |c| &s[..c.len_utf8()]);
    let lo = index.partition_point(|(w, _)| *w < first);
    let hi = lo + index[lo..].partition_point(|(w, _)| !first.is_empty() && w.starts_with(first));
    index[lo..hi].iter().filter(move |(w, _)| s.starts_with(w)).map(|&(w, k)| (k, w))
}

/// The particles and prepositions that end a name wherever they stand.
const BREAK_CHARS: [&str; 12] = ["的", "之", "对", "向", "把", "被", "将", "要", "是", "在", "由", "应"];

static BREAK_INITIALS: OnceLock<Vec<char>> = OnceLock::new();
static BODY_FINALS: OnceLock<Vec<char>> = OnceLock::new();

/// A set of characters, sorted for binary search.
fn char_set(cs: impl Iterator<Item = char>) -> Vec<char> {
    let mut cs: Vec<char> = cs.collect();
    cs.sort_unstable();
    cs.dedup();
    cs
}

/// The first characters of a set of word lists.
fn initials<'a>(cell: &'a OnceLock<Vec<char>>, lists: &[&[&str]]) -> &'a [char] {
    cell.get_or_init(|| char_set(lists.iter().flat_map(|l| l.iter().filter_map(|w| w.chars().next()))))
}

/// Whether a run whose last character is `c` can name a body ([`is_body`]):
/// a body's head, 机构, 财政, or a place or level word; a closing bracket or
/// 、 leaves the question to `is_body`. Asked before `is_body`, which
/// allocates, at every character of a run.
fn may_end_body(c: char) -> bool {
    // 机构, 财政, 省里/地方 (is_public_institution, is_body, is_jurisdiction).
    const OTHER: &str = "）)〕、构政里方";
    let finals = BODY_FINALS.get_or_init(|| {
        let heads = BODY_ENDS.iter().chain(ZONES.iter()).flat_map(|w| w.chars().last());
        char_set(heads.chain(OTHER.chars()).chain(PLACE_CHARS.chars()))
    });
    finals.binary_search(&c).is_ok()
}

/// Prepositions and verbs of hand-over and approval that take a body as their
/// object (SCHEMA: recipients are not actors): 以X为主, 经X审核, 报X批准, 未经.
const OBJECT_MARKERS: [&str; 4] = ["以", "经", "报", "未"];

/// Nouns of names that begin like the markers (县级以上, 经济和信息化委员会, 经开区,
/// 社会救助经办机构, 报社, 未成年人保护委员会).
const MARKER_NOUNS: [&str; 13] = ["以上", "以下", "以及", "以外", "以内", "经济", "经信", "经贸", "经开", "经办", "经营", "报社", "未成年"];

/// Two-character words whose first character is also the last of a body's
/// head (处, 办, 科, 局, 部, 室, 站, 委, 署): 制定办法, 应急处置, 自行处理,
/// 承办人, 科研院所. The head does not end a name there.
const WORD_CONTINUATIONS: [&str; 23] = [
    "处置", "处理", "处罚", "处分", "处以", "处于", "办法", "办理", "办好", "办事", "办人", "科技", "科学", "科研", "科普", "局面", "部署",
    "部分", "部位", "室内", "站点", "委托", "署名",
];

/// Whether `s` opens with a word that a body's head character only begins.
fn continues_word(s: &str) -> bool {
    // 街道办事处以及…: 处 ends the name and 以及 joins the next.
    !s.starts_with("处以及") && any_prefix(s, &WORD_CONTINUATIONS)
}

/// Verbs that are words of body names (城市管理行政执法部门, 住房和城乡建设厅,
/// 宣传部, 医疗保障局): inside a name they do not end it, but no name starts
/// with one.
const NAME_VERBS: [&str; 7] = ["管理", "建设", "宣传", "保障", "规划", "审批", "执行"];

/// Heads that make the verb before them part of a name.
const NAME_HEADS: [&str; 11] = ["管理", "委员会", "部门", "中心", "局", "厅", "部", "站", "室", "办", "机构"];

/// The qualifier of a set of jurisdictions (有条件的地方).
const QUALIFIED: &str = "有条件的";

/// Words no name starts with: 与 opens a partner (与民政部门共同…), the verbs
/// take a body as object (调动各单位, 授权有关部门, 拒绝接受…部门, 供相关单位),
/// and the verbs that are words of names (管理, 建设) begin no name.
fn never_starts(s: &str) -> bool {
    // 指导、协调相关部门: two verbs, not a list of functions (组织、编制等部门).
    const ONLY_VERBS: [&str; 8] = ["指导、", "督促、", "协调、", "推动、", "支持、", "引导、", "鼓励、", "统筹、"];
    if any_prefix(s, &ONLY_VERBS) {
        return true;
    }
    const VERBS: [&str; 9] = ["与", "授权", "调动", "拒绝", "接受", "参加", "委托", "适用", "供"];
    let name_verb = NAME_VERBS.iter().find(|w| s.starts_with(**w)).is_some_and(|w| !any_prefix(&s[w.len()..], &NAME_HEADS));
    name_verb || (any_prefix(s, &VERBS) && !s.starts_with("供销"))
}

/// The names at byte `p` of a clause: the longest run that ends like a public
/// body and crosses no predicate, split into its items. Returns the names'
/// offsets and the end of the run.
fn names_at(clause: &str, p: usize) -> Option<Names> {
    let key = (clause.as_ptr() as usize, clause.len(), p);
    if let Some(hit) = MEMO.with(|m| m.borrow().as_ref().and_then(|m| m.get(&key).cloned())) {
        return hit;
    }
    let found = find_names(clause, p);
    MEMO.with(|m| {
        if let Some(m) = m.borrow_mut().as_mut() {
            m.insert(key, found.clone());
        }
    });
    found
}

/// A run of names: their offsets in the clause and the end of the run.
type Names = (Vec<(usize, usize)>, usize);

/// What `names_at` found, by (clause address, clause length, place).
type NamesMemo = std::collections::HashMap<(usize, usize, usize), Option<Names>>;

thread_local! {
    /// The names found in the text `actors_in` is reading, by (clause
    /// address, clause length, place): the rules ask the same clause the same
    /// question several times (its subject, a relative subject, a list set
    /// off by a comma, a predicate shared with the clause before). Only set
    /// while `actors_in` runs, when every clause is a slice of one text.
    static MEMO: std::cell::RefCell<Option<NamesMemo>> =
        const { std::cell::RefCell::new(None) };
}

/// [`names_at`] without the memo.
fn find_names(clause: &str, p: usize) -> Option<Names> {
    if p >= clause.len() || breaks_at(&clause[p..]) || never_starts(&clause[p..]) {
        return None;
    }
    // 有条件的地方/县(市) (SCHEMA: a qualified set of jurisdictions is written
    // with its qualifier).
    let lead = if clause[p..].starts_with(QUALIFIED) { QUALIFIED.len() } else { 0 };
    let mut run_end = p;
    let mut depth = 0i32;
    // Where a name could end (outside brackets, on a body's last character),
    // at most one per character of the 80 looked at.
    let mut ends = [(0usize, 0usize); 80];
    let mut n_ends = 0;
    for (k, (i, c)) in clause[p + lead..].char_indices().enumerate() {
        let at = p + lead + i;
        // A verb-like word right after 、/和 is an item of a list of
        // functions (发展改革、财政、规划等部门; 组织和编制部门); 所在单位 is the
        // employer, not a place, 自由贸易试验区 no 由-agent, 有条件的 a qualifier
        // inside a list; 组织 after 群团/基层/自治/党/社会/其他/经济/等 is the noun.
        let listed = clause[..at].ends_with(['、', '和', '及'])
            || (clause[..at].ends_with('所') && c == '在')
            || (clause[..at].ends_with('自') && c == '由')
            || (clause[..at].ends_with("有条件") && c == '的')
            || (clause[..at].ends_with(['团', '层', '治', '党', '会', '他', '济', '等']) && clause[at..].starts_with("组织"));
        if k >= 80 || (depth == 0 && at > p && !listed && breaks_at(&clause[at..])) {
            break;
        }
        match c {
            '（' | '(' | '〔' => depth += 1,
            '）' | ')' | '〕' => depth -= 1,
            _ if !(c.is_alphanumeric() || c == '、') => break,
            _ => {}
        }
        if depth < 0 {
            break;
        }
        run_end = at + c.len_utf8();
        if depth == 0 && may_end_body(c) {
            ends[n_ends] = (at, run_end);
            n_ends += 1;
        }
    }
    // The longest run that names a body: asked from the longest down, so
    // that `is_body` runs once on a run that ends in a name. A list that
    // ends in a jurisdiction (各市及有条件的县(市)) counts like one that ends
    // in a body's head.
    let names_body = |&(at, end): &(usize, usize)| {
        let run = &clause[p..end];
        let listed_place = || run.rsplit_once(['及', '和', '与']).is_some_and(|(_, t)| is_jurisdiction(&strip_brackets(t)));
        !continues_word(&clause[at..]) && (is_body(run) || listed_place())
    };
    let best = ends[..n_ends].iter().rev().find(|e| names_body(e)).map(|&(_, end)| end);
    let mut end = best?;
    // A list that goes on with bodies that are not public (…部门和金融机构要):
    // the list ends where the run ends, its private members left out.
    let tail = &clause[end..run_end];
    let no_body = || tail.split(['、', '和', '及']).all(|t| !is_body(t));
    // …红十字会等组织: a trailing 等X belongs to the list (dropped by
    // list_items where the items are full names).
    let deng = tail.starts_with('等') && tail.chars().count() <= 6;
    if deng || (any_prefix(tail, &["和", "及", "与", "以及", "、"]) && (is_private(tail) || any_suffix(tail, &NOT_PUBLIC) || no_body()))
    {
        end = run_end;
    }
    let names = split_names(clause, p, end);
    if names.is_empty() {
        return None;
    }
    Some((names, end))
}

/// Split a run of names: on 和/及/与/以及/或者 (not 及其, which keeps one
/// name), then each part as a 、-list ([`list_items`]). Parts that are not
/// public bodies (金融机构) are dropped, and so is 单位 beside 个人 (单位和个人
/// is anyone, SCHEMA).
fn split_names(clause: &str, p: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (a, b) in split_on(clause, p, end, &["以及", "或者", "和", "及", "与", "或"], true) {
        let anyone =
            clause[a..b].ends_with("单位") && any_prefix(&clause[b..], &["和个人", "或者个人", "或个人", "、个人", "及个人", "和人员"]);
        if anyone || items_private(clause, a, b) {
            continue;
        }
        out.extend(list_items(clause, a, b));
    }
    out
}

/// The bodies of a 、-list. Items that each end in their own noun are split
/// (各级党委、政府 → two); function words and level words share the head of
/// the item after them (各级民政、财政部门, 市、县（区）人民政府 → one name). A
/// trailing 等X after full names is not part of them (工会、共青团、妇联等人民团体
/// → three names, as for departments); after function words it is the shared
/// head (林业、公安、应急管理等部门).
fn list_items(clause: &str, a: usize, b: usize) -> Vec<(usize, usize)> {
    // X及其工作人员: the staff are persons; the body is X.
    const STAFF: &str = "及其工作人员";
    let mut items: Vec<(usize, usize)> = split_on(clause, a, b, &["、"], false)
        .into_iter()
        .map(|(x, y)| if clause[x..y].ends_with(STAFF) && y - x > STAFF.len() { (x, y - STAFF.len()) } else { (x, y) })
        .collect();
    if let Some(&(x, y)) = items.last() {
        if let Some(k) = clause[x..y].rfind('等').filter(|&k| k > 0 && y - x - k <= 6 * 3) {
            let named = |&(u, v): &(usize, usize)| is_body(&clause[u..v]) || is_private(&clause[u..v]);
            let stem_named = is_body(&clause[x..x + k]);
            let full_names = items[..items.len() - 1].iter().all(named) && stem_named;
            if full_names || !is_body(&clause[a..b]) {
                let last = items.len() - 1;
                items[last] = (x, x + k);
            } else if !stem_named {
                // 县级以上人民政府财政、审计等部门: every item shares the head.
                return vec![(a, b)];
            }
        }
    }
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<usize> = None;
    for (k, &(x, y)) in items.iter().enumerate() {
        let item = &clause[x..y];
        let shares_head = (!is_body(item) && !is_private(item))
            || (is_level_list(item) && items.get(k + 1).is_some_and(|&(u, _)| starts_with_level(&clause[u..])));
        if shares_head && k + 1 < items.len() {
            open.get_or_insert(x);
            continue;
        }
        groups.push((open.take().unwrap_or(x), y));
    }
    groups.retain(|&(x, y)| is_body(&clause[x..y]));
    groups
}

/// Split `s[a..b]` on the separators at bracket depth 0; with `guard`, only
/// where the part before is a body itself (和 inside 工业和信息化厅 stays).
fn split_on(s: &str, a: usize, b: usize, seps: &[&str], guard: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = a;
    let mut depth = 0i32;
    let mut i = a;
    while i < b {
        let c = s[i..].chars().next().unwrap_or(' ');
        match c {
            '（' | '(' | '〔' => depth += 1,
            '）' | ')' | '〕' => depth -= 1,
            _ => {}
        }
        if depth == 0 && !s[i..].starts_with("及其") {
            if let Some(sep) = seps.iter().find(|w| s[i..b].starts_with(**w)) {
                // 和 inside a body's own name (工业和信息化厅, 住房和城乡建设厅)
                // does not separate: the part before must be a body itself.
                // Nor does a level list before a level word (市、州和县级人民政府).
                let levels = is_level_list(&s[start..i]) && starts_with_level(&s[i + sep.len()..]);
                if !guard || (is_named(&s[start..i]) && !levels) {
                    out.push((start, i));
                    start = i + sep.len();
                    i = start;
                    continue;
                }
            }
        }
        i += c.len_utf8();
    }
    if start < b {
        out.push((start, b));
    }
    out
}

/// Endings of public bodies (organs of the party, government, congress,
/// courts and procuratorates, mass organisations, public institutions).
const BODY_ENDS: [&str; 57] = [
    "部门",
    "政府",
    "党委",
    "党组",
    "委员会",
    "委会",
    "常委会",
    "厅",
    "局",
    "委",
    "办",
    "办公室",
    "部",
    "署",
    "法院",
    "检察院",
    "国务院",
    "处",
    "室",
    "科",
    "股",
    "中心",
    "站",
    "派出所",
    "司法所",
    "机关",
    "单位",
    "党组织",
    "自治组织",
    "工会",
    "妇联",
    "残联",
    "侨联",
    "文联",
    "工商联",
    "科协",
    "团委",
    "共青团",
    "红十字会",
    "人大",
    "政协",
    "大队",
    "支队",
    "总队",
    "小组",
    "工作组",
    "专班",
    "党校",
    "行政学院",
    "街道",
    "乡镇",
    "管委会",
    "财政",
    "人民团体",
    "群团组织",
    "基层组织",
    "联合会",
];

/// Bodies that are not public (SCHEMA: enterprises, utilities, financial
/// institutions, universities, associations) or persons, by their ending.
const NOT_PUBLIC: [&str; 27] = [
    "用人单位",
    "经营单位",
    "施工单位",
    "建设单位",
    "物业服务单位",
    "运营单位",
    "生产单位",
    "销售单位",
    "公用事业单位",
    "产权单位",
    "使用单位",
    "干部",
    "俱乐部",
    "全部",
    "内部",
    "外部",
    "本部",
    "各部",
    "协会",
    "商会",
    "大厅",
    "大局",
    "服务单位",
    "经营管理单位",
    "排污单位",
    "文明单位",
    "用地单位",
];

/// Enterprises, financial institutions, schools, associations and people,
/// which SCHEMA leaves out of the actors.
const PRIVATE_ENDS: [&str; 25] = [
    "机构",
    "企业",
    "公司",
    "银行",
    "院校",
    "高校",
    "学校",
    "社会组织",
    "协会",
    "学会",
    "商会",
    "志愿者",
    "群众",
    "个人",
    "家庭",
    "公民",
    "社会团体",
    "企业事业单位",
    "企事业单位",
    "新闻媒体",
    "媒体",
    "网络平台",
    "团体",
    "其他组织",
    "人员",
];

fn is_private(name: &str) -> bool {
    !name.ends_with("人民团体") && !is_public_institution(name) && any_suffix(name, &PRIVATE_ENDS)
}

/// Institutions (机构) that are organs of administration or named as public
/// (SCHEMA: public institutions named as such): 精神文明建设工作机构,
/// 救助管理机构, 社会救助经办机构, 法律援助机构, 公立医疗机构. Other 机构
/// (金融机构, 医疗机构, 培训机构) are operators.
fn is_public_institution(name: &str) -> bool {
    const ENDS: [&str; 11] = [
        "工作机构",
        "管理机构",
        "经办机构",
        "协调机构",
        "指导机构",
        "专门机构",
        "派出机构",
        "行政机构",
        "执法机构",
        "建设机构",
        "援助机构",
    ];
    name.ends_with("机构") && (any_suffix(name, &ENDS) || name.starts_with("公立") || name.starts_with("公共"))
}

/// Every 、-item of a part is private (社会团体、企业事业单位): no actor in it.
fn items_private(clause: &str, a: usize, b: usize) -> bool {
    split_on(clause, a, b, &["、"], false).iter().all(|&(x, y)| is_private(&clause[x..y]))
}

/// Whether a run names a public body: a body ending, a level word with 财政
/// (各级财政), or a jurisdiction (各地, 全省, 省里, 各省辖市, 市、县（市）).
pub fn is_body(name: &str) -> bool {
    let bare = strip_brackets(name);
    // 任何单位和个人: anyone, not a body (SCHEMA).
    let anyone = bare.starts_with("任何") || bare.starts_with("其他任何");
    // A service unit is an operator (殡葬服务单位) unless it is a body's own
    // (民政部门窗口服务单位).
    let owned = bare.ends_with("服务单位") && ["部门", "机关", "政府"].iter().any(|h| bare.contains(h));
    if bare.is_empty() || anyone || (any_suffix(&bare, &NOT_PUBLIC) && !owned) || is_private(&bare) {
        return false;
    }
    if is_public_institution(&bare) {
        return true;
    }
    if bare.ends_with("财政") {
        return any_prefix(&bare, &["各级", "省级", "市级", "县级", "本级", "中央", "地方"]);
    }
    any_suffix(&bare, &BODY_ENDS) || is_jurisdiction(&bare)
}

/// Places and level words that act as subjects (SCHEMA: 各地, 省里, 全省,
/// 各省辖市, 省市县); areas with no government of their own (小区) are not.
fn is_jurisdiction(bare: &str) -> bool {
    let quantified =
        ["各", "每个", "每一", "全", "本", QUALIFIED, "相关", "有关"].iter().find(|q| bare.starts_with(**q)).map(|q| &bare[q.len()..]);
    let core = quantified.unwrap_or(bare);
    let core: std::borrow::Cow<str> = if core.contains('、') { core.replace('、', "").into() } else { core.into() };
    if core.is_empty() {
        return false;
    }
    if matches!(&*core, "省里" | "市里" | "县里") || (quantified.is_some() && core == "地方") {
        return true;
    }
    // Functional zones administered by their own committee act as
    // jurisdictions (新片区建立…, 开发区、产业园区应当…).
    if any_suffix(&core, &ZONES) {
        return true;
    }
    if quantified.is_none() && is_place_name(&core) {
        return true;
    }
    let places = core.chars().all(|c| PLACE_CHARS.contains(c));
    // Without a quantifier only a list of levels (省市县, 市县) is a subject.
    places && (quantified.is_some() || (core.chars().count() >= 2 && !core.contains('地')))
}

/// A named city, prefecture, county or province as subject (长春市要…,
/// 广州市、深圳市要率先…, 沛县): each has a government of its own (SCHEMA:
/// place names as subject count). Districts (区) are left out: most words in
/// 区 are areas without one (社区, 小区, 景区); so are level categories
/// (县级市, 地级市), which name a kind of place, not one.
fn is_place_name(core: &str) -> bool {
    const MARKETS: [&str; 13] = ["城市", "超市", "都市", "集市", "夜市", "门市", "上市", "股市", "楼市", "菜市", "花市", "黑市", "闹市"];
    let n = core.chars().count();
    let level = core.chars().next_back().is_some_and(|c| "市县州盟旗省".contains(c));
    let long_enough = n >= 3 || (n == 2 && core.ends_with('县'));
    level && long_enough && n <= 10 && !any_suffix(core, &MARKETS) && !core.contains('级') && core.chars().all(|c| c.is_alphabetic())
}

/// The characters of level and place words (省市县, 各乡镇, 省辖市): a run of
/// them only is a jurisdiction.
const PLACE_CHARS: &str = "省市县区州地乡镇旗盟辖设";

/// Functional zones with an administration of their own (管委会).
const ZONES: [&str; 6] = ["新片区", "新区", "开发区", "园区", "高新区", "自贸区"];

/// A list of levels or places without a head of its own (市、县, 省辖市, 各市),
/// which shares the head of the item after it (各市、县（区）人民政府).
fn is_level_list(name: &str) -> bool {
    let bare = strip_brackets(name);
    is_jurisdiction(&bare) && !any_suffix(&bare, &BODY_ENDS)
}

/// A name of its own, public or not (省民政厅, 金融机构, 文明单位): a list goes
/// on after it (文明单位和精神文明建设指导委员会办公室).
fn is_named(name: &str) -> bool {
    let bare = strip_brackets(name);
    is_body(name) || is_private(&bare) || any_suffix(&bare, &NOT_PUBLIC)
}

/// Whether a list item opens with a level word (县（市、区）民政部门).
fn starts_with_level(s: &str) -> bool {
    s.starts_with(['省', '市', '县', '区', '州', '乡', '镇'])
}

/// The name without its bracketed parts (县（市、区） → 县).
fn strip_brackets(name: &str) -> std::borrow::Cow<'_, str> {
    // Most runs have no bracket: no copy for them.
    if !name.contains(['（', '(', '〔', '）', ')', '〕']) {
        return name.into();
    }
    let mut out = String::new();
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '（' | '(' | '〔' => depth += 1,
            '）' | ')' | '〕' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        actors_in(text, 0).into_iter().map(|a| a.name).collect()
    }

    #[test]
    fn subjects_of_duties() {
        assert_eq!(names("各级民政部门要统一思想认识。"), ["各级民政部门"]);
        assert_eq!(names("县级以上人民政府民政部门负责本行政区域内的殡葬管理工作。"), ["县级以上人民政府民政部门"]);
        assert_eq!(names("到2022年底，各地要完成排查；省里给予一定资金支持。"), ["各地", "省里"]);
        assert_eq!(names("乡镇人民政府、街道办事处应当予以协助。"), ["乡镇人民政府", "街道办事处"]);
        assert_eq!(names("各级党委、政府要高度重视。"), ["各级党委", "政府"]);
        assert_eq!(names("各级民政、财政部门和金融机构要加强协作。"), ["各级民政、财政部门"]);
        // Regulations (地方性法规) write duties this way.
        assert_eq!(names("城市管理行政执法部门负责查处焚烧祭祀用品行为。"), ["城市管理行政执法部门"]);
        assert_eq!(names("公安、交通运输等有关部门，按照各自职责做好相关工作。"), ["公安、交通运输等有关部门"]);
        assert_eq!(names("国家机关、社会团体、企业事业单位应当开展宣传。"), ["国家机关"]);
        assert!(names("涉嫌犯罪的，移交司法机关依法处理。").is_empty());
    }

    #[test]
    fn agents_and_partners() {
        assert_eq!(names("由县级民政部门负责组织实施。"), ["县级民政部门"]);
        assert_eq!(names("省民政厅会同省财政厅制定标准。"), ["省民政厅", "省财政厅"]);
        assert_eq!(names("联合市场监管部门出台《关于加强管理的意见》。"), ["市场监管部门"]);
        assert_eq!(names("协调当地政府和财政部门建立保障机制。"), ["当地政府", "财政部门"]);
        let roles: Vec<_> = actors_in("省民政厅会同省财政厅制定标准。", 0).into_iter().map(|a| a.role.name()).collect();
        assert_eq!(roles, ["lead", "joint"]);
    }

    #[test]
    fn mentions_are_not_actors() {
        assert!(names("指导各地在汛前完成排查。").is_empty());
        assert!(names("及时向民政部报告。").is_empty());
        assert!(names("在省民政厅的指导下开展工作。").is_empty());
        assert!(names("贯彻落实省委办公厅、省政府办公厅《关于加强工作的意见》。").is_empty());
        assert!(names("加强与扶贫部门的衔接协调。").is_empty());
        assert!(names("鼓励社会力量参与养老服务。").is_empty());
        assert!(names("提高救助水平。（省民政厅牵头，省财政厅配合）").is_empty());
        assert!(names("民政部门的职责是…").is_empty());
    }

    #[test]
    fn names_end_at_a_body_head_not_inside_a_word() {
        // 制定办法, 承办人, 应急处置: the head character begins the next word.
        assert_eq!(names("省财政厅制定办法。"), ["省财政厅"]);
        assert_eq!(names("省民政厅要会同省财政厅制定办法。"), ["省民政厅", "省财政厅"]);
        assert!(names("丧事承办人应报殡仪馆的主管民政部门批准。").is_empty());
        assert!(names("服从现场指挥，配合应急处置。").is_empty());
    }

    #[test]
    fn recipients_of_approval_and_hand_over_are_not_actors() {
        assert!(names("经乡（镇）人民政府审核同意后，报县（市、区）民政部门审批。").is_empty());
        assert_eq!(names("由省民政部门审核同意后，报国务院民政部门审批。"), ["省民政部门"]);
        assert!(names("生态文明建设规划报同级人大常委会批准后实施。").is_empty());
        assert!(names("调动各单位的积极性，授权有关部门制定细则。").is_empty());
        assert!(names("以推荐部门为主。").is_empty());
    }

    #[test]
    fn alternatives_joined_by_or_are_split() {
        assert_eq!(names("由卫生行政部门或者监察部门给予处分。"), ["卫生行政部门", "监察部门"]);
    }

    #[test]
    fn anyone_operators_and_honours_are_not_actors() {
        assert!(names("任何单位和个人不得修改。").is_empty());
        assert!(names("单位和个人参与生态文明建设，享有知情权。").is_empty());
        assert!(names("有关单位和个人应当及时反馈。").is_empty());
        assert!(names("殡葬服务单位应当加强对设施的管理。").is_empty());
        assert!(names("文明单位应当加强自身建设。").is_empty());
        assert!(names("金融机构应当支持生态文明建设。").is_empty());
        assert_eq!(names("民政部门窗口服务单位要规范服务。"), ["民政部门窗口服务单位"]);
    }

    #[test]
    fn public_institutions_named_as_such_act() {
        assert_eq!(names("县级以上人民政府生态文明建设机构，具体负责监督管理工作。"), ["县级以上人民政府生态文明建设机构"]);
        assert_eq!(names("法律援助机构应当提供法律援助。"), ["法律援助机构"]);
        assert_eq!(names("公立医疗机构应于目录更新后30天内组织评估。"), ["公立医疗机构"]);
        assert_eq!(names("由救助管理机构提供临时食宿。"), ["救助管理机构"]);
    }

    #[test]
    fn subjects_named_by_a_relative_clause() {
        assert_eq!(names("参照执行本条例的县（市）人大常委会应当作出决定。"), ["县（市）人大常委会"]);
        assert_eq!(names("民政部门所属的殡葬管理机构负责具体工作。"), ["殡葬管理机构"]);
        // A generic head keeps its clause: the clause is what names the body.
        assert_eq!(names("受理举报、投诉的机关应当予以核实。"), ["受理举报、投诉的机关"]);
        assert_eq!(names("接到举报、投诉的部门，应当依法处理。"), ["接到举报、投诉的部门"]);
        assert!(names("各县（市、区）编制的国土空间规划，应当充分考虑衔接。").is_empty());
        assert!(names("加大新制修订的国家法律和省民政厅规范性文件的宣传力度。").is_empty());
        assert!(names("对做出显著成绩的单位予以表彰。").is_empty());
    }

    #[test]
    fn conditions_of_liability_clauses_do_not_act() {
        assert_eq!(names("有关部门不履行职责的，由同级生态文明建设机构督促履行。"), ["同级生态文明建设机构"]);
        assert_eq!(
            names("有关部门及其工作人员滥用职权的，由所在单位或者上级机关、监察机关依法处理。"),
            ["所在单位", "上级机关", "监察机关"]
        );
    }

    #[test]
    fn lists_share_level_words_and_drop_a_trailing_deng() {
        assert_eq!(
            names("市、县（区）人民政府及其工作部门、乡(镇)人民政府、街道办事处应当依法履行职责。"),
            ["市、县（区）人民政府及其工作部门", "乡(镇)人民政府", "街道办事处"]
        );
        assert_eq!(names("省辖市、县（市、区）民政部门负责殡葬管理工作。"), ["省辖市、县（市、区）民政部门"]);
        assert_eq!(names("市、州和县级人民政府可以编制规划。"), ["市、州和县级人民政府"]);
        assert_eq!(names("工会、共青团、妇联等群团组织应当加强教育引导。"), ["工会", "共青团", "妇联"]);
        assert_eq!(names("林业、公安、应急管理等部门按照各自职责做好工作。"), ["林业、公安、应急管理等部门"]);
        assert_eq!(names("县级以上人民政府财政、审计等部门依法实施监督。"), ["县级以上人民政府财政、审计等部门"]);
        assert_eq!(names("国家机关、人民团体、企业事业单位、社会组织应当加强宣传。"), ["国家机关", "人民团体"]);
    }

    #[test]
    fn zones_and_qualified_places_act_as_jurisdictions() {
        assert_eq!(names("新片区建立开放型制度体系。"), ["新片区"]);
        assert_eq!(names("有条件的地方可以实行统一的标准。"), ["有条件的地方"]);
        assert_eq!(names("市、区协同共建产业集聚区。"), ["市、区"]);
        assert_eq!(names("本市倡导下列文明祭祀行为："), ["本市"]);
        // A place word joined to 协调 before a noun is the scope of the work.
        assert_eq!(names("省人民政府统一领导、组织、协调全省生态文明建设工作。"), ["省人民政府"]);
    }

    #[test]
    fn partners_of_a_joint_action_with_yu() {
        assert_eq!(names("文化等部门，应当与民政部门共同做好宣传教育工作。"), ["文化等部门", "民政部门"]);
        assert!(names("加强与驻区机构的协作。").is_empty());
    }

    #[test]
    fn a_circumstance_of_the_own_duty_is_not_a_condition() {
        assert_eq!(names("社会救助管理部门决定停止救助的，应当书面说明理由。"), ["社会救助管理部门"]);
        assert!(names("有关行政主管部门和单位及其工作人员滥用职权、徇私舞弊的，依法给予处分。").is_empty());
        assert!(names("由新片区行业代表性企业自主评定。").is_empty());
    }

    #[test]
    fn lists_of_regulations_read_to_their_end() {
        assert_eq!(
            names("工会、共青团、妇女联合会、残疾人联合会、红十字会等组织根据职责参与社会救助。"),
            ["工会", "共青团", "妇女联合会", "残疾人联合会", "红十字会"]
        );
        assert_eq!(
            names("乡（镇）人民政府、街道办事处以及村（居）民委员会、社区、物业服务企业等组织,应当配合做好工作。"),
            ["乡（镇）人民政府", "街道办事处", "村（居）民委员会"]
        );
        assert_eq!(
            names("社会救助管理部门及其工作人员、社会救助经办机构以及经办人员对个人信息应当予以保密。"),
            ["社会救助管理部门", "社会救助经办机构"]
        );
        assert_eq!(names("文明单位和精神文明建设指导委员会办公室应当建立档案。"), ["精神文明建设指导委员会办公室"]);
        assert!(names("有关单位和人员应当自觉接受监督。").is_empty());
        assert_eq!(names("指导、协调相关部门开展工作；"), ["相关部门"]);
    }

    #[test]
    fn a_defining_parenthesis_sits_between_subject_and_verb() {
        let text = "中国（上海）自由贸易试验区临港新片区管理委员会（以下简称管委会）作为市人民政府的派出机构，负责具体落实。";
        assert_eq!(names(text), ["中国（上海）自由贸易试验区临港新片区管理委员会"]);
    }

    #[test]
    fn subjects_listed_across_commas_share_the_predicate() {
        assert_eq!(names("6月15日前，各市（州），长白山管委会调度辖区内工作落实进度。"), ["各市（州）", "长白山管委会"]);
        assert_eq!(names("各市及有条件的县(市)建成1所示范性服务中心。"), ["各市", "有条件的县(市)"]);
    }

    #[test]
    fn named_places_as_subjects_act() {
        assert_eq!(names("广州市、深圳市要率先建成区域养老服务中心。"), ["广州市", "深圳市"]);
        assert!(names("商场、超市应当设置母婴室。").is_empty());
        assert!(names("指导长春市完成排查。").is_empty());
    }

    #[test]
    fn offsets_point_at_names() {
        let text = "一是加强指导。省民政厅要会同省财政厅制定办法。";
        for a in actors_in(text, 0) {
            assert_eq!(&text[a.start..a.end], a.name);
        }
    }
}
