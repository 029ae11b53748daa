//! A learned sequence tagger of attributions: each token of a paragraph is tagged as
//! part of a cue, a source or a content (BIO), or outside.
//!
//! The rules of [`super::Finder`] build an attribution around a cue they recognise and
//! a subject and a clause they can parse. News attributions also hang on a long tail of
//! phrases the rules cannot build around ("has focused on", "spoke out about",
//! "weighed in about"); the annotated corpus PolNeAR labels those too. This tagger learns
//! from the train split where cues, sources and contents lie; the finder turns its
//! tagged spans into proposals (pass [`super::scorer::Pass::Tagged`]) only in words the
//! rules left untouched, and the learned [`super::scorer`] judges them like any other
//! proposal of reported speech.
//!
//! **Model.** A first-order linear-chain model over sparse binary features of each
//! token: its word, shape and cue class (a lexicon cue, the decile of its probability
//! in the learned cue model ([`super::learned`]), or unknown), whether it is inside
//! quotation marks, how far the nearest likely cue lies on each side, the words and cue
//! classes two tokens either way, and word, shape and cue-class n-grams around it.
//! Decoding is Viterbi, with an inside tag allowed only after its own begin or inside
//! tag. Written as a sorted TSV (`feature TAB hash TAB` seven weights, one per [`Tag`];
//! the hash is what is looked up, so tagging builds no feature string), compiled into
//! the crate from `models/tagger.tsv` ([`Tagger::shipped`]).
//!
//! **Training** ([`train`]) is the averaged structured perceptron (Collins 2002): for
//! [`EPOCHS`] passes over the paragraphs in a fixed order, decode, and where the
//! decoded tags differ from the gold ones add the gold features and subtract the
//! decoded ones; the model is the average of the weights over all steps. Features seen
//! fewer than [`MIN_FEATURE_COUNT`] times are dropped before training; weights are
//! rounded to three decimals and features whose weights all round to zero are not
//! written. Deterministic: the same corpus gives the same bytes. Hand-written because
//! the crates of the field (crfsuite) build C code with CMake; the perceptron is a
//! hundred lines.
//!
//! Time is linear in the paragraph length: a fixed number of features per token, and
//! Viterbi over seven tags.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::OnceLock;

use super::learned::CueModel;
use super::tokens::{Kind, Para};
use super::{cues, marks, paragraphs, tokens};

/// Passes of the perceptron over the training paragraphs.
pub const EPOCHS: usize = 8;

/// Least number of training tokens a feature must occur with to get weights.
pub const MIN_FEATURE_COUNT: u32 = 20;

/// Number of tags.
pub const TAGS: usize = 7;

/// The shipped model, trained on PolNeAR's train split by `newsdesk train quotes`.
const SHIPPED: &str = include_str!("../../models/tagger.tsv");

/// What a token is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any attribution.
    O,
    /// First token of a cue.
    BCue,
    /// Further token of a cue.
    ICue,
    /// First token of a source.
    BSrc,
    /// Further token of a source.
    ISrc,
    /// First token of a content.
    BCon,
    /// Further token of a content.
    ICon,
}

const ALL: [Tag; TAGS] = [
    Tag::O,
    Tag::BCue,
    Tag::ICue,
    Tag::BSrc,
    Tag::ISrc,
    Tag::BCon,
    Tag::ICon,
];

impl Tag {
    fn index(self) -> usize {
        self as usize
    }
    /// May `self` follow `prev`? An inside tag only follows its own kind.
    fn may_follow(self, prev: Option<Tag>) -> bool {
        match self {
            Tag::ICue => matches!(prev, Some(Tag::BCue | Tag::ICue)),
            Tag::ISrc => matches!(prev, Some(Tag::BSrc | Tag::ISrc)),
            Tag::ICon => matches!(prev, Some(Tag::BCon | Tag::ICon)),
            _ => true,
        }
    }
}

