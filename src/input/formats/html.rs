//! HTML pages of government websites.
//!
//! The page is decoded with the charset its `<meta>` tag declares (a lying
//! declaration falls back to sniffing: UTF-8, UTF-16, GB18030/GBK), parsed by
//! `scraper` (html5ever, the HTML5 parsing algorithm browsers use, so broken
//! markup is repaired the way a browser repairs it), and read in three parts:
//!
//! * the **metadata table** (索引号, 发文机关, 成文日期, 发文字号, 标题, 发布日期 …),
//!   written as `key：value` lines at the top of the text for [`crate::extract::meta`];
//! * the **title** shown above the article, when the article body lacks it;
//! * the **article body**: the element with a typical CMS id or class (`#zoom`,
//!   `.TRS_Editor`, `.pages_content` …, listed in `data/html_layout.txt`) or
//!   else the densest text container. Scripts, styles, forms, navigation,
//!   share widgets, print/close links (打印本页/关闭窗口) and footers are dropped;
//!   `<p>`, `<div>`, `<br>`, `<li>` and headings end a paragraph; a table is
//!   flattened to one line per row, cells separated by a tab.
//!
//! ```
//! let page = "<html><head><meta charset='utf-8'></head><body><div class='nav'>首页</div>\
//!   <table><tr><td>发文机关：</td><td>吉林省民政厅</td><td>发文字号：</td><td>吉民发〔2020〕13号</td></tr></table>\
//!   <div id='zoom'><p>一、总体要求</p><p>全面落实。<a href='javascript:window.print()'>打印本页</a></p></div></body></html>";
//! let x = zhengce::input::formats::html::extract(page.as_bytes()).unwrap();
//! assert_eq!(x.text, "发文机关：吉林省民政厅\t发文字号：吉民发〔2020〕13号\n一、总体要求\n全面落实。");
//! ```

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};
use std::sync::LazyLock as Lazy;

use super::{join_lines, FormatError};
use crate::error::{Warning, WarningKind};
use crate::input::read::Decoded;
use crate::text::chars::is_cjk;
use crate::text::lines::HEADER_KEYS;

/// The layout knowledge of `data/html_layout.txt`.
struct HtmlLayout {
    content: Vec<String>,
    junk: Vec<String>,
    junk_exact: Vec<String>,
    title: Vec<String>,
}

static LAYOUT: Lazy<HtmlLayout> = Lazy::new(|| {
    let mut l = HtmlLayout { content: Vec::new(), junk: Vec::new(), junk_exact: Vec::new(), title: Vec::new() };
    let mut section = "";
    for line in include_str!("../../../data/html_layout.txt").lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            section = match line {
                "[content]" => "content",
                "[junk]" => "junk",
                "[junk-exact]" => "junk-exact",
                "[title]" => "title",
                _ => "",
            };
            continue;
        }
        let v = line.to_ascii_lowercase();
        match section {
            "content" => l.content.push(v),
            "junk" => l.junk.push(v),
            "junk-exact" => l.junk_exact.push(v),
            "title" => l.title.push(v),
            _ => {}
        }
    }
    l
});

/// Short web furniture lines (打印本页, 关闭窗口, 扫一扫 …) from `data/boilerplate.txt`.
static FURNITURE: Lazy<crate::text::boilerplate::Boilerplate> = Lazy::new(Default::default);

const SKIP_TAGS: [&str; 18] = [
    "script", "style", "noscript", "template", "iframe", "object", "embed", "button", "select", "input", "textarea", "form", "nav",
    "footer", "head", "svg", "canvas", "map",
];

const BLOCK_TAGS: [&str; 30] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "aside",
    "header",
    "center",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "body",
    "figure",
];

/// Blocks that hold one paragraph (their text belongs to their container).
const PARAGRAPH_TAGS: [&str; 12] = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "dt", "dd"];

fn is_block(name: &str) -> bool {
    BLOCK_TAGS.contains(&name)
}

/// Ids and classes of an element, lower-cased.
fn names(e: &scraper::node::Element) -> Vec<String> {
    let mut v: Vec<String> = e.classes().map(|c| c.to_ascii_lowercase()).collect();
    if let Some(id) = e.id() {
        v.push(id.to_ascii_lowercase());
    }
    v
}

fn is_hidden(e: &scraper::node::Element) -> bool {
    e.attr("hidden").is_some()
        || e.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Page furniture: skipped tags, hidden elements, widget ids/classes, script links.
fn is_junk(e: &scraper::node::Element) -> bool {
    let name = e.name();
    if SKIP_TAGS.contains(&name) || is_hidden(e) {
        return true;
    }
    if name == "a" && e.attr("href").is_some_and(|h| h.trim_start().to_ascii_lowercase().starts_with("javascript:")) {
        return true;
    }
    let l = &*LAYOUT;
    names(e).iter().any(|n| l.junk.iter().any(|j| n.contains(j.as_str())) || l.junk_exact.iter().any(|j| n == j))
}

/// Lines of text under a node, as a browser would lay them out.
struct Lines {
    lines: Vec<String>,
    cur: String,
    /// Inside <pre>: white space is kept.
    pre: u32,
}

/// Stands for a collapsible white-space run that contained a line break: a
/// space between Latin words, nothing between Chinese characters.
const SOFT_BREAK: char = '\u{E000}';

impl Lines {
    fn new() -> Self {
        Lines { lines: Vec::new(), cur: String::new(), pre: 0 }
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            let mut parts = t.split('\n');
            if let Some(first) = parts.next() {
                self.cur.push_str(first);
            }
            for p in parts {
                self.newline();
                self.cur.push_str(p);
            }
            return;
        }
        let mut ws: Option<bool> = None; // in a white-space run; whether it had a line break
        for c in t.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                let nl = c == '\n' || c == '\r';
                ws = Some(ws.unwrap_or(false) || nl);
                continue;
            }
            if let Some(nl) = ws.take() {
                self.space(nl);
            }
            self.cur.push(if c == '\u{a0}' { ' ' } else { c });
        }
        if let Some(nl) = ws {
            self.space(nl);
        }
    }

    fn space(&mut self, line_break: bool) {
        match self.cur.chars().next_back() {
            None | Some(' ') => {}
            Some(SOFT_BREAK) => {
                if !line_break {
                    self.cur.pop();
                    self.cur.push(' ');
                }
            }
            Some(_) => self.cur.push(if line_break { SOFT_BREAK } else { ' ' }),
        }
    }

    fn newline(&mut self) {
        let line = std::mem::take(&mut self.cur);
        let line = resolve_soft_breaks(&line);
        if !line.trim().is_empty() || self.pre > 0 {
            self.lines.push(line);
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.newline();
        self.lines
    }
}

