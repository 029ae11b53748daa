//! A small learned accept/reject model over the attributions the rules propose.
//!
//! The rules of [`super::Finder`] are tuned for recall: they propose every clause that
//! a cue, a subject and a content make plausible. Many such proposals are right; some
//! are not attributions at all ("the client fired every question to him", "a stream
//! called Miracle Run") or name the wrong source. This model scores each proposal from
//! what the rules saw when they made it — the cue word, its neighbours, the rule that
//! fired, the shape of the speaker and of the content — and the finder keeps a proposal
//! only when the estimated probability that it is a right attribution with the right
//! source reaches [`ACCEPT_THRESHOLD`]. Only reported speech is judged
//! ([`Pass::judged`]): quotation marks with an attribution next to them are kept as the
//! rules find them.
//!
//! **Model.** Logistic regression over sparse binary features ([`features`]), written as
//! a sorted TSV (`feature TAB weight`, the bias as the feature `bias`), compiled into the
//! crate from `models/scorer.tsv` ([`Scorer::shipped`]), nothing loaded at run time.
//!
//! **Training** ([`train`]) is deterministic: the candidates the rules propose on each
//! training document (with the filter off; the [`super::tagger`]'s proposals come
//! from a tagger trained on the other folds of the corpus, as the shipped tagger's do
//! on unseen text) are labelled right when they overlap a gold
//! attribution whose source they name (one to one, as the benchmark pairs them: [`label`]);
//! features seen fewer than [`MIN_FEATURE_COUNT`] times are dropped; weights are fitted
//! by AdaGrad over the examples in corpus order for [`EPOCHS`] epochs with an L2 penalty
//! ([`L2`]). The command `newsdesk train quotes TRAIN.jsonl --out models/cues.tsv
//! --scorer-out models/scorer.tsv` rebuilds the shipped file (it scores the candidates
//! of the compiled-in cue model, so retrain the cue model first, rebuild, then the
//! scorer).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::OnceLock;

use super::tokens::{Kind, Para};
use super::{cues, learned};
use crate::model::{Quote, QuoteKind, Span, Speaker, SpeakerKind};

/// Least estimated probability of being right for a proposal to be kept: the best
/// held-out end-to-end F1 of `newsdesk train quotes … --folds 2` on the train split
/// when it was chosen; for the shipped rules and tagger the curve is flat: 68.52 at
/// 0.30, 68.54 at 0.25, 68.41 at 0.35 (overlap F1 rises and speaker accuracy falls as it
/// is lowered).
pub const ACCEPT_THRESHOLD: f32 = 0.3;

/// Least number of training examples a feature must occur in to get a weight.
pub const MIN_FEATURE_COUNT: u32 = 3;

/// Passes over the training examples.
pub const EPOCHS: usize = 10;

/// L2 penalty per example and step.
pub const L2: f32 = 1e-3;

/// AdaGrad base learning rate.
const RATE: f32 = 0.1;

/// The shipped model, trained on PolNeAR's train split by `newsdesk train quotes`.
const SHIPPED: &str = include_str!("../../models/scorer.tsv");

/// Which rule of the finder proposed a quote (one feature of the model).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// A headline "Name: claim".
    Headline,
    /// A transcript label "NAME: words".
    Label,
    /// A quoted span with its cue and speaker next to it.
    Direct,
    /// A quoted span continuing an earlier speaker, or after "He said:".
    Continued,
    /// A sentence governed by a trailing attribution ("…, officials said.").
    Trailing,
    /// Reported speech around a cue ("X said that…", "according to X").
    Reported,

    /// A question put to someone ("Asked about X, …").
    Asked,
    /// A view or charge held by others ("is expected to", "was charged with").
    View,
    /// The last look at sentences where nothing else was found.
    Fallback,
    /// The same look at the words of a sentence outside what was found in it.
    Second,
    /// A stance held by a possessor ("Trump’s claim that…").
    Stance,
    /// A quoted span that takes the nearest likely cue before it.
    Mixed,
    /// A poll or survey reporting its clause ("In a CNN poll, Clinton led…").
    Survey,
    /// Cue, source and content tagged by the learned [`super::tagger`] in words the
    /// rules left untouched.
    Tagged,
}

