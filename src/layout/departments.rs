//! Responsible departments: the explicit attributions Chinese documents attach
//! to a task, in all their usual forms:
//!
//! * `（责任单位：救助处）`, `（牵头单位：省民政厅；配合单位：省财政厅、省人社厅）`
//! * `责任部门：…` on its own line after the task
//! * a trailing list in brackets `(省民政厅、省财政厅)`
//! * role words inside the list: `省民政厅牵头，省财政厅配合`
//!
//! Names are split on 、，,；; and kept as written, in order. Without labels the
//! first name is the lead; 牵头/配合 labels set the roles explicitly. Role words
//! (牵头, 负责, 配合, 参与, 按职责分工负责 …) and a trailing 等单位/等部门 are not
//! part of a name.
//!
//! ```
//! use zhengce::layout::departments::{split_attribution, parse_attribution};
//! let text = "持续提高救助水平。（牵头单位：省民政厅；配合单位：省财政厅、省卫生健康委）";
//! let (core, at) = split_attribution(text);
//! assert_eq!(core, "持续提高救助水平。");
//! let depts = parse_attribution(&text[at.unwrap()..], 0);
//! let got: Vec<_> = depts.iter().map(|d| (d.name.as_str(), d.role.name())).collect();
//! assert_eq!(got, [("省民政厅", "lead"), ("省财政厅", "co"), ("省卫生健康委", "co")]);
//! ```

use crate::model::document::{Department, Role};
use crate::text::affix::any_prefix;
use crate::text::scan::{find_char, rfind_char};

/// Labels that introduce a list of responsible units, with the role they give
/// (`None`: roles follow list order).
const LABELS: [(&str, Option<Role>); 24] = [
    ("牵头单位", Some(Role::Lead)),
    ("牵头部门", Some(Role::Lead)),
    ("牵头处室", Some(Role::Lead)),
    ("主责单位", Some(Role::Lead)),
    ("主办单位", Some(Role::Lead)),
    ("配合单位", Some(Role::Co)),
    ("配合部门", Some(Role::Co)),
    ("配合处室", Some(Role::Co)),
    ("协办单位", Some(Role::Co)),
    ("参与单位", Some(Role::Co)),
    ("协助单位", Some(Role::Co)),
    ("责任单位", None),
    ("责任部门", None),
    ("责任处室", None),
    ("责任主体", None),
    ("负责单位", None),
    ("负责部门", None),
    ("实施单位", None),
    ("承办单位", None),
    ("完成单位", None),
    ("落实单位", None),
    ("责任科室", None),
    ("牵头", Some(Role::Lead)),
    ("配合", Some(Role::Co)),
];

/// Role words that may follow a name, longest first, with the role they give.
const ROLE_SUFFIXES: [(&str, Option<Role>); 24] = [
    ("按照职责分工负责", None),
    ("按职责分工负责", None),
    ("按职能分工负责", None),
    ("按职责分工落实", None),
    ("按职责分工推进", None),
    ("结合实际落实", None),
    ("分工负责", None),
    ("具体实施", None),
    ("组织实施", None),
    ("抓好落实", None),
    ("负责落实", None),
    ("贯彻落实", None),
    ("共同推进", None),
    ("分别负责", None),
    ("共同负责", None),
    ("按职责负责", None),
    ("牵头负责", Some(Role::Lead)),
    ("配合落实", Some(Role::Co)),
    ("牵头", Some(Role::Lead)),
    ("负责", None),
    ("配合", Some(Role::Co)),
    ("参与", Some(Role::Co)),
    ("协助", Some(Role::Co)),
    ("协办", Some(Role::Co)),
];

/// Labels of the time a task is due, written inside an attribution
/// (（牵头单位：省民政厅；完成时限：2020年6月底前）): what follows is not a name.
const TIME_LABELS: [&str; 6] = ["完成时限", "完成时间", "时间要求", "时限要求", "时间节点", "时限"];

