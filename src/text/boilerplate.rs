//! Web page furniture as data: the substrings (`data/boilerplate.txt`) that mark
//! a line as part of a government site's frame rather than of the document
//! (扫一扫在手机打开当前页, 打印本页, Produced By …). The HTML reader drops such
//! lines from a page; the layout keeps them apart as blocks of kind boilerplate.

use aho_corasick::AhoCorasick;

/// A set of boilerplate substrings, matched together.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    matcher: AhoCorasick,
    patterns: Vec<String>,
}

impl Default for Boilerplate {
    fn default() -> Self {
        Boilerplate::from_patterns(include_str!("../../data/boilerplate.txt").lines().map(str::to_string).collect())
    }
}

impl Boilerplate {
    /// From substrings (blank lines and lines starting with `#` are comments).
    pub fn from_patterns(patterns: Vec<String>) -> Boilerplate {
        let patterns: Vec<String> =
            patterns.into_iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty() && !p.starts_with('#')).collect();
        let matcher = AhoCorasick::new(&patterns).expect("boilerplate patterns are plain strings");
        Boilerplate { matcher, patterns }
    }

    /// The substrings in use.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// Whether a line is furniture: short (a paragraph of the document is not
    /// furniture because it quotes a site's words) and holding a pattern.
    pub fn is_match(&self, line: &str) -> bool {
        line.len() < 400 && self.matcher.is_match(line)
    }
}