/// What a span of tags is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// A cue.
    Cue,
    /// A source.
    Source,
    /// A content.
    Content,
}

/// A run of tokens `[a, b)` tagged as one part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// What it is.
    pub part: Part,
    /// First token.
    pub a: usize,
    /// One past the last token.
    pub b: usize,
}

/// The runs of `tags` (a begin tag and the inside tags after it).
pub fn runs(tags: &[Tag]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        let part = match t {
            Tag::O => continue,
            Tag::BCue | Tag::ICue => Part::Cue,
            Tag::BSrc | Tag::ISrc => Part::Source,
            Tag::BCon | Tag::ICon => Part::Content,
        };
        let inside = matches!(t, Tag::ICue | Tag::ISrc | Tag::ICon);
        match out.last_mut() {
            Some(r) if inside && r.part == part && r.b == i => r.b = i + 1,
            _ => out.push(Run {
                part,
                a: i,
                b: i + 1,
            }),
        }
    }
    out
}

/// The 64-bit FNV-1a hash of a piece of a feature's text.
const fn fnv(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// A piece of a feature's text with its hash: a feature is a few pieces (a template
/// and the words it reads), and its hash combines theirs, so each word is hashed once
/// per paragraph and no feature string is built when tagging.
#[derive(Clone, Copy)]
struct Piece<'a>(&'a str, u64);

const fn piece(s: &'static str) -> Piece<'static> {
    Piece(s, fnv(s))
}

fn word_piece(s: &str) -> Piece<'_> {
    Piece(s, fnv(s))
}

/// The hash of a feature from its pieces' hashes.
fn combine(pieces: &[Piece]) -> u64 {
    pieces.iter().fold(0x9e37_79b9_7f4a_7c15, |h: u64, p| {
        (h.rotate_left(23) ^ p.1).wrapping_mul(0x2127_599b_f432_5c37)
    })
}

/// Small numbers as feature pieces.
const NUMS: [Piece; 13] = [
    piece("0"),
    piece("1"),
    piece("2"),
    piece("3"),
    piece("4"),
    piece("5"),
    piece("6"),
    piece("7"),
    piece("8"),
    piece("9"),
    piece("10"),
    piece("11"),
    piece("12"),
];

/// The context the features of tokens `[a, b)` of a paragraph read: token `lo + k` at
/// index `k`, where `[lo, hi)` reaches [`MAX_DIST`] tokens beyond `[a, b)` on each side
/// so that every distance feature is exact.
struct Context<'p> {
    p: &'p Para<'p>,
    lo: usize,
    /// Per token: its word (lowercased), punctuation char or `<q>` for a mark.
    words: Vec<Piece<'p>>,
    /// Per token: `L` for a lexicon cue, the cue-probability decile of a word the cue
    /// model knows, `n` for another word, `-` for other tokens.
    cue: Vec<Piece<'static>>,
    /// Per token: its shape.
    shape: Vec<Piece<'static>>,
    /// Per token: inside quotation marks.
    quoted: Vec<bool>,
    /// Per token: tokens back to the nearest likely cue before it (capped).
    left_cue: Vec<u8>,
    /// Per token: tokens on to the nearest likely cue after it (capped).
    right_cue: Vec<u8>,
}

/// Cue probability from which a word counts as a likely cue for the distance features.
const LIKELY_CUE: f32 = 0.2;

/// Largest distance the distance features tell apart.
const MAX_DIST: u8 = 12;