/// Endings of names of organisations and their units (also used to spot
/// signatures and addressees).
pub const ORG_SUFFIXES: [&str; 58] = [
    "厅",
    "局",
    "委",
    "办",
    "部",
    "院",
    "会",
    "联",
    "处",
    "室",
    "中心",
    "单位",
    "组",
    "所",
    "站",
    "行",
    "司",
    "署",
    "馆",
    "社",
    "府",
    "政府",
    "委员会",
    "党委",
    "党组",
    "总会",
    "协会",
    "法院",
    "检察院",
    "分行",
    "监局",
    "银行",
    "公司",
    "集团",
    "学校",
    "大学",
    "医院",
    "机构",
    "部门",
    "支队",
    "总队",
    "大队",
    "科",
    "股",
    "办公室",
    "工作组",
    "小组",
    "指挥部",
    "管委会",
    "成员单位",
    "街道",
    "乡镇",
    "团省委",
    "团市委",
    "党校",
    "学院",
    "工会",
    "妇联",
];

/// Whether `s` ends with one of [`ORG_SUFFIXES`]. Asked of every item of
/// every attribution, and most endings differ in their last byte, which is
/// compared first.
///
/// ```
/// use zhengce::layout::departments::ends_with_org_suffix;
/// assert!(ends_with_org_suffix("省民政厅"));
/// assert!(!ends_with_org_suffix("养老服务"));
/// ```
pub fn ends_with_org_suffix(s: &str) -> bool {
    let Some(&last) = s.as_bytes().last() else { return false };
    ORG_SUFFIXES.iter().any(|suf| suf.as_bytes().last() == Some(&last) && s.ends_with(suf))
}

#[inline]
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

fn strip_label(s: &str) -> Option<(Option<Role>, &str)> {
    let s = s.trim_start_matches(is_space);
    for (label, role) in LABELS {
        if let Some(rest) = s.strip_prefix(label) {
            let rest = rest.trim_start_matches(is_space);
            if let Some(r) = rest.strip_prefix(['：', ':']) {
                return Some((role, r));
            }
        }
    }
    None
}

/// A line that is only an attribution: `责任单位：省民政厅、省财政厅`, possibly in brackets.
pub fn is_attribution_line(s: &str) -> bool {
    let t = s.trim_start_matches(['（', '(', '【', '[']);
    // Labels start with one of few characters; a bracketed line is checked below.
    let bracketed = s.starts_with(['（', '(']) && s.ends_with(['）', ')']);
    if !bracketed && !t.starts_with(['牵', '主', '配', '协', '参', '责', '负', '实', '承', '完', '落']) {
        return false;
    }
    if t.len() > 600 || t.contains('。') {
        return false;
    }
    // A line that is only a bracketed attribution: （省发展改革委牵头，省民政厅配合）.
    if s.starts_with(['（', '(']) && s.ends_with(['）', ')']) {
        if let (core, Some(0)) = split_attribution(s) {
            if core.is_empty() {
                return true;
            }
        }
    }
    // Bare 牵头/配合 are role words inside a list, not line labels.
    LABELS
        .iter()
        .filter(|(l, _)| l.chars().count() > 2)
        .any(|(l, _)| t.starts_with(l) && t[l.len()..].trim_start_matches(is_space).starts_with(['：', ':']))
}

/// Whether a string looks like the name of a department or unit.
pub fn looks_like_dept(name: &str) -> bool {
    let n = name.chars().count();
    if n == 0 || n > 30 {
        return false;
    }
    if name
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '。' | '；' | '：' | '《' | '》' | '“' | '”' | '年' | '月' | '日' | '%' | '％'))
    {
        return false;
    }
    let core = strip_role_suffix(name).0;
    ends_with_org_suffix(core) || core.starts_with('省') || core.starts_with("各") || core.starts_with("有关") || core.starts_with("相关")
}