fn resolve_soft_breaks(s: &str) -> String {
    if !s.contains(SOFT_BREAK) {
        return s.to_string();
    }
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in cs.iter().enumerate() {
        if c != SOFT_BREAK {
            out.push(c);
            continue;
        }
        let prev = cs[..i].iter().rev().find(|&&p| p != SOFT_BREAK).copied();
        let next = cs[i + 1..].iter().find(|&&p| p != SOFT_BREAK).copied();
        // A line break in the source between Chinese characters is not a space.
        let cjk = prev.is_some_and(is_cjk) || next.is_some_and(is_cjk);
        if !cjk && prev.is_some() && next.is_some() {
            out.push(' ');
        }
    }
    out
}

struct Page {
    skip: HashSet<NodeId>,
}

/// One step of the walk over a page: the walk keeps its own stack, so a page
/// nested 200,000 elements deep is read without deep recursion.
enum Step<'a> {
    Enter(NodeRef<'a, Node>),
    Newline,
    PreEnd,
    RowStart,
    CellStart,
    CellEnd,
    RowEnd,
}

impl Page {
    /// Write the text under `node` into `out`; returns the number of steps
    /// taken (a bounded number per node: entering it, and closing what it opened).
    fn walk(&self, node: NodeRef<'_, Node>, out: &mut Lines) -> usize {
        let mut bufs: Vec<Lines> = Vec::new();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut steps = vec![Step::Enter(node)];
        let mut taken = 0;
        while let Some(step) = steps.pop() {
            taken += 1;
            let cur = bufs.last_mut().unwrap_or(out);
            match step {
                Step::Enter(n) => self.enter(n, cur, &mut steps),
                Step::Newline => cur.newline(),
                Step::PreEnd => {
                    cur.pre -= 1;
                    cur.newline();
                }
                Step::RowStart => rows.push(Vec::new()),
                Step::CellStart => bufs.push(Lines::new()),
                Step::CellEnd => {
                    let l = bufs.pop().expect("a cell's buffer");
                    let text = l.finish().iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
                    if let Some(r) = rows.last_mut() {
                        r.push(text);
                    }
                }
                Step::RowEnd => {
                    let mut cells = rows.pop().unwrap_or_default();
                    while cells.last().is_some_and(|c| c.is_empty()) {
                        cells.pop();
                    }
                    if cells.iter().any(|c| !c.is_empty()) {
                        cur.cur.push_str(&cells.join("\t"));
                        cur.newline();
                    }
                }
            }
        }
        taken
    }

    /// Write the text under the children of `node` into `out`.
    fn walk_children(&self, node: NodeRef<'_, Node>, out: &mut Lines) {
        for c in node.children() {
            let _ = self.walk(c, out);
        }
    }

    /// Children are pushed last first, so that they are read in order.
    fn push_children<'a>(node: NodeRef<'a, Node>, steps: &mut Vec<Step<'a>>) {
        steps.extend(node.children().rev().map(Step::Enter));
    }

    fn enter<'a>(&self, node: NodeRef<'a, Node>, out: &mut Lines, steps: &mut Vec<Step<'a>>) {
        match node.value() {
            Node::Text(t) => out.text(t),
            Node::Element(e) => {
                if self.skip.contains(&node.id()) || is_junk(e) {
                    return;
                }
                let name = e.name();
                match name {
                    "br" => out.newline(),
                    "table" => Page::table(node, out, steps),
                    "pre" => {
                        out.newline();
                        out.pre += 1;
                        steps.push(Step::PreEnd);
                        Page::push_children(node, steps);
                    }
                    _ if is_block(name) => {
                        out.newline();
                        steps.push(Step::Newline);
                        Page::push_children(node, steps);
                    }
                    _ => Page::push_children(node, steps),
                }
            }
            Node::Document | Node::Fragment => Page::push_children(node, steps),
            _ => {}
        }
    }

    /// A table: one line per row, cells separated by a tab. A table of one
    /// column is layout (a page laid out in a table), read as ordinary blocks.
    fn table<'a>(table: NodeRef<'a, Node>, out: &mut Lines, steps: &mut Vec<Step<'a>>) {
        let rows = rows_of(table);
        out.newline();
        if rows.iter().all(|r| cells_of(*r).len() <= 1) {
            steps.push(Step::Newline);
            Page::push_children(table, steps);
            return;
        }
        for row in rows.into_iter().rev() {
            steps.push(Step::RowEnd);
            for cell in cells_of(row).into_iter().rev() {
                steps.push(Step::CellEnd);
                Page::push_children(cell, steps);
                steps.push(Step::CellStart);
            }
            steps.push(Step::RowStart);
        }
    }
}

