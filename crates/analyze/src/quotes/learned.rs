//! A small learned model of attribution cues: for each lowercased word, how often it
//! heads an attribution cue ("said", "urges", "calling for", "refuses") and how often it
//! occurs at all, counted over an annotated corpus.
//!
//! The hand-written lexicon in [`super::cues`] covers the frequent reporting verbs. News
//! attributions also hang on a long tail of verbs of stance, intent and perception
//! ("agreed to", "refuses to", "urges", "described", "offered"), which the annotated
//! corpus PolNeAR labels as attributions too. This model gives each such word the
//! estimated probability that an occurrence heads a cue, `cue / (total + 2)`; the quote
//! finder treats a word as a cue when that probability passes
//! [`LEARNED_CUE_THRESHOLD`] with at least [`MIN_CUE_COUNT`] observations. A word
//! not kept on its own, in an unambiguous verb form (-ed, -ing), takes the counts of its
//! crude stem pooled over its inflections ("urging" those of "urged" and "urges").
//!
//! **Training** ([`train`]) is deterministic: plain counts over the corpus, tokenized by
//! the same tokenizer the finder uses; the cue head is the first word of the annotated
//! cue that is not an auxiliary, an adverb in "-ly" or a negation ("has strongly
//! denied" → "denied"). The model is written as a sorted TSV ([`CueModel::to_tsv`]:
//! `word TAB cue_count TAB total_count`) keeping only words seen as a cue at least
//! [`MIN_CUE_COUNT`] times, so the same corpus always gives the same bytes. The command
//! `newsdesk train quotes TRAIN.jsonl --out crates/analyze/models/cues.tsv` rebuilds the
//! shipped file from PolNeAR's train split; the file is compiled into the crate
//! ([`CueModel::shipped`]), so nothing is loaded at run time.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use super::{cues, paragraphs, tokens};

/// Least number of times a word must have headed a cue in training to be kept.
pub const MIN_CUE_COUNT: u32 = 3;

/// Probability (cue / (total + 2)) from which a word outside the hand-written lexicon is
/// taken as a cue, and from which a lexicon verb that needs quotation marks also
/// introduces reported speech; also where the clause rules see another attribution.
pub const LEARNED_CUE_THRESHOLD: f32 = 0.25;

/// The lower threshold for unambiguous verb forms (-ed, -ing): "talks", "plans" are
/// nouns as often as verbs, "pledged", "seeking" are not.
pub const LEARNED_VERB_FORM_THRESHOLD: f32 = 0.2;

/// The lower thresholds (word, -ed/-ing form) from which a word may *propose* an
/// attribution: low on purpose, since the learned [`super::scorer`] rejects the
/// proposals that do not read as attributions. Clause boundaries still use the stricter
/// [`LEARNED_CUE_THRESHOLD`] and [`LEARNED_VERB_FORM_THRESHOLD`].
pub const PROPOSAL_THRESHOLDS: (f32, f32) = (0.12, 0.1);

/// The shipped model, trained on PolNeAR's train split by `newsdesk train quotes`.
const SHIPPED: &str = include_str!("../../models/cues.tsv");

/// Cue statistics per lowercased word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CueModel {
    counts: HashMap<String, (u32, u32)>,
    /// Counts pooled by crude stem ("urges", "urged", "urging" → "urg"), the back-off
    /// for inflections seen too rarely on their own.
    stems: HashMap<String, (u32, u32)>,
}

/// A crude English stem: the word without one of -ing, -ed, -es, -s, -d (the stem keeps
/// at least three letters). Only used to pool counts of one verb's inflections.
fn stem(w: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s", "d"] {
        if let Some(s) = w.strip_suffix(suffix) {
            if s.chars().count() >= 3 {
                return s;
            }
        }
    }
    w
}

fn pool(counts: &HashMap<String, (u32, u32)>) -> HashMap<String, (u32, u32)> {
    let mut stems: HashMap<String, (u32, u32)> = HashMap::default();
    for (w, &(cue, total)) in counts {
        let e = stems.entry(stem(w).to_string()).or_default();
        e.0 += cue;
        e.1 += total;
    }
    stems
}