fn strip_role_suffix(s: &str) -> (&str, Option<Option<Role>>) {
    // "工业和信息化厅等部门按职责分工负责": role words, then 等部门, in either order.
    let mut s = s.trim_end_matches(is_space);
    let mut role: Option<Option<Role>> = None;
    const TAILS: [&str; 4] = ["等单位", "等部门", "等处室", "等"];
    loop {
        let before = s.len();
        // Most names end in a character no tail or role word ends with: one
        // comparison of that character instead of 28 suffix comparisons.
        let Some(last) = s.chars().next_back() else { return (s, role) };
        if !TAILS.iter().any(|t| t.ends_with(last)) && !ROLE_SUFFIXES.iter().any(|(suf, _)| suf.ends_with(last)) {
            return (s, role);
        }
        for tail in TAILS {
            if let Some(r) = s.strip_suffix(tail) {
                if !r.is_empty() {
                    s = r.trim_end_matches(is_space);
                    break;
                }
            }
        }
        for (suf, r) in ROLE_SUFFIXES {
            if let Some(rest) = s.strip_suffix(suf) {
                if !rest.is_empty() {
                    s = rest.trim_end_matches(is_space);
                    if role.is_none() || r.is_some() {
                        role = Some(r);
                    }
                    break;
                }
            }
        }
        if s.len() == before {
            return (s, role);
        }
    }
}

/// Find the attribution at the end of a block's text. Returns the text before
/// it (trailing white space removed) and the byte offset where it starts.
pub fn split_attribution(text: &str) -> (&str, Option<usize>) {
    let trimmed = text.trim_end_matches(|c: char| is_space(c) || matches!(c, '。' | '、' | '，' | '；' | ',' | ';' | '.'));
    // 1. A trailing bracket group.
    if trimmed.ends_with(['）', ')']) {
        if let Some(open) = matching_open(trimmed) {
            let inner_start = open + trimmed[open..].chars().next().unwrap().len_utf8();
            let inner = &trimmed[inner_start..trimmed.len() - trimmed.chars().next_back().unwrap().len_utf8()];
            let labelled = strip_label(inner).is_some() || inner.contains("牵头") && !inner.contains('。');
            if labelled || is_name_list(inner) {
                return (text[..open].trim_end_matches(is_space), Some(open));
            }
        }
    }
    // 2. A trailing labelled segment on its own line or after a full stop. It
    // lies after the last full stop and needs a colon: look only there.
    let tail_from = rfind_char(trimmed, '。').map_or(0, |p| p + '。'.len_utf8());
    // 3. A last sentence of names and role words only: 省民政厅牵头，省财政厅
    // 按职责分工负责。
    if tail_from > 0 && is_role_sentence(&trimmed[tail_from..]) {
        let lead = trimmed[tail_from..].len() - trimmed[tail_from..].trim_start_matches(is_space).len();
        return (text[..tail_from].trim_end_matches(is_space), Some(tail_from + lead));
    }
    let tail = &trimmed[tail_from..];
    if find_char(tail, '：').is_none() && !tail.contains(':') {
        return (text.trim_end_matches(is_space), None);
    }
    // A label qualifies only where a colon follows it, so the words just before
    // the tail's colons rule out most labels without a search for each.
    let stems: Vec<&str> = tail.match_indices(['：', ':']).map(|(c, _)| tail[..c].trim_end_matches(is_space)).collect();
    for (label, _) in LABELS.iter().filter(|(l, _)| l.chars().count() > 2) {
        if !stems.iter().any(|s| s.ends_with(label)) {
            continue;
        }
        if let Some(pos) = tail.rfind(label).map(|p| p + tail_from) {
            let before = trimmed[..pos].chars().next_back();
            let after = trimmed[pos + label.len()..].trim_start_matches(is_space);
            let at_break = before.is_none_or(|c| matches!(c, '。' | '\n' | '；' | ';' | '！' | ' ' | '\u{3000}'));
            if at_break && after.starts_with(['：', ':']) && !after.contains('。') {
                // Use the earliest label of a 牵头单位：…配合单位：… run.
                let start = LABELS
                    .iter()
                    .filter_map(|(l, _)| trimmed[..pos].rfind(l).filter(|&p| !trimmed[p..pos].contains('。')))
                    .min()
                    .unwrap_or(pos);
                return (text[..start].trim_end_matches(is_space), Some(start));
            }
        }
    }
    (text.trim_end_matches(is_space), None)
}

