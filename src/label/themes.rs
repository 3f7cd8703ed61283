//! Themes: what a record is about, in categories that mean the same in every
//! province (the taxonomy of `data/themes.tsv`, from `data/themes.md`).
//!
//! The rules, applied to each record:
//!
//! 1. **Own score.** Every theme term found in the record's text (whole tokens
//!    or phrases, see [`crate::lexicon::terms`]; department attributions excluded)
//!    adds its weight to its theme; a term in the record's first sentence —
//!    the sentence that states the task — counts [`Rules::lead`] times.
//! 2. **Context.** The own scores of the headings above the record are added,
//!    the nearest times [`Rules::context`], each level further up halved
//!    ([`Rules::decay`]): a paragraph under 加强民政信息化建设 is about
//!    digitalisation even where it only says 平台.
//! 3. **Subject.** The document's title or a division of a regulation
//!    (第X章/节) that names exactly one theme decisively (see [`decisive`])
//!    passes that theme on in full ([`Rules::subject`]) at any depth: the
//!    title (GB/T 9704-2012 标题: 发文机关 + 事由 + 文种) states what the whole
//!    text is about, and a chapter 法律责任 what each of its articles is about.
//! 4. **Assignment.** A theme is assigned when its score reaches
//!    [`Rules::min_score`] and [`Rules::relative`] of the best theme's score;
//!    at most [`Rules::max_themes`], best first. A record with no theme
//!    reaching the bar has none (an empty list, counted in
//!    `documents.n_unthemed`), never a guess.
//!
//! ```
//! use zhengce::label::themes::{Rules, assign};
//! let scores = vec![(0, 9.0), (1, 3.0), (2, 0.5)]; // 3 is below both bars
//! assert_eq!(assign(&scores, &Rules::default()), vec![0]);
//! ```

use crate::lexicon::terms::{Hit, TermDict};

/// The shipped taxonomy.
pub const THEMES: &str = include_str!("../../data/themes.tsv");

/// The numbers of the theme rules (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    /// Factor of a term in the record's first sentence.
    pub lead: f32,
    /// Factor of the nearest heading's own scores.
    pub context: f32,
    /// Factor applied per further heading level up.
    pub decay: f32,
    /// Factor of the theme a heading or the title names decisively.
    pub subject: f32,
    /// Lowest score that assigns a theme.
    pub min_score: f32,
    /// Share of the best score a further theme must reach.
    pub relative: f32,
    /// Most themes per record.
    pub max_themes: usize,
}

impl Default for Rules {
    fn default() -> Self {
        Rules { lead: 1.5, context: 0.5, decay: 0.5, subject: 1.0, min_score: 4.0, relative: 0.35, max_themes: 3 }
    }
}

/// Sparse scores: (theme index, score), by theme index.
pub use crate::model::facts::Scores;

/// Add `w` to theme `t`.
pub fn add(scores: &mut Scores, t: u32, w: f32) {
    match scores.binary_search_by_key(&t, |x| x.0) {
        Ok(i) => scores[i].1 += w,
        Err(i) => scores.insert(i, (t, w)),
    }
}

/// The own scores of a text from its theme hits. A term found `n` times
/// counts `weight × (1 + ln n)` — repetition adds, with diminishing returns,
/// so that a long record's main theme does not drown its other themes — and
/// `rules.lead` times that when one occurrence ends within the first
/// `lead_end` bytes.
pub fn own_scores(hits: &[Hit], lead_end: usize, rules: &Rules) -> Scores {
    // (theme, term) → (weight, occurrences, in the lead)
    let mut seen: Vec<(u32, u32, f32, u32, bool)> = Vec::with_capacity(hits.len());
    for h in hits.iter().filter(|h| h.weight > 0.0) {
        let lead = (h.end as usize) <= lead_end;
        match seen.iter_mut().find(|x| x.0 == h.section && x.1 == h.term) {
            Some(x) => {
                x.3 += 1;
                x.4 |= lead;
            }
            None => seen.push((h.section, h.term, h.weight, 1, lead)),
        }
    }
    let mut s = Scores::with_capacity(seen.len());
    for (t, _, w, n, lead) in seen {
        let f = if lead { rules.lead } else { 1.0 };
        add(&mut s, t, w * f * (1.0 + (n as f32).ln()));
    }
    s
}