/// One training document: its text and the char ranges of its annotated cues.
#[derive(Debug, Clone, Copy)]
pub struct TrainingDoc<'a> {
    /// The text, paragraphs separated by `\n`.
    pub text: &'a str,
    /// Char ranges `[start, end)` of the cues annotated in `text`.
    pub cues: &'a [(usize, usize)],
}

/// Count cue heads and word occurrences over `docs`.
pub fn train<'a>(docs: impl IntoIterator<Item = TrainingDoc<'a>>) -> CueModel {
    let mut counts: HashMap<String, (u32, u32)> = HashMap::default();
    for doc in docs {
        let mut cue_ranges: Vec<(usize, usize)> = doc.cues.to_vec();
        cue_ranges.sort_unstable();
        let mut heads: Vec<usize> = Vec::new(); // char start of each cue head
        let mut all: Vec<(usize, usize, String)> = Vec::new();
        for (base, para) in paragraphs(doc.text) {
            let p = tokens::tokenize(para, base);
            for i in 0..p.toks.len() {
                if p.is_word(i) {
                    all.push((p.toks[i].c0, p.toks[i].c1, p.low(i).to_string()));
                }
            }
        }
        for &(s, e) in &cue_ranges {
            let lo = all.partition_point(|t| t.0 < s);
            if let Some(t) = all[lo..]
                .iter()
                .take_while(|t| t.1 <= e)
                .find(|t| !is_skippable(&t.2))
            {
                heads.push(t.0);
            }
        }
        heads.sort_unstable();
        heads.dedup();
        for (c0, _, w) in all {
            let entry = counts.entry(w).or_default();
            entry.1 += 1;
            if heads.binary_search(&c0).is_ok() {
                entry.0 += 1;
            }
        }
    }
    counts.retain(|_, &mut (cue, _)| cue >= MIN_CUE_COUNT);
    CueModel {
        stems: pool(&counts),
        counts,
    }
}

/// Words skipped when looking for a cue's head.
fn is_skippable(w: &str) -> bool {
    cues::is_aux(w) || w.ends_with("ly") || matches!(w, "not" | "never" | "n't" | "to")
}