/// Whether a bracket group `（…）` (brackets included) is an attribution: a
/// labelled list (责任单位：…, …牵头) or a list of names only.
///
/// ```
/// use zhengce::layout::departments::is_attribution_group;
/// assert!(is_attribution_group("（省大数据局牵头）"));
/// assert!(!is_attribution_group("（减事项、减环节）"));
/// ```
pub fn is_attribution_group(group: &str) -> bool {
    let open = group.chars().next().map_or(0, char::len_utf8);
    let close = group.chars().next_back().map_or(0, char::len_utf8);
    if group.len() < open + close || !group.starts_with(['（', '(']) || !group.ends_with(['）', ')']) {
        return false;
    }
    let inner = &group[open..group.len() - close];
    strip_label(inner).is_some() || inner.contains("牵头") && !inner.contains('。') || is_name_list(inner)
}

/// A sentence made only of department names with role words (省民政厅牵头，
/// 省财政厅、省人社厅按职责分工负责): an attribution written out. A sentence
/// in which a body does something (民政部门负责殡葬管理工作) is not.
fn is_role_sentence(s: &str) -> bool {
    let items = split_items(s.trim_matches(is_space));
    let mut roles = 0;
    for (_, item) in &items {
        let (core, role) = strip_role_suffix(item);
        roles += usize::from(role.is_some());
        if !ends_with_org_suffix(core) || !looks_like_dept(core) || core.starts_with('由') {
            return false;
        }
    }
    roles > 0 && !items.is_empty()
}