impl Pass {
    /// Does the scorer judge this rule's proposals? Quotation marks with an
    /// attribution (direct and mixed quotes, continued quotes, headline and transcript
    /// sources) are kept as the rules find them; reported speech is judged.
    pub fn judged(self) -> bool {
        matches!(
            self,
            Pass::Trailing
                | Pass::Reported
                | Pass::Asked
                | Pass::View
                | Pass::Fallback
                | Pass::Second
                | Pass::Stance
                | Pass::Survey
                | Pass::Tagged
        )
    }

    fn name(self) -> &'static str {
        match self {
            Pass::Headline => "headline",
            Pass::Label => "label",
            Pass::Direct => "direct",
            Pass::Continued => "continued",
            Pass::Trailing => "trailing",
            Pass::Reported => "reported",
            Pass::Asked => "asked",
            Pass::View => "view",
            Pass::Fallback => "fallback",
            Pass::Second => "second",
            Pass::Stance => "stance",
            Pass::Mixed => "mixed",
            Pass::Survey => "survey",
            Pass::Tagged => "tagged",
        }
    }
}

/// First token at or after char offset `c`.
fn tok_at(p: &Para, c: usize) -> usize {
    p.toks.partition_point(|t| t.c0 < c)
}

fn word_or_punct<'p>(p: &'p Para, i: usize) -> &'p str {
    match p.toks[i].kind {
        Kind::Word => p.low(i),
        Kind::Punct(_) => p.raw(i),
        Kind::Mark { .. } => "<q>",
    }
}

/// A proposal as the rule that made it saw it: rule `pass` in paragraph `p` proposed
/// content `frags` of `kind` with cue tokens `cue` and `speaker`, whose mention spans
/// `speaker_toks` of `p` (`None` when it is in an earlier paragraph).
#[derive(Clone, Copy)]
pub struct Proposal<'a> {
    /// The paragraph.
    pub p: &'a Para<'a>,
    /// The rule that proposed it.
    pub pass: Pass,
    /// Its kind.
    pub kind: QuoteKind,
    /// Its content fragments (chars).
    pub frags: &'a [Span],
    /// Its cue tokens.
    pub cue: Option<(usize, usize)>,
    /// Its speaker.
    pub speaker: Option<&'a Speaker>,
    /// The speaker mention's tokens in `p`.
    pub speaker_toks: Option<(usize, usize)>,
}

/// The features of a proposal, as strings.
pub fn features(proposal: &Proposal) -> Vec<String> {
    let mut f = Vec::with_capacity(32);
    each_feature(proposal, &mut |x| f.push(x.to_string()));
    f
}

