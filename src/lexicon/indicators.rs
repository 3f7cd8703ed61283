//! The indicator table: common civil-affairs and public-service indicators
//! that targets are tied to, so that the same commitment lines up across
//! provinces (`indicator_id`). Shipped as `data/indicators.tsv`; users add
//! their own rows (`zc.read(..., dictionaries={"indicators": ["<default>", "mine.tsv"]})`).
//!
//! Format: one indicator a line, four tab-separated columns, `#` starts a
//! comment line:
//!
//! ```text
//! id<TAB>name<TAB>unit<TAB>terms
//! dibao_standard<TAB>低保标准<TAB>any<TAB>低保标准|最低生活保障标准
//! ```
//!
//! - `id`: a stable identifier (ASCII letters, digits, `_`), optionally
//!   `family.member` (`elderly_care.facilities`, `elderly_care.facility_coverage`):
//!   the members of one family measure one field of provision in different
//!   ways (a count, a coverage rate) and sit side by side in
//!   `compare_targets` (see [`family`]).
//! - `name`: the indicator's usual Chinese name.
//! - `unit`: the kind of value it takes: `share` (%, ‰), `multiple` (倍),
//!   `count` (a measure word: 个, 所, 张 …), `money` (元), `time` (日, 个工作日,
//!   小时, 周, 个月, 年), `frequency` (次), `size` (米, 平方米 …) or `any`;
//!   followed by `<=` or `>=` when only targets with that comparator qualify
//!   (`money<=`: a cap, 最高补助500万元).
//! - `terms`: alternatives separated by `|`; an alternative whose parts are
//!   joined by `+` needs every part. They are looked for in what the target
//!   measures (indicator, base, denominator) and in its clause.
//!
//! The first row that matches wins, so specific rows go before general ones;
//! user rows are tried before the shipped ones. A malformed line is an
//! [`Error::DataFile`] naming the file and line.
//!
//! ```
//! use zhengce::lexicon::indicators::Indicators;
//! let t = Indicators::parse("a.tsv", "elderly_beds\t养老床位\tcount\t养老床位|养老机构床位").unwrap();
//! assert_eq!(t.lookup("养老机构床位数达到每千名老年人30张", "张"), Some("elderly_beds"));
//! ```

use std::path::PathBuf;

use crate::error::Error;
use crate::lexicon::tokens::Source;
use crate::model::facts::Target;

pub const INDICATORS: &str = include_str!("../../data/indicators.tsv");

/// The kind of value an indicator takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Share,
    Multiple,
    Count,
    Money,
    Time,
    Frequency,
    Size,
    Any,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "share" => Kind::Share,
            "multiple" => Kind::Multiple,
            "count" => Kind::Count,
            "money" => Kind::Money,
            "time" => Kind::Time,
            "frequency" => Kind::Frequency,
            "size" => Kind::Size,
            "any" => Kind::Any,
            _ => return None,
        })
    }

    /// The kind of a target's unit.
    fn of_unit(unit: &str) -> Kind {
        match unit {
            "%" | "‰" => Kind::Share,
            "倍" => Kind::Multiple,
            "次" => Kind::Frequency,
            u if u.ends_with('元') => Kind::Money,
            "个工作日" | "工作日" | "个小时" | "小时" | "个月" | "日" | "天" | "周" | "年" => Kind::Time,
            "米" | "平方米" | "公里" | "千米" | "平方公里" | "公顷" | "亩" | "吨" | "厘米" => Kind::Size,
            _ => Kind::Count,
        }
    }

    fn admits(self, unit: Kind) -> bool {
        self == Kind::Any || self == unit
    }
}

/// One indicator of the table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    kind: Kind,
    /// The comparator a target must have (`<=`, `>=`), if any.
    comparator: Option<&'static str>,
    /// Alternatives, each a list of parts that must all occur.
    terms: Vec<Vec<String>>,
}

/// The family of an indicator id: the part before its `.` (`elderly_care`
/// for `elderly_care.facilities`), or the id itself.
///
/// ```
/// use zhengce::lexicon::indicators::family;
/// assert_eq!(family("elderly_care.facility_coverage"), "elderly_care");
/// assert_eq!(family("dibao_standard"), "dibao_standard");
/// ```
pub fn family(id: &str) -> &str {
    id.split_once('.').map_or(id, |(f, _)| f)
}