impl<'p> Context<'p> {
    /// The context of tokens `[a, b)` of `p`, whose quoted spans are `spans`.
    fn new(p: &'p Para<'p>, spans: &[marks::QSpan], a: usize, b: usize) -> Self {
        let n = p.toks.len();
        let lo = a.saturating_sub(usize::from(MAX_DIST));
        let hi = (b + usize::from(MAX_DIST)).min(n);
        let model = CueModel::shipped();
        let words: Vec<Piece> = (lo..hi)
            .map(|i| match p.toks[i].kind {
                Kind::Word => word_piece(p.low(i)),
                Kind::Punct(_) => word_piece(p.raw(i)),
                Kind::Mark { .. } => piece("<q>"),
            })
            .collect();
        let mut likely = vec![false; hi - lo];
        let cue: Vec<Piece> = (lo..hi)
            .map(|i| {
                if !p.is_word(i) {
                    return piece("-");
                }
                let w = words[i - lo].0;
                if cues::cue(w).is_some() {
                    likely[i - lo] = true;
                    piece("L")
                } else if model.is_known(w) {
                    let pr = model.probability(w);
                    likely[i - lo] = pr >= LIKELY_CUE;
                    NUMS[((pr * 10.0) as usize).min(9)]
                } else {
                    piece("n")
                }
            })
            .collect();
        let shape: Vec<Piece> = (lo..hi)
            .map(|i| match p.toks[i].kind {
                Kind::Mark { .. } => piece("q"),
                Kind::Punct(_) => piece("p"),
                Kind::Word => {
                    let w = p.raw(i);
                    if w.starts_with(|c: char| c.is_ascii_digit()) {
                        piece("d")
                    } else if p.toks[i].cap {
                        if w.chars().nth(1).is_some() && !w.chars().any(char::is_lowercase) {
                            piece("A")
                        } else {
                            piece("C")
                        }
                    } else {
                        piece("l")
                    }
                }
            })
            .collect();
        let mut quoted = vec![false; hi - lo];
        for s in spans {
            for i in s.first.max(lo)..(s.last + 1).min(hi) {
                quoted[i - lo] = true;
            }
        }
        let mut left_cue = vec![MAX_DIST; hi - lo];
        let mut last: Option<usize> = None;
        for k in 0..hi - lo {
            if let Some(j) = last {
                left_cue[k] = ((k - j) as u8).min(MAX_DIST);
            }
            if likely[k] {
                last = Some(k);
            }
        }
        let mut right_cue = vec![MAX_DIST; hi - lo];
        let mut next: Option<usize> = None;
        for k in (0..hi - lo).rev() {
            if let Some(j) = next {
                right_cue[k] = ((j - k) as u8).min(MAX_DIST);
            }
            if likely[k] {
                next = Some(k);
            }
        }
        Context {
            p,
            lo,
            words,
            cue,
            shape,
            quoted,
            left_cue,
            right_cue,
        }
    }

    /// Index of paragraph token `i` (which lies in the context), or `None` before the
    /// paragraph's start or after its end.
    fn at(&self, i: isize) -> Option<usize> {
        (i >= 0 && (i as usize) < self.p.toks.len()).then(|| i as usize - self.lo)
    }

    fn word(&self, i: isize) -> Piece<'p> {
        match self.at(i) {
            Some(k) => self.words[k],
            None if i < 0 => piece("<s>"),
            None => piece("</s>"),
        }
    }

    fn cue_at(&self, i: isize) -> Piece<'static> {
        self.at(i).map_or(piece("_"), |k| self.cue[k])
    }

    fn shape_at(&self, i: isize) -> Piece<'static> {
        self.at(i).map_or(piece("_"), |k| self.shape[k])
    }
}

