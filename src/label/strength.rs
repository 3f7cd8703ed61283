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
//! **Evidence.** Every weight that enters `B` and `S` is one
//! [`StrengthTerm`] of the record (the `strength_terms` frame): a term with its
//! offsets, a target or a deadline with the offsets of its span, or the
//! default obligation below. `B` and `S` are the sums of their weights, so a
//! score is always explained by its evidence.
//!
//! **Default obligation of a directive.** Plans, 工作要点 and 意见 state most
//! tasks as bare imperatives (加强社会救助家庭经济状况核对。): the 党政机关公文处理
//! 工作条例 makes such a text a directive to the bodies it addresses, so the
//! bare imperative carries the obligation that 要 would make explicit. A task
//! record of such a document (not of a legal norm: [`is_directive_type`])
//! with no binding or soft language whose first sentence has a verb of the
//! `[imperative]` section (加强, 开展, 发挥 …) gets the first such verb as
//! binding evidence of the section's weight (0.5, the weight of 要): it is
//! `mixed` (a weak marker alone), not `none`. `none` remains for records that
//! neither direct nor commit, and for the articles of regulations that have
//! no modal (definitions, scope).
//!
//! **Instruments are not hedges.** 鼓励, 支持, 引导 say how the state acts
//! (inviting non-state actors, funding): they belong to the instruments
//! dictionary and weigh nothing here (`[instrument]`, weight 0, kept in the
//! file so that the decision is visible and the words mask nothing else);
//! hedges are the words that make the commitment itself conditional or
//! tentative (探索, 适时, 有条件的, 逐步, 力争).
//!
//! ```
//! use zhengce::label::strength::Strength;
//! assert_eq!(Strength::score(3.0, 0.0), (0.75, "binding"));
//! assert_eq!(Strength::score(1.0, 1.0), (0.0, "mixed"));
//! assert_eq!(Strength::score(0.0, 0.0), (0.0, "none"));
//! ```

use crate::error::Error;
use crate::lexicon::terms::{Hit, Special, TermDict};
pub use crate::model::facts::{StrengthSource, StrengthTerm};
use crate::text::affix::any_suffix;

/// The shipped strength dictionary.
pub const STRENGTH: &str = include_str!("../../data/strength.tsv");

/// Whether a document type states tasks as directives: plans, 工作要点,
/// 意见, 通知, 措施 … (党政机关公文处理工作条例), not the legal norms (条例, 办法,
/// 规定, 细则, 规则), which write their duties with explicit modals (应当, 不得)
/// and whose purpose and scope articles direct nothing. Unknown: a directive.
///
/// ```
/// use zhengce::label::strength::is_directive_type;
/// assert!(is_directive_type(Some("方案")) && is_directive_type(None) && !is_directive_type(Some("条例")));
/// ```
pub fn is_directive_type(doc_type: Option<&str>) -> bool {
    !doc_type.is_some_and(|t| any_suffix(t, &["条例", "办法", "规定", "细则", "规则", "章程"]))
}

/// A strength dictionary: the indices of its binding and soft sections.
#[derive(Debug, Clone)]
pub struct Strength {
    pub dict: TermDict,
    binding: usize,
    soft: usize,
    /// The `[imperative]` section, if the dictionary has one.
    imperative: Option<usize>,
}

/// What a record brings besides its text: byte spans (into the document
/// text) of its targets and deadlines, where the block and its text start,
/// and whether it is a directive task (a task record of a document that is
/// not a legal norm, see [`is_directive_type`]): only those get the default
/// obligation.
#[derive(Debug, Clone, Copy, Default)]
pub struct RecordFacts<'a> {
    pub targets: &'a [(usize, usize)],
    pub deadlines: &'a [(usize, usize)],
    pub block_start: usize,
    pub text_start: usize,
    pub task: bool,
}

impl RecordFacts<'_> {
    /// A span of the document's text as offsets from the block's start; a
    /// block is matched with 32-bit offsets, so they fit.
    fn local(&self, start: usize, end: usize) -> (u32, u32) {
        let at = |x: usize| (x - self.block_start) as u32;
        (at(start), at(end))
    }
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
        let imperative = dict.index("imperative");
        Ok(Strength { dict, binding, soft, imperative })
    }

    /// The evidence of a record's strength: its binding and soft terms
    /// (`hits`, byte offsets into the record's text, which starts at
    /// `facts.text_start` of the document text), its targets and deadlines,
    /// and — when none of these occurs — the default obligation of a task
    /// record that opens with an imperative verb (module documentation).
    pub fn evidence(&self, hits: &[Hit], text: &str, facts: RecordFacts) -> Vec<StrengthTerm> {
        // Hits are offsets into the record's text, which starts this far into the block.
        let base = (facts.text_start - facts.block_start) as u32;
        let mut out: Vec<StrengthTerm> = hits
            .iter()
            .filter(|h| h.weight > 0.0 && (h.section as usize == self.binding || h.section as usize == self.soft))
            .map(|h| StrengthTerm {
                term: h.term,
                binding: h.section as usize == self.binding,
                source: StrengthSource::Term,
                weight: h.weight,
                start: base + h.start,
                end: base + h.end,
            })
            .collect();
        for (sec, binding) in [(self.binding, true), (self.soft, false)] {
            let s = &self.dict.sections[sec];
            for (special, spans, source, term) in [
                (Special::Target, facts.targets, StrengthSource::Target, crate::lexicon::terms::TARGET_TERM),
                (Special::Deadline, facts.deadlines, StrengthSource::Deadline, crate::lexicon::terms::DEADLINE_TERM),
            ] {
                let w = s.special_weight(special).unwrap_or(0.0) as f32;
                if w > 0.0 {
                    out.extend(spans.iter().map(|&(start, end)| {
                        let (start, end) = facts.local(start, end);
                        StrengthTerm { term, binding, source, weight: w, start, end }
                    }));
                }
            }
        }
        if out.is_empty() && facts.task {
            out.extend(self.default_obligation(hits, text, base));
        }
        out
    }

    /// The first imperative verb of a record's first sentence, as binding
    /// evidence.
    fn default_obligation(&self, hits: &[Hit], text: &str, base: u32) -> Option<StrengthTerm> {
        let sec = self.imperative? as u32;
        let first_sentence = text.find(['。', '；', '！', '？', ';']).unwrap_or(text.len());
        let h = hits.iter().find(|h| h.section == sec && h.weight > 0.0 && (h.end as usize) <= first_sentence)?;
        Some(StrengthTerm {
            term: h.term,
            binding: true,
            source: StrengthSource::Imperative,
            weight: h.weight,
            start: base + h.start,
            end: base + h.end,
        })
    }

    /// Summed binding and soft weights of some evidence.
    pub fn weights(evidence: &[StrengthTerm]) -> (f32, f32) {
        let b = evidence.iter().filter(|e| e.binding).map(|e| e.weight).sum();
        let s = evidence.iter().filter(|e| !e.binding).map(|e| e.weight).sum();
        (b, s)
    }

    /// Every label [`Strength::score`] gives, firmest first (the order of
    /// the `strength_label` column's categories).
    pub const LABELS: [&'static str; 4] = ["binding", "mixed", "soft", "none"];

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