/// Whether a unit is a measure word that counts things (个, 所, 张, 名):
/// under one indicator id these differ only in the classifier the noun
/// takes, so 1所社会福利院 and 100个农村社会福利服务中心 are one kind of count.
pub fn is_count_unit(unit: &str) -> bool {
    !unit.is_empty() && Kind::of_unit(unit) == Kind::Count
}

/// The indicator table (shipped rows, after any user rows).
#[derive(Debug, Clone)]
pub struct Indicators {
    rows: Vec<Indicator>,
    parts: Parts,
}

/// Every part of every row's terms, found together in one pass over a text
/// (a target's clause and sentence are asked of every row: one substring
/// search per part and row was a tenth of reading targets).
#[derive(Debug, Clone)]
struct Parts {
    finder: aho_corasick::AhoCorasick,
    /// Per row, per alternative, the parts (indices into the finder's patterns).
    alternatives: Vec<Vec<Vec<usize>>>,
}

impl Parts {
    fn new(rows: &[Indicator]) -> Parts {
        let mut texts: Vec<&str> = rows.iter().flat_map(|r| r.terms.iter().flatten().map(String::as_str)).collect();
        texts.sort_unstable();
        texts.dedup();
        let id = |p: &str| texts.binary_search(&p).expect("every part was collected");
        let alternatives = rows.iter().map(|r| r.terms.iter().map(|alt| alt.iter().map(|p| id(p)).collect()).collect()).collect();
        // Standard semantics: every occurrence of every part, overlapping.
        let finder = aho_corasick::AhoCorasick::new(&texts).expect("indicator terms are plain strings");
        Parts { finder, alternatives }
    }

    /// Which parts occur in `text`.
    fn present(&self, text: &str) -> Vec<bool> {
        let mut found = vec![false; self.finder.patterns_len()];
        for m in self.finder.find_overlapping_iter(text) {
            found[m.pattern().as_usize()] = true;
        }
        found
    }
}

impl Default for Indicators {
    fn default() -> Self {
        Indicators::parse("data/indicators.tsv", INDICATORS).expect("the shipped indicator table parses")
    }
}