/// Call `sink` with each feature of paragraph token `i`, as pieces whose texts
/// concatenated are the feature's text.
fn each_feature(cx: &Context, i: usize, sink: &mut dyn FnMut(&[Piece])) {
    const US: Piece = piece("_");
    let k = i as isize;
    let x = i - cx.lo;
    let w = cx.word(k);
    let (lc, rc) = (cx.left_cue[x], cx.right_cue[x]);
    sink(&[piece("bias")]);
    sink(&[piece("w="), w]);
    sink(&[piece("s="), cx.shape[x]]);
    sink(&[piece("c="), cx.cue[x]]);
    sink(&[
        piece("q="),
        if cx.quoted[x] {
            piece("true")
        } else {
            piece("false")
        },
    ]);
    sink(&[piece("lc="), NUMS[usize::from(lc)]]);
    sink(&[piece("rc="), NUMS[usize::from(rc)]]);
    sink(&[
        piece("lc_rc="),
        NUMS[usize::from(lc.min(4))],
        US,
        NUMS[usize::from(rc.min(4))],
    ]);
    const AROUND: [(isize, Piece, Piece); 4] = [
        (-2, piece("w-2="), piece("c-2=")),
        (-1, piece("w-1="), piece("c-1=")),
        (1, piece("w1="), piece("c1=")),
        (2, piece("w2="), piece("c2=")),
    ];
    for (d, wn, cn) in AROUND {
        sink(&[wn, cx.word(k + d)]);
        sink(&[cn, cx.cue_at(k + d)]);
    }
    sink(&[piece("s-1_s="), cx.shape_at(k - 1), cx.shape[x]]);
    sink(&[piece("s_s1="), cx.shape[x], cx.shape_at(k + 1)]);
    sink(&[piece("w-1_w="), cx.word(k - 1), US, w]);
    sink(&[piece("w_w1="), w, US, cx.word(k + 1)]);
    sink(&[
        piece("c-1_c_c1="),
        cx.cue_at(k - 1),
        cx.cue[x],
        cx.cue_at(k + 1),
    ]);
}

/// An identity hasher for keys that are already hashes.
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

type IdMap = HashMap<u64, u32, std::hash::BuildHasherDefault<IdHasher>>;

/// The learned tagger: weights per feature hash and tag, and tag transitions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tagger {
    /// Feature hash → its weights, one per tag (inline: one memory access per feature).
    table: HashMap<u64, [f32; TAGS], std::hash::BuildHasherDefault<IdHasher>>,
    /// Feature texts, by row (kept for writing the model).
    names: Vec<String>,
    /// Feature hashes, by row.
    hashes: Vec<u64>,
    /// Weights, `TAGS` per row.
    weights: Vec<f32>,
    /// Transition weights `[prev][next]`, with a start row at `TAGS`.
    trans: [[f32; TAGS]; TAGS + 1],
}

/// Viterbi decoding of per-token scores `emit` (`TAGS` per token) under `trans`.
fn viterbi(emit: &[[f32; TAGS]], trans: &[[f32; TAGS]; TAGS + 1]) -> Vec<Tag> {
    let n = emit.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[f32::NEG_INFINITY; TAGS]; n];
    let mut back = vec![[0u8; TAGS]; n];
    for t in ALL {
        if t.may_follow(None) {
            score[0][t.index()] = trans[TAGS][t.index()] + emit[0][t.index()];
        }
    }
    for i in 1..n {
        for t in ALL {
            let mut best = (f32::NEG_INFINITY, 0u8);
            for prev in ALL {
                if !t.may_follow(Some(prev)) {
                    continue;
                }
                let s = score[i - 1][prev.index()] + trans[prev.index()][t.index()];
                if s > best.0 {
                    best = (s, prev.index() as u8);
                }
            }
            score[i][t.index()] = best.0 + emit[i][t.index()];
            back[i][t.index()] = best.1;
        }
    }
    let mut t = (0..TAGS)
        .max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b]).then(b.cmp(&a)))
        .unwrap_or(0);
    let mut out = vec![Tag::O; n];
    for i in (0..n).rev() {
        out[i] = ALL[t];
        t = back[i][t] as usize;
    }
    out
}

impl Tagger {
    /// The model compiled into the crate (parsed once).
    pub fn shipped() -> &'static Tagger {
        static MODEL: OnceLock<Tagger> = OnceLock::new();
        MODEL.get_or_init(|| Tagger::from_tsv(SHIPPED).expect("the shipped tagger model parses"))
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Does the model have no features?
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Tag each token of `p`.
    pub fn tag(&self, p: &Para) -> Vec<Tag> {
        self.tag_window(p, &marks::quoted_spans(p), 0, p.toks.len())
    }