/// Call `sink` with each feature of a proposal (one reused buffer, no allocation per
/// feature: this runs for every proposal of reported speech).
fn each_feature(proposal: &Proposal, sink: &mut dyn FnMut(&str)) {
    let Proposal {
        p,
        pass,
        kind,
        frags,
        cue,
        speaker,
        speaker_toks,
    } = *proposal;
    let mut buf = String::with_capacity(64);
    macro_rules! emit {
        ($($arg:tt)*) => {{
            buf.clear();
            let _ = write!(buf, $($arg)*);
            sink(&buf);
        }};
    }
    let kind = kind.as_str();
    emit!("pass={}", pass.name());
    emit!("kind={kind}");
    emit!("pass_kind={}_{kind}", pass.name());
    let n = p.toks.len();
    let (c0, c1) = (frags[0].start, frags[frags.len() - 1].end);
    let (t0, t1) = (tok_at(p, c0), tok_at(p, c1));
    let words = (t0..t1.min(n)).filter(|&t| p.is_word(t)).count();
    emit!("len={}", (words / 3).min(10));
    emit!("frags={}", frags.len().min(3));
    if t0 < n {
        emit!("first={}", word_or_punct(p, t0));
    }
    if (t0..t1.min(n)).any(|t| matches!(p.toks[t].kind, Kind::Mark { .. })) {
        emit!("marks");
    }
    if t1 < n && p.is_punct(t1, '?') {
        emit!("question");
    }
    // Does the content read as a clause (a finite or modal verb) or as a noun phrase?
    let clause = (t0..t1.min(n)).any(|t| p.is_word(t) && super::is_finite_aux(p.low(t)));
    emit!("clause={clause}");
    emit!("clause_len={clause}_{}", (words / 3).min(10));
    if t1 >= n || matches!(p.toks[t1].kind, Kind::Punct('.' | '!' | '?')) {
        emit!("to_sentence_end");
    }
    match cue {
        None => emit!("cue=none"),
        Some((a, b)) => {
            let head = (a..=b)
                .find(|&t| {
                    p.is_word(t) && {
                        let w = p.low(t);
                        !(cues::is_aux(w) || w.ends_with("ly") || matches!(w, "not" | "never"))
                    }
                })
                .unwrap_or(b);
            let h = word_or_punct(p, head);
            let prob = learned::CueModel::shipped().probability(h);
            emit!("head={h}");
            emit!("head_kind={h}_{kind}");
            emit!("prob={}", ((prob * 20.0) as u32).min(12));
            emit!("lexicon={}", cues::cue(h).is_some());
            let before = if a > 0 {
                word_or_punct(p, a - 1)
            } else {
                "<s>"
            };
            let after = if b + 1 < n {
                word_or_punct(p, b + 1)
            } else {
                "</s>"
            };
            let after2 = if b + 2 < n {
                word_or_punct(p, b + 2)
            } else {
                "</s>"
            };
            emit!("b1={before}");
            emit!("a1={after}");
            emit!("b1_head={before}_{h}");
            emit!("head_a1={h}_{after}");
            emit!("a1_a2={after}_{after2}");
            let at = p.toks[a].c0;
            let pos = if at < c0 {
                "before"
            } else if at >= c1 {
                "after"
            } else {
                "inside"
            };
            emit!("cuepos={pos}");
            emit!("cuepos_pass={pos}_{}", pass.name());
            emit!("cue_cap={}", p.toks[head].cap);
            if let Some((sa, sb)) = speaker_toks {
                let gap = if sb < a {
                    a - sb - 1
                } else {
                    sa.saturating_sub(b + 1)
                };
                let side = if sb < a { "before" } else { "after" };
                emit!("spk_gap={side}_{}", gap.min(6));
            }
        }
    }
    if let Some(s) = speaker {
        let k = match s.kind {
            SpeakerKind::Person => "person",
            SpeakerKind::Organization => "org",
            SpeakerKind::Group => "group",
        };
        emit!("spk_kind={k}");
        emit!("spk_named={}", s.name.is_some());
        emit!("spk_role={}", s.role.is_some());
    }
    match (speaker, speaker_toks) {
        (None, _) => emit!("spk=none"),
        (Some(_), None) => emit!("spk=earlier"),
        (Some(_), Some((a, b))) => {
            let w = p.low(a);
            let shape = if cues::is_pronoun(w) || matches!(w, "who" | "which" | "that") {
                format!("pron:{w}")
            } else if p.toks[a].cap {
                "cap".to_string()
            } else {
                "low".to_string()
            };
            emit!("spk={shape}");
            emit!("spklen={}", (b + 1 - a).min(6));
            emit!("spkhead={}", word_or_punct(p, b));
            emit!("spk_pass={shape}_{}", pass.name());
        }
    }
}

/// The learned accept/reject model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scorer {
    bias: f32,
    weights: rustc_hash::FxHashMap<String, f32>,
}

