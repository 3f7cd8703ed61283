//! Commitment strength: how firmly a record commits. Binding language
//! (确保, 必须, 严禁, 全面, a quantitative target) against soft language (探索,
//! 鼓励, 研究, 适时, 积极争取), from the `binding` and `soft` sections of
//! `data/strength.tsv` (format: [`crate::lexicon::terms`]; `<target>` and `<deadline>`
//! count the record's quantitative targets and dated commitments).
//!
//! With `B` and `S` the summed weights of the binding and soft terms found in a
//! record (whole tokens or phrases; department attributions excluded):
//!
//! * `strength = (B − S) / (B + S + 1)`, between −1 and 1: positive when the
//!   record binds, negative when it only encourages; the `+ 1` keeps a single
//!   word from making a record fully binding or fully soft;
//! * the label is `binding` when strength ≥ 0.4 (one binding term of weight 1
//!   and nothing soft gives 0.5), `soft` when ≤ −0.4, `none` when neither kind
//!   of language occurs, and `mixed` otherwise: the two kinds balance, or only
//!   weak markers occur (要, 应, 支持, 引导 of weight 0.5 give ±1/3).
//!
//! ```
//! use zhengce::label::strength::Strength;
//! assert_eq!(Strength::score(3.0, 0.0), (0.75, "binding"));
//! assert_eq!(Strength::score(1.0, 1.0), (0.0, "mixed"));
//! assert_eq!(Strength::score(0.0, 0.0), (0.0, "none"));
//! ```

use crate::error::Error;
use crate::lexicon::terms::{Hit, Special, TermDict};

/// The shipped strength dictionary.
pub const STRENGTH: &str = include_str!("../../data/strength.tsv");

/// A strength dictionary: the indices of its binding and soft sections.
#[derive(Debug, Clone)]
pub struct Strength {
    pub dict: TermDict,
    binding: usize,
    soft: usize,
}

impl Default for Strength {
    fn default() -> Self {
        Strength::new(
            TermDict::parse(STRENGTH, "data/strength.tsv".as_ref()).expect("the bundled strength.tsv is valid"),
            "data/strength.tsv",
        )
        .expect("it has binding and soft")
    }
}

impl Strength {
    /// A dictionary must have `binding` and `soft` sections (other sections are ignored).
    pub fn new(dict: TermDict, path: &str) -> Result<Strength, Error> {
        let need = |id: &str| {
            dict.index(id).ok_or_else(|| Error::DataFile {
                path: path.into(),
                line: 0,
                reason: format!("a strength dictionary needs a [{id}] section"),
            })
        };
        let (binding, soft) = (need("binding")?, need("soft")?);
        Ok(Strength { dict, binding, soft })
    }

    /// Summed binding and soft weights of a record.
    pub fn weights(&self, hits: &[Hit], n_targets: usize, n_deadlines: usize) -> (f32, f32) {
        let mut w = [0.0f32; 2];
        for (k, sec) in [self.binding, self.soft].into_iter().enumerate() {
            w[k] += hits.iter().filter(|h| h.section as usize == sec).map(|h| h.weight).sum::<f32>();
            if n_targets + n_deadlines > 0 {
                let s = &self.dict.sections[sec];
                w[k] += s.special_weight(Special::Target).unwrap_or(0.0) as f32 * n_targets as f32;
                w[k] += s.special_weight(Special::Deadline).unwrap_or(0.0) as f32 * n_deadlines as f32;
            }
        }
        (w[0], w[1])
    }

    /// Score and label from binding and soft weights.
    pub fn score(binding: f32, soft: f32) -> (f32, &'static str) {
        if binding <= 0.0 && soft <= 0.0 {
            return (0.0, "none");
        }
        let s = (binding - soft) / (binding + soft + 1.0);
        let label = if s >= 0.4 {
            "binding"
        } else if s <= -0.4 {
            "soft"
        } else {
            "mixed"
        };
        (s, label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(Strength::score(0.0, 2.0).1, "soft");
        assert_eq!(Strength::score(2.0, 1.0).1, "mixed");
        assert_eq!(Strength::score(1.0, 0.0), (0.5, "binding"));
        assert_eq!(Strength::score(0.5, 0.0).1, "mixed", "a weak marker alone does not bind");
        assert_eq!(Strength::score(3.0, 1.0).1, "binding");
    }

    #[test]
    fn a_dictionary_without_soft_is_refused() {
        let d = TermDict::parse("[binding]\n确保\n", "s.tsv".as_ref()).unwrap();
        assert!(matches!(Strength::new(d, "s.tsv"), Err(Error::DataFile { .. })));
    }
}