/// What the choice of the article body and of the metadata needs to know
/// about every node, found in one pass down the tree (parents before
/// children) and one pass up (children before parents), so that no node's
/// ancestors or descendants are walked for each node: the reading of a page
/// takes time linear in its size however deeply it nests.
struct Facts {
    /// Pre-order position of each node, and of the last node of its subtree
    /// (a node is an ancestor of another exactly when the other's position
    /// lies in its range).
    index: HashMap<NodeId, usize>,
    ids: Vec<NodeId>,
    last: Vec<usize>,
    parent: Vec<Option<usize>>,
    /// Inside a link or page furniture (its text does not count).
    hidden: Vec<bool>,
    /// Inside a skipped tag (script, style, form …).
    skipped: Vec<bool>,
    /// Inside page furniture (not counting links).
    junk: Vec<bool>,
    /// The nearest block element at or above the node.
    block: Vec<Option<usize>>,
    /// The nearest row-like element (tr, li, dl, p) at or above the node.
    row: Vec<Option<usize>>,
    /// Counted characters of visible, non-link text in the subtree.
    text_len: Vec<usize>,
    /// Characters of all text in the subtree, and the number of nodes in it.
    raw_len: Vec<usize>,
    size: Vec<usize>,
    /// Distinctive metadata keys in the subtree (bit set over `DISTINCTIVE`).
    keys: Vec<u16>,
    /// Whether the node is a text node, and how many counted characters it holds.
    own_text: Vec<usize>,
}

/// Keys that tell a metadata table from an article that quotes one.
const DISTINCTIVE: [&str; 12] = [
    "索引号",
    "信息索引号",
    "发文机关",
    "发文单位",
    "发布机构",
    "成文日期",
    "发文字号",
    "文号",
    "发布日期",
    "主题分类",
    "公文种类",
    "标题",
];

fn visible_chars(t: &str) -> usize {
    t.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '\u{a0}').count()
}

impl Facts {
    fn of(doc: &Html) -> Facts {
        let nodes: Vec<NodeRef<Node>> = doc.tree.root().descendants().collect();
        let n = nodes.len();
        let index: HashMap<NodeId, usize> = nodes.iter().enumerate().map(|(i, x)| (x.id(), i)).collect();
        let mut f = Facts {
            ids: nodes.iter().map(|x| x.id()).collect(),
            last: (0..n).collect(),
            parent: vec![None; n],
            hidden: vec![false; n],
            skipped: vec![false; n],
            junk: vec![false; n],
            block: vec![None; n],
            row: vec![None; n],
            text_len: vec![0; n],
            raw_len: vec![0; n],
            size: vec![1; n],
            keys: vec![0; n],
            own_text: vec![0; n],
            index,
        };
        // Down: what a node inherits from its parent.
        for (i, node) in nodes.iter().enumerate() {
            let p = node.parent().map(|p| f.index[&p.id()]);
            f.parent[i] = p;
            let (mut hidden, mut skipped, mut junk, mut block, mut row) = match p {
                Some(p) => (f.hidden[p], f.skipped[p], f.junk[p], f.block[p], f.row[p]),
                None => (false, false, false, None, None),
            };
            match node.value() {
                Node::Element(e) => {
                    junk |= is_junk(e);
                    hidden |= junk || e.name() == "a";
                    skipped |= SKIP_TAGS.contains(&e.name());
                    if is_block(e.name()) {
                        block = Some(i);
                    }
                    if matches!(e.name(), "tr" | "li" | "dl" | "p") {
                        row = Some(i);
                    }
                }
                Node::Text(t) => {
                    f.own_text[i] = visible_chars(t);
                    f.raw_len[i] = t.chars().filter(|c| !c.is_whitespace()).count();
                    if !hidden {
                        f.text_len[i] = f.own_text[i];
                    }
                    if let Some((k, _)) = key_of(t.trim()) {
                        if let Some(b) = DISTINCTIVE.iter().position(|d| *d == k) {
                            f.keys[i] = 1 << b;
                        }
                    }
                }
                _ => {}
            }
            (f.hidden[i], f.skipped[i], f.junk[i], f.block[i], f.row[i]) = (hidden, skipped, junk, block, row);
        }
        // Up: what a node gathers from its subtree.
        for i in (1..n).rev() {
            if let Some(p) = f.parent[i] {
                f.last[p] = f.last[p].max(f.last[i]);
                f.text_len[p] += f.text_len[i];
                f.raw_len[p] += f.raw_len[i];
                f.size[p] += f.size[i];
                f.keys[p] |= f.keys[i];
            }
        }
        f
    }

    /// Whether `a` is `d` or one of its ancestors.
    fn contains(&self, a: usize, d: usize) -> bool {
        a <= d && d <= self.last[a]
    }

    fn name<'a>(&self, doc: &'a Html, i: usize) -> Option<&'a str> {
        doc.tree.get(self.ids[i]).and_then(|n| element_name(&n))
    }
}

fn element_name<'a>(n: &NodeRef<'a, Node>) -> Option<&'a str> {
    match n.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

/// The rows of a table (not those of tables nested in its cells).
fn rows_of<'a>(table: NodeRef<'a, Node>) -> Vec<NodeRef<'a, Node>> {
    let mut rows = Vec::new();
    for c in table.children() {
        match element_name(&c) {
            Some("tr") => rows.push(c),
            Some("tbody" | "thead" | "tfoot") => rows.extend(c.children().filter(|r| element_name(r) == Some("tr"))),
            _ => {}
        }
    }
    rows
}

fn cells_of<'a>(row: NodeRef<'a, Node>) -> Vec<NodeRef<'a, Node>> {
    row.children().filter(|c| matches!(element_name(c), Some("td" | "th"))).collect()
}