impl Scorer {
    /// The model compiled into the crate (parsed once).
    pub fn shipped() -> &'static Scorer {
        static MODEL: OnceLock<Scorer> = OnceLock::new();
        MODEL.get_or_init(|| Scorer::from_tsv(SHIPPED).unwrap_or_default())
    }

    /// Estimated probability that the proposal with features `f` is right.
    pub fn probability(&self, f: &[String]) -> f32 {
        let z = self.bias + f.iter().filter_map(|x| self.weights.get(x)).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Estimated probability that `proposal` is right (as [`Scorer::probability`] of
    /// its [`features`], without building them).
    pub fn probability_of(&self, proposal: &Proposal) -> f32 {
        let mut z = self.bias;
        each_feature(proposal, &mut |x| z += self.weight(x));
        1.0 / (1.0 + (-z).exp())
    }

    /// Should `proposal` be kept? An empty model keeps everything.
    pub fn accepts_proposal(&self, proposal: &Proposal) -> bool {
        self.is_empty() || self.probability_of(proposal) >= ACCEPT_THRESHOLD
    }

    /// The weight of feature `f` (0 when the model has none).
    pub fn weight(&self, f: &str) -> f32 {
        self.weights.get(f).copied().unwrap_or(0.0)
    }

    /// Number of weighted features.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Has the model no features (an empty model keeps every proposal)?
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Parse the TSV written by [`Scorer::to_tsv`]; `Err` names the first bad line.
    pub fn from_tsv(tsv: &str) -> Result<Scorer, String> {
        let mut s = Scorer::default();
        for (n, line) in tsv.lines().enumerate() {
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parsed = line
                .rsplit_once('\t')
                .and_then(|(k, w)| Some((k, w.parse::<f32>().ok()?)))
                .filter(|(k, w)| !k.is_empty() && w.is_finite());
            match parsed {
                Some(("bias", w)) => s.bias = w,
                Some((k, w)) => {
                    s.weights.insert(k.to_string(), w);
                }
                None => return Err(format!("line {}: expected FEATURE\\tWEIGHT", n + 1)),
            }
        }
        Ok(s)
    }

    /// The model as TSV: the bias, then one feature per line sorted by name, weights
    /// rounded to 4 decimals (features whose weight rounds to 0 are left out).
    pub fn to_tsv(&self) -> String {
        let mut out = String::from(
            "# newsdesk quote scorer: logistic regression weights (feature, weight)\n",
        );
        out.push_str(&format!("bias\t{:.4}\n", self.bias));
        let rows: BTreeMap<&String, &f32> = self.weights.iter().collect();
        for (k, w) in rows {
            let r = format!("{w:.4}");
            if r != "0.0000" && r != "-0.0000" {
                out.push_str(&format!("{k}\t{r}\n"));
            }
        }
        out
    }
}

/// A proposal of the rules, with its features.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The proposed quote.
    pub quote: Quote,
    /// Its features ([`features`]).
    pub features: Vec<String>,
    /// Does the scorer judge it ([`Pass::judged`])?
    pub judged: bool,
}

/// One training example: the features of a proposal and whether it was right.
#[derive(Debug, Clone)]
pub struct Example {
    /// Its features.
    pub features: Vec<String>,
    /// Was it a right attribution with the right source?
    pub right: bool,
}