impl CueModel {
    /// The model compiled into the crate (parsed once).
    pub fn shipped() -> &'static CueModel {
        static MODEL: OnceLock<CueModel> = OnceLock::new();
        MODEL.get_or_init(|| CueModel::from_tsv(SHIPPED).unwrap_or_default())
    }

    /// Parse the TSV written by [`CueModel::to_tsv`]; `Err` names the first bad line.
    pub fn from_tsv(tsv: &str) -> Result<CueModel, String> {
        let mut counts = HashMap::default();
        for (n, line) in tsv.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let parsed = (|| {
                let w = f.next()?;
                let cue = f.next()?.parse::<u32>().ok()?;
                let total = f.next()?.parse::<u32>().ok()?;
                (f.next().is_none() && !w.is_empty() && cue <= total)
                    .then(|| (w.to_string(), (cue, total)))
            })();
            match parsed {
                Some((w, c)) => {
                    counts.insert(w, c);
                }
                None => return Err(format!("line {}: expected WORD\\tCUE\\tTOTAL", n + 1)),
            }
        }
        Ok(CueModel {
            stems: pool(&counts),
            counts,
        })
    }

    /// The model as TSV, one word per line, sorted by word, with a header comment.
    pub fn to_tsv(&self) -> String {
        let mut rows: Vec<_> = self.counts.iter().collect();
        rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut out = String::from(
            "# newsdesk cue model: word, times it headed an attribution cue, times seen\n",
        );
        for (w, (cue, total)) in rows {
            out.push_str(&format!("{w}\t{cue}\t{total}\n"));
        }
        out
    }

    /// Number of words in the model.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Is the model empty?
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Estimated probability that an occurrence of the lowercased word `w` heads a cue
    /// (0 for words not in the model).
    /// A word seen too rarely on its own takes the pooled counts of its stem.
    pub fn probability(&self, w: &str) -> f32 {
        let p = |(cue, total): (u32, u32)| cue as f32 / (total as f32 + 2.0);
        match self.counts.get(w) {
            Some(&c) => p(c),
            // only unambiguous verb forms back off: "issues", "sides" are nouns as
            // often as verbs
            None if w.ends_with("ed") || w.ends_with("ing") => {
                self.stems.get(stem(w)).map_or(0.0, |&c| p(c))
            }
            None => 0.0,
        }
    }

    /// Has the model seen `w` (or, for an -ed or -ing form, its stem) at all? An unseen
    /// word has no evidence either way.
    pub fn is_known(&self, w: &str) -> bool {
        self.counts.contains_key(w)
            || ((w.ends_with("ed") || w.ends_with("ing")) && self.stems.contains_key(stem(w)))
    }

    /// Is `w` a likely cue ([`LEARNED_CUE_THRESHOLD`], [`LEARNED_VERB_FORM_THRESHOLD`]
    /// for -ed and -ing forms)?
    pub fn is_cue(&self, w: &str) -> bool {
        let threshold = if w.ends_with("ed") || w.ends_with("ing") {
            LEARNED_VERB_FORM_THRESHOLD
        } else {
            LEARNED_CUE_THRESHOLD
        };
        self.probability(w) >= threshold
    }

    /// May `w` propose an attribution ([`PROPOSAL_THRESHOLDS`])? A word in "-s" other
    /// than "-ss" is a plural noun as often as a verb ("talks", "plans"): it needs the
    /// stricter [`LEARNED_CUE_THRESHOLD`].
    pub fn may_propose(&self, w: &str) -> bool {
        if w.ends_with('s') && !w.ends_with("ss") {
            return self.is_cue(w);
        }
        let threshold = if w.ends_with("ed") || w.ends_with("ing") {
            PROPOSAL_THRESHOLDS.1
        } else {
            PROPOSAL_THRESHOLDS.0
        };
        self.probability(w) >= threshold
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(text: &'a str, cues: &'a [(usize, usize)]) -> TrainingDoc<'a> {
        TrainingDoc { text, cues }
    }

    #[test]
    fn counts_cue_heads_past_auxiliaries() {
        let t1 = "The mayor has firmly rejected the plan. Critics rejected it too.";
        let t2 = "Residents rejected the idea, the council rejected it, and so on.";
        // "has firmly rejected" in t1; "rejected" twice in t2.
        let m = train([doc(t1, &[(10, 29)]), doc(t2, &[(10, 18), (41, 49)])]);
        assert_eq!(m.counts.get("rejected"), Some(&(3, 4)));
        assert!((m.probability("rejected") - 0.5).abs() < 1e-6);
        assert_eq!(m.probability("has"), 0.0);
        assert_eq!(m.probability("firmly"), 0.0);
    }

    #[test]
    fn rare_cues_are_dropped_and_tsv_round_trips() {
        let t = "She urged calm. He urged patience. They urged restraint. We hoped.";
        let m = train([doc(t, &[(4, 9), (19, 24), (40, 45), (60, 65)])]);
        assert_eq!(
            m.len(),
            1,
            "only 'urged' has {MIN_CUE_COUNT} cue observations"
        );
        let tsv = m.to_tsv();
        assert!(tsv.contains("urged\t3\t3\n"));
        assert_eq!(CueModel::from_tsv(&tsv).unwrap(), m);
        assert!(CueModel::from_tsv("said\tx\t3").is_err());
        assert!(
            CueModel::from_tsv("said\t9\t3").is_err(),
            "cue count above total"
        );
    }

    #[test]
    fn rare_inflections_back_off_to_their_stem() {
        let t = "She urged calm. He urged patience. They urged restraint. Crowds gathered.";
        let m = train([doc(t, &[(4, 9), (19, 24), (40, 45)])]);
        assert!(m.is_cue("urged"));
        // never seen, but its stem "urg" was a cue three times out of three
        assert!((m.probability("urging") - m.probability("urged")).abs() < 1e-6);
        // "-s" forms are as often nouns: no back-off
        assert_eq!(m.probability("urges"), 0.0);
        assert_eq!(m.probability("gathers"), 0.0);
    }

    #[test]
    fn shipped_model_loads_and_knows_common_cues() {
        let m = CueModel::shipped();
        assert!(m.len() > 100);
        assert!(m.is_cue("said"));
        assert!(!m.is_cue("the"));
    }
}