/// Characters of visible, non-link text directly under paragraphs, credited
/// to containers the way readability scorers do: a paragraph's text goes to
/// its container, half of it to the container's parent.
fn score_containers(doc: &Html, f: &Facts) -> HashMap<usize, f64> {
    let mut scores: HashMap<usize, f64> = HashMap::new();
    for i in 0..f.ids.len() {
        // Text inside links, furniture or hidden parts does not count.
        if f.own_text[i] == 0 || f.hidden[i] {
            continue;
        }
        let n = f.own_text[i] as f64;
        let Some(block) = f.block[i] else { continue };
        let container = if PARAGRAPH_TAGS.contains(&f.name(doc, block).unwrap_or("")) { f.parent[block] } else { Some(block) };
        if let Some(c) = container {
            *scores.entry(c).or_default() += n;
            if let Some(p) = f.parent[c] {
                *scores.entry(p).or_default() += n / 2.0;
            }
        }
    }
    scores
}

/// The element holding the article: a known CMS content container when it
/// holds a fair share of the page's text, else the densest container.
fn find_body(doc: &Html, f: &Facts) -> Option<NodeId> {
    let scores = score_containers(doc, f);
    let (&best, &best_score) = scores
        .iter()
        .filter(|(i, _)| f.name(doc, **i) != Some("html"))
        .max_by(|a, b| a.1.total_cmp(b.1).then(f.ids[*b.0].cmp(&f.ids[*a.0])))?;
    // Known content containers (the largest of them).
    let l = &*LAYOUT;
    let mut known: Option<(usize, f64)> = None;
    for (i, id) in f.ids.iter().enumerate() {
        let Some(Node::Element(e)) = doc.tree.get(*id).map(|n| n.value()) else { continue };
        if is_junk(e) || !names(e).iter().any(|n| l.content.contains(n)) {
            continue;
        }
        let s = f.text_len[i] as f64;
        if known.is_none_or(|(_, k)| s > k) {
            known = Some((i, s));
        }
    }
    if let Some((i, s)) = known {
        if s >= 0.5 * best_score && s > 0.0 {
            return Some(f.ids[i]);
        }
    }
    // Climb while the parent holds as much paragraph text (the body split into sibling blocks).
    let mut cur = best;
    while let Some(parent) = f.parent[cur] {
        if matches!(f.name(doc, parent), None | Some("html")) {
            break;
        }
        let ps = scores.get(&parent).copied().unwrap_or(0.0);
        if ps >= 0.9 * best_score.max(scores.get(&cur).copied().unwrap_or(0.0)) && ps > 0.0 {
            cur = parent;
        } else {
            break;
        }
    }
    Some(f.ids[cur])
}

/// A metadata key at the start of a piece of text: the key and the byte
/// length taken by it and its colon (a key alone in a cell needs no colon).
fn key_of(token: &str) -> Option<(&'static str, usize)> {
    let compact: String = token.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
    let bare = compact.trim_end_matches(['：', ':']);
    if let Some(k) = HEADER_KEYS.iter().find(|k| **k == bare) {
        return Some((k, token.len()));
    }
    // `key：value` in one piece of text.
    let mut best: Option<(&'static str, usize)> = None;
    for k in HEADER_KEYS {
        if let Some(rest) = token.strip_prefix(k) {
            let r = rest.trim_start_matches([' ', '\u{3000}', '\t']);
            if r.starts_with(['：', ':']) && best.is_none_or(|(b, _)| k.len() > b.len()) {
                best = Some((k, token.len() - r.len() + r.chars().next().map_or(0, char::len_utf8)));
            }
        }
    }
    best
}

/// Key/value pairs of a metadata table, row by row.
fn metadata_pairs(node: NodeRef<Node>, f: &Facts) -> Vec<Vec<(String, String)>> {
    // Pieces of text in order, with the row (tr, li, dl, p or div) they are in.
    let top = f.index[&node.id()];
    let mut pieces: Vec<(Option<usize>, String)> = Vec::new();
    for d in node.descendants() {
        let Node::Text(t) = d.value() else { continue };
        let s = t.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}');
        let i = f.index[&d.id()];
        if s.is_empty() || f.skipped[i] {
            continue;
        }
        let row = f.row[i].filter(|&r| r != top && f.contains(top, r));
        pieces.push((row, s.to_string()));
    }
    let mut rows: Vec<Vec<(String, String)>> = Vec::new();
    let mut last_row: Option<Option<usize>> = None;
    for (row, piece) in pieces {
        if last_row != Some(row) || rows.is_empty() {
            rows.push(Vec::new());
            last_row = Some(row);
        }
        let cur = rows.last_mut().unwrap();
        match key_of(&piece) {
            Some((k, len)) => cur.push((k.to_string(), piece[len..].trim().to_string())),
            None => {
                if let Some((_, v)) = cur.last_mut() {
                    if v.chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric())
                        && piece.starts_with(|c: char| c.is_ascii_alphanumeric())
                    {
                        v.push(' ');
                    }
                    v.push_str(&piece);
                } else if let Some(prev) = rows.iter_mut().rev().skip(1).find_map(|r| r.last_mut()) {
                    // A value in its own row under its key.
                    if prev.1.is_empty() {
                        prev.1.push_str(&piece);
                    }
                }
            }
        }
    }
    rows.retain(|r| !r.is_empty());
    rows
}

/// The page's metadata table: the smallest element that names at least two
/// of the distinctive keys (索引号, 发文机关, 成文日期, 发文字号 …).
fn find_metadata_table(doc: &Html, f: &Facts) -> Option<NodeId> {
    let mut best: Option<(usize, u32, usize)> = None; // node, keys, text length
    for i in 0..f.ids.len() {
        if !matches!(f.name(doc, i), Some("table" | "tbody" | "ul" | "ol" | "dl" | "div" | "section")) {
            continue;
        }
        let (keys, len) = (f.keys[i].count_ones(), f.raw_len[i]);
        // Metadata tables are short; an article that quotes keys is not one.
        if keys >= 2 && len < 1500 {
            let better = match best {
                None => true,
                Some((_, bk, bl)) => keys > bk || keys == bk && len < bl,
            };
            if better {
                best = Some((i, keys, len));
            }
        }
    }
    best.map(|b| f.ids[b.0])
}

