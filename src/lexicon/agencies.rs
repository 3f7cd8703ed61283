//! Departments made comparable across provinces: a canonical name, a category
//! and a level for every department name as written (省财政厅 and 财政部门 →
//! finance; 救助处 → the civil-affairs department's social-assistance
//! division; 团省委, 省妇联, 省残联 → mass organisations).
//!
//! The mapping is `data/departments.tsv` (users add rows in the same format);
//! place names come from `data/regions.tsv`. A name is resolved in steps:
//!
//! 1. the whole name is looked up among the `[units]` aliases (团省委, 省委组织部);
//! 2. otherwise a leading place or level word is taken off — the `[prefixes]`
//!    rows (省, 各级, 有关, 省委 …) and every province, city and county of
//!    regions.tsv — and the rest is looked up, repeatedly (各相关处室 → 相关处室;
//!    吉林省民政厅 → 民政厅). A prefix may carry a qualifier tried first
//!    (省委 + 办公厅 → 党委办公厅, 省政府 + 办公厅 → 政府办公厅);
//! 3. a name ending in a `[members]` suffix (省老龄委各成员单位) is the member
//!    units of the body it names;
//! 4. an alias with `*` matches any text in its place (人民银行*分行), and a
//!    known alias of three or more characters at the end of the name counts
//!    (行业协会业务主管单位 → 业务主管单位).
//!
//! The level is that of the last prefix with a level (各级民政部门 → all_levels,
//! 各相关处室 → that of 相关处室, unspecific), else the alias's own. Names that resolve to nothing
//! keep their written form as the canonical name, with no category, and
//! `known = false`: they are reported, never dropped.
//!
//! ```
//! use zhengce::lexicon::agencies::Agencies;
//! let a = Agencies::default();
//! let x = a.resolve("吉林省财政厅");
//! assert_eq!((x.canonical.as_str(), x.category, x.level, x.known), ("财政厅", Some("finance"), "provincial", true));
//! let y = a.resolve("各级财政部门");
//! assert_eq!((y.category, y.level), (Some("finance"), "all_levels"));
//! ```

use std::collections::HashMap;
use std::path::Path;

use crate::error::Error;
use crate::lexicon::tokens::Source;

/// The shipped mapping.
pub const DEPARTMENTS: &str = include_str!("../../data/departments.tsv");
/// Places (their names are prefixes: 吉林省民政厅, 长春市民政局, 辉南县民政局).
const REGIONS: [&str; 2] = [include_str!("../../data/regions.tsv"), include_str!("../../data/counties.tsv")];

/// Levels a department may have.
pub const LEVELS: [&str; 9] =
    ["national", "provincial", "local", "all_levels", "division", "affiliated", "generic", "unspecific", "unknown"];

/// A resolved department name.
#[derive(Debug, Clone, PartialEq)]
pub struct Agency<'a> {
    pub canonical: String,
    pub category: Option<&'a str>,
    pub level: &'static str,
    pub known: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct Unit {
    canonical: String,
    category: String,
    level: String,
}

#[derive(Debug, Clone, PartialEq)]
struct Prefix {
    text: String,
    level: String,
    qualifier: String,
}

/// The department mapping.
#[derive(Debug, Clone)]
pub struct Agencies {
    units: HashMap<String, Unit>,
    /// Aliases with a `*`: (before, after, unit).
    globs: Vec<(String, String, Unit)>,
    /// By first character, longest first.
    prefixes: HashMap<char, Vec<Prefix>>,
    /// Suffixes naming the member units of a body (各成员单位), longest first.
    members: Vec<String>,
    /// Aliases of three or more characters, longest first (for the suffix rule).
    long_aliases: Vec<String>,
    /// Old canonical name → (successor, date of the reform).
    successors: HashMap<String, (String, String)>,
}

impl Default for Agencies {
    /// The shipped mapping.
    fn default() -> Self {
        Agencies::shipped()
    }
}

impl Agencies {
    /// Every category a resolved name can have, each once, sorted.
    pub fn categories(&self) -> Vec<&str> {
        let units = self.units.values().chain(self.globs.iter().map(|g| &g.2));
        let set: std::collections::BTreeSet<&str> = units.map(|u| u.category.as_str()).collect();
        set.into_iter().collect()
    }

    /// The shipped mapping.
    pub fn shipped() -> Agencies {
        Agencies::load(&[Source::Default]).expect("the bundled departments.tsv is valid")
    }