    /// Tag tokens `[a, b)` of `p` (whose quoted spans are `spans`) as one sequence;
    /// the features still read the words around the window.
    pub fn tag_window(&self, p: &Para, spans: &[marks::QSpan], a: usize, b: usize) -> Vec<Tag> {
        let b = b.min(p.toks.len());
        if a >= b {
            return Vec::new();
        }
        let cx = Context::new(p, spans, a, b);
        let emit: Vec<[f32; TAGS]> = (a..b)
            .map(|i| {
                let mut e = [0f32; TAGS];
                each_feature(&cx, i, &mut |f| {
                    if let Some(w) = self.table.get(&combine(f)) {
                        for (x, y) in e.iter_mut().zip(w) {
                            *x += y;
                        }
                    }
                });
                e
            })
            .collect();
        viterbi(&emit, &self.trans)
    }

    /// Parse the TSV written by [`Tagger::to_tsv`].
    pub fn from_tsv(tsv: &str) -> Result<Tagger, String> {
        let mut t = Tagger::default();
        for (n, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or_default();
            let hash = cols.next().unwrap_or_default();
            let w: Vec<f32> = cols
                .map(|c| c.parse::<f32>())
                .collect::<Result<_, _>>()
                .map_err(|e| format!("line {}: {e}", n + 1))?;
            if w.len() != TAGS {
                return Err(format!("line {}: {} weights, want {TAGS}", n + 1, w.len()));
            }
            if let Some(prev) = name.strip_prefix("trans=") {
                let row = if prev == "start" {
                    TAGS
                } else {
                    prev.parse::<usize>()
                        .ok()
                        .filter(|&r| r < TAGS)
                        .ok_or_else(|| format!("line {}: bad transition row", n + 1))?
                };
                t.trans[row].copy_from_slice(&w);
                continue;
            }
            let h = u64::from_str_radix(hash, 16)
                .map_err(|e| format!("line {}: bad feature hash: {e}", n + 1))?;
            t.table.insert(h, std::array::from_fn(|k| w[k]));
            t.names.push(name.to_string());
            t.hashes.push(h);
            t.weights.extend_from_slice(&w);
        }
        Ok(t)
    }

    /// The model as a sorted TSV: a comment line, the transition rows (`trans=ROW`,
    /// `start` for the first token), then one line per feature with its seven weights.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from(
            "# newsdesk attribution tagger: feature, its hash, then weights for O B-CUE I-CUE B-SRC I-SRC B-CON I-CON\n",
        );
        let line = |out: &mut String, name: &str, hash: Option<u64>, w: &[f32]| {
            out.push_str(name);
            match hash {
                Some(h) => {
                    let _ = write!(out, "\t{h:016x}");
                }
                None => out.push_str("\t-"),
            }
            for x in w {
                let _ = write!(out, "\t{}", round(*x));
            }
            out.push('\n');
        };
        for (r, row) in self.trans.iter().enumerate() {
            let name = if r == TAGS {
                "trans=start".to_string()
            } else {
                format!("trans={r}")
            };
            line(&mut out, &name, None, row);
        }
        let mut order: Vec<usize> = (0..self.names.len()).collect();
        order.sort_by(|&a, &b| {
            (&self.names[a], self.hashes[a]).cmp(&(&self.names[b], self.hashes[b]))
        });
        for r in order {
            line(
                &mut out,
                &self.names[r],
                Some(self.hashes[r]),
                &self.weights[r * TAGS..(r + 1) * TAGS],
            );
        }
        out
    }
}