/// Short lines outside the article that start with a metadata key: the
/// `发布日期：2012-10-10 来源：省政府办公厅 字体：[大 中 小]` line under a title.
fn find_info_lines(doc: &Html, f: &Facts, body: Option<NodeId>, table: Option<NodeId>) -> Vec<NodeId> {
    const INFO_KEYS: [&str; 12] = [
        "发布日期",
        "发布时间",
        "公开日期",
        "成文日期",
        "印发日期",
        "来源",
        "信息来源",
        "发布机构",
        "发文机关",
        "发文字号",
        "文号",
        "索引号",
    ];
    // An info line is a small element: its text is only gathered for
    // elements of a bounded size, so the search stays linear.
    const MAX_NODES: usize = 200;
    let body = body.map(|b| f.index[&b]);
    let table = table.map(|t| f.index[&t]);
    let mut out: Vec<NodeId> = Vec::new();
    // Whether a node lies inside a line already found (or the table).
    let mut covered = vec![false; f.ids.len()];
    for i in 0..f.ids.len() {
        let inherited = f.parent[i].is_some_and(|p| covered[p]);
        covered[i] = inherited || Some(i) == table;
        if covered[i] || f.raw_len[i] > 300 || f.size[i] > MAX_NODES {
            continue;
        }
        if !matches!(f.name(doc, i), Some("div" | "p" | "span" | "li" | "td" | "h2" | "h3" | "h4" | "h5" | "h6" | "em" | "i" | "small")) {
            continue;
        }
        if body.is_some_and(|b| f.contains(i, b)) {
            continue;
        }
        // Inside the article only a publication date line is page furniture;
        // a `来源：` line there may be the note under a table.
        let in_body = body.is_some_and(|b| f.contains(b, i));
        let Some(node) = doc.tree.get(f.ids[i]) else { continue };
        let text: String = node.descendants().filter_map(|d| d.value().as_text().map(|t| t.to_string())).collect();
        let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}');
        if text.chars().count() <= 300
            && key_of(text).is_some_and(|(k, _)| INFO_KEYS.contains(&k) && (!in_body || INFO_KEYS[..3].contains(&k)))
        {
            out.push(f.ids[i]);
            covered[i] = true;
        }
    }
    out
}

/// The title shown above the article: a heading or a title-classed element
/// that precedes the body inside one of its nearest ancestors.
fn find_title(doc: &Html, f: &Facts, body: NodeId, skip: &HashSet<NodeId>) -> Option<String> {
    let l = &*LAYOUT;
    let b = f.index[&body];
    // Nodes under a skipped one (the metadata table and lines), found once.
    let mut skipped = vec![false; f.ids.len()];
    for i in 0..f.ids.len() {
        skipped[i] = f.parent[i].is_some_and(|p| skipped[p]) || skip.contains(&f.ids[i]);
    }
    let mut anc = f.parent[b];
    for _ in 0..3 {
        let Some(a) = anc else { break };
        anc = f.parent[a];
        // The nodes of `a`'s subtree before the body, in document order
        // (`d` indexes the flattened tree's parallel arrays).
        #[allow(clippy::needless_range_loop)]
        for d in a..b {
            if !f.contains(a, d) {
                break;
            }
            let Some(node) = doc.tree.get(f.ids[d]) else { continue };
            let Node::Element(e) = node.value() else { continue };
            // A heading, a known title class, or any class or id naming a title
            // (xl_title, news-title …: CMSs name the element that way).
            let titled = matches!(e.name(), "h1" | "h2" | "h3") || names(e).iter().any(|n| l.title.contains(n) || n.contains("title"));
            let junk_above = f.parent[d].is_some_and(|p| f.junk[p]);
            if !titled || skipped[d] || junk_above || is_junk(e) {
                continue;
            }
            let mut lines = Lines::new();
            Page { skip: skip.clone() }.walk_children(node, &mut lines);
            let text = lines.finish().join("");
            let n = text.trim().chars().count();
            if (5..=150).contains(&n) {
                return Some(text.trim().to_string());
            }
        }
    }
    None
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}

/// Decode a page: BOM, then the declared charset, then sniffing.
pub fn decode_page(bytes: &[u8]) -> Result<(String, &'static str, Vec<Warning>), FormatError> {
    let has_bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]) || bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !has_bom {
        if let Some(enc) = declared_charset(bytes) {
            let utf8 = std::str::from_utf8(bytes).ok();
            if enc == encoding_rs::UTF_8 {
                if let Some(s) = utf8 {
                    return Ok((s.to_string(), "utf-8", Vec::new()));
                }
            } else if let Some(s) = utf8.filter(|s| !s.is_ascii()) {
                // Chinese text that is valid UTF-8 is UTF-8 whatever the page says
                // (GBK bytes almost never form valid UTF-8 sequences).
                return Ok((
                    s.to_string(),
                    "utf-8",
                    vec![Warning::new(WarningKind::CharsetMismatch, format!("the page declares charset {} but is utf-8", enc.name()))],
                ));
            } else if let Some(s) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
                return Ok((s.into_owned(), encoding_name(enc), Vec::new()));
            }
            // The declaration is wrong (a page re-saved in another encoding): sniff.
            let d = crate::input::read::decode(bytes).map_err(|f| FormatError::Decode(f.0))?;
            let mut w = d.warnings;
            w.push(Warning::new(WarningKind::CharsetMismatch, format!("the page declares charset {} but is {}", enc.name(), d.encoding)));
            return Ok((d.text, d.encoding, w));
        }
    }
    let d = crate::input::read::decode(bytes).map_err(|f| FormatError::Decode(f.0))?;
    Ok((d.text, d.encoding, d.warnings))
}