    /// Load mappings in order; later rows override earlier ones.
    pub fn load(sources: &[Source]) -> Result<Agencies, Error> {
        let mut a = Agencies {
            units: HashMap::new(),
            globs: Vec::new(),
            prefixes: HashMap::new(),
            members: Vec::new(),
            long_aliases: Vec::new(),
            successors: HashMap::new(),
        };
        a.add_regions();
        for s in sources {
            let (path, text) = s.read(DEPARTMENTS, "data/departments.tsv")?;
            a.add(&text, &path)?;
        }
        a.finish();
        Ok(a)
    }

    fn add_regions(&mut self) {
        for line in REGIONS.iter().flat_map(|r| r.lines()).filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            let level = match f[2] {
                "province" | "short" => "provincial",
                "city" | "county" => "local",
                _ => continue,
            };
            self.add_prefix(Prefix { text: f[0].to_string(), level: level.into(), qualifier: String::new() });
        }
    }

    fn add_prefix(&mut self, p: Prefix) {
        let Some(c) = p.text.chars().next() else { return };
        let v = self.prefixes.entry(c).or_default();
        v.retain(|x| x.text != p.text);
        v.push(p);
    }

    /// Add the rows of one file (format in data/departments.tsv).
    pub fn add(&mut self, text: &str, path: &Path) -> Result<(), Error> {
        let mut section = "";
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches(['\r', '\n']);
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let bad = |reason: String| Error::DataFile { path: path.to_path_buf(), line: n + 1, reason };
            if let Some(s) = line.trim().strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
                section = match s {
                    "prefixes" => "prefixes",
                    "units" => "units",
                    "members" => "members",
                    "successors" => "successors",
                    other => return Err(bad(format!("unknown section [{other}] (use [prefixes], [units], [members] or [successors])"))),
                };
                continue;
            }
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            let level_ok = |l: &str| LEVELS.contains(&l);
            match section {
                "units" => {
                    if f.len() < 4 || f[..4].iter().any(|x| x.is_empty()) {
                        return Err(bad("a unit row is `alias<TAB>canonical<TAB>category<TAB>level`".into()));
                    }
                    if !level_ok(f[3]) {
                        return Err(bad(format!("level {:?} is not one of {}", f[3], LEVELS.join(", "))));
                    }
                    let unit = Unit { canonical: f[1].into(), category: f[2].into(), level: f[3].into() };
                    match f[0].split_once('*') {
                        Some((a, b)) => {
                            self.globs.retain(|g| (g.0.as_str(), g.1.as_str()) != (a, b));
                            self.globs.push((a.into(), b.into(), unit));
                        }
                        None => {
                            self.units.insert(f[0].to_string(), unit);
                        }
                    }
                }
                "prefixes" => {
                    let level = f.get(1).copied().unwrap_or("");
                    if f[0].is_empty() || !(level.is_empty() || level_ok(level)) {
                        return Err(bad(format!(
                            "a prefix row is `prefix[<TAB>level[<TAB>qualifier]]`, the level empty or one of {}",
                            LEVELS.join(", ")
                        )));
                    }
                    self.add_prefix(Prefix { text: f[0].into(), level: level.into(), qualifier: f.get(2).copied().unwrap_or("").into() });
                }
                "members" => {
                    if f[0].is_empty() {
                        return Err(bad("a members row is one suffix".into()));
                    }
                    self.members.push(f[0].into());
                }
                "successors" => {
                    let date_ok = f.get(2).is_some_and(|d| crate::text::dates::date_at(d, 0).is_some_and(|(_, end)| end == d.len()));
                    if f.len() < 3 || f[0].is_empty() || f[1].is_empty() || !date_ok {
                        return Err(bad("a successors row is `old canonical<TAB>successor<TAB>YYYY-MM-DD[<TAB>reform]`".into()));
                    }
                    self.successors.insert(f[0].into(), (f[1].into(), f[2].into()));
                }
                _ => return Err(bad("a row before the first [section] header".into())),
            }
        }
        Ok(())
    }

    fn finish(&mut self) {
        for v in self.prefixes.values_mut() {
            v.sort_by(|a, b| b.text.len().cmp(&a.text.len()).then(a.text.cmp(&b.text)));
        }
        self.members.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        self.members.dedup();
        self.long_aliases = self.units.keys().filter(|k| k.chars().count() >= 3).cloned().collect();
        self.long_aliases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    }

    fn lookup(&self, core: &str, qualifier: &str) -> Option<&Unit> {
        if !qualifier.is_empty() {
            if let Some(u) = self.units.get(&format!("{qualifier}{core}")) {
                return Some(u);
            }
        }
        self.units.get(core).or_else(|| {
            self.globs
                .iter()
                .find(|(a, b, _)| core.len() > a.len() + b.len() && core.starts_with(a.as_str()) && core.ends_with(b.as_str()))
                .map(|g| &g.2)
        })
    }

    /// Strip prefixes and look the core up: (unit, level from prefixes, core).
    fn walk<'s, 'n>(&'s self, name: &'n str) -> (Option<&'s Unit>, &'s str, &'n str) {
        let mut s = name;
        let mut level = "";
        let mut qualifier = "";
        for _ in 0..6 {
            if let Some(u) = self.lookup(s, qualifier) {
                return (Some(u), level, s);
            }
            let first = s.chars().next().unwrap_or(' ');
            let Some(p) =
                self.prefixes.get(&first).and_then(|v| v.iter().find(|p| s.len() > p.text.len() && s.starts_with(p.text.as_str())))
            else {
                break;
            };
            s = &s[p.text.len()..];
            if !p.level.is_empty() {
                level = &p.level;
            }
            if !p.qualifier.is_empty() {
                qualifier = &p.qualifier;
            }
        }
        (None, level, s)
    }

    /// Resolve a department name as written.
    pub fn resolve<'a>(&'a self, name: &str) -> Agency<'a> {
        let clean: String = name.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
        let known = |u: &'a Unit, level: &str, canonical: String| Agency {
            canonical,
            category: Some(u.category.as_str()),
            level: level_str(if level.is_empty() { u.level.as_str() } else { level }),
            known: true,
        };
        let (unit, level, core) = self.walk(&clean);
        if let Some(u) = unit {
            return known(u, level, u.canonical.clone());
        }
        // Member units of a body: 省老龄委各成员单位.
        if let Some(m) = self.members.iter().find(|m| core.len() > m.len() && core.ends_with(m.as_str())) {
            let body = &core[..core.len() - m.len()];
            let (u, l2, _) = self.walk(body);
            if let Some(u) = u {
                let lv = if l2.is_empty() { level } else { l2 };
                return known(u, lv, format!("{}成员单位", u.canonical));
            }
        }
        // A known alias at the end: 行业协会业务主管单位 → 业务主管单位.
        if let Some(a) = self.long_aliases.iter().find(|a| core.len() > a.len() && core.ends_with(a.as_str())) {
            let u = &self.units[a];
            return known(u, level, u.canonical.clone());
        }
        let lv = if level.is_empty() { "unknown" } else { level_str(level) };
        Agency { canonical: name.to_string(), category: None, level: lv, known: false }
    }
}