fn round(x: f32) -> f32 {
    let r = (x * 1000.0).round() / 1000.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// One annotated attribution of a training text, in chars.
#[derive(Debug, Clone)]
pub struct Attribution {
    /// Content fragments `[start, end)`.
    pub content: Vec<(usize, usize)>,
    /// The source mention, if annotated.
    pub source: Option<(usize, usize)>,
    /// The cue, if annotated.
    pub cue: Option<(usize, usize)>,
}

/// The gold tags of the tokens of `p` from the attributions of its text: a token takes
/// the part of a span that covers it (cue over source over content; quotation marks
/// stay outside), begin at the first token of each span.
pub fn gold_tags(p: &Para, attrs: &[Attribution]) -> Vec<Tag> {
    let n = p.toks.len();
    let mut part: Vec<Option<(Part, usize)>> = vec![None; n];
    let mut mark = |s: usize, e: usize, what: Part, id: usize, over: bool| {
        let a = p.toks.partition_point(|t| t.c0 < s);
        for (t, slot) in part.iter_mut().enumerate().skip(a) {
            let tok = &p.toks[t];
            if tok.c1 > e {
                break;
            }
            if matches!(tok.kind, Kind::Mark { .. }) {
                continue;
            }
            if over || slot.is_none() {
                *slot = Some((what, id));
            }
        }
    };
    let mut id = 0;
    for a in attrs {
        for &(s, e) in &a.content {
            mark(s, e, Part::Content, id, false);
            id += 1;
        }
    }
    for a in attrs {
        if let Some((s, e)) = a.source {
            mark(s, e, Part::Source, id, true);
            id += 1;
        }
    }
    for a in attrs {
        if let Some((s, e)) = a.cue {
            mark(s, e, Part::Cue, id, true);
            id += 1;
        }
    }
    (0..n)
        .map(|t| match part[t] {
            None => Tag::O,
            Some((what, id)) => {
                let begin = t == 0 || part[t - 1] != Some((what, id));
                match (what, begin) {
                    (Part::Cue, true) => Tag::BCue,
                    (Part::Cue, false) => Tag::ICue,
                    (Part::Source, true) => Tag::BSrc,
                    (Part::Source, false) => Tag::ISrc,
                    (Part::Content, true) => Tag::BCon,
                    (Part::Content, false) => Tag::ICon,
                }
            }
        })
        .collect()
}

/// One training text and its attributions.
#[derive(Debug, Clone, Copy)]
pub struct TrainingDoc<'a> {
    /// The text (paragraphs separated by `\n`).
    pub text: &'a str,
    /// Its annotated attributions.
    pub attributions: &'a [Attribution],
}