fn encoding_name(enc: &'static encoding_rs::Encoding) -> &'static str {
    match enc.name() {
        "UTF-8" => "utf-8",
        "GBK" => "gbk",
        "Big5" => "big5",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        other => other,
    }
}

/// The charset of `<meta charset=…>` or `<meta http-equiv content="…; charset=…">`
/// in the first bytes of a page.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head: Vec<u8> = bytes[..bytes.len().min(4096)].iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(p) = crate::input::read::memfind(&head[from..], b"<meta") {
        let start = from + p;
        let end = head[start..].iter().position(|&b| b == b'>').map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(c) = crate::input::read::memfind(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.strip_prefix(b"=").or_else(|| {
                let t = rest.iter().position(|b| !b.is_ascii_whitespace())?;
                rest[t..].strip_prefix(b"=")
            });
            if let Some(rest) = rest {
                let rest: &[u8] =
                    &rest[rest.iter().position(|b| !b.is_ascii_whitespace() && *b != b'"' && *b != b'\'').unwrap_or(rest.len())..];
                let label_end = rest.iter().position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>')).unwrap_or(rest.len());
                if let Some(enc) = encoding_rs::Encoding::for_label(&rest[..label_end]) {
                    // A page cannot really be UTF-16 if the declaration was readable as ASCII.
                    return Some(if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { encoding_rs::UTF_8 } else { enc });
                }
            }
        }
        from = end.max(start + 5);
        if from >= head.len() {
            break;
        }
    }
    None
}

/// The deepest nesting of container elements the parser is given. Browsers
/// cap the depth of the tree their parser builds (Blink at 512) and so does
/// zhengce: the HTML5 tree builder looks through the stack of open elements
/// for each new block element, which costs time in proportion to the depth,
/// so a page nested 200,000 deep would take quadratic time. No real page
/// comes near the cap; beyond it, container tags are left out and their text
/// is kept in order.
const MAX_NESTING: usize = 512;

/// Container elements whose nesting is capped (they have explicit end tags).
const NESTING_TAGS: [&str; 12] = ["div", "span", "section", "article", "font", "center", "table", "blockquote", "ul", "ol", "dl", "form"];

/// The tag at byte `i` (which holds `<`): (is an end tag, name, end of the tag).
fn tag_at(b: &[u8], i: usize) -> Option<(bool, &[u8], usize)> {
    let close = b.get(i + 1) == Some(&b'/');
    let start = i + 1 + usize::from(close);
    let name_end = start + b[start..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_end == start {
        return None;
    }
    let end = memchr::memchr(b'>', &b[name_end..]).map_or(b.len(), |k| name_end + k + 1);
    Some((close, &b[start..name_end], end))
}

fn nesting_tag(name: &[u8]) -> bool {
    NESTING_TAGS.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(name))
}