/// The theme a title or heading names decisively: the one theme whose own
/// score reaches [`Rules::min_score`], when exactly one does (empty
/// otherwise).
///
/// ```
/// use zhengce::label::themes::{decisive, Rules};
/// assert_eq!(decisive(&vec![(3, 4.5), (5, 1.0)], &Rules::default()), vec![(3, 4.5)]);
/// assert!(decisive(&vec![(3, 4.5), (5, 4.5)], &Rules::default()).is_empty(), "two subjects: a scope, not a subject");
/// ```
pub fn decisive(own: &Scores, rules: &Rules) -> Scores {
    let mut strong = own.iter().filter(|x| x.1 >= rules.min_score);
    match (strong.next(), strong.next()) {
        (Some(&x), None) => vec![x],
        _ => Scores::new(),
    }
}

/// Own scores plus the heading context (`context[0]` is the nearest heading,
/// with whether it is a division of a regulation: 第X章/节) and the title's
/// decisive theme (see [`decisive`]). A heading's scores count
/// [`Rules::context`] times, halved per level further up; the theme a
/// division or the title names decisively counts [`Rules::subject`] times
/// instead, at any distance: a chapter 法律责任 makes each of its articles and
/// items about the rule of law, however deep.
pub fn with_context(own: &Scores, context: &[(&Scores, bool)], title: &Scores, rules: &Rules) -> Scores {
    // Sized once: scores are added in order of theme, by insertion.
    let mut s = Scores::with_capacity(own.len() + context.iter().map(|c| c.0.len()).sum::<usize>() + title.len());
    s.extend_from_slice(own);
    let mut f = rules.context;
    for &(c, division) in context {
        let subject = if division { decisive(c, rules) } else { Scores::new() };
        for &(t, w) in c.iter() {
            let k = if subject.iter().any(|x| x.0 == t) { rules.subject.max(f) } else { f };
            add(&mut s, t, w * k);
        }
        f *= rules.decay;
    }
    for &(t, w) in title {
        add(&mut s, t, w * rules.subject);
    }
    s
}

/// The themes assigned from scores, best first (ties: taxonomy order).
pub fn assign(scores: &Scores, rules: &Rules) -> Vec<u32> {
    let best = scores.iter().map(|x| x.1).fold(0.0f32, f32::max);
    let bar = rules.min_score.max(best * rules.relative);
    let mut picked: Vec<(u32, f32)> = scores.iter().copied().filter(|&(_, w)| w >= bar && w > 0.0).collect();
    picked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    picked.truncate(rules.max_themes);
    picked.into_iter().map(|x| x.0).collect()
}

/// A taxonomy: its dictionary and the rules.
#[derive(Debug, Clone)]
pub struct Themes {
    pub dict: TermDict,
    pub rules: Rules,
}

impl Default for Themes {
    fn default() -> Self {
        Themes {
            dict: TermDict::parse(THEMES, "data/themes.tsv".as_ref()).expect("the bundled themes.tsv is valid"),
            rules: Rules::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_bar_and_cap() {
        let r = Rules::default();
        assert_eq!(assign(&vec![(0, 12.0), (1, 4.5), (2, 4.0)], &r), vec![0, 1], "4 is below 35 % of 12");
        assert_eq!(assign(&vec![(0, 3.0)], &r), Vec::<u32>::new(), "below the absolute bar");
        assert_eq!(assign(&vec![(0, 5.0), (1, 5.0), (2, 5.0), (3, 5.0)], &r), vec![0, 1, 2], "at most three, ties in taxonomy order");
    }

    #[test]
    fn context_decays() {
        let own: Scores = vec![(1, 1.0)];
        let near: Scores = vec![(2, 2.0)];
        let far: Scores = vec![(2, 2.0), (3, 4.0)];
        let s = with_context(&own, &[(&near, false), (&far, false)], &Scores::new(), &Rules::default());
        assert_eq!(s, vec![(1, 1.0), (2, 1.5), (3, 1.0)]);
    }

    #[test]
    fn the_shipped_taxonomy_has_the_themes_of_themes_md() {
        let t = Themes::default();
        let md = include_str!("../../data/themes.md");
        let ids: Vec<&str> = md
            .lines()
            .filter_map(|l| l.strip_prefix("| "))
            .filter_map(|l| l.split(' ').next())
            .filter(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '_') && !id.is_empty() && *id != "id")
            .collect();
        assert_eq!(ids.len(), 28);
        assert_eq!(t.dict.sections.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ids);
        assert!(t.dict.sections.iter().all(|s| !s.name.is_empty() && s.terms.len() >= 10), "every theme has a name and terms");
    }
}