/// Fit the model on `examples` (deterministic; see the module docs).
pub fn train(examples: &[Example]) -> Scorer {
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for e in examples {
        for f in &e.features {
            *counts.entry(f.as_str()).or_default() += 1;
        }
    }
    let index: HashMap<&str, usize> = counts
        .iter()
        .filter(|(_, &c)| c >= MIN_FEATURE_COUNT)
        .enumerate()
        .map(|(i, (k, _))| (*k, i))
        .collect();
    let names: Vec<&str> = {
        let mut v = vec![""; index.len()];
        for (k, &i) in &index {
            v[i] = k;
        }
        v
    };
    let rows: Vec<(Vec<usize>, f32)> = examples
        .iter()
        .map(|e| {
            let mut ids: Vec<usize> = e
                .features
                .iter()
                .filter_map(|f| index.get(f.as_str()).copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            (ids, if e.right { 1.0 } else { 0.0 })
        })
        .collect();
    let mut w = vec![0f32; names.len()];
    let mut g2 = vec![1e-8f32; names.len()];
    let (mut bias, mut bias_g2) = (0f32, 1e-8f32);
    for _ in 0..EPOCHS {
        for (ids, y) in &rows {
            let z = bias + ids.iter().map(|&i| w[i]).sum::<f32>();
            let pr = 1.0 / (1.0 + (-z).exp());
            let g = pr - y;
            bias_g2 += g * g;
            bias -= RATE * g / bias_g2.sqrt();
            for &i in ids {
                let gi = g + L2 * w[i];
                g2[i] += gi * gi;
                w[i] -= RATE * gi / g2[i].sqrt();
            }
        }
    }
    Scorer {
        bias,
        weights: names
            .iter()
            .zip(&w)
            .map(|(k, &x)| (k.to_string(), x))
            .collect(),
    }
}

/// Chars trimmed from both ends of a span before comparing (as the benchmark's scorer
/// does): whitespace, quotation marks and punctuation.
fn trimmed(chars: &[char], s: usize, e: usize) -> Option<(usize, usize)> {
    let strip = |c: char| {
        c.is_whitespace() || "\"\u{201c}\u{201d}\u{201e}\u{ab}\u{bb}\u{2018}\u{2019}'`.,;:!?-\u{2013}\u{2014}\u{2026}".contains(c)
    };
    let (mut s, mut e) = (s.min(chars.len()), e.min(chars.len()));
    while s < e && strip(chars[s]) {
        s += 1;
    }
    while e > s && strip(chars[e - 1]) {
        e -= 1;
    }
    (e > s).then_some((s, e))
}

/// A gold attribution: its content fragments and source span, in chars.
#[derive(Debug, Clone)]
pub struct Gold {
    /// Content fragments `[start, end)`.
    pub fragments: Vec<(usize, usize)>,
    /// The source mention, if annotated.
    pub speaker: Option<(usize, usize)>,
}

/// Which of the proposals `qs` are right against the gold attributions of their text
/// (`chars`), as the benchmark's scorer pairs them: one to one, largest character
/// overlap of the trimmed contents first; a pair is right when the proposal names the
/// gold source (overlapping source spans, or both without one).
pub fn label(chars: &[char], gold: &[Gold], qs: &[Quote]) -> Vec<bool> {
    let (group, right, _, _) = pair(chars, gold, qs);
    (0..qs.len()).map(|i| right[group[i]]).collect()
}

/// How proposals fare against the gold attributions of one text, counted as the
/// benchmark counts them (proposals sharing a cue and a source are one attribution).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Attributions proposed.
    pub proposed: usize,
    /// Gold attributions (with some content left after trimming).
    pub gold: usize,
    /// Proposals paired with a gold attribution by content overlap (one to one).
    pub matched: usize,
    /// Pairs whose proposal also names the gold source: end-to-end right.
    pub right: usize,
    /// Pairs whose gold attribution has a source (the speaker accuracy's denominator).
    pub speaker_pairs: usize,
    /// Of those, pairs naming that source.
    pub speaker_right: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.proposed += o.proposed;
        self.gold += o.gold;
        self.matched += o.matched;
        self.right += o.right;
        self.speaker_pairs += o.speaker_pairs;
        self.speaker_right += o.speaker_right;
    }
}

/// The benchmark's counts of proposals `qs` against `gold` ([`Counts`]).
pub fn counts(chars: &[char], gold: &[Gold], qs: &[Quote]) -> Counts {
    let (group, right, pairs, golds) = pair(chars, gold, qs);
    let mut c = Counts {
        gold: golds,
        matched: pairs.len(),
        ..Counts::default()
    };
    for i in (0..qs.len()).filter(|&i| group[i] == i) {
        c.proposed += 1;
        c.right += usize::from(right[i]);
    }
    for &(gi, pi) in &pairs {
        if gold[gi].speaker.is_some() {
            c.speaker_pairs += 1;
            c.speaker_right += usize::from(right[pi]);
        }
    }
    c
}