impl Agencies {
    /// The body that took the place of a canonical body in institutional
    /// reforms (followed in chain), with the date of the last reform; the
    /// name itself and no date where it was not reformed.
    ///
    /// ```
    /// use zhengce::lexicon::agencies::Agencies;
    /// let a = Agencies::default();
    /// let old = a.resolve("省国税局").canonical;
    /// assert_eq!(old, "国家税务局");
    /// assert_eq!(a.successor(&old), ("税务局".to_string(), Some("2018-03-17")));
    /// assert_eq!(a.successor("民政厅"), ("民政厅".to_string(), None));
    /// ```
    pub fn successor<'a>(&'a self, canonical: &str) -> (String, Option<&'a str>) {
        let mut name = canonical;
        let mut date = None;
        for _ in 0..5 {
            match self.successors.get(name) {
                Some((next, d)) if next != name => {
                    name = next;
                    date = Some(d.as_str());
                }
                _ => break,
            }
        }
        (name.to_string(), date)
    }
}

/// The level as one of [`LEVELS`] (data files are checked against them).
fn level_str(l: &str) -> &'static str {
    LEVELS.iter().find(|x| **x == l).copied().unwrap_or("unknown")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(a: &Agencies, n: &str) -> (String, Option<String>, String, bool) {
        let x = a.resolve(n);
        (x.canonical, x.category.map(str::to_string), x.level.to_string(), x.known)
    }

    #[test]
    fn the_examples_of_the_issue() {
        let a = Agencies::shipped();
        assert_eq!(r(&a, "省财政厅").1.as_deref(), Some("finance"));
        assert_eq!(r(&a, "财政部门").1.as_deref(), Some("finance"));
        let x = r(&a, "救助处");
        assert_eq!((x.0.as_str(), x.1.as_deref(), x.2.as_str()), ("民政厅社会救助处", Some("civil_affairs"), "division"));
        assert_eq!(r(&a, "省人力资源社会保障厅").1.as_deref(), Some("human_resources_social_security"));
        assert_eq!(r(&a, "省人社厅").0, r(&a, "省人力资源社会保障厅").0);
        for n in ["团省委", "省妇联", "省残联"] {
            assert_eq!(r(&a, n).1.as_deref(), Some("mass_organisation"), "{n}");
        }
        assert_eq!(r(&a, "各级民政部门").2, "all_levels");
        assert_eq!(r(&a, "相关处室").2, "unspecific");
        assert_eq!(r(&a, "省民政厅").2, "provincial");
    }

    #[test]
    fn qualifiers_places_and_members() {
        let a = Agencies::shipped();
        assert_ne!(r(&a, "省委办公厅").0, r(&a, "省政府办公厅").0);
        assert_eq!(r(&a, "长春市民政局"), ("民政局".into(), Some("civil_affairs".into()), "local".into(), true));
        let m = r(&a, "省老龄委各成员单位");
        assert!(m.0.ends_with("成员单位") && m.3, "{m:?}");
        assert_eq!(r(&a, "人民银行南京分行").1.as_deref(), Some("financial_regulation"));
    }

    #[test]
    fn names_as_other_provinces_write_them() {
        let a = Agencies::shipped();
        for (name, category, level) in [
            ("省退役军人厅", "veterans_affairs", "provincial"),
            ("省委网信办", "party", "provincial"),
            ("省委政法委", "party", "provincial"),
            ("省政府金融办", "financial_regulation", "provincial"),
            ("国家税务总局广东省税务局", "taxation", "provincial"),
            ("省医保局", "medical_security", "provincial"),
            ("省乡村振兴局", "rural_revitalization", "provincial"),
            ("省文旅厅", "culture_tourism", "provincial"),
            ("县级以上民政部门", "civil_affairs", "all_levels"),
            ("各设区市民政局", "civil_affairs", "local"),
            ("各有关部门", "multiple", "unspecific"),
            ("辉南县民政局", "civil_affairs", "local"),
            ("省关工委", "mass_organisation", "provincial"),
        ] {
            let x = r(&a, name);
            assert_eq!((x.1.as_deref(), x.2.as_str(), x.3), (Some(category), level, true), "{name}: {x:?}");
        }
    }

    #[test]
    fn bodies_keep_their_name_of_the_time_and_get_a_successor() {
        let a = Agencies::shipped();
        for (written, then, now) in [
            ("省国税局", "国家税务局", "税务局"),
            ("省地税局", "地方税务局", "税务局"),
            ("省国土资源厅", "国土资源厅", "自然资源厅"),
            ("省卫生厅", "卫生厅", "卫生健康委员会"),
            ("省财政厅", "财政厅", "财政厅"),
        ] {
            let c = a.resolve(written).canonical;
            assert_eq!((c.as_str(), a.successor(&c).0.as_str()), (then, now), "{written}");
        }
        // Two tax bodies of 2012 are two nodes; their successor is one.
        assert_ne!(a.resolve("国税局").canonical, a.resolve("地税局").canonical);
        let bad = Source::Text("bad.tsv".into(), "[successors]\n国税局\t税务局\t2018年\n".into());
        assert!(matches!(Agencies::load(&[bad]), Err(Error::DataFile { line: 2, .. })));
    }

    #[test]
    fn unknown_names_are_kept_and_flagged() {
        let a = Agencies::shipped();
        assert_eq!(r(&a, "省某某协调中心"), ("省某某协调中心".into(), None, "provincial".into(), false));
        assert_eq!(r(&a, "某某中心").2, "unknown");
    }

    #[test]
    fn users_extend_the_mapping() {
        let user = Source::Text("mine.tsv".into(), "[units]\n某某中心\t某某中心\tcivil_affairs\taffiliated\n".into());
        let a = Agencies::load(&[Source::Default, user]).unwrap();
        assert_eq!(r(&a, "省某某中心"), ("某某中心".into(), Some("civil_affairs".into()), "provincial".into(), true));
        let bad = Source::Text("bad.tsv".into(), "[units]\nx\ty\tz\tsomewhere\n".into());
        assert!(matches!(Agencies::load(&[bad]), Err(Error::DataFile { line: 2, .. })));
    }
}