/// Train the tagger on `docs` (deterministic; see the module docs).
pub fn train(docs: &[TrainingDoc]) -> Tagger {
    // Every paragraph's feature strings (as hashes) and gold tags.
    let mut names: BTreeMap<u64, (String, u32)> = BTreeMap::new();
    let mut paras: Vec<(Vec<Vec<u64>>, Vec<Tag>)> = Vec::new();
    for d in docs {
        for (base, text) in paragraphs(d.text) {
            let p = tokens::tokenize(text, base);
            if p.toks.is_empty() {
                continue;
            }
            let (lo, hi) = (p.toks[0].c0, p.toks[p.toks.len() - 1].c1);
            let here: Vec<Attribution> = d
                .attributions
                .iter()
                .filter(|a| {
                    a.content.iter().any(|&(s, e)| s < hi && e > lo)
                        || a.cue.is_some_and(|(s, e)| s < hi && e > lo)
                })
                .cloned()
                .collect();
            let gold = gold_tags(&p, &here);
            let cx = Context::new(&p, &marks::quoted_spans(&p), 0, p.toks.len());
            let feats: Vec<Vec<u64>> = (0..p.toks.len())
                .map(|i| {
                    let mut r = Vec::with_capacity(32);
                    each_feature(&cx, i, &mut |f| {
                        let h = combine(f);
                        names
                            .entry(h)
                            .or_insert_with(|| (f.iter().map(|p| p.0).collect(), 0))
                            .1 += 1;
                        r.push(h);
                    });
                    r
                })
                .collect();
            paras.push((feats, gold));
        }
    }
    let mut index: IdMap = IdMap::default();
    let mut kept: Vec<(u64, String)> = Vec::new();
    for (h, (name, count)) in &names {
        if *count >= MIN_FEATURE_COUNT {
            index.insert(*h, kept.len() as u32);
            kept.push((*h, name.clone()));
        }
    }
    let paras: Vec<(Vec<Vec<u32>>, Vec<Tag>)> = paras
        .into_iter()
        .map(|(f, g)| {
            (
                f.into_iter()
                    .map(|r| {
                        r.into_iter()
                            .filter_map(|h| index.get(&h).copied())
                            .collect()
                    })
                    .collect(),
                g,
            )
        })
        .collect();
    let m = kept.len();
    // Weights, their running sums for the average (lazy: `stamp` is the step of the
    // last change), as in the averaged perceptron of Collins (2002).
    let mut w = vec![0f32; m * TAGS];
    let mut sum = vec![0f64; m * TAGS];
    let mut stamp = vec![0u64; m * TAGS];
    let mut tw = [[0f32; TAGS]; TAGS + 1];
    let mut tsum = [[0f64; TAGS]; TAGS + 1];
    let mut tstamp = [[0u64; TAGS]; TAGS + 1];
    let mut step: u64 = 0;
    // A fixed shuffle of the paragraphs (an LCG), different per epoch.
    let mut order: Vec<usize> = (0..paras.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..EPOCHS {
        for i in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let j = ((seed >> 33) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &pi in &order {
            step += 1;
            let (feats, gold) = &paras[pi];
            let emit: Vec<[f32; TAGS]> = feats
                .iter()
                .map(|r| {
                    let mut e = [0f32; TAGS];
                    for &f in r {
                        let row = &w[f as usize * TAGS..(f as usize + 1) * TAGS];
                        for (x, y) in e.iter_mut().zip(row) {
                            *x += y;
                        }
                    }
                    e
                })
                .collect();
            let guess = viterbi(&emit, &tw);
            if &guess == gold {
                continue;
            }
            let mut update = |slot: usize, delta: f32| {
                sum[slot] += f64::from(w[slot]) * (step - stamp[slot]) as f64;
                stamp[slot] = step;
                w[slot] += delta;
            };
            for (i, r) in feats.iter().enumerate() {
                if guess[i] == gold[i] {
                    continue;
                }
                for &f in r {
                    update(f as usize * TAGS + gold[i].index(), 1.0);
                    update(f as usize * TAGS + guess[i].index(), -1.0);
                }
            }
            let mut tupdate = |prev: usize, next: usize, delta: f32| {
                tsum[prev][next] += f64::from(tw[prev][next]) * (step - tstamp[prev][next]) as f64;
                tstamp[prev][next] = step;
                tw[prev][next] += delta;
            };
            for i in 0..gold.len() {
                let (gp, pp) = if i == 0 {
                    (TAGS, TAGS)
                } else {
                    (gold[i - 1].index(), guess[i - 1].index())
                };
                if gp != pp || gold[i] != guess[i] {
                    tupdate(gp, gold[i].index(), 1.0);
                    tupdate(pp, guess[i].index(), -1.0);
                }
            }
        }
    }
    let total = step.max(1) as f64;
    let avg = |x: f32, s: f64, st: u64| ((s + f64::from(x) * (step - st) as f64) / total) as f32;
    let mut t = Tagger::default();
    for (r, (h, name)) in kept.iter().enumerate() {
        let row: Vec<f32> = (0..TAGS)
            .map(|k| {
                let s = r * TAGS + k;
                round(avg(w[s], sum[s], stamp[s]))
            })
            .collect();
        if row.iter().all(|&x| x == 0.0) {
            continue;
        }
        t.table.insert(*h, std::array::from_fn(|k| row[k]));
        t.names.push(name.clone());
        t.hashes.push(*h);
        t.weights.extend_from_slice(&row);
    }
    for prev in 0..=TAGS {
        for next in 0..TAGS {
            t.trans[prev][next] = round(avg(tw[prev][next], tsum[prev][next], tstamp[prev][next]));
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, quotes: &[(&str, &str, &str)]) -> (String, Vec<Attribution>) {
        let find = |s: &str| {
            let b = text.find(s).expect("in text");
            let a = text[..b].chars().count();
            (a, a + s.chars().count())
        };
        let attrs = quotes
            .iter()
            .map(|(src, cue, con)| Attribution {
                content: vec![find(con)],
                source: Some(find(src)),
                cue: Some(find(cue)),
            })
            .collect();
        (text.to_string(), attrs)
    }

    #[test]
    fn gold_tags_mark_cue_source_and_content() {
        let (text, attrs) = doc(
            "The mayor criticised the toll plan on Monday.",
            &[("The mayor", "criticised", "the toll plan")],
        );
        let p = tokens::tokenize(&text, 0);
        let tags = gold_tags(&p, &attrs);
        assert_eq!(
            tags,
            vec![
                Tag::BSrc,
                Tag::ISrc,
                Tag::BCue,
                Tag::BCon,
                Tag::ICon,
                Tag::ICon,
                Tag::O,
                Tag::O,
                Tag::O
            ]
        );
        assert_eq!(
            runs(&tags),
            vec![
                Run {
                    part: Part::Source,
                    a: 0,
                    b: 2
                },
                Run {
                    part: Part::Cue,
                    a: 2,
                    b: 3
                },
                Run {
                    part: Part::Content,
                    a: 3,
                    b: 6
                },
            ]
        );
    }

    #[test]
    fn viterbi_never_starts_inside() {
        // Emission scores favour an inside tag first; the constraint forbids it.
        let mut e = [[0f32; TAGS]; 2];
        e[0][Tag::ICon.index()] = 5.0;
        e[1][Tag::ICon.index()] = 5.0;
        let tags = viterbi(&e, &[[0f32; TAGS]; TAGS + 1]);
        assert_ne!(tags[0], Tag::ICon);
        assert!(Tag::ICon.may_follow(Some(tags[0])) || tags[1] != Tag::ICon);
    }

    #[test]
    fn training_learns_a_pattern_is_deterministic_and_round_trips() {
        let texts = [
            (
                "The mayor criticised the toll plan.",
                ("The mayor", "criticised", "the toll plan"),
            ),
            (
                "The council criticised the ferry budget.",
                ("The council", "criticised", "the ferry budget"),
            ),
            (
                "Harbour staff criticised the new rota.",
                ("Harbour staff", "criticised", "the new rota"),
            ),
            (
                "The union criticised the pay offer.",
                ("The union", "criticised", "the pay offer"),
            ),
        ];
        let docs: Vec<(String, Vec<Attribution>)> =
            texts.iter().map(|(t, q)| doc(t, &[*q])).collect();
        let train_docs: Vec<TrainingDoc> = docs
            .iter()
            .map(|(t, a)| TrainingDoc {
                text: t,
                attributions: a,
            })
            .collect();
        let a = train(&train_docs);
        let b = train(&train_docs);
        assert_eq!(a.to_tsv(), b.to_tsv());
        let back = Tagger::from_tsv(&a.to_tsv()).expect("parses");
        assert_eq!(back.to_tsv(), a.to_tsv());
        let p = tokens::tokenize("The board criticised the port fees.", 0);
        let tags = back.tag(&p);
        assert_eq!(tags[2], Tag::BCue, "{tags:?}");
        assert_eq!(tags[3], Tag::BCon, "{tags:?}");
    }

    #[test]
    fn tagging_hostile_paragraphs_does_not_panic() {
        let t = Tagger::shipped();
        for text in ["", "“", "\"\"\"\"", "a", &"word ".repeat(5000), "ß…—“‘«»„"] {
            let p = tokens::tokenize(text, 0);
            assert_eq!(t.tag(&p).len(), p.toks.len());
        }
    }
}