impl Indicators {
    /// Parse a table (see the module documentation for the format); `name`
    /// is the file named in errors.
    pub fn parse(name: &str, text: &str) -> Result<Indicators, Error> {
        let mut rows = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let bad = |reason: String| Error::DataFile { path: PathBuf::from(name), line: n + 1, reason };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() != 4 {
                return Err(bad(format!("expected 4 tab-separated columns (id, name, unit, terms), found {}", cols.len())));
            }
            if cols[0] == "id" && cols[2] == "unit" {
                continue; // a header line
            }
            let part_ok = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if cols[0].split('.').count() > 2 || !cols[0].split('.').all(part_ok) {
                return Err(bad(format!("the id {:?} must be ASCII letters, digits or _, as name or family.name", cols[0])));
            }
            let (kind_name, comparator) = match cols[2] {
                u if u.ends_with("<=") => (&u[..u.len() - 2], Some("<=")),
                u if u.ends_with(">=") => (&u[..u.len() - 2], Some(">=")),
                u => (u, None),
            };
            let kind = Kind::parse(kind_name).ok_or_else(|| {
                bad(format!(
                    "unknown unit {:?} (use share, multiple, count, money, time, frequency, size or any, optionally followed by <= or >=)",
                    cols[2]
                ))
            })?;
            let terms: Vec<Vec<String>> =
                cols[3].split('|').map(|alt| alt.split('+').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()).collect();
            if terms.iter().any(Vec::is_empty) {
                return Err(bad("an empty term (between two | or after +)".into()));
            }
            rows.push(Indicator { id: cols[0].to_string(), name: cols[1].to_string(), kind, comparator, terms });
        }
        Ok(Indicators::of_rows(rows))
    }

    /// The table made of `sources` in order (`Source::Default` is the
    /// shipped table); earlier rows win.
    pub fn load(sources: &[Source]) -> Result<Indicators, Error> {
        if sources.is_empty() {
            return Ok(Indicators::default());
        }
        let mut rows = Vec::new();
        for src in sources {
            let (path, text) = src.read(INDICATORS, "data/indicators.tsv")?;
            rows.extend(Indicators::parse(&path.display().to_string(), &text)?.rows);
        }
        Ok(Indicators::of_rows(rows))
    }

    fn of_rows(rows: Vec<Indicator>) -> Indicators {
        Indicators { parts: Parts::new(&rows), rows }
    }

    /// The rows of the table, in the order they are tried.
    pub fn rows(&self) -> &[Indicator] {
        &self.rows
    }

    /// The id of the first indicator whose terms occur in `text` and whose
    /// kind admits `unit` (any comparator).
    pub fn lookup(&self, text: &str, unit: &str) -> Option<&str> {
        self.find(text, unit, None)
    }

    fn find(&self, text: &str, unit: &str, comparator: Option<&str>) -> Option<&str> {
        let kind = Kind::of_unit(unit);
        let present = self.parts.present(text);
        self.rows
            .iter()
            .zip(&self.parts.alternatives)
            .find(|(r, alts)| {
                r.kind.admits(kind)
                    && r.comparator.is_none_or(|c| comparator == Some(c))
                    && alts.iter().any(|alt| alt.iter().all(|&p| present[p]))
            })
            .map(|(r, _)| r.id.as_str())
    }

    /// The indicator id of a target: what it measures (its indicator and
    /// denominator) is tried first, then each of `contexts` in turn (its
    /// clause, its sentence), then the base of a relative value (a share *of*
    /// the 低保标准 is not the 低保标准 itself, so the base comes last).
    pub fn classify(&self, t: &Target, contexts: &[&str]) -> Option<String> {
        let own = [t.indicator.as_deref(), t.per.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let cmp = Some(t.comparator.symbol());
        std::iter::once(own.as_str())
            .chain(contexts.iter().copied())
            .chain(t.base.as_deref())
            .find_map(|text| self.find(text, &t.unit, cmp))
            .map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_parses_and_ids_are_unique() {
        let t = Indicators::default();
        assert!(t.rows().len() >= 20);
        let mut ids: Vec<&str> = t.rows().iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate ids in data/indicators.tsv");
    }

    #[test]
    fn malformed_lines_name_their_line() {
        let e = Indicators::parse("mine.tsv", "# comment\nok\t名\tcount\t床位\nbad line without tabs\n").unwrap_err();
        assert!(matches!(e, Error::DataFile { line: 3, .. }), "{e:?}");
        let e = Indicators::parse("mine.tsv", "x\t名\tweight\t床位\n").unwrap_err();
        assert!(e.to_string().contains("unknown unit"), "{e}");
        let e = Indicators::parse("mine.tsv", "x-y\t名\tcount\t床位\n").unwrap_err();
        assert!(matches!(e, Error::DataFile { line: 1, .. }));
        let e = Indicators::parse("mine.tsv", "x\t名\tcount\t床位||院\n").unwrap_err();
        assert!(e.to_string().contains("empty term"));
    }

    #[test]
    fn first_match_wins_and_units_must_fit() {
        let t = Indicators::parse("t.tsv", "nursing_share\t护理型床位占比\tshare\t护理型床位\nbeds\t床位\tcount\t床位\n").unwrap();
        assert_eq!(t.lookup("护理型床位占比达到55%", "%"), Some("nursing_share"));
        assert_eq!(t.lookup("护理型床位1000张", "张"), Some("beds"));
        assert_eq!(t.lookup("养老床位", "%"), None);
        let cap = Indicators::parse("t.tsv", "cap\t上限\tmoney<=\t补助\namount\t金额\tmoney\t补助\n").unwrap();
        assert_eq!(cap.find("补助", "万元", Some("<=")), Some("cap"));
        assert_eq!(cap.find("补助", "万元", Some("=")), Some("amount"));
        let both = Indicators::parse("t.tsv", "a\t甲\tany\t低保+标准\n").unwrap();
        assert_eq!(both.lookup("低保标准", "元"), Some("a"));
        assert_eq!(both.lookup("低保对象", "元"), None);
    }

    #[test]
    fn a_family_id_has_one_dot_and_names_its_family() {
        let t = Indicators::parse("t.tsv", "care.beds\t养老床位\tcount\t床位\n").unwrap();
        assert_eq!(t.lookup("养老床位1000张", "张"), Some("care.beds"));
        assert_eq!(family("care.beds"), "care");
        let e = Indicators::parse("t.tsv", "a.b.c\t甲\tcount\t甲\n").unwrap_err().to_string();
        assert!(e.contains("family.name") && e.contains("t.tsv"), "{e}");
        assert!(Indicators::parse("t.tsv", ".b\t甲\tcount\t甲\n").is_err(), "an empty family");
    }

    #[test]
    fn classifiers_are_count_units_and_measures_are_not() {
        assert!(["个", "所", "张", "名", "家"].iter().all(|u| is_count_unit(u)));
        assert!(!["%", "倍", "万元", "日", "次", "平方米", ""].iter().any(|u| is_count_unit(u)));
    }
}
