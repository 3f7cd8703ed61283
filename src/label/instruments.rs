//! Policy instruments: how a provision acts, coded with Rothwell & Zegveld's
//! classification as Chinese policy-text research uses it — supply-side
//! (the government supplies funding, facilities, people, information,
//! services), environment-side (it shapes the conditions: targets and plans,
//! rules and standards, fiscal and tax measures, finance, institutions,
//! publicity) and demand-side (it creates demand: buying services,
//! outsourcing and public-private cooperation, pilots, opening up).
//!
//! The instruments and their terms are the sections of `data/instruments.tsv`
//! (format: [`crate::lexicon::terms`]); a section id starts with its type, `supply_`,
//! `environment_` or `demand_`. The rule: a record uses an instrument when the
//! weights of that instrument's terms found in it (whole tokens or phrases,
//! department attributions excluded) add up to [`MIN_SCORE`]; the
//! pseudo-terms `<target>` and `<deadline>` count the record's quantitative
//! targets and dated commitments (targets and planning). No heading context:
//! an instrument is what the provision itself does.
//!
//! ```
//! use zhengce::label::instruments::{Instruments, type_of};
//! let i = Instruments::default();
//! assert_eq!(type_of(&i.dict.sections[0].id), "supply");
//! ```

use crate::lexicon::terms::{Hit, Special, TermDict};

/// The shipped instrument dictionary.
pub const INSTRUMENTS: &str = include_str!("../../data/instruments.tsv");

/// The weight of terms a record needs to use an instrument.
pub const MIN_SCORE: f32 = 1.0;

/// The type of an instrument id: supply, environment, demand, or "" when the
/// id does not start with one of them.
pub fn type_of(id: &str) -> &str {
    ["supply", "environment", "demand"]
        .into_iter()
        .find(|t| id.strip_prefix(t).is_some_and(|r| r.is_empty() || r.starts_with('_')))
        .unwrap_or("")
}

/// An instrument dictionary.
#[derive(Debug, Clone)]
pub struct Instruments {
    pub dict: TermDict,
    /// Per instrument, the weights of `<target>` and `<deadline>` (0 when not listed).
    pub specials: Vec<(f32, f32)>,
}

impl Default for Instruments {
    fn default() -> Self {
        Instruments::new(TermDict::parse(INSTRUMENTS, "data/instruments.tsv".as_ref()).expect("the bundled instruments.tsv is valid"))
    }
}

impl Instruments {
    /// The instruments of a term dictionary (sections are instrument ids).
    pub fn new(dict: TermDict) -> Instruments {
        let w = |s: &crate::lexicon::terms::Section, sp| s.special_weight(sp).unwrap_or(0.0) as f32;
        let specials = dict.sections.iter().map(|s| (w(s, Special::Target), w(s, Special::Deadline))).collect();
        Instruments { dict, specials }
    }

    /// Scores per instrument (sparse, by index) from the hits of a record and
    /// its numbers of targets and deadlines.
    pub fn scores(&self, hits: &[Hit], n_targets: usize, n_deadlines: usize) -> Vec<(u32, f32)> {
        let mut s: Vec<(u32, f32)> = Vec::with_capacity(hits.len() + self.specials.len());
        for h in hits.iter().filter(|h| h.weight > 0.0) {
            crate::label::themes::add(&mut s, h.section, h.weight);
        }
        if n_targets + n_deadlines > 0 {
            for (i, &(tw, dw)) in self.specials.iter().enumerate() {
                let w = tw * n_targets as f32 + dw * n_deadlines as f32;
                if w > 0.0 {
                    crate::label::themes::add(&mut s, i as u32, w);
                }
            }
        }
        s
    }

    /// The instruments a record uses, in dictionary order.
    pub fn assign(scores: &[(u32, f32)]) -> Vec<u32> {
        scores.iter().filter(|x| x.1 >= MIN_SCORE).map(|x| x.0).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_dictionary_covers_the_three_types() {
        let i = Instruments::default();
        let ids: Vec<&str> = i.dict.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids.len(), 15, "{ids:?}");
        for t in ["supply", "environment", "demand"] {
            assert!(ids.iter().filter(|id| type_of(id) == t).count() >= 4, "{t}");
        }
        assert!(ids.iter().all(|id| !type_of(id).is_empty()));
        assert!(i.dict.sections.iter().any(|s| s.special_weight(Special::Target).is_some()));
    }

    #[test]
    fn types() {
        assert_eq!(type_of("demand_pilots"), "demand");
        assert_eq!(type_of("supplyx"), "");
        assert_eq!(type_of("environment"), "environment");
    }
}