/// Byte offset of the bracket that opens the one closing `s`.
fn matching_open(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in s.char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn is_name_list(inner: &str) -> bool {
    let mut n = 0;
    for item in split_items(inner) {
        if is_time_phrase(item.1) && n > 0 {
            continue;
        }
        if !looks_like_dept(item.1) {
            return false;
        }
        n += 1;
    }
    n > 0
}

/// The departments of a record: every attribution in brackets that stands
/// after a sentence inside its text (several in one paragraph: …落地。（省政府
/// 办公厅牵头）加强…。（省司法厅牵头）), then the trailing one at `at`; each
/// name once, in order of first appearance (SCHEMA "Further conventions").
/// `core_len` is where the trailing attribution starts (or the text's length).
///
/// ```
/// use zhengce::layout::departments::{record_departments, split_attribution};
/// let body = "推动通办。（省政府办公厅牵头）推进互认。（省政府办公厅、省大数据局牵头）";
/// let (core, at) = split_attribution(body);
/// let names: Vec<_> = record_departments(body, core.len(), at, 0).into_iter().map(|d| d.name).collect();
/// assert_eq!(names, ["省政府办公厅", "省大数据局"]);
/// ```
pub fn record_departments(body: &str, core_len: usize, at: Option<usize>, base: usize) -> Vec<Department> {
    let mut out: Vec<Department> = Vec::new();
    let groups = inline_groups(&body[..core_len.min(body.len())]);
    let trailing = at.map(|off| (off, body.len()));
    for (a, b) in groups.into_iter().chain(trailing) {
        for d in parse_attribution(&body[a..b], base + a) {
            if !out.iter().any(|x| x.name == d.name) {
                out.push(d);
            }
        }
    }
    out
}

/// Bracketed attributions inside a text, each right after the end of a
/// sentence (。；！？ or a line break, possibly after another group).
fn inline_groups(core: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Jumps to '(' and to the lead byte of full-width forms (（ is EF BC 88)
    // rather than decoding every character of the record.
    let b = core.as_bytes();
    let opens = memchr::memchr2_iter(b'(', 0xEF, b).filter(|&i| b[i] == b'(' || b[i..].starts_with("（".as_bytes()));
    for i in opens {
        let before = core[..i].trim_end_matches(is_space);
        let after_sentence = before.ends_with(['。', '；', ';', '！', '？', '\n']) || out.last().is_some_and(|&(_, e)| e == before.len());
        if !after_sentence || before.is_empty() {
            continue;
        }
        let Some(close) = core[i..].find(['）', ')']).map(|p| i + p) else { continue };
        let end = close + core[close..].chars().next().map_or(0, char::len_utf8);
        let group = &core[i..end];
        if !group[group.chars().next().map_or(0, char::len_utf8)..].contains(['（', '(']) && is_attribution_group(group) {
            out.push((i, end));
        }
    }
    out
}

/// Split a list on 、，,；; at bracket depth 0; yields (offset, item).
fn split_items(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::with_capacity(8);
    let mut depth = 0i32;
    let mut start = 0;
    // Brackets and separators only: Han characters are stepped over.
    for (i, c) in crate::text::chars::non_han_chars(s) {
        match c {
            '（' | '(' | '〔' => depth += 1,
            '）' | ')' | '〕' => depth -= 1,
            '、' | '，' | ',' | '；' | ';' | '/' if depth <= 0 => {
                push_item(s, start, i, &mut out);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    push_item(s, start, s.len(), &mut out);
    out
}

fn push_item<'a>(s: &'a str, start: usize, end: usize, out: &mut Vec<(usize, &'a str)>) {
    let item = &s[start..end];
    let lead = item.len() - item.trim_start_matches(is_space).len();
    let item = item.trim_matches(is_space);
    if !item.is_empty() {
        out.push((start + lead, item));
    }
}

/// Parse an attribution (with or without its brackets) into departments;
/// `base` is the byte offset of `s` in the document's normalised text.
///
/// Long (about 100 lines) because the offsets of every name must stay exact
/// while brackets, labels (牵头单位：/配合单位：) and role words (X牵头，Y配合)
/// are taken off: one walk keeps one running offset instead of handing it
/// between helpers.
pub fn parse_attribution(s: &str, base: usize) -> Vec<Department> {
    // Drop the outer brackets.
    let mut off = 0;
    let mut body = s.trim_end_matches(|c: char| is_space(c) || matches!(c, '。' | '、' | '，' | '；' | ',' | ';' | '.'));
    if body.starts_with(['（', '(']) && body.ends_with(['）', ')']) {
        let o = body.chars().next().unwrap().len_utf8();
        let c = body.chars().next_back().unwrap().len_utf8();
        off = o;
        body = &body[o..body.len() - c];
    }
    // Clauses are separated by ；/; or by a new label. An attribution names
    // a few bodies: room for eight spares the growing from empty.
    let mut out: Vec<(Department, bool)> = Vec::with_capacity(8); // (dept, role given explicitly)
    let mut clause_role: Option<Role> = None;
    let mut group: Vec<usize> = Vec::with_capacity(8); // indices of names since the last ，/；
    let mut depth = 0i32;
    let mut start = 0;
    let bytes_end = body.len();
    let mut positions: Vec<(usize, usize, char)> = Vec::with_capacity(8); // item spans and the separator that ended them
    for (i, c) in crate::text::chars::non_han_chars(body) {
        match c {
            '（' | '(' | '〔' => depth += 1,
            '）' | ')' | '〕' => depth -= 1,
            '、' | '，' | ',' | '；' | ';' | '/' | '\n' if depth <= 0 => {
                positions.push((start, i, c));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    positions.push((start, bytes_end, '\0'));
    let positions = join_collectives(body, split_and(body, positions));
    for (a, b, sep) in positions {
        let mut item = &body[a..b];
        let mut item_off = a;
        // A label may start any item (牵头单位：A、B 配合单位：C).
        loop {
            let lead = item.len() - item.trim_start_matches(is_space).len();
            item = &item[lead..];
            item_off += lead;
            match strip_label(item) {
                Some((role, rest)) => {
                    // A new label starts a new clause.
                    clause_role = role;
                    group.clear();
                    item_off += item.len() - rest.len();
                    item = rest;
                }
                None => break,
            }
            // Labels may run together: "配合单位：" directly after the lead list.
        }
        // The due time written with the attribution (…，6月底前完成;
        // 完成时限：…) is not a name, nor is anything after its label.
        if any_prefix(item, &TIME_LABELS) {
            break;
        }
        if is_time_phrase(item) {
            continue;
        }
        // An embedded label without a separator: "省民政厅 配合单位：省财政厅".
        if let Some((pos, lab_len, role)) = find_inner_label(item) {
            let (first, rest) = (&item[..pos], &item[pos + lab_len..]);
            push_name(first, item_off, base + off, clause_role, &mut out, &mut group);
            clause_role = role;
            group.clear();
            item_off += pos + lab_len;
            item = rest;
        }
        let (name, suffix_role) = strip_role_suffix(item);
        let name = name.trim_matches(is_space);
        let name_off = item_off + (item.len() - item.trim_start_matches(is_space).len());
        if let Some(role) = suffix_role {
            // "A、B牵头": the role word covers the whole group.
            if let Some(r) = role {
                for &g in &group {
                    out[g].0.role = r;
                    out[g].1 = true;
                }
            }
            push_name(name, name_off, base + off, role.or(clause_role), &mut out, &mut group);
            if let Some(r) = role {
                if let Some(last) = out.last_mut() {
                    last.0.role = r;
                    last.1 = true;
                }
            }
        } else {
            push_name(name, name_off, base + off, clause_role, &mut out, &mut group);
        }
        if matches!(sep, '，' | ',' | '；' | ';' | '\n') {
            group.clear();
        }
        if matches!(sep, '；' | ';' | '\n') {
            clause_role = None;
        }
    }
    // Roles by order where no label gave them: the first named is the lead.
    let any_explicit = out.iter().any(|(_, e)| *e);
    let mut seen_lead = out.iter().any(|(d, e)| *e && d.role == Role::Lead);
    for (d, explicit) in out.iter_mut() {
        if !*explicit {
            d.role = if !seen_lead { Role::Lead } else { Role::Co };
            seen_lead = true;
        }
        d.labelled = *explicit;
    }
    let _ = any_explicit;
    out.into_iter().map(|(d, _)| d).collect()
}

/// A due time inside an attribution: 6月底前完成, 2020年底前, 长期坚持, 持续推进.
fn is_time_phrase(item: &str) -> bool {
    let has_date = item.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) && item.contains(['年', '月', '日', '季', '周']);
    let bare = ["长期坚持", "持续推进", "长期", "持续", "逐年推进", "年内完成", "年底前完成"];
    has_date || bare.contains(&item.trim_end_matches(['。', ' ']))
}

/// 和 before the last name separates it (省财政厅和各市、县〔区〕人民政府,
/// SCHEMA "Further conventions"), where the part before is itself a name with
/// an organisation's ending (not 工业和信息化厅).
fn split_and(body: &str, positions: Vec<(usize, usize, char)>) -> Vec<(usize, usize, char)> {
    let mut out = Vec::new();
    for (a, b, sep) in positions {
        let item = &body[a..b];
        let cut = item.match_indices('和').map(|(i, _)| i).find(|&i| {
            let before = item[..i].trim_matches(is_space);
            let after = &item[i + '和'.len_utf8()..];
            ends_with_org_suffix(strip_role_suffix(before).0)
                && (looks_like_dept(after.split(['、', '，']).next().unwrap_or("")) || is_level_word(after.trim()))
        });
        match cut {
            Some(i) => {
                out.push((a, a + i, '和'));
                out.push((a + i + '和'.len_utf8(), b, sep));
            }
            None => out.push((a, b, sep)),
        }
    }
    out
}

/// A place or level word with no organisation (各市, 市, 各县): the first part
/// of a collective name such as 各市、县〔区〕人民政府.
fn is_level_word(item: &str) -> bool {
    let core = item.strip_prefix('各').unwrap_or(item);
    !core.is_empty() && core.chars().count() <= 3 && core.chars().all(|c| "省市县区州盟旗乡镇设辖".contains(c))
}

/// Join a level word to the item after it: 各市、县〔区〕人民政府 is one name,
/// the 、 inside it (SCHEMA "Further conventions").
fn join_collectives(body: &str, positions: Vec<(usize, usize, char)>) -> Vec<(usize, usize, char)> {
    let mut out: Vec<(usize, usize, char)> = Vec::new();
    let mut pending: Option<usize> = None;
    for (a, b, sep) in positions {
        let item = body[a..b].trim_matches(is_space);
        if sep == '、' && is_level_word(item) {
            pending.get_or_insert(a);
            continue;
        }
        out.push((pending.take().unwrap_or(a), b, sep));
    }
    if let Some(a) = pending {
        out.push((a, body.len(), '\0'));
    }
    out
}

fn find_inner_label(item: &str) -> Option<(usize, usize, Option<Role>)> {
    // Every label ends in a colon: no colon, no label.
    if !item.contains(['：', ':']) {
        return None;
    }
    for (label, role) in LABELS.iter().filter(|(l, _)| l.chars().count() > 2) {
        if let Some(pos) = item.find(label) {
            if pos == 0 {
                continue;
            }
            let rest = &item[pos + label.len()..];
            let rest_trim = rest.trim_start_matches(is_space);
            if let Some(r) = rest_trim.strip_prefix(['：', ':']) {
                let len = item.len() - pos - r.len();
                return Some((pos, len, *role));
            }
        }
    }
    None
}

fn push_name(name: &str, name_off: usize, base: usize, role: Option<Role>, out: &mut Vec<(Department, bool)>, group: &mut Vec<usize>) {
    let name = name.trim_matches(is_space);
    if name.is_empty() {
        return;
    }
    group.push(out.len());
    out.push((
        Department {
            name: name.into(),
            role: role.unwrap_or(Role::Co),
            labelled: role.is_some(),
            start: base + name_off,
            end: base + name_off + name.len(),
        },
        role.is_some(),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_suffix_check_agrees_with_comparing_every_suffix() {
        // Names ending in every suffix, in every suffix's last character
        // alone, and in each suffix cut short.
        let mut names: Vec<String> = Vec::new();
        for suf in ORG_SUFFIXES {
            names.push(format!("省{suf}"));
            names.push(suf.chars().last().unwrap().to_string());
            let mut cut = suf.to_string();
            cut.pop();
            names.push(format!("市{cut}"));
        }
        names.extend(["", "养老服务", "a", "工作"].map(String::from));
        for n in &names {
            assert_eq!(ends_with_org_suffix(n), ORG_SUFFIXES.iter().any(|suf| n.ends_with(suf)), "{n}");
        }
    }

    fn names(text: &str) -> Vec<(String, &'static str)> {
        let (_, at) = split_attribution(text);
        match at {
            Some(a) => parse_attribution(&text[a..], a).into_iter().map(|d| (d.name.into(), d.role.name())).collect(),
            None => vec![],
        }
    }

    fn n(v: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        v.iter().map(|(a, b)| (a.to_string(), *b)).collect()
    }

    #[test]
    fn labelled_forms() {
        assert_eq!(names("加强保障。（责任单位：救助处）"), n(&[("救助处", "lead")]));
        assert_eq!(
            names("加强保障。（责任单位：办公室，各相关处室、事业单位）"),
            n(&[("办公室", "lead"), ("各相关处室", "co"), ("事业单位", "co")])
        );
        assert_eq!(names("加强宣传。（责任单位：办公室、相关处室）、"), n(&[("办公室", "lead"), ("相关处室", "co")]));
        assert_eq!(
            names("完善制度。牵头单位：省民政厅 配合单位：省财政厅、省人力资源社会保障厅"),
            n(&[("省民政厅", "lead"), ("省财政厅", "co"), ("省人力资源社会保障厅", "co")])
        );
        assert_eq!(names("完善制度。\n责任部门：省民政厅、省财政厅"), n(&[("省民政厅", "lead"), ("省财政厅", "co")]));
    }

    #[test]
    fn trailing_list() {
        assert_eq!(names("完善救助制度。(省民政厅、省财政厅)"), n(&[("省民政厅", "lead"), ("省财政厅", "co")]));
        assert_eq!(names("构建养老服务体系。(省老龄委各成员单位)"), n(&[("省老龄委各成员单位", "lead")]));
        assert_eq!(
            names("推进工作。（省民政厅牵头，省财政厅、省卫生健康委配合）"),
            n(&[("省民政厅", "lead"), ("省财政厅", "co"), ("省卫生健康委", "co")])
        );
        assert_eq!(
            names("推进工作。（省科技厅、工业和信息化厅等部门按职责分工负责）"),
            n(&[("省科技厅", "lead"), ("工业和信息化厅", "co")])
        );
    }

    #[test]
    fn not_attributions() {
        assert!(names("启动阶段(3月1日-15日）").is_empty());
        assert!(names("围绕“六减”（减事项、减环节、减材料）要求").is_empty());
        assert!(names("贯彻《指导意见》(青发〔2020〕9号)").is_empty());
        assert!(names("联合公安消防、安监、住建等专业监管部门开展督导").is_empty());
    }

    fn all(text: &str) -> Vec<String> {
        let (core, at) = split_attribution(text);
        record_departments(text, core.len(), at, 0).into_iter().map(|d| d.name.into()).collect()
    }

    #[test]
    fn several_bracketed_attributions_in_one_record() {
        // Excerpted from a provincial action plan (数字山东 2021 form).
        let t = "推动事项全面落地。（省政府办公厅牵头）加强电子证照应用。（省政府办公厅、省大数据局牵头）推行告知承诺制。（省司法厅牵头）";
        assert_eq!(all(t), ["省政府办公厅", "省大数据局", "省司法厅"]);
        // A bracket inside a sentence is not an attribution.
        assert_eq!(all("扩大电子健康通行卡（码）跨省互认范围。（省卫生健康委牵头）"), ["省卫生健康委"]);
    }

    #[test]
    fn and_before_the_last_name_and_collective_names() {
        let t = "提高担保能力。（责任单位：省金融监管局、省财政厅和各市、县〔区〕人民政府）";
        assert_eq!(all(t), ["省金融监管局", "省财政厅", "各市、县〔区〕人民政府"]);
        assert_eq!(all("推进工作。（工业和信息化厅、省财政厅）"), ["工业和信息化厅", "省财政厅"]);
    }

    #[test]
    fn due_times_written_with_the_attribution() {
        assert_eq!(all("完成清单编制。（省民政厅负责，6月底前完成）"), ["省民政厅"]);
        assert_eq!(all("完成清单编制。（牵头单位：省民政厅；完成时限：2020年12月底前）"), ["省民政厅"]);
    }

    #[test]
    fn role_sentences_and_open_role_words() {
        assert_eq!(all("完善制度。省民政厅牵头，省财政厅、省人社厅按职责分工负责。"), ["省民政厅", "省财政厅", "省人社厅"]);
        assert_eq!(all("形成数字标签。（省大数据局牵头，省有关部门具体实施）"), ["省大数据局", "省有关部门"]);
        // A sentence in which a body acts is not an attribution.
        assert!(all("县级以上人民政府民政部门负责本行政区域内的殡葬管理工作。").is_empty());
        assert!(all("加强宣传。由民政部门牵头。").is_empty());
    }

    #[test]
    fn offsets_point_at_names() {
        let text = "落实资金。（牵头单位：省民政厅；配合单位：省财政厅）";
        let (_, at) = split_attribution(text);
        for d in parse_attribution(&text[at.unwrap()..], at.unwrap()) {
            assert_eq!(&text[d.start..d.end], d.name);
        }
    }
}