/// The page with container tags nested deeper than [`MAX_NESTING`] left out
/// (in one pass; borrowed unchanged when no nesting reaches the cap).
fn cap_nesting(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    // One quick pass: does any nesting reach the cap?
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        i += k;
        match tag_at(b, i) {
            Some((close, name, end)) if nesting_tag(name) => {
                if close {
                    depth = depth.saturating_sub(1);
                } else if !b[..end].ends_with(b"/>") {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    if deepest <= MAX_NESTING {
        return std::borrow::Cow::Borrowed(html);
    }
    // Keep every byte but the tags that open or close a level beyond the cap.
    let mut out = String::with_capacity(html.len());
    let (mut depth, mut from, mut i) = (0usize, 0usize, 0usize);
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        i += k;
        match tag_at(b, i) {
            Some((close, name, end)) if nesting_tag(name) => {
                let beyond = if close {
                    let d = depth;
                    depth = depth.saturating_sub(1);
                    d > MAX_NESTING
                } else if b[..end].ends_with(b"/>") {
                    false
                } else {
                    depth += 1;
                    depth > MAX_NESTING
                };
                if beyond {
                    out.push_str(&html[from..i]);
                    from = end;
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    out.push_str(&html[from..]);
    std::borrow::Cow::Owned(out)
}

/// Extract the text of a web page (see the module documentation).
pub fn extract(bytes: &[u8]) -> Result<Decoded, FormatError> {
    let (text, encoding, mut warnings) = decode_page(bytes)?;
    let doc = Html::parse_document(&cap_nesting(&text));
    let mut skip: HashSet<NodeId> = HashSet::new();
    let mut head_lines: Vec<String> = Vec::new();
    let facts = Facts::of(&doc);
    let body = find_body(&doc, &facts);
    let table = find_metadata_table(&doc, &facts);
    let meta_nodes: Vec<NodeId> = table.into_iter().chain(find_info_lines(&doc, &facts, body, table)).collect();
    for m in meta_nodes {
        skip.insert(m);
        for row in metadata_pairs(doc.tree.get(m).expect("node from this tree"), &facts) {
            let row: Vec<(String, String)> = row.into_iter().filter(|(k, v)| !v.is_empty() && k != "字体" && k != "浏览次数").collect();
            if row.is_empty() {
                continue;
            }
            head_lines.push(row.iter().map(|(k, v)| super::header_line(k, v)).collect::<Vec<_>>().join("\t"));
        }
    }
    let mut out = Lines::new();
    let page = Page { skip: skip.clone() };
    match body {
        Some(b) => {
            let _ = page.walk(doc.tree.get(b).expect("node from this tree"), &mut out);
        }
        None => {
            warnings.push(Warning::new(WarningKind::NoArticleBody, "no article body found; the whole page was read"));
            let _ = page.walk(doc.tree.root(), &mut out);
        }
    }
    let mut body_lines: Vec<String> =
        out.finish().into_iter().filter(|l| !(l.chars().count() <= 40 && FURNITURE.is_match(l.trim()))).collect();
    if let Some(b) = body {
        if let Some(title) = find_title(&doc, &facts, b, &skip) {
            let t = squash(&title);
            // The body prints the title itself, whole or broken over lines (its
            // first line is then the title's start); a line that is only part of
            // it elsewhere (an attachment's title) is not its print.
            let in_body =
                body_lines.iter().take(8).any(|l| squash(l).contains(&t) || t.starts_with(&squash(l)) && squash(l).chars().count() >= 8);
            if !in_body {
                body_lines.insert(0, title);
            }
        }
    }
    if body_lines.is_empty() {
        return Err(FormatError::Unsupported("the page has no text (an empty page, or one whose content is loaded by scripts)".into()));
    }
    let text = join_lines(head_lines.into_iter().chain(body_lines));
    Ok(Decoded { text, encoding, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><title>页</title><script>var a='<p>x</p>';</script><style>p{{}}</style></head><body>{body}</body></html>")
    }

    const SHELL_TOP: &str =
        "<div class=\"header\"><ul class=\"nav\"><li><a href=\"/\">首页</a></li><li><a href=\"/zw\">政务公开</a></li></ul></div>\
        <div class=\"dqwz\">当前位置：<a href=\"/\">首页</a> &gt; 通知公告</div>";
    const SHELL_BOTTOM: &str = "<div class=\"bdsharebuttonbox\"><a class=\"bds_weixin\">微信</a></div>\
        <div class=\"print\"><a href=\"javascript:window.print()\">【打印本页】</a> <a href=\"javascript:window.close()\">【关闭窗口】</a></div>\
        <div class=\"footer\"><p>主办：吉林省民政厅 版权所有</p><p>吉ICP备05002958号</p></div>";

    #[test]
    fn gbk_page_with_metadata_table_and_cms_shell() {
        let body = format!(
            "{SHELL_TOP}<div class=\"xxgk_table\"><table><tr><td>索引号：</td><td>11220000013544496H/2020-01627</td><td>分类：</td><td>社会救助;通知</td></tr>\
             <tr><td>发文机关：</td><td>吉林省民政厅</td><td>成文日期：</td><td>2020年04月21日</td></tr>\
             <tr><td>标题：</td><td colspan=\"3\">吉林省民政厅关于印发《工作方案》的通知</td></tr>\
             <tr><td>发文字号：</td><td>吉民发〔2020〕13号</td><td>发布日期：</td><td>2020年04月24日</td></tr></table></div>\
             <div class=\"article\"><h1 class=\"title\">吉林省民政厅关于印发《工作方案》的通知</h1>\
             <div id=\"zoom\"><p>各市（州）民政局：</p><p>　　现将《工作方案》印发给你们，\n请结合实际贯彻落实。</p>\
             <p>一、总体要求</p><div>（一）指导思想<br>以习近平新时代中国特色社会主义思想为指导。</div>\
             <table border=1><tr><td>序号</td><td>任务</td><td>责任单位</td></tr><tr><td>1</td><td><p>编制目录</p></td><td>救助处</td></tr></table></div></div>{SHELL_BOTTOM}"
        );
        let html = page(&body);
        let (gbk, _, _) = encoding_rs::GBK.encode(&html);
        let x = extract(&gbk).unwrap();
        assert_eq!(x.encoding, "gbk");
        let lines: Vec<&str> = x.text.lines().collect();
        assert_eq!(
            lines,
            vec![
                "索引号：11220000013544496H/2020-01627\t分类：社会救助;通知",
                "发文机关：吉林省民政厅\t成文日期：2020年04月21日",
                "标题：吉林省民政厅关于印发《工作方案》的通知",
                "发文字号：吉民发〔2020〕13号\t发布日期：2020年04月24日",
                "吉林省民政厅关于印发《工作方案》的通知",
                "各市（州）民政局：",
                "　　现将《工作方案》印发给你们，请结合实际贯彻落实。",
                "一、总体要求",
                "（一）指导思想",
                "以习近平新时代中国特色社会主义思想为指导。",
                "序号\t任务\t责任单位",
                "1\t编制目录\t救助处",
            ]
        );
        // The metadata lines are what meta.rs reads.
        let kv: Vec<(String, String)> = lines[..4].iter().flat_map(|l| crate::text::lines::parse_header_line(l)).collect();
        assert!(kv.contains(&("发文字号".into(), "吉民发〔2020〕13号".into())));
        assert!(kv.contains(&("成文日期".into(), "2020年04月21日".into())));
    }

    #[test]
    fn densest_container_without_known_names() {
        let body = format!(
            "{SHELL_TOP}<div class=\"l\"><ul><li><a href=\"#\">链接一二三四五六七八九十</a></li><li><a href=\"#\">链接一二三四五六七八九十</a></li></ul></div>\
             <div class=\"r\"><div class=\"x1\"><p>一、主要任务</p><p>加强社会救助，城市低保标准不低于当地上年度人均可支配收入的20%。</p></div>\
             <div class=\"x2\"><p>二、保障措施</p><p>各地要加强组织领导，确保各项任务落到实处，按时完成。</p></div></div>{SHELL_BOTTOM}"
        );
        let x = extract(page(&body).as_bytes()).unwrap();
        assert_eq!(x.text, "一、主要任务\n加强社会救助，城市低保标准不低于当地上年度人均可支配收入的20%。\n二、保障措施\n各地要加强组织领导，确保各项任务落到实处，按时完成。");
        // Declared gb2312, saved as UTF-8.
        assert_eq!(x.encoding, "utf-8");
        assert!(x.warnings[0].message.contains("declares charset GBK"));
    }

    #[test]
    fn info_line_under_the_title() {
        let body = format!(
            "{SHELL_TOP}<div class=\"article\"><h1>关于进一步加强民政工作的通知</h1>\
             <div class=\"info\">发布日期：2012-10-10 10:49 <span>来源：省政府办公厅</span> <span class=\"font\">字体：[<a href=\"javascript:z(16)\">大</a>]</span></div>\
             <div id=\"zoom\"><p>一、总体要求</p><p>全面落实。</p></div></div>{SHELL_BOTTOM}"
        );
        // A short article: the container around it wins, and the date line inside it is still metadata.
        let x = extract(page(&body).as_bytes()).unwrap();
        assert_eq!(x.text, "发布日期：2012-10-10 10:49\t来源：省政府办公厅\n关于进一步加强民政工作的通知\n一、总体要求\n全面落实。");
    }

    #[test]
    fn charset_declaration_and_sniffing() {
        let utf8 = "<html><head><meta charset=\"utf-8\"></head><body><p>民政工作要点</p></body></html>";
        assert_eq!(extract(utf8.as_bytes()).unwrap().encoding, "utf-8");
        // Declared UTF-8 but saved as GBK: sniffed.
        let (gbk, _, _) = encoding_rs::GBK.encode(utf8);
        let gbk = gbk.into_owned();
        let x = extract(&gbk).unwrap();
        assert_eq!(x.text, "民政工作要点");
        assert!(x.warnings.iter().any(|w| w.message.contains("declares")));
        // No declaration: sniffed.
        let (gbk, _, _) = encoding_rs::GBK.encode("<html><body><p>民政工作要点</p></body></html>");
        assert_eq!(extract(&gbk).unwrap().encoding, "gb18030");
    }

    #[test]
    fn latin_words_keep_their_spaces_and_empty_pages_fail() {
        let x = extract("<html><body><div id=\"zoom\"><p>推进“互联网+\n政务服务”，Produced\nby a CMS</p></div></body></html>".as_bytes())
            .unwrap();
        assert_eq!(x.text, "推进“互联网+政务服务”，Produced by a CMS");
        let e = extract(b"<html><body><script>load()</script></body></html>").unwrap_err();
        assert!(matches!(e, FormatError::Unsupported(m) if m.contains("no text")));
    }

    /// A page of `depth` nested `open`…`close` elements around an article.
    fn nested(depth: usize, open: &str, close: &str) -> String {
        format!(
            "<html><head><meta charset='utf-8'></head><body>{}<p>一、总体要求</p><p>全面落实，加强建设。</p>{}</body></html>",
            open.repeat(depth),
            close.repeat(depth)
        )
    }

    #[test]
    fn deep_nesting_is_capped_and_read_in_one_walk() {
        // 200,000 nested <div> (a 2 MB page): the tree the parser builds is at
        // most MAX_NESTING deep, every node is entered once by the walk, and the
        // article is read.
        let page = nested(200_000, "<div>", "</div>");
        let capped = cap_nesting(&page);
        assert!(capped.len() < page.len() / 100, "the tags beyond the cap are left out");
        let doc = Html::parse_document(&capped);
        let f = Facts::of(&doc);
        let deepest = (0..f.ids.len()).map(|i| std::iter::successors(f.parent[i], |&p| f.parent[p]).count()).max().unwrap();
        assert!(deepest <= MAX_NESTING + 8, "depth {deepest}");
        let x = extract(page.as_bytes()).unwrap();
        assert_eq!(x.text, "一、总体要求\n全面落实，加强建设。");
    }

    #[test]
    fn the_walk_takes_a_bounded_number_of_steps_per_node() {
        // Below the cap nothing is left out; the walk's own stack takes at most
        // three steps per node (enter, and close what a block or a cell opened),
        // so its work grows linearly with the page, whatever the depth.
        for (open, close) in [("<div>", "</div>"), ("<table><tr><td>x</td><td>", "</td></tr></table>"), ("<span>", "</span>")] {
            let mut per_node = Vec::new();
            for depth in [100, 400] {
                let page = nested(depth, open, close);
                assert!(matches!(cap_nesting(&page), std::borrow::Cow::Borrowed(_)));
                let doc = Html::parse_document(&page);
                let nodes = doc.tree.root().descendants().count();
                let mut out = Lines::new();
                let steps = Page { skip: HashSet::new() }.walk(doc.tree.root(), &mut out);
                assert!(steps <= 3 * nodes, "{open}: {steps} steps for {nodes} nodes");
                per_node.push(steps as f64 / nodes as f64);
                assert!(out.finish().iter().any(|l| l.contains("全面落实")));
            }
            // The same work per node at four times the depth.
            assert!((per_node[0] - per_node[1]).abs() < 0.5, "{open}: {per_node:?}");
        }
    }

    #[test]
    fn nesting_at_the_cap_is_not_touched() {
        let page = nested(MAX_NESTING - 10, "<div>", "</div>");
        assert!(matches!(cap_nesting(&page), std::borrow::Cow::Borrowed(_)));
        // Beyond it only the surplus levels go, text and order kept.
        let deep = nested(MAX_NESTING + 100, "<section>", "</section>");
        let capped = cap_nesting(&deep);
        assert_eq!(capped.matches("<section>").count(), MAX_NESTING);
        assert_eq!(capped.matches("</section>").count(), MAX_NESTING);
        assert!(capped.contains("<p>一、总体要求</p><p>全面落实，加强建设。</p>"));
    }
}