/// The pairing behind [`label`]: each proposal's group (the index of its group's first
/// proposal), per group-first proposal whether it is right, the pairs (gold index,
/// group-first proposal index), and the number of gold attributions with some content
/// left after trimming.
#[allow(clippy::type_complexity)]
fn pair(
    chars: &[char],
    gold: &[Gold],
    qs: &[Quote],
) -> (Vec<usize>, Vec<bool>, Vec<(usize, usize)>, usize) {
    let trim_all = |fs: &mut dyn Iterator<Item = (usize, usize)>| -> Vec<(usize, usize)> {
        fs.filter_map(|(s, e)| trimmed(chars, s, e)).collect()
    };
    let golds: Vec<Vec<(usize, usize)>> = gold
        .iter()
        .map(|g| trim_all(&mut g.fragments.iter().copied()))
        .collect();
    // Proposals sharing a cue and a source are one attribution (the benchmark merges
    // them): `group[i]` is the first proposal of i's group, which holds the fragments.
    let key = |q: &Quote| {
        let m = q.speaker.as_ref().and_then(|s| s.mention.as_ref());
        q.cue
            .as_ref()
            .map(|c| (c.start, c.end, m.map(|m| (m.start, m.end))))
    };
    type Key = (usize, usize, Option<(usize, usize)>);
    let mut first: HashMap<Key, usize> = HashMap::new();
    let group: Vec<usize> = qs
        .iter()
        .enumerate()
        .map(|(i, q)| key(q).map_or(i, |k| *first.entry(k).or_insert(i)))
        .collect();
    let mut preds: Vec<Vec<(usize, usize)>> = vec![Vec::new(); qs.len()];
    for (i, q) in qs.iter().enumerate() {
        let fs = trim_all(&mut q.fragments.iter().map(|f| (f.start, f.end)));
        preds[group[i]].extend(fs);
    }
    let shared = |a: &[(usize, usize)], b: &[(usize, usize)]| -> usize {
        a.iter()
            .flat_map(|x| {
                b.iter()
                    .map(move |y| (x.1.min(y.1)).saturating_sub(x.0.max(y.0)))
            })
            .sum()
    };
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        for (pi, pf) in preds.iter().enumerate() {
            let n = shared(g, pf);
            if n > 0 {
                pairs.push((n, gi, pi));
            }
        }
    }
    pairs.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_g, mut right) = (vec![false; gold.len()], vec![false; qs.len()]);
    let mut used_p = vec![false; qs.len()];
    let mut paired = Vec::new();
    for (_, gi, pi) in pairs {
        if used_g[gi] || used_p[pi] {
            continue;
        }
        used_g[gi] = true;
        used_p[pi] = true;
        paired.push((gi, pi));
        let spk = qs[pi]
            .speaker
            .as_ref()
            .and_then(|s| s.mention.as_ref())
            .and_then(|m| trimmed(chars, m.start, m.end));
        let gs = gold[gi].speaker.and_then(|(s, e)| trimmed(chars, s, e));
        right[pi] = match (gs, spk) {
            (Some(a), Some(b)) => a.0 < b.1 && b.0 < a.1,
            (None, None) => true,
            _ => false,
        };
    }
    let golds = golds.iter().filter(|g| !g.is_empty()).count();
    (group, right, paired, golds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(f: &[&str], right: bool) -> Example {
        Example {
            features: f.iter().map(|s| s.to_string()).collect(),
            right,
        }
    }

    #[test]
    fn learns_which_features_mark_right_proposals() {
        let mut data = Vec::new();
        for _ in 0..20 {
            data.push(ex(&["head=said", "spk=cap"], true));
            data.push(ex(&["head=fired", "spk=cap"], false));
        }
        let m = train(&data);
        let said = m.probability(&["head=said".into(), "spk=cap".into()]);
        let fired = m.probability(&["head=fired".into(), "spk=cap".into()]);
        assert!(said > 0.8 && fired < 0.2, "said {said}, fired {fired}");
        assert!(m.probability(&["head=said".into()]) >= ACCEPT_THRESHOLD);
        assert!(m.probability(&["head=fired".into()]) < ACCEPT_THRESHOLD);
    }

    #[test]
    fn training_is_deterministic_and_tsv_round_trips() {
        let data: Vec<Example> = (0..30)
            .map(|i| {
                ex(
                    &["a", if i % 3 == 0 { "b" } else { "c" }, "rare"],
                    i % 3 != 0,
                )
            })
            .chain([ex(&["once"], true)])
            .collect();
        let m = train(&data);
        assert_eq!(m.to_tsv(), train(&data).to_tsv());
        assert!(
            !m.to_tsv().contains("once\t"),
            "a feature seen once gets no weight"
        );
        let back = Scorer::from_tsv(&m.to_tsv()).unwrap();
        assert_eq!(back.to_tsv(), m.to_tsv());
        assert!(Scorer::from_tsv("head=said\tx").is_err());
        assert!(Scorer::from_tsv("head=said\tNaN").is_err());
    }

    #[test]
    fn scoring_a_proposal_matches_scoring_its_features() {
        let p = super::super::tokens::tokenize("The mayor said the tolls will double.", 0);
        let frags = [Span { start: 15, end: 36 }];
        let proposal = Proposal {
            p: &p,
            pass: Pass::Reported,
            kind: QuoteKind::Indirect,
            frags: &frags,
            cue: Some((2, 2)),
            speaker: None,
            speaker_toks: None,
        };
        let f = features(&proposal);
        assert!(f.contains(&"head=said".to_string()), "{f:?}");
        assert!(f.contains(&"pass=reported".to_string()), "{f:?}");
        let m = Scorer::shipped();
        assert!((m.probability_of(&proposal) - m.probability(&f)).abs() < 1e-6);
        // an empty model keeps everything
        assert!(Scorer::default().accepts_proposal(&proposal));
    }

    #[test]
    fn right_means_overlapping_content_and_source() {
        // one proposal, paired with the one gold attribution, naming its source
        const ONE_RIGHT: Counts = Counts {
            proposed: 1,
            gold: 1,
            matched: 1,
            right: 1,
            speaker_pairs: 1,
            speaker_right: 1,
        };
        use crate::model::{Mention, Speaker, SpeakerKind, TextPart};
        let text = "The mayor said the tolls will double.";
        let chars: Vec<char> = text.chars().collect();
        let gold = [Gold {
            fragments: vec![(15, 37)],
            speaker: Some((0, 9)),
        }];
        let mut q = Quote {
            text: "the tolls will double".into(),
            start: 15,
            end: 36,
            fragments: vec![Span { start: 15, end: 36 }],
            kind: QuoteKind::Indirect,
            cue: None,
            speaker: Some(Speaker {
                mention: Some(Mention {
                    text: "mayor".into(),
                    start: 4,
                    end: 9,
                    part: TextPart::Body,
                }),
                name: None,
                role: None,
                kind: SpeakerKind::Person,
            }),
            part: TextPart::Body,
        };
        assert_eq!(label(&chars, &gold, &[q.clone()]), [true]);
        assert_eq!(counts(&chars, &gold, &[q.clone()]), ONE_RIGHT);
        // two pieces sharing a cue and a source are one attribution
        let cue = Mention {
            text: "said".into(),
            start: 10,
            end: 14,
            part: TextPart::Body,
        };
        let mut a = q.clone();
        a.cue = Some(cue.clone());
        a.fragments = vec![Span { start: 15, end: 24 }];
        let mut b = q.clone();
        b.cue = Some(cue);
        b.fragments = vec![Span { start: 25, end: 36 }];
        assert_eq!(label(&chars, &gold, &[a.clone(), b.clone()]), [true, true]);
        assert_eq!(counts(&chars, &gold, &[a, b]), ONE_RIGHT);
        // one to one: a second proposal on the same gold attribution is not right
        let mut short = q.clone();
        short.fragments = vec![Span { start: 15, end: 24 }];
        assert_eq!(label(&chars, &gold, &[short, q.clone()]), [false, true]);
        q.speaker.as_mut().unwrap().mention.as_mut().unwrap().start = 10;
        q.speaker.as_mut().unwrap().mention.as_mut().unwrap().end = 14;
        assert_eq!(label(&chars, &gold, &[q.clone()]), [false], "wrong source");
        let c = counts(&chars, &gold, &[q.clone()]);
        assert_eq!(
            (c.matched, c.right, c.speaker_pairs, c.speaker_right),
            (1, 0, 1, 0)
        );
        q.speaker = None;
        assert_eq!(label(&chars, &gold, &[q.clone()]), [false]);
        q.fragments = vec![Span { start: 36, end: 37 }];
        let no_source = [Gold {
            fragments: vec![(15, 37)],
            speaker: None,
        }];
        assert_eq!(
            label(&chars, &no_source, &[q]),
            [false],
            "only the final stop overlaps"
        );
    }
}
