//! Quote attribution: who said what.
//!
//! Each text part (headline, dek, body) is read paragraph by paragraph (text between
//! `\n`, cut at [`MAX_PARAGRAPH_CHARS`]) by a [`Finder`] that keeps the last speaker and a
//! pending "He said:" across paragraphs. For each paragraph, in order:
//! 1. [`tokens`]: words, punctuation and quotation marks with char offsets.
//! 2. [`marks`]: quotation marks paired into quoted spans (any style, nested, unbalanced).
//! 3. Headline sources: the first paragraph of a headline or body opened by a short name
//!    and a colon ("Okafor: Tolls Will Double") reports the rest, cue ":"; section labels
//!    ("The Latest:") and questions are not sources.
//! 4. Direct quotes: a quoted span that stands as its own sentence or follows a cue
//!    ("said, “…”"), attributed by the cue and speaker next to it ("“…,” he said" /
//!    "said Ms Smith" / "Ms Smith said: “…”"; after "?" or "!" the attribution still
//!    follows: "“…?” Graham asked."); a following unattributed span in the same paragraph
//!    is a further fragment (the same cue again, "“A,” he said, “B.”", is one quote); a
//!    paragraph opened by a quote with no attribution continues the previous quote's
//!    speaker, or the speaker of a "He said:" that closed the previous paragraph. A
//!    quote with no attribution at all is not reported (mostly titles and section heads).
//! 5. Reported speech, sentence by sentence: "SPEAKER CUE (that) CONTENT", "CONTENT,
//!    SPEAKER CUE", "according to SPEAKER, CONTENT", a trailing attribution governing the
//!    whole sentence, "A, she said, B" in two fragments (also "A, the agency said in a
//!    June report, and B"; "… “QUOTED,” said X" with the comma inside the mark),
//!    participles (", adding that…") taking the speaker of the sentence. Speakers: a name
//!    with an appositive closed by the same comma or dash ("Okafor -- co-editor of … --
//!    said"), a relative "who"/"which" set off by a comma or dash (its content ends at the
//!    next one), a bare lowercase plural opening its clause ("If …, environmentalists
//!    worry that"), lowercase modifiers back to a comma ("…, top port officials said"). Cues come from the hand-written lexicon
//!    ([`cues`]) and the learned cue model ([`learned`], trained on the train split and
//!    compiled in from `models/`). Quoted spans inside the content are mixed quotes (same
//!    cue and speaker); the content itself is an indirect quote. A closing "…, according
//!    to SOURCE." governs its whole sentence ("according to a memo by X" names X); the
//!    content stops at a coordinated or contrasted cue of the same subject ("said A, and
//!    urged B", "but noted that B"), at a new subject with a cue (also after "as",
//!    "when", "while", "after", "because": "said A as officials warned B"; a bare plural
//!    subject: "…, but people familiar with X say"), at a non-restrictive relative clause
//!    with a cue of its own (", which the agency said…"), at the comma closing an
//!    opening subordinate clause ("While critics say A, …"), and before the attribution of
//!    a direct quote found in the same sentence. A time phrase between subject and cue is
//!    skipped ("X for the first time said"); a cue coordinated by "and"/"but" takes the
//!    subject of the cue before it, and one after "VERB to" ("X tried to claim") the
//!    subject of that verb; a later verb of a subject with a relative clause ("X, who …,
//!    went on to say") takes X. An attribution inside a relative clause reports the
//!    whole clause, relative word included ("what the senators said was…", "which he
//!    said were…", "a plan that officials say is…"). The object of a preposition that
//!    opens a phrase is no subject ("In a message posted Friday, X said…"), nor is a
//!    subject after a subordinator that opens the sentence ("Back when he wrote his
//!    book, X said…"). A few words after the cue that hold a finite verb are its clause,
//!    not a trailing adjunct ("On Monday, X said Trump would win."), and a noun phrase
//!    followed by a verb after "said" is the clause's subject, not an inverted speaker.
//!    "DESCRIPTION, NAME, said" takes both as subject ("One of the authors of the report,
//!    Ari Fleischer, said"); a number belongs to the group it counts ("only 7 percent",
//!    "42%", "one in five": plural for a bare "say", as is "those surveyed"); a one-word
//!    answer is content ("said yes", "said so"); content also stops at ", compared with"
//!    another group and at a participle after a comma inside a closing mark ("…“saved
//!    it,” claiming that…").
//!    A cue with no noun-phrase subject takes
//!    the words back to its clause's start; impressions ("seemed certain to", "known as")
//!    report their whole clause with no named holder.
//!    Then questions put to someone ("Asked about X, …", "was asked whether X", "…, he
//!    said when asked about X") report the question, with the asker of "asked by NP" as
//!    source; views and charges held by others ("is expected to", "is seen as", "was
//!    charged with") report their whole sentence, with the agent of "by NP", if any.
//! 6. The last look, at sentences where nothing was found: the first likely cue (lexicon
//!    clause cue, learned cue, a word often a noun but followed by "to"/"that" with
//!    learned probability ≥ 0.12, or a past-tense verb the model never saw followed by
//!    "that"; never a cue a direct quote already took) right after a subject reports the
//!    rest of the sentence;
//!    a passive cue ("was criticized by his rivals") reports the whole sentence, with the
//!    agent after "by" as the source, if any. Sentences where something was found get
//!    the same look at their other words (the second look): a cue outside what was
//!    found, its content stopping before the cue, content or speaker of another
//!    attribution. In every sentence, a stance held by a possessor ("Trump’s claim
//!    that…", "his attacks on X") reports its clause or topic with the possessor as
//!    source: a noun the cue model knows, after "his"/"her"/"their"/"its" or a
//!    capitalised possessive, then "that", "to" or a preposition of topic; a topic
//!    stops before a verb, and a stance that is its clause's subject reports nothing.
//!    Then a poll after "in" reports its clause ("In a CNN poll released Monday, 50
//!    percent chose…", "Cruz came second in January polls"), with the poll as source.
//!    Last, the learned [`tagger`] reads each sentence that still has an untouched word
//!    (outside every quoted span, cue, content and speaker found) that may be a cue
//!    and has a subject: it tags cue, source and content tokens (BIO, trained on the
//!    train split), and each tagged content in untouched words, with a tagged cue at
//!    most [`TAGGED_CUE_GAP`] tokens away and a tagged source near that cue that the
//!    rules also find as the cue's subject, is proposed ("The mayor has focused on the
//!    cost of the repairs"). This catches the long tail of stance phrases ("spoke out
//!    Tuesday about", "weighed in about") the rules cannot build around.
//! 7. The mixed-quote last look: a closed quoted span still unattributed takes the
//!    nearest likely cue up to 12 tokens before it in its sentence, with a subject
//!    before that cue ("Japan branded North Korea an “outlaw nation”"); a likely cue is a
//!    lexicon cue, a word of learned probability ≥ 0.1, or a past-tense verb the model
//!    never saw, for a span of two or more words.
//! 8. [`resolve`]: each speaker mention mapped to a person, organisation or group.
//! 9. [`scorer`]: each proposal of reported speech (steps 5 and 6, the tagger's too) is kept only when the
//!    learned scorer finds it likely right; direct and mixed quotes are always kept.
//!    Reported speech may be proposed by a learned cue of lower probability
//!    ([`learned::PROPOSAL_THRESHOLDS`]) than the clause rules use, since the scorer
//!    judges it; such a weak cue never swallows a stronger cue after it.
//!
//! Every step looks at a bounded window of tokens around each cue or mark (the tagger:
//! a fixed number of features per token and Viterbi over seven tags per sentence), so
//! time is linear in the text length.

pub mod cues;
pub mod learned;
pub mod marks;
pub mod resolve;
pub mod scorer;
pub mod tagger;
pub mod tokens;

use crate::model::{Mention, Quote, QuoteKind, Span, Speaker, TextPart};
use marks::QSpan;
use resolve::Resolver;
use scorer::Pass;
use tagger::{Part, Tagger};
use tokens::{Kind, Para};

/// Most tokens between a content the [`tagger`] tags and the tagged cue it takes.
pub const TAGGED_CUE_GAP: usize = 3;

/// Most tokens between a tagged cue and the tagged source it takes.
pub const TAGGED_SOURCE_GAP: usize = 6;

/// Longest paragraph analysed in one piece, in chars; longer paragraphs are cut at a
/// space into pieces of about this size (a quote across a cut is split or lost).
pub const MAX_PARAGRAPH_CHARS: usize = 20_000;

/// Split `text` into paragraphs of at most [`MAX_PARAGRAPH_CHARS`] chars, each with the
/// char offset of its first char.
pub fn paragraphs(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut base = 0usize;
    for line in text.split('\n') {
        let n = line.chars().count();
        let mut rest = line;
        let mut at = base;
        while rest.chars().count() > MAX_PARAGRAPH_CHARS {
            let cut_byte = rest
                .char_indices()
                .nth(MAX_PARAGRAPH_CHARS)
                .map_or(rest.len(), |(b, _)| b);
            let cut = rest[..cut_byte]
                .rfind(char::is_whitespace)
                .filter(|&b| b > 0)
                .unwrap_or(cut_byte);
            let piece = &rest[..cut];
            out.push((at, piece));
            at += piece.chars().count();
            rest = &rest[cut..];
        }
        if !rest.trim().is_empty() {
            out.push((at, rest));
        }
        base += n + 1;
    }
    out
}

/// Fewest words of a quote with no cue of its own that continues an earlier speaker.
const MIN_UNATTRIBUTED_WORDS: usize = 5;

/// Least learned cue probability of a verb that attributes a quoted span after it in
/// its sentence (quotation marks make an attribution much likelier than the word alone).
const MIXED_CUE_PROBABILITY: f32 = 0.05;

/// Least learned cue probability of a word followed by "to" or "that" in the last look.
const COMPLEMENT_CUE_PROBABILITY: f32 = 0.06;

/// Token marks of the second look: a cue or content of a quote found, or quoted.
const FOUND: u8 = 1;
/// Token marks of the second look: a quote's speaker.
const SOURCE: u8 = 2;

/// Tokens after a weak cue searched for a stronger cue that governs the clause instead.
const WEAK_CUE_LOOKAHEAD: usize = 40;

/// A speaker found next to a cue: token range of the mention.
#[derive(Debug, Clone, Copy)]
struct Np {
    a: usize,
    b: usize,
}

/// The attribution of one quote: cue token range and speaker.
#[derive(Debug, Clone, Copy)]
struct Attr {
    cue: (usize, usize),
    np: Option<Np>,
}

/// Quote finder over one text part, keeping cross-paragraph state.
pub struct Finder<'r> {
    resolver: &'r mut Resolver,
    part: TextPart,
    out: Vec<Quote>,
    /// The speaker of the last quote, for continuation paragraphs.
    last_speaker: Option<Speaker>,
    /// Paragraph index of the last quote.
    last_para: usize,
    para_index: usize,
    /// The speaker of the last reported speech in this paragraph (for ", adding …").
    sent_np: Option<Np>,
    /// The speakers of the direct quotes found in the current paragraph, in text order.
    direct_nps: Vec<Np>,
    /// "He said:" closing the previous paragraph: the speaker and cue of what follows.
    pending: Option<(Speaker, Mention)>,
    /// Per token of the current paragraph: is it the cue of a direct quote found?
    used_cue: Vec<bool>,
    /// The rule proposing quotes now (a feature of the [`scorer`]).
    pass: Pass,
    /// Per quote in `out`: does the [`scorer`] keep it?
    accepted: Vec<bool>,
    /// Per quote in `out`, when collecting training candidates: its features and
    /// whether the scorer judges it.
    features: Option<Vec<(Vec<String>, bool)>>,
    /// The learned tagger of the last look ([`Pass::Tagged`]).
    tagger: &'r Tagger,
}

impl<'r> Finder<'r> {
    /// A finder for `part` using `resolver` for speakers.
    pub fn new(resolver: &'r mut Resolver, part: TextPart) -> Self {
        Finder {
            resolver,
            part,
            out: Vec::new(),
            last_speaker: None,
            last_para: usize::MAX,
            sent_np: None,
            direct_nps: Vec::new(),
            pending: None,
            para_index: 0,
            used_cue: Vec::new(),
            pass: Pass::Direct,
            accepted: Vec::new(),
            features: None,
            tagger: Tagger::shipped(),
        }
    }

    /// The same finder using `tagger` instead of the shipped one (for training the
    /// scorer on the proposals of a tagger that did not see the document).
    pub fn with_tagger(self, tagger: &'r Tagger) -> Self {
        Finder { tagger, ..self }
    }

    /// A finder that also keeps every proposal's [`scorer`] features, for
    /// [`Finder::finish_candidates`].
    pub fn collecting(resolver: &'r mut Resolver, part: TextPart) -> Self {
        Finder {
            features: Some(Vec::new()),
            ..Finder::new(resolver, part)
        }
    }

    /// The quotes found, in text order: the proposals the [`scorer`] accepts.
    pub fn finish(mut self) -> Vec<Quote> {
        let mut out: Vec<Quote> = std::mem::take(&mut self.out)
            .into_iter()
            .zip(&self.accepted)
            .filter_map(|(q, &ok)| ok.then_some(q))
            .collect();
        out.sort_by_key(|q| (q.start, q.end));
        out
    }

    /// Every proposal, accepted or not, in text order, with its [`scorer`] features
    /// (empty unless [`Finder::collecting`]): the training candidates of the scorer.
    pub fn finish_candidates(mut self) -> Vec<scorer::Candidate> {
        let feats = self.features.take().unwrap_or_default();
        let mut out: Vec<scorer::Candidate> = std::mem::take(&mut self.out)
            .into_iter()
            .zip(
                feats
                    .into_iter()
                    .chain(std::iter::repeat((Vec::new(), true))),
            )
            .map(|(quote, (features, judged))| scorer::Candidate {
                quote,
                features,
                judged,
            })
            .collect();
        out.sort_by_key(|c| (c.quote.start, c.quote.end));
        out
    }

    /// Find the quotes of one paragraph.
    pub fn paragraph(&mut self, p: &Para) {
        let pending = self.pending.take();
        if self.para_index == 0 && self.part != TextPart::Dek {
            if let Some(colon) = headline_label(p) {
                // "Pence: Gennifer Flowers Won't Be at Debate": a headline reporting what
                // the named source says.
                let end = trim_end(p, colon + 1, p.toks.len());
                let speaker = self.speaker(p, Np { a: 0, b: colon - 1 });
                self.pass = Pass::Headline;
                let frag = Span {
                    start: p.toks[colon + 1].c0,
                    end: p.toks[end - 1].c1,
                };
                self.push(
                    p,
                    vec![frag],
                    QuoteKind::Indirect,
                    Some((colon, colon)),
                    Some(speaker),
                );
                self.para_index += 1;
                return;
            }
        }
        if let Some((label, content)) = speaker_label(p) {
            let end = trim_end(p, content, p.toks.len());
            if end > content {
                let speaker = self.speaker(p, Np { a: label, b: label });
                self.pass = Pass::Label;
                let frag = Span {
                    start: p.toks[content].c0,
                    end: p.toks[end - 1].c1,
                };
                self.push(
                    p,
                    vec![frag],
                    QuoteKind::Direct,
                    Some((label + 1, label + 1)),
                    Some(speaker),
                );
            }
            self.para_index += 1;
            return;
        }
        self.paragraph_quotes(p, pending);
        self.para_index += 1;
        // "Caddell continued:" at the end of a paragraph introduces the next one.
        let n = p.toks.len();
        if n >= 3 && p.is_punct(n - 1, ':') {
            let c = n - 2;
            let lo = c.saturating_sub(12);
            if p.is_word(c) && cues::cue(p.low(c)).is_some() {
                let mut j = c;
                while j > lo && p.is_word(j - 1) && cues::is_aux(p.low(j - 1)) {
                    j -= 1;
                }
                if let Some(np) = (j > lo)
                    .then(|| np_before_cue(p, j - 1, lo, &vec![u32::MAX; n]))
                    .flatten()
                {
                    let speaker = self.speaker(p, np);
                    self.pending = Some((speaker, self.mention(p, c, c)));
                }
            }
        }
    }

    fn paragraph_quotes(&mut self, p: &Para, pending: Option<(Speaker, Mention)>) {
        self.pass = Pass::Direct;
        let para_first = self.out.len();
        let spans = marks::quoted_spans(p);
        let n = p.toks.len();
        // Which span each token is in (marks included).
        let mut in_span: Vec<u32> = vec![u32::MAX; n];
        for (si, s) in spans.iter().enumerate() {
            for t in in_span.iter_mut().take(s.end_tok()).skip(s.open) {
                *t = si as u32;
            }
        }
        let sentences = sentences(p, &spans, &in_span);
        self.sent_np = None;
        self.direct_nps.clear();
        let sent_of = |t: usize| sentences.partition_point(|&(_, e)| e <= t);
        let mut used_cue = std::mem::take(&mut self.used_cue);
        used_cue.clear();
        used_cue.resize(n, false);
        let mut span_done = vec![false; spans.len()];
        // Direct quotes.
        let mut prev_direct: Option<(usize, usize)> = None;
        let mut embedded_np: Option<Np> = None; // (quote index in out, sentence of its attribution end)
        for (si, s) in spans.iter().enumerate() {
            let (ss, se) = sentences[sent_of(s.open)];
            let lone = s.open == ss || is_lead_in(p, ss, s.open);
            if is_title(p, s) {
                continue;
            }
            let after = self.after_attr(p, s, se, &in_span);
            let before = if after.is_none() {
                before_attr(p, s, ss, &in_span)
            } else {
                None
            };
            let attr = after.or(before);
            if !lone && before.is_none() {
                // embedded: a mixed quote, or a scare quote; its attribution still tells
                // who speaks in the quotes that follow in this paragraph.
                if let Some(at) = after.and_then(|at| at.np) {
                    embedded_np = Some(at);
                }
                continue;
            }
            let frag = span_frag(p, s);
            match attr {
                Some(at) => {
                    // "“A,” he said, “B.”": the same cue again means one quote, two fragments.
                    if let Some((qi, _)) = prev_direct {
                        let q: &Quote = &self.out[qi];
                        if q.cue
                            .as_ref()
                            .is_some_and(|c| c.start == p.toks[at.cue.0].c0)
                        {
                            self.add_fragment(qi, p, frag);
                            span_done[si] = true;
                            continue;
                        }
                    }
                    for u in &mut used_cue[at.cue.0..=at.cue.1] {
                        *u = true;
                    }
                    let speaker = at.np.map(|np| self.speaker(p, np));
                    if at.np.is_some() {
                        // "“…,” the mayor said, adding that…": the speaker of what follows.
                        self.sent_np = at.np;
                        self.direct_nps.extend(at.np);
                    }
                    self.pass = Pass::Direct;
                    let qi = self.push(p, vec![frag], QuoteKind::Direct, Some(at.cue), speaker);
                    span_done[si] = true;
                    let end_sent = sent_of(at.cue.1.max(at.np.map_or(0, |x| x.b)));
                    prev_direct = Some((qi, end_sent));
                }
                None => {
                    // "“…” for criminal behavior, she said.": the sentence goes on past the
                    // quote to a cue of its own; the reported-speech pass attributes it.
                    let t = s.end_tok();
                    if s.close.is_some()
                        && t < se
                        && p.is_word(t)
                        && (t..se).any(|x| {
                            in_span[x] == u32::MAX && p.is_word(x) && cues::cue(p.low(x)).is_some()
                        })
                    {
                        continue;
                    }
                    // A further fragment right after an attributed quote of this paragraph.
                    if let Some((qi, end_sent)) = prev_direct {
                        if sent_of(s.open) == end_sent + 1 || sent_of(s.open) == end_sent {
                            self.add_fragment(qi, p, frag);
                            span_done[si] = true;
                            prev_direct = Some((qi, sent_of(s.end_tok().saturating_sub(1))));
                            continue;
                        }
                    }
                    // "He said:" ending the previous paragraph attributes this one.
                    if s.open == 0 {
                        if let Some((speaker, cue)) = pending.clone() {
                            self.pass = Pass::Continued;
                            let qi =
                                self.push(p, vec![frag], QuoteKind::Direct, None, Some(speaker));
                            self.out[qi].cue = Some(cue);
                            span_done[si] = true;
                            prev_direct = Some((qi, sent_of(s.end_tok().saturating_sub(1))));
                            continue;
                        }
                    }
                    // A paragraph opened by a quote continues the previous speaker.
                    let continues = s.open == 0
                        && self.last_speaker.is_some()
                        && self.para_index.wrapping_sub(self.last_para) <= 1;
                    // A quote with no attribution at all (no cue, no speaker before it in this or
                    // the previous paragraph) is not reported: on the train split such quotes
                    // are mostly headlines, titles and section heads.
                    // A short one (under five words) is a title or a slogan more often than a
                    // continued quote.
                    let words = (s.open..s.end_tok()).filter(|&t| p.is_word(t)).count();
                    if (continues || embedded_np.is_some()) && words >= MIN_UNATTRIBUTED_WORDS {
                        let speaker = if let Some(np) = embedded_np {
                            Some(self.speaker(p, np))
                        } else if continues {
                            self.last_speaker.clone()
                        } else {
                            None
                        };
                        self.pass = Pass::Continued;
                        let qi = self.push(p, vec![frag], QuoteKind::Direct, None, speaker);
                        span_done[si] = true;
                        prev_direct = Some((qi, sent_of(s.end_tok().saturating_sub(1))));
                    }
                }
            }
        }
        // Reported speech, with the mixed quotes inside it.
        self.used_cue = used_cue;
        let used_cue = self.used_cue.clone();
        let first_quote = self.out.len();
        for &(ss, se) in &sentences {
            let mut c = ss;
            // "CONTENT, a source said.": the trailing attribution governs the whole
            // sentence, cues inside the content included.
            if let Some(t) = trailing_cue(p, ss, se, &in_span)
                .or_else(|| trailing_according(p, ss, se, &in_span))
                .filter(|&t| !used_cue[t])
            {
                self.pass = Pass::Trailing;
                if let Some((_, consumed)) =
                    self.reported(p, t, ss, se, &spans, &in_span, &span_done)
                {
                    for si in consumed {
                        span_done[si] = true;
                    }
                    c = se;
                }
            }
            self.pass = Pass::Reported;
            while c < se {
                if in_span[c] != u32::MAX || used_cue[c] || !p.is_word(c) {
                    c += 1;
                    continue;
                }
                match self.reported(p, c, ss, se, &spans, &in_span, &span_done) {
                    Some((next, consumed)) => {
                        for si in consumed {
                            span_done[si] = true;
                        }
                        c = next.max(c + 1);
                    }
                    None => c += 1,
                }
            }
        }
        // Questions put to someone ("Asked about the tolls, she said…", "was asked
        // whether…"): what was asked is reported too, with the asker, if named, as source.
        for &(ss, se) in &sentences {
            self.pass = Pass::Asked;
            self.asked_about(p, ss, se, &in_span, para_first);
            self.pass = Pass::View;
            self.impersonal_passive(p, ss, se, &in_span, para_first);
        }
        // A last look at sentences where nothing was found: a likely cue (lexicon or
        // learned) right after a subject reports the rest of the sentence. Sentences with
        // attributions found get the same look at their other words.
        // Per token: `FOUND` inside a quoted span or a cue or content of a quote found,
        // `SOURCE` in the mention of a quote's speaker.
        let mut found: Vec<u8> = (0..p.toks.len())
            .map(|t| u8::from(in_span[t] != u32::MAX || used_cue[t]) * FOUND)
            .collect();
        mark_found(p, &mut found, &self.out[para_first..]);
        for &(ss, se) in &sentences {
            let (c0, c1) = (p.toks[ss].c0, p.toks[se - 1].c1);
            let before = self.out.len();
            if self.out[first_quote..]
                .iter()
                .any(|q| q.start < c1 && q.end > c0)
                || (ss..se).any(|t| in_span[t] != u32::MAX && span_done[in_span[t] as usize])
            {
                // A second look at the words outside what was found.
                self.pass = Pass::Second;
                self.fallback(p, ss, se, &spans, &in_span, &span_done, Some(&found));
            } else {
                self.pass = Pass::Fallback;
                self.fallback(p, ss, se, &spans, &in_span, &span_done, None);
            }
            mark_found(p, &mut found, &self.out[before..]);
            self.pass = Pass::Stance;
            let before = self.out.len();
            self.stance(p, ss, se, &spans, &in_span, &span_done, &found);
            mark_found(p, &mut found, &self.out[before..]);
            self.pass = Pass::Survey;
            let before = self.out.len();
            self.survey(p, ss, se, &spans, &in_span, &span_done, &found);
            mark_found(p, &mut found, &self.out[before..]);
        }
        // The learned tagger's attributions in words the rules left untouched.
        self.pass = Pass::Tagged;
        self.tagged(p, &spans, &found, &sentences);
        // Quotation marks inside a sentence are strong evidence of an attribution: a
        // quoted span still unattributed takes the nearest likely cue before it with a
        // subject ("Japan branded North Korea an “outlaw nation”").
        self.pass = Pass::Mixed;
        for (si, s) in spans.iter().enumerate() {
            if span_done[si] || s.close.is_none() || is_title(p, s) {
                continue;
            }
            let (ss, _) = sentences[sent_of(s.open)];
            let (c0, c1) = (p.toks[s.open].c0, p.toks[s.end_tok() - 1].c1);
            if s.open <= ss + 1
                || self.out[first_quote..]
                    .iter()
                    .any(|q| q.start < c1 && q.end > c0)
            {
                continue;
            }
            self.mixed_last_look(p, si, ss, &spans, &in_span, &span_done);
        }
    }

    /// The last look of the learned [`tagger`], at each sentence with a word no rule
    /// touched (no quoted span, cue, content or source of a quote found) that may be a
    /// cue and has a subject: each content the tagger tags there in untouched words,
    /// with the nearest tagged cue at most [`TAGGED_CUE_GAP`] tokens away, is proposed
    /// as reported speech when the tagged source nearest that cue (within
    /// [`TAGGED_SOURCE_GAP`] tokens) is also the cue's subject by the rules. The two
    /// must agree: alone, the tagger's sources of the proposals the scorer kept on dev
    /// were right about seven times in ten, far less often than the rules' speakers.
    fn tagged(&mut self, p: &Para, spans: &[QSpan], found: &[u8], sentences: &[(usize, usize)]) {
        let model = learned::CueModel::shipped();
        // No token of `[a, b)` is a quoted span, cue or content found (a speaker of
        // another quote may speak again).
        let untouched = |a: usize, b: usize| (a..b).all(|t| found[t] & FOUND == 0);
        for &(ss, se) in sentences {
            if !(ss..se).any(|t| {
                found[t] == 0
                    && p.is_word(t)
                    && (cues::cue(p.low(t)).is_some() || model.may_propose(p.low(t)))
                    && subject_before(p, ss, t, true)
                        .is_some_and(|(_, np)| untouched(np.a, np.b + 1))
            }) {
                continue;
            }
            let runs: Vec<tagger::Run> = tagger::runs(&self.tagger.tag_window(p, spans, ss, se))
                .into_iter()
                .map(|r| tagger::Run {
                    a: r.a + ss,
                    b: r.b + ss,
                    ..r
                })
                .collect();
            // Tokens between run `x` and `[a, b)` (0 when they touch or overlap).
            let gap = |x: &tagger::Run, a: usize, b: usize| {
                a.saturating_sub(x.b).max(x.a.saturating_sub(b))
            };
            let free = |x: &tagger::Run| (x.a..x.b).all(|t| found[t] == 0);
            for r in runs.iter().filter(|r| r.part == Part::Content) {
                let (mut a, mut b) = (r.a, r.b);
                while a < b && !p.is_word(a) {
                    a += 1;
                }
                while b > a && !p.is_word(b - 1) {
                    b -= 1;
                }
                if a >= b || !free(r) {
                    continue;
                }
                let Some(cue) = runs
                    .iter()
                    .filter(|x| {
                        x.part == Part::Cue && free(x) && gap(x, r.a, r.b) <= TAGGED_CUE_GAP
                    })
                    .min_by_key(|x| gap(x, r.a, r.b))
                else {
                    continue;
                };
                let Some(source) = runs
                    .iter()
                    .filter(|x| {
                        x.part == Part::Source
                            && untouched(x.a, x.b)
                            && gap(x, cue.a, cue.b) <= TAGGED_SOURCE_GAP
                    })
                    .min_by_key(|x| gap(x, cue.a, cue.b))
                else {
                    continue;
                };
                let agrees = subject_before(p, ss, cue.a, true).is_some_and(|(_, np)| {
                    untouched(np.a, np.b + 1) && np.a < source.b && source.a <= np.b
                });
                if !agrees {
                    continue;
                }
                let speaker = self.speaker(
                    p,
                    Np {
                        a: source.a,
                        b: source.b - 1,
                    },
                );
                let frag = Span {
                    start: p.toks[a].c0,
                    end: p.toks[b - 1].c1,
                };
                self.push(
                    p,
                    vec![frag],
                    QuoteKind::Indirect,
                    Some((cue.a, cue.b - 1)),
                    Some(speaker),
                );
            }
        }
    }

    /// "Asked about X, …" / "When asked whether X, …" / "… was asked about X": the
    /// question (up to the next comma or the sentence end) is an indirect quote whose
    /// source is the agent of "asked by NP", if any; nothing when the question overlaps
    /// a quote of this paragraph (from `from` in the output) already found.
    fn asked_about(&mut self, p: &Para, ss: usize, se: usize, in_span: &[u32], from: usize) {
        let end = trim_end(p, ss, se);
        let Some(c) = (ss..end.min(ss + 40)).find(|&t| {
            p.is_word(t) && p.low(t) == "asked" && in_span[t] == u32::MAX && {
                // "Asked about…", "When asked whether…", "…, he said when asked about…"
                let opens = t == ss
                    || (t > ss
                        && p.is_word(t - 1)
                        && matches!(p.low(t - 1), "when" | "if" | "once" | "after" | "before")
                        && (t - 1 == ss || !p.is_word(t - 2) || cues::cue(p.low(t - 2)).is_some()));
                let passive = t > ss + 1
                    && p.is_word(t - 1)
                    && matches!(
                        p.low(t - 1),
                        "was" | "were" | "is" | "are" | "been" | "being"
                    );
                opens || passive
            }
        }) else {
            return;
        };
        let mut k = c + 1;
        let mut source = None;
        if k < end && p.is_word(k) && p.low(k) == "by" {
            source = np_forward(p, k + 1, end);
            k = source.map_or(k + 1, |np| np.b + 1);
        }
        while k < end && p.is_word(k) && is_time_word(p.low(k)) {
            k += 1;
        }
        if k >= end
            || !p.is_word(k)
            || !matches!(
                p.low(k),
                "about" | "whether" | "if" | "why" | "how" | "what" | "to" | "for" | "on"
            )
        {
            return;
        }
        let stop = (k + 1..end)
            .find(|&x| p.is_punct(x, ',') || in_span[x] != u32::MAX)
            .unwrap_or(end);
        if stop < k + 2 {
            return;
        }
        let (c0, c1) = (p.toks[k].c0, p.toks[stop - 1].c1);
        if self.out[from..].iter().any(|q| q.start < c1 && q.end > c0) {
            return;
        }
        let speaker = source.map(|np| self.speaker(p, np));
        let frag = Span { start: c0, end: c1 };
        self.push(p, vec![frag], QuoteKind::Indirect, Some((c, c)), speaker);
    }

    /// "The vote is widely expected to pass", "He is seen as a moderate", "She was
    /// charged with fraud": a view or charge held by no one named (or by the agent of
    /// "by NP"); the whole sentence is reported (nothing when it overlaps a quote of this
    /// paragraph, from `from` in the output, already found).
    fn impersonal_passive(&mut self, p: &Para, ss: usize, se: usize, in_span: &[u32], from: usize) {
        let end = trim_end(p, ss, se);
        let Some(c) = (ss + 2..end.saturating_sub(2)).find(|&t| {
            p.is_word(t)
                && in_span[t] == u32::MAX
                && p.is_word(t + 1)
                && impersonal_passive_cue(p.low(t), p.low(t + 1))
                && {
                    // "is expected", "are not widely seen"
                    let mut b = t - 1;
                    while b > ss
                        && p.is_word(b)
                        && (is_ly_adverb(p, b) || matches!(p.low(b), "not" | "also"))
                    {
                        b -= 1;
                    }
                    p.is_word(b) && matches!(p.low(b), "is" | "are" | "was" | "were" | "been")
                }
        }) else {
            return;
        };
        let (c0, c1) = (p.toks[ss].c0, p.toks[end - 1].c1);
        if self.out[from..].iter().any(|q| q.start < c1 && q.end > c0) {
            return;
        }
        let agent = (c + 1..(c + 6).min(end))
            .find(|&t| p.is_word(t) && p.low(t) == "by")
            .and_then(|t| np_forward(p, t + 1, end));
        let speaker = agent.map(|np| self.speaker(p, np));
        let frag = Span { start: c0, end: c1 };
        self.push(p, vec![frag], QuoteKind::Indirect, Some((c, c)), speaker);
    }

    /// The nearest cue before the embedded quoted span `si` (at most 12 tokens back, in
    /// its sentence from `ss`), with a subject before it: the span is a mixed quote.
    fn mixed_last_look(
        &mut self,
        p: &Para,
        si: usize,
        ss: usize,
        spans: &[QSpan],
        in_span: &[u32],
        span_done: &[bool],
    ) {
        let s = &spans[si];
        let model = learned::CueModel::shipped();
        let lo = s.open.saturating_sub(12).max(ss + 1);
        for c in (lo..s.open).rev() {
            if in_span[c] != u32::MAX || !p.is_word(c) || !is_verb_like(p, c) {
                continue;
            }
            let w = p.low(c);
            // A past-tense verb the model never saw ("branded", "lauded") has no evidence
            // against it: the quotation marks decide.
            // A one-word span is more likely a scare quote ("the “old” crane").
            let unseen_verb = w.ends_with("ed")
                && !model.is_known(w)
                && (s.open..s.end_tok()).filter(|&t| p.is_word(t)).count() >= 2;
            if !(cues::cue(w).is_some()
                || model.probability(w) >= MIXED_CUE_PROBABILITY
                || unseen_verb)
            {
                continue;
            }
            let Some((_, np)) = subject_before(p, ss, c, false) else {
                return;
            };
            self.emit_reported(
                p,
                (c + 1, s.end_tok()),
                (c, c),
                Some(np),
                false,
                spans,
                in_span,
                span_done,
            );
            return;
        }
    }

    /// "SUBJECT [aux] CUE CONTENT" with a likely cue and no other structure: the first such
    /// cue of the sentence reports everything after it. With `found` (the second look at
    /// a sentence where attributions were found), only a cue outside them counts and its
    /// content stops before the first word marked in `found`.
    #[allow(clippy::too_many_arguments)]
    fn fallback(
        &mut self,
        p: &Para,
        ss: usize,
        se: usize,
        spans: &[QSpan],
        in_span: &[u32],
        span_done: &[bool],
        found: Option<&[u8]>,
    ) {
        let model = learned::CueModel::shipped();
        let end0 = trim_end(p, ss, se);
        // In a sentence with attributions already found, the content stops before the
        // first word of theirs, or of their speakers: per token from `ss`, the next
        // marked token after it (`end0` if none).
        let next_found: Vec<usize> = match found {
            Some(v) => {
                let mut next = vec![end0; end0.saturating_sub(ss)];
                for t in (ss..end0.saturating_sub(1)).rev() {
                    next[t - ss] = if v[t + 1] != 0 {
                        t + 1
                    } else {
                        next[t + 1 - ss]
                    };
                }
                next
            }
            None => Vec::new(),
        };
        for c in ss + 1..end0 {
            // A cue a quote of an earlier sentence already took ("“Who are they?” Trump
            // said of Apple") reports nothing more.
            if !p.is_word(c)
                || in_span[c] != u32::MAX
                || self.used_cue[c]
                || found.is_some_and(|v| v[c] & FOUND != 0)
            {
                continue;
            }
            let end = match next_found.get(c - ss) {
                Some(&t) if t < end0 => trim_end(p, c + 1, t),
                _ => end0,
            };
            if end <= c + 1 {
                continue;
            }
            let w = p.low(c);
            // "plans to", "shows that": a following "to"/"that" makes a verb of a word that
            // is often a noun.
            let complement =
                c + 1 < end && p.is_word(c + 1) && matches!(p.low(c + 1), "to" | "that");
            if !(model.may_propose(w)
                || cues::cue(w).is_some_and(|c| c.clause)
                || (complement
                    && (model.probability(w) >= COMPLEMENT_CUE_PROBABILITY
                        || (w.ends_with("ed") && !model.is_known(w) && p.low(c + 1) == "that"))))
                || !is_verb_like(p, c)
            {
                continue;
            }
            let Some((j, np)) = subject_before(p, ss, c, true) else {
                continue;
            };
            // "He has been harshly criticized by his rivals for…": a passive cue reports
            // the whole sentence; the source is the agent after "by", if any.
            let passive = w.ends_with("ed")
                && (j..c).any(|t| {
                    matches!(
                        p.low(t),
                        "was" | "were" | "is" | "are" | "been" | "be" | "being"
                    )
                });
            if passive {
                if found.is_some() {
                    continue;
                }
                let agent = (c + 1..(c + 4).min(end))
                    .find(|&t| p.is_word(t) && p.low(t) == "by")
                    .and_then(|t| np_forward(p, t + 1, end));
                if np.a == ss
                    && self
                        .emit_reported(p, (ss, end), (c, c), agent, true, spans, in_span, span_done)
                        .is_some()
                {
                    return;
                }
                continue;
            }
            let mut k = c + 1;
            if k < end && p.is_word(k) && p.low(k) == "that" {
                k += 1;
            }
            if end.saturating_sub(k) < 2 || in_span[k.min(end - 1)] != u32::MAX && k == c + 1 {
                continue;
            }
            // The content is a clause or an object, not an adjunct ("campaigned in the
            // state", "showed up at"): only "to" may start it, for an infinitive.
            if !p.is_word(k)
                || is_time_word(p.low(k))
                || matches!(
                    p.low(k),
                    "in" | "on"
                        | "at"
                        | "during"
                        | "from"
                        | "by"
                        | "with"
                        | "when"
                        | "while"
                        | "and"
                        | "or"
                        | "but"
                        | "up"
                        | "out"
                        | "down"
                        | "off"
                        | "away"
                        | "back"
                )
            {
                continue;
            }
            // "The crew seemed certain to leave": no named holder (see `reported`).
            let (content, np) =
                if (is_impression(w) || known_as(p, c, end)) && !seems_to_say(p, c, end) {
                    ((np.a, end), None)
                } else {
                    ((k, end), Some(np))
                };
            if self
                .emit_reported(p, content, (c, c), np, true, spans, in_span, span_done)
                .is_some()
            {
                return;
            }
        }
    }

    /// A stance held by a possessor: "Trump’s claim that…", "his attacks on…", "Her
    /// fundamental argument that…". A noun the cue model knows, after a possessive (and
    /// at most one modifier), followed by "that", "to" or a preposition of topic,
    /// reports what follows up to the clause's end; the possessor is the source.
    #[allow(clippy::too_many_arguments)]
    fn stance(
        &mut self,
        p: &Para,
        ss: usize,
        se: usize,
        spans: &[QSpan],
        in_span: &[u32],
        span_done: &[bool],
        found: &[u8],
    ) {
        let model = learned::CueModel::shipped();
        let end0 = trim_end(p, ss, se);
        let mut t = ss;
        while t + 2 < end0 {
            let w = p.low(t);
            let possessive = p.is_word(t)
                && found[t] & FOUND == 0
                && (matches!(w, "his" | "her" | "their" | "its")
                    || (p.toks[t].cap && strip_s(w).len() < w.len()));
            if !possessive {
                t += 1;
                continue;
            }
            let mut next = t + 1;
            for h in [t + 1, t + 2] {
                if h + 2 > end0 || !p.is_word(h) || found[h] != 0 {
                    break;
                }
                if !model.is_known(p.low(h)) || !p.is_word(h + 1) {
                    continue;
                }
                let topic = match p.low(h + 1) {
                    "that" | "to" => false,
                    "of" | "on" | "about" | "for" | "over" | "toward" | "towards" | "against" => {
                        true
                    }
                    _ => continue,
                };
                // "Her statement about the pier came late": a stance that is the subject
                // of its clause names a statement, it does not report one.
                if topic
                    && (t == ss
                        || p.is_punct(t - 1, ',')
                        || p.is_punct(t - 1, ';')
                        || matches!(p.low(t - 1), "and" | "but" | "while"))
                {
                    break;
                }
                let k = if topic { h + 2 } else { h + 1 };
                // A topic is a noun phrase: it ends before a verb.
                let e = (k..end0)
                    .find(|&x| {
                        found[x] != 0
                            || matches!(
                                p.toks[x].kind,
                                Kind::Punct(',' | ';' | ':' | '(' | '\u{2014}' | '\u{2013}')
                            )
                            || (topic && x > k && p.is_word(x) && {
                                let w = p.low(x);
                                cues::is_aux(w)
                                    || is_irregular_past(w)
                                    || (w.ends_with("ed") && is_verb_like(p, x))
                                    || cues::cue(w).is_some()
                            })
                    })
                    .unwrap_or(end0);
                if e <= k {
                    break;
                }
                let mut a = t;
                while a > ss && p.is_word(a - 1) && p.toks[a - 1].cap && found[a - 1] == 0 {
                    a -= 1;
                }
                if self
                    .emit_reported(
                        p,
                        (k, e),
                        (h, h),
                        Some(Np { a, b: t }),
                        true,
                        spans,
                        in_span,
                        span_done,
                    )
                    .is_some()
                {
                    next = e;
                }
                break;
            }
            t = next;
        }
    }

    /// "In a CNN poll released Monday, Clinton led by 10 points", "Cruz came in second
    /// in January polls": a poll or survey after "in" reports its clause (the rest of the
    /// sentence after the comma that closes an opening phrase, else the clause before
    /// "in"), with the poll as source and "in" as cue. The "in" and the poll must not be
    /// part of another quote (its content, cue or speaker); the clause may hold one
    /// ("In a CBS survey, 79 percent said they were satisfied").
    #[allow(clippy::too_many_arguments)]
    fn survey(
        &mut self,
        p: &Para,
        ss: usize,
        se: usize,
        spans: &[QSpan],
        in_span: &[u32],
        span_done: &[bool],
        found: &[u8],
    ) {
        let end = trim_end(p, ss, se);
        let free = |x: usize| in_span[x] == u32::MAX && found[x] == 0;
        let mut t = ss;
        while t + 2 < end {
            if !(p.is_word(t) && p.low(t) == "in" && free(t)) {
                t += 1;
                continue;
            }
            // The poll: a few words (names joined by "/" or "-" too) up to its head.
            let mut head = None;
            let mut x = t + 1;
            while x < end && x <= t + MAX_SURVEY_TOKENS && free(x) {
                match p.toks[x].kind {
                    Kind::Word => {
                        let w = p.low(x);
                        if is_survey_head(w) {
                            head = Some(x);
                        } else if head.is_some()
                            || matches!(
                                w,
                                "that"
                                    | "which"
                                    | "who"
                                    | "and"
                                    | "but"
                                    | "to"
                                    | "in"
                                    | "at"
                                    | "on"
                                    | "is"
                                    | "are"
                                    | "was"
                                    | "were"
                                    | "has"
                                    | "have"
                                    | "had"
                                    | "will"
                                    | "would"
                            )
                        {
                            break;
                        }
                    }
                    Kind::Punct('/' | '-' | '&') => {}
                    _ => break,
                }
                x += 1;
            }
            let Some(h) = head else {
                t += 1;
                continue;
            };

            let opening = t == ss
                || (t == ss + 1 && p.is_word(ss) && matches!(p.low(ss), "and" | "but" | "yet"));
            let content = if opening {
                // "In a CNN poll released Monday, 50 percent chose…"
                (h + 1..end.min(h + 1 + MAX_SURVEY_TOKENS))
                    .find(|&x| p.is_punct(x, ','))
                    .map(|x| (x + 1, end))
            } else {
                // "…, although Rubio moved to second in a later survey": the clause
                // before "in", from a semicolon or a comma and conjunction before it.
                let a = (ss..t)
                    .rev()
                    .find(|&x| {
                        p.is_punct(x, ';')
                            || (p.is_word(x)
                                && x > ss
                                && p.is_punct(x - 1, ',')
                                && matches!(
                                    p.low(x),
                                    "while" | "although" | "though" | "but" | "whereas"
                                ))
                    })
                    .map_or(ss, |x| x + 1);
                let mut b = t;
                while b > a && p.is_punct(b - 1, ',') {
                    b -= 1;
                }
                Some((a, b))
            };
            let Some((a, b)) =
                content.filter(|&(a, b)| (a..b).filter(|&x| p.is_word(x)).count() >= 2)
            else {
                t = h + 1;
                continue;
            };
            self.emit_reported(
                p,
                (a, b),
                (t, t),
                Some(Np { a: t + 1, b: h }),
                true,
                spans,
                in_span,
                span_done,
            );
            t = h + 1;
        }
    }

    fn push(
        &mut self,
        p: &Para,
        frags: Vec<Span>,
        kind: QuoteKind,
        cue: Option<(usize, usize)>,
        speaker: Option<Speaker>,
    ) -> usize {
        let text = frags
            .iter()
            .map(|f| char_slice(p, f.start, f.end))
            .collect::<Vec<_>>()
            .join(" ");
        if speaker.is_some() {
            self.last_speaker = speaker.clone();
            self.last_para = self.para_index;
        }
        // Quotation marks with an attribution are not in doubt; reported speech is
        // judged by the scorer (features are computed only for what is judged, or
        // for every proposal when collecting training candidates).
        let judged = self.pass.judged();
        if judged || self.features.is_some() {
            // The speaker's tokens, when the mention is in this paragraph.
            let (lo, hi) = (p.toks[0].c0, p.toks[p.toks.len() - 1].c1);
            let spk = speaker
                .as_ref()
                .and_then(|s| s.mention.as_ref())
                .filter(|m| m.start >= lo && m.end <= hi)
                .map(|m| {
                    let a = p.toks.partition_point(|t| t.c0 < m.start);
                    let b = p.toks.partition_point(|t| t.c0 < m.end).max(a + 1) - 1;
                    (a, b)
                });
            let proposal = scorer::Proposal {
                p,
                pass: self.pass,
                kind,
                frags: &frags,
                cue,
                speaker: speaker.as_ref(),
                speaker_toks: spk,
            };
            let model = scorer::Scorer::shipped();
            self.accepted
                .push(!judged || model.accepts_proposal(&proposal));
            if let Some(all) = &mut self.features {
                all.push((scorer::features(&proposal), judged));
            }
        } else {
            self.accepted.push(true);
        }
        self.out.push(Quote {
            text,
            start: frags[0].start,
            end: frags[frags.len() - 1].end,
            fragments: frags,
            kind,
            cue: cue.map(|(a, b)| self.mention(p, a, b)),
            speaker,
            part: self.part,
        });
        self.out.len() - 1
    }

    fn add_fragment(&mut self, qi: usize, p: &Para, f: Span) {
        let q = &mut self.out[qi];
        q.text.push(' ');
        q.text.push_str(&char_slice(p, f.start, f.end));
        q.end = f.end;
        q.fragments.push(f);
        self.last_para = self.para_index;
    }

    fn mention(&self, p: &Para, a: usize, b: usize) -> Mention {
        Mention {
            text: p.slice(a, b).to_string(),
            start: p.toks[a].c0,
            end: p.toks[b].c1,
            part: self.part,
        }
    }

    fn speaker(&mut self, p: &Para, np: Np) -> Speaker {
        // "Mr. Kamin, who emphasized…": the mention is "who", the person its antecedent.
        let target =
            if np.a == np.b && p.low(np.a) == "who" && np.a >= 2 && p.is_punct(np.a - 1, ',') {
                np_back(p, np.a - 2, np.a.saturating_sub(12)).unwrap_or(np)
            } else {
                np
            };
        let r = self.resolver.resolve(p, target.a, target.b, self.part);
        Speaker {
            mention: Some(self.mention(p, np.a, np.b)),
            name: r.name,
            role: r.role,
            kind: r.kind,
        }
    }

    /// "“…,” he said" / "“…,” said Ms Smith, a…" / "“…?” asked the narrator".
    fn after_attr(&self, p: &Para, s: &QSpan, se: usize, in_span: &[u32]) -> Option<Attr> {
        s.close?;
        let n = p.toks.len();
        let mut i = s.end_tok();
        if i < n && (p.is_punct(i, ',') || p.is_punct(i, '\u{2014}')) {
            i += 1;
        }
        // "“…?” Graham asked.": a quote closed by ? or ! ends its sentence, but the
        // attribution after it runs on to the next full stop.
        let se = if se <= i {
            (i..n)
                .find(|&t| {
                    (p.is_punct(t, '.')
                        && !(t > 0 && p.is_word(t - 1) && cues::is_abbreviation(p.low(t - 1))))
                        || p.is_punct(t, '?')
                        || p.is_punct(t, '!')
                        || in_span[t] != u32::MAX
                })
                .unwrap_or(n)
        } else {
            se
        };
        let limit = (i + 12).min(n).min(se.max(i + 1));
        if i >= n {
            return None;
        }
        // "“…” ― Name": a dash and a name sign the quote.
        if matches!(
            p.toks[i].kind,
            Kind::Punct('\u{2015}' | '\u{2014}' | '\u{2013}' | '-')
        ) && s.end_tok() == i
        {
            let np = np_forward(p, i + 1, i + 8)?;
            return Some(Attr {
                cue: (i, i),
                np: Some(np),
            });
        }
        if !p.is_word(i) {
            return None;
        }
        // CUE SPEAKER
        if let Some(_c) = cues::cue(p.low(i)) {
            let np = np_forward(p, i + 1, limit.min(n).max(i + 1) + 6);
            return Some(Attr { cue: (i, i), np });
        }
        // SPEAKER [aux] CUE
        let mut j = i;
        while j < limit && p.is_word(j) && in_span[j] == u32::MAX {
            if cues::cue(p.low(j)).is_some() && j > i {
                let mut k = j - 1;
                while k > i
                    && p.is_word(k)
                    && (cues::is_aux(p.low(k)) || is_ly_adverb(p, k) || p.low(k) == "often")
                {
                    k -= 1;
                }
                while k > i && p.is_punct(k, ')') {
                    // "Rep. Gwen Moore (D-Wis.) said"
                    match (i..k).rev().find(|&t| p.is_punct(t, '(')) {
                        Some(o) if o > i => k = o - 1,
                        _ => break,
                    }
                }
                let np = np_back(p, k, i)
                    .filter(|np| np.a == i)
                    .or_else(|| np_loose(p, i, k));
                if let Some(np) = np {
                    return Some(Attr {
                        cue: (j, j),
                        np: Some(np),
                    });
                }
                return None;
            }
            if j + 1 < n && p.is_punct(j + 1, ',') && p.is_word(j) {
                // "“…,” Scott Pruitt, the attorney general of Oklahoma, said", "“…,”
                // Sarandon, 69, told MSNBC"
                let from = j + 2;
                if let Some(c) = (from..(from + 25).min(n)).find(|&t| {
                    p.is_word(t) && cues::cue(p.low(t)).is_some() && p.is_punct(t - 1, ',')
                }) {
                    if (from..c).all(|t| in_span[t] == u32::MAX) {
                        if let Some(np) = np_back(p, j, i)
                            .filter(|np| np.a == i)
                            .or_else(|| np_loose(p, i, j))
                        {
                            return Some(Attr {
                                cue: (c, c),
                                np: Some(np),
                            });
                        }
                    }
                }
            }
            j += 1;
            // allow "Mr." and initials inside the speaker
            if j < limit
                && p.is_punct(j, '.')
                && j > 0
                && (cues::is_abbreviation(p.low(j - 1)) || p.low(j - 1).chars().count() == 1)
            {
                j += 1;
            }
            // and a parenthesis: "(R-Utah)", "(D-Md.)"
            if j < limit && p.is_punct(j, '(') {
                match (j..limit.min(j + 8)).find(|&t| p.is_punct(t, ')')) {
                    Some(c) => j = c + 1,
                    None => break,
                }
            }
        }
        None
    }

    /// Reported speech around the word at `c`; returns where to continue and the spans used.
    #[allow(clippy::too_many_arguments)]
    fn reported(
        &mut self,
        p: &Para,
        c: usize,
        ss: usize,
        se: usize,
        spans: &[QSpan],
        in_span: &[u32],
        span_done: &[bool],
    ) -> Option<(usize, Vec<usize>)> {
        let w = p.low(c);
        let end = trim_end(p, ss, se);
        // "according to X, CONTENT" / "CONTENT, according to X"
        if w == "according" && c + 1 < se && p.low(c + 1) == "to" {
            let np = np_forward(p, c + 2, se)?;
            // "according to a court filing by the county", "according to interviews with
            // party officials": the source is the agent of the document.
            let np = source_behind_document(p, np, se).unwrap_or(np);
            let cue = (c, c + 1);
            let content = if c == ss || (c == ss + 1 && p.is_word(ss)) {
                let mut k = np.b + 1;
                while k < se && !p.is_punct(k, ',') && k < np.b + 12 {
                    k += 1;
                }
                (k + 1, end)
            } else {
                let mut e = c;
                while e > ss && (p.is_punct(e - 1, ',') || p.is_punct(e - 1, '(')) {
                    e -= 1;
                }
                (ss, e)
            };
            return self
                .emit_reported(p, content, cue, Some(np), true, spans, in_span, span_done)
                .map(|u| (np.b + 1, u));
        }
        // The hand-written lexicon first; the learned model adds the long tail of verbs
        // of stance and intent, and lets lexicon verbs that usually frame quotation
        // marks ("described", "urged") report speech when they are likely cues.
        let learned = learned::CueModel::shipped();
        let learned_cue = learned.may_propose(w);
        let lexicon = cues::cue(w);
        let mut cue = match lexicon {
            Some(c) => cues::Cue {
                clause: c.clause || learned_cue,
                ..c
            },
            None if learned_cue && is_verb_like(p, c) => cues::Cue {
                clause: true,
                object: false,
            },
            // "talks about", "speaks about": a cue only with its particle ("Harbour talks
            // end without a deal" has none).
            None if cues::particle(w).is_some_and(|(parts, _)| {
                c + 1 < se && p.is_word(c + 1) && parts.contains(&p.low(c + 1))
            }) =>
            {
                cues::Cue {
                    clause: true,
                    object: false,
                }
            }
            None => return None,
        };
        // A weak cue (one that only may propose) does not swallow a stronger one after
        // it: "whose plans have upset the port, last year proposed…", "tried to claim
        // that…" leave the clause to "proposed" and "claim".
        if !learned.is_cue(w) && !lexicon.is_some_and(|c| c.clause) {
            let strong = (c + 1..se.min(c + 1 + WEAK_CUE_LOOKAHEAD)).any(|t| {
                in_span[t] == u32::MAX
                    && p.is_word(t)
                    && (cues::cue(p.low(t)).is_some_and(|x| x.clause) || learned.is_cue(p.low(t)))
            });
            if strong {
                return None;
            }
        }
        // Phrasal cues: "pointed out", "referring to", "talked about".
        let cue_end = match cues::particle(w) {
            Some((parts, _)) if c + 1 < se && p.is_word(c + 1) && parts.contains(&p.low(c + 1)) => {
                cue.clause = true;
                c + 1
            }
            Some((_, true)) => return None,
            _ => c,
        };
        // The speaker before the cue.
        let mut j = c;
        while j > ss
            && p.is_word(j - 1)
            && (cues::is_aux(p.low(j - 1))
                || is_ly_adverb(p, j - 1)
                || matches!(p.low(j - 1), "now" | "not" | "never" | "all" | "even"))
        {
            j -= 1;
            // "were charged", "was told": passive, the subject is not the speaker.
            if matches!(p.low(j), "is" | "are" | "was" | "were" | "be" | "been")
                && !w.ends_with("ing")
            {
                return None;
            }
        }
        // "federal prosecutors in April charged": skip a time adjunct.
        let mut j = skip_time_pp(p, ss, skip_time_adjunct(p, ss, j));
        if j > ss + 1 && p.is_punct(j - 1, ')') {
            // "Sen. David Perdue (R-Ga.) said"
            if let Some(o) = (j.saturating_sub(8).max(ss)..j - 1)
                .rev()
                .find(|&t| p.is_punct(t, '('))
            {
                j = o;
            }
        }
        // ", arguing that…" after a clause: the participle's subject is the sentence's,
        // not the noun before the comma ("spoke in Tulsa, Oklahoma, arguing…").
        let participle = w.ends_with("ing")
            && j > ss + 2
            && (p.is_punct(j - 1, ',') || (is_close_mark(p, j - 1) && p.is_punct(j - 2, ',')))
            && (j..c).all(|t| is_ly_adverb(p, t) || matches!(p.low(t), "even" | "also" | "again"));
        let mut subject = if j > ss && !participle {
            np_before_cue(p, j - 1, ss, in_span)
        } else {
            None
        };
        if let Some(np) = subject.filter(|np| w.ends_with("ing") && np.b + 1 == j) {
            // "In a statement announcing the pick, the union called…", "tweets shaming
            // her": a participle after a thing (no person, role, name or organisation)
            // is said by the sentence's subject.
            let h = p.low(np.b);
            let thing = !p.toks[np.b].cap
                && !cues::is_pronoun(strip_s(h))
                && !cues::is_speaker_noun(h)
                && !cues::is_role_word(h)
                && !cues::is_org_word(h)
                && !cues::is_org_head(h);
            // "she sent an email saying…", "the campaign issued a statement calling…": a
            // message that is the object of a verb speaks for the verb's subject.
            let sent_message = is_message_noun(h)
                && np.a > ss
                && p.is_word(np.a - 1)
                && !p.toks[np.a - 1].cap
                && cues::is_determiner(p.low(np.a))
                && !matches!(p.low(np.a - 1), "and" | "or" | "but" | "that");
            if thing || sent_message {
                subject = Some(sentence_subject(p, ss, c).filter(|s| s.b < np.a || s.a > c)?);
            }
        }
        if subject.is_none()
            && w.ends_with("ing")
            && (participle || (c > ss && p.is_punct(c - 1, ',')))
        {
            // "…, he said, adding that…": the speaker of the clause before.
            // "“…,” Mr. Ray said, adding that…" after an earlier sentence with a
            // speaker of its own: the speaker of the direct quote in this sentence.
            subject = self
                .sent_np
                .filter(|n| n.a >= ss && n.b < c)
                .or_else(|| {
                    self.direct_nps
                        .iter()
                        .rev()
                        .find(|n| n.a >= ss && n.b < c)
                        .copied()
                })
                .or_else(|| sentence_subject(p, ss, c));
        }
        if subject.is_none()
            && !w.ends_with("ing")
            && j > ss
            && j - ss <= 8
            && p.is_word(ss)
            && (p.toks[ss].cap || cues::is_determiner(p.low(ss)))
            && !cues::is_np_stop(p.low(ss))
            && !cues::is_pronoun(strip_s(p.low(ss)))
            && !cues::blocks_content(p.low(ss))
            && !cues::is_np_stop(p.low(j - 1))
            && (ss..j).all(|t| {
                let lw = p.low(t);
                p.is_word(t)
                    && cues::cue(lw).is_none()
                    && !cues::is_aux(lw)
                    && !matches!(
                        lw,
                        "that"
                            | "which"
                            | "who"
                            | "be"
                            | "been"
                            | "but"
                            | "if"
                            | "when"
                            | "while"
                            | "as"
                    )
                    && (p.toks[t].cap || !lw.ends_with("ed"))
            })
        {
            // "Experts on North Korea and nuclear nonproliferation said": the whole
            // sentence-initial phrase is the subject.
            subject = Some(Np { a: ss, b: j - 1 });
        }
        if subject.is_none()
            && j > ss + 3
            && p.is_word(j - 1)
            && matches!(p.low(j - 1), "to" | "by")
            && cues::cue(w).is_some_and(|c| c.clause)
            && p.is_word(j - 2)
            && !p.toks[j - 2].cap
            && (p.low(j - 2).ends_with("ed") || p.low(j - 2).ends_with('s'))
            && cues::cue(p.low(j - 2)).is_none()
        {
            // "Trump is drawing criticism after he appeared to suggest…": the subject of
            // the verb before "to", a pronoun or a name right before it.
            let v = j - 2;
            subject = np_back(p, v - 1, ss)
                .filter(|n| n.b + 1 == v)
                .filter(|n| cues::is_pronoun(p.low(n.a)) || p.toks[n.a].cap);
        }
        if subject.is_none()
            && j > ss
            && p.is_word(j - 1)
            && (matches!(p.low(j - 1), "and" | "but")
                // "He went on to say that…", "she began by saying that…"
                || (matches!(p.low(j - 1), "to" | "by") && cues::cue(w).is_some_and(|c| c.clause)))
        {
            // "Merrill says … and said she would…": the subject of the cue before in the
            // sentence ("…, while Ray proposed A and said B"), else of the sentence.
            subject = self
                .sent_np
                .filter(|n| n.a >= ss && n.b + 1 < j && !matches!(p.low(n.a), "who" | "which"))
                .or_else(|| sentence_subject(p, ss, j - 1));
        }
        if subject.is_none() && j == c && !w.ends_with("ing") {
            subject = appositive_subject(p, ss, c, in_span)
                .or_else(|| described_name_subject(p, ss, c, in_span));
        }
        if subject.is_none() && !w.ends_with("ing") && j > ss && cues::cue(w).is_some() {
            // "…, but security specialists say", "Organizers of the boycott said", "while
            // those surveyed said": the words back to the clause's start are its subject.
            subject = clause_subject(p, ss, j, in_span);
        }
        // "CONTENT, said X." (inverted), also "… “QUOTED,” said X." with the comma
        // inside the closing mark.
        let comma_before = c > ss
            && (p.is_punct(c - 1, ',')
                || (c > ss + 1 && is_close_mark(p, c - 1) && p.is_punct(c - 2, ',')));
        if subject.is_none() && comma_before {
            if !matches!(
                w,
                "said"
                    | "says"
                    | "added"
                    | "adds"
                    | "wrote"
                    | "writes"
                    | "noted"
                    | "notes"
                    | "explained"
                    | "argued"
                    | "told"
                    | "tells"
                    | "asked"
                    | "asks"
                    | "continued"
                    | "recalled"
                    | "insisted"
                    | "stated"
                    | "declared"
                    | "warned"
                    | "replied"
                    | "responded"
            ) {
                return None;
            }
            let np = np_forward(p, c + 1, se)?;
            let rest = end.saturating_sub(np.b + 1);
            // "…, said the nomination will test…": a verb after the noun phrase makes it
            // the subject of the cue's clause, not an inverted speaker.
            if np.b + 1 < end && p.is_word(np.b + 1) && is_finite_aux(p.low(np.b + 1)) {
                return None;
            }
            if rest <= 4 || p.is_punct(np.b + 1, ',') || p.is_punct(np.b + 1, '(') {
                let mut e = c - 1;
                while e > ss && is_close_mark(p, e - 1) {
                    e -= 1;
                }
                return self
                    .emit_reported(
                        p,
                        (ss, e),
                        (c, c),
                        Some(np),
                        cue.clause,
                        spans,
                        in_span,
                        span_done,
                    )
                    // "…,” said Mr. Kamin, who emphasized that…": go on after the speaker.
                    .map(|u| (np.b + 1, u));
            }
            return None;
        }
        let np = subject?;
        if np.a > ss
            && (np.a == ss + 1 || p.is_punct(np.a - 2, ','))
            && p.is_word(np.a - 1)
            && matches!(
                p.low(np.a - 1),
                "in" | "at" | "on" | "during" | "through" | "under" | "from" | "by" | "amid"
            )
        {
            // "In a statement announcing the pick, the union called…", "In a Facebook
            // message posted Friday, Cruz said…", "…, in a box labeled…": the object of
            // a preposition opening a phrase is no subject; the verb after it modifies it.
            return None;
        }
        if np.a > ss
            && p.is_word(np.a - 1)
            && matches!(
                p.low(np.a - 1),
                "do" | "does" | "did" | "would" | "could" | "can" | "should" | "will"
            )
        {
            return None; // a question: "Do you know where…"
        }
        if np.a > ss
            && p.is_word(np.a - 1)
            && matches!(
                p.low(np.a - 1),
                "when" | "after" | "before" | "because" | "since" | "until" | "once"
            )
        {
            // "Back when he wrote his book, Mr. McKinley said…": not the main clause. A
            // clause that closes the sentence reports the rest ("…, shortly after Trump
            // said he believes…").
            let opening = np.a - 1 <= ss + 2 && (ss..np.a - 1).all(|x| p.is_word(x));
            if opening {
                return None;
            }
        }
        self.sent_np = Some(np);
        // A bare verb form ("think", "say") needs a plural or first/second-person subject:
        // "Washington think tank" is no cue.
        if !(w.ends_with('s')
            || w.ends_with('d')
            || w.ends_with("ing")
            || w == "told"
            || w == "thought"
            || w == "wrote"
            || w == "knew"
            // "went on to say": an infinitive
            || (c > ss && p.is_word(c - 1) && p.low(c - 1) == "to"))
        {
            let h = p.low(np.b);
            let plural = h.ends_with('s')
                || matches!(
                    h,
                    "i" | "we"
                        | "they"
                        | "you"
                        | "who"
                        | "people"
                        | "police"
                        | "many"
                        | "most"
                        | "some"
                        | "few"
                        | "both"
                        | "others"
                        | "all"
                )
                // "one in five say", "4 in 10 say", "42% say", "those surveyed say"
                || p.is_punct(np.b, '%')
                || matches!(p.low(np.a), "those" | "these")
                || (is_count(h) && h != "one")
                || (np.a > ss && p.is_word(np.a - 1) && p.low(np.a - 1) == "and")
                || (np.b > np.a
                    && (np.a..np.b).any(|t| {
                        p.is_word(t) && {
                            let lw = p.low(t);
                            (lw.ends_with('s')
                                && !lw.ends_with("ss")
                                && !lw.ends_with("’s")
                                && !lw.ends_with("'s"))
                                || lw == "and"
                        }
                    }));
            if !plural {
                return None;
            }
        }
        // "As the mayor noted, the tolls…": an "as" clause reports what follows its comma.
        // Before "as" only a conjunction or a sentence adverb ("Yet, as…"); between the
        // cue and the comma at most a short adjunct ("as one user pointed out with a
        // side-by-side, …", "as she said in a statement, …").
        let as_comma = (np.a > ss && p.is_word(np.a - 1) && p.low(np.a - 1) == "as")
            .then(|| as_clause_comma(p, cue_end, end, in_span))
            .flatten();
        if let Some(comma) = as_comma.filter(|&k| {
            k + 1 < end
                && (ss..np.a - 1).all(|x| {
                    !p.is_word(x)
                        || matches!(
                            p.low(x),
                            "and"
                                | "but"
                                | "just"
                                | "yet"
                                | "so"
                                | "still"
                                | "indeed"
                                | "now"
                                | "or"
                        )
                })
        }) {
            return self
                .emit_reported(
                    p,
                    (comma + 1, end),
                    (c, cue_end),
                    Some(np),
                    true,
                    spans,
                    in_span,
                    span_done,
                )
                .map(|u| (end, u));
        }
        // "46 percent of voters said yes, …", "half said so": a one-word answer.
        if cue_end + 1 < end
            && p.is_word(cue_end + 1)
            && matches!(p.low(cue_end + 1), "yes" | "no" | "so")
            && (cue_end + 2 >= end || !p.is_word(cue_end + 2))
        {
            let speaker = self.speaker(p, np);
            let t = cue_end + 1;
            let frag = Span {
                start: p.toks[t].c0,
                end: p.toks[t].c1,
            };
            self.push(
                p,
                vec![frag],
                QuoteKind::Indirect,
                Some((c, cue_end)),
                Some(speaker),
            );
            return Some((t + 1, Vec::new()));
        }
        // "CONTENT, X said [on Monday]."
        let wide = widen_to_comma(p, ss, np);
        let comma_before =
            wide.a > ss && (p.is_punct(wide.a - 1, ',') || is_close_mark(p, wide.a - 1));
        let tail = end.saturating_sub(c + 1);
        let nothing_after = c + 1 >= end
            || !p.is_word(c + 1)
            || cues::blocks_content(p.low(c + 1))
            || p.toks[c + 1].cap
            // "…, Trump said last week."
            || (c + 1..end).all(|t| p.is_word(t) && (is_time_word(p.low(t)) || p.low(t) == "this"))
            // "…, an official told reporters."
            || told_object_closes(p, c, end, in_span);
        // "A, the agency said in a June report, and B": a short adjunct closed by a comma.
        let adjunct_comma = (comma_before
            && c + 1 < end
            && p.is_word(c + 1)
            && cues::blocks_content(p.low(c + 1))
            && !matches!(p.low(c + 1), "that" | "to"))
        .then(|| {
            (c + 2..(c + 2 + MAX_ADJUNCT_TOKENS).min(end))
                .take_while(|&x| in_span[x] == u32::MAX && !p.is_punct(x, '.'))
                .find(|&x| p.is_punct(x, ','))
        })
        .flatten();
        if comma_before
            && ((tail <= 5 && nothing_after && !clause_follows(p, cue_end + 1, end))
                || p.is_punct(c + 1, ',')
                || p.is_punct(c + 1, '.')
                || adjunct_comma.is_some())
        {
            let mut e = wide.a - 1;
            while e > ss && (p.is_punct(e - 1, ',') || is_close_mark(p, e - 1)) {
                e -= 1;
            }
            if e > ss && in_span[ss] != u32::MAX && span_done[in_span[ss] as usize] {
                return None;
            }
            // ", citing…", ", referring to…": a participle after the adjunct is an
            // attribution of its own, read on from there.
            let participle_after = adjunct_comma
                .filter(|&x| x + 1 < end && p.is_word(x + 1) && p.low(x + 1).ends_with("ing"));
            let second = match adjunct_comma {
                Some(x) if end > x + 3 && participle_after.is_none() => {
                    let y = if p.is_word(x + 1) && matches!(p.low(x + 1), "and" | "but") {
                        x + 2
                    } else {
                        x + 1
                    };
                    Some((y, end))
                }
                _ => (p.is_punct(c + 1, ',') && tail >= 4).then_some((c + 2, end)),
            };
            return self
                .emit_reported2(
                    p,
                    (ss, e),
                    second,
                    (c, c),
                    Some(wide),
                    cue.clause,
                    spans,
                    in_span,
                    span_done,
                )
                .map(|u| (participle_after.map_or(end, |x| x + 1), u));
        }
        // "X said [that] CONTENT"
        let mut k = cue_end + 1;
        // After "that" the content is a clause, whatever its first word ("said that in
        // 1998 the port…").
        let mut after_that = false;
        if cue.object {
            k = skip_object(p, k, end);
        }
        if let Some(t) = (k..end.min(k + 14))
            .find(|&t| p.is_word(t) && p.low(t) == "that" && in_span[t] == u32::MAX)
        {
            let coordinated =
                t > k && p.is_word(t - 1) && matches!(p.low(t - 1), "and" | "but" | "or");
            // Only an adjunct may stand between the cue and "that": "said Monday after a
            // meeting with X that…", "says at a campaign stop in Toledo, Ohio, that…".
            let adjunct =
                t == k || (p.is_word(k) && (cues::blocks_content(p.low(k)) || p.toks[k].cap));
            if !coordinated
                && adjunct
                && (k..t).all(|x| in_span[x] == u32::MAX && cues::cue(p.low(x)).is_none())
            {
                after_that = t == cue_end + 1;
                k = t + 1;
                if k < end && p.is_punct(k, ',') {
                    // "said that, if elected, he would…"
                    k += 1;
                }
            }
        }
        if k < end && p.is_punct(k, ':') {
            k += 1;
        }
        if k < end
            && p.is_word(k)
            && matches!(
                p.low(k),
                "after"
                    | "during"
                    | "in"
                    | "on"
                    | "at"
                    | "before"
                    | "since"
                    | "following"
                    | "over"
                    | "last"
                    | "this"
                    | "earlier"
                    | "later"
                    | "yesterday"
                    | "today"
                    | "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
            )
        {
            // "said after the convention he would…": skip the adjunct up to a pronoun subject.
            if let Some(t) = (k + 1..end.min(k + 7)).find(|&t| {
                p.is_word(t)
                    && matches!(
                        p.low(t),
                        "he" | "she" | "they" | "we" | "i" | "it" | "there"
                    )
            }) {
                if (k..t).all(|x| {
                    (p.is_word(x)
                        && (x == k
                            || !matches!(
                                p.low(x),
                                "as" | "when"
                                    | "while"
                                    | "because"
                                    | "if"
                                    | "since"
                                    | "before"
                                    | "after"
                                    | "until"
                                    | "where"
                            )))
                        || p.is_punct(x, ',')
                }) {
                    k = t;
                }
            }
        }
        let infinitive =
            p.is_word(k) && p.low(k) == "to" && (cues::takes_infinitive(w) || learned_cue);
        // "have not said when they would…", "explain how…": an embedded question.
        let wh = k == cue_end + 1
            && p.is_word(k)
            && matches!(
                p.low(k),
                "how" | "why" | "what" | "whether" | "when" | "where" | "who"
            );
        // "what the senators said was gerrymandering", "which he said were at his side",
        // "a plan that officials say is flawed": an attribution inside a relative clause
        // whose gap is in what is said; the whole clause, from the relative word, is
        // reported.
        let relative = np.a > ss
            && k < end
            && p.is_word(np.a - 1)
            && p.is_word(k)
            && !after_that
            && cue.clause
            && match p.low(np.a - 1) {
                "what" | "which" => true,
                "that" => matches!(
                    p.low(k),
                    "is" | "are"
                        | "was"
                        | "were"
                        | "would"
                        | "will"
                        | "could"
                        | "has"
                        | "had"
                        | "have"
                ),
                _ => false,
            };
        if !relative
            && (k >= end
                || p.is_punct(k, ',')
                || (p.is_word(k)
                    && cues::blocks_content(p.low(k))
                    && !infinitive
                    && !wh
                    && !after_that))
        {
            return None;
        }
        // "said that at one of his first meetings, in 1972, he supported…": after "that",
        // a fronted adjunct and the comma closing it; the subject after that comma is the
        // content's own, not a new attribution.
        let fronted_comma = (after_that && p.is_word(k) && is_fronting(p.low(k)))
            .then(|| {
                (k + 1..end.min(k + 1 + MAX_FRONTED_TOKENS))
                    .take_while(|&x| in_span[x] == u32::MAX && !p.is_punct(x, '.'))
                    .find(|&x| {
                        p.is_punct(x, ',')
                            && x + 1 < end
                            && p.is_word(x + 1)
                            && !is_fronting(p.low(x + 1))
                    })
            })
            .flatten();
        // The content stops where a new attributed clause starts: ", but he said…",
        // ", arguing that…".
        let end = (k + 1..end)
            .filter(|&x| Some(x) != fronted_comma)
            .find(|&x| {
                p.is_punct(x, ',')
                    && in_span[x] == u32::MAX
                    && (participle_cue_at(p, x + 1, end)
                        || (x + 2 < end
                            && p.is_word(x + 1)
                            && matches!(
                                p.low(x + 1),
                                "but" | "though" | "although" | "while" | "and" | "whereas"
                            )
                            && (x + 2..(x + 7).min(end)).any(|y| {
                                p.is_word(y) && cues::cue(p.low(y)).is_some_and(|c| c.clause)
                            })))
                    || (p.is_punct(x, ';') && in_span[x] == u32::MAX)
                    // "…, compared with 64 percent who say…": another group's view
                    || (p.is_punct(x, ',')
                        && in_span[x] == u32::MAX
                        && x + 2 < end
                        && p.is_word(x + 1)
                        && p.low(x + 1) == "compared"
                        && matches!(p.low(x + 2), "with" | "to"))
                    // "that he has “expanded the party,” claiming that…": the comma
                    // inside the closing mark.
                    || (is_close_mark(p, x)
                        && p.is_punct(x - 1, ',')
                        && participle_cue_at(p, x + 1, end))
                    || (in_span[x] == u32::MAX && relative_attribution_at(p, x, end, in_span))
                    || (in_span[x] == u32::MAX && coordinated_cue_at(p, x, end, in_span))
                    || (in_span[x] == u32::MAX
                        && (p.is_punct(x, ',')
                            || p.is_punct(x, '\u{2014}')
                            || (p.is_word(x)
                                && matches!(
                                    p.low(x),
                                    "and" | "but" | "though" | "although" | "whereas"
                                )
                                || is_clause_subordinator(p.low(x)))))
                        && {
                            // "…, and he urged…", "… though she noted…": a new subject and cue.
                            let y = if p.is_word(x + 1)
                                && (matches!(p.low(x + 1), "and" | "but" | "though" | "although")
                                    || is_clause_subordinator(p.low(x + 1)))
                                && !p.is_word(x)
                            {
                                x + 2
                            } else {
                                x + 1
                            };
                            y < end && clause_attribution_at(p, y, end, in_span)
                        }
            })
            .unwrap_or(end);
        // "Mr. Okafor, who said that the strike would be ruinous, told…": a relative
        // clause set off by a comma or dash ends at the next one.
        let end = if np.a == np.b
            && matches!(p.low(np.a), "who" | "which")
            && np.a > ss
            && separator(p, np.a - 1).is_some()
        {
            (k + 1..end)
                .find(|&x| in_span[x] == u32::MAX && separator(p, x).is_some())
                .unwrap_or(end)
        } else {
            end
        };
        // "While critics say the toll is unfair, the board…": an attribution in an opening
        // subordinate clause reports up to the comma that closes the clause.
        let end = if np.a > ss
            && p.is_word(np.a - 1)
            && matches!(
                p.low(np.a - 1),
                "while" | "although" | "though" | "whereas" | "as" | "because" | "since"
            )
            && (ss..np.a - 1).all(|x| !p.is_word(x) || x + 1 == np.a)
        {
            (k + 1..end)
                .find(|&x| in_span[x] == u32::MAX && p.is_punct(x, ','))
                .unwrap_or(end)
        } else {
            end
        };
        // A quote right after the cue that was taken as direct: nothing more to report.
        if in_span[k] != u32::MAX && span_done[in_span[k] as usize] {
            return None;
        }
        // "The crew seemed certain to leave": an impression with no one named as its
        // holder; the subject is part of what is reported.
        let (content, np) =
            if (is_impression(w) || known_as(p, c, end)) && np.a < c && !seems_to_say(p, c, end) {
                ((np.a, end), None)
            } else if relative {
                ((np.a - 1, end), Some(np))
            } else {
                ((k, end), Some(np))
            };
        self.emit_reported(
            p,
            content,
            (c, cue_end),
            np,
            cue.clause,
            spans,
            in_span,
            span_done,
        )
        .map(|u| (end + 1, u))
    }

    /// Emit the reported content `[a, b)` (tokens) and the mixed quotes in it.
    #[allow(clippy::too_many_arguments)]
    fn emit_reported(
        &mut self,
        p: &Para,
        content: (usize, usize),
        cue: (usize, usize),
        np: Option<Np>,
        clause: bool,
        spans: &[QSpan],
        in_span: &[u32],
        span_done: &[bool],
    ) -> Option<Vec<usize>> {
        self.emit_reported2(p, content, None, cue, np, clause, spans, in_span, span_done)
    }

    /// The end of content `[a, b)` cut before the speaker (and a linking "and", "that" or
    /// comma) of a direct quote's cue inside it; `b` when there is none.
    fn before_direct_attribution(&self, p: &Para, a: usize, b: usize) -> usize {
        let Some(u) = (a..b.min(self.used_cue.len())).find(|&t| self.used_cue[t]) else {
            return b;
        };
        let mut e = u;
        while e > a && p.is_word(e - 1) && (cues::is_aux(p.low(e - 1)) || is_ly_adverb(p, e - 1)) {
            e -= 1;
        }
        if e > a {
            if let Some(np) = np_back(p, e - 1, a) {
                e = np.a;
            }
        }
        while e > a
            && (p.is_punct(e - 1, ',')
                || (p.is_word(e - 1) && matches!(p.low(e - 1), "and" | "but" | "that" | "as")))
        {
            e -= 1;
        }
        e
    }

    /// Emit reported content in one or two pieces ("A, she said, B").
    #[allow(clippy::too_many_arguments)]
    fn emit_reported2(
        &mut self,
        p: &Para,
        (a, b): (usize, usize),
        second: Option<(usize, usize)>,
        cue: (usize, usize),
        np: Option<Np>,
        clause: bool,
        spans: &[QSpan],
        in_span: &[u32],
        span_done: &[bool],
    ) -> Option<Vec<usize>> {
        // "…over who supported which bill that Mr. Lee said, “…”": the content stops
        // before an attribution of a direct quote already found.
        let b = self.before_direct_attribution(p, a, b);
        let second = second.map(|(a2, b2)| (a2, self.before_direct_attribution(p, a2, b2)));
        if b <= a {
            return None;
        }
        let ranges = [(a, b), second.unwrap_or((b, b))];
        let inner: Vec<usize> = {
            let mut v: Vec<usize> = ranges
                .iter()
                .flat_map(|&(a, b)| a..b)
                .filter(|&t| in_span[t] != u32::MAX)
                .map(|t| in_span[t] as usize)
                .collect();
            v.dedup();
            v.into_iter()
                .filter(|&si| !span_done[si] && !is_title(p, &spans[si]))
                .collect()
        };
        let words = ranges
            .iter()
            .flat_map(|&(a, b)| a..b)
            .filter(|&t| p.is_word(t))
            .count();
        if inner.is_empty() && (!clause || words < 2) {
            return None;
        }
        let speaker = np.map(|np| self.speaker(p, np));
        if clause && words >= 2 {
            let mut frags = vec![Span {
                start: p.toks[a].c0,
                end: p.toks[b - 1].c1,
            }];
            if let Some((a2, b2)) = second.filter(|&(a2, b2)| b2 > a2) {
                frags.push(Span {
                    start: p.toks[a2].c0,
                    end: p.toks[b2 - 1].c1,
                });
            }
            self.push(p, frags, QuoteKind::Indirect, Some(cue), speaker.clone());
        }
        for &si in &inner {
            self.push(
                p,
                vec![span_frag(p, &spans[si])],
                QuoteKind::Mixed,
                Some(cue),
                speaker.clone(),
            );
        }
        Some(inner)
    }
}

/// Is the token at `t` the dot of an abbreviation inside a name: a title ("Mr.",
/// "Sen.") or a middle initial ("Donald J. Trump", before a capitalised word)?
fn abbreviation_dot(p: &Para, t: usize) -> bool {
    p.is_punct(t, '.')
        && t > 0
        && p.is_word(t - 1)
        && (cues::is_abbreviation(p.low(t - 1))
            || (p.toks[t - 1].cap
                && p.raw(t - 1).chars().count() == 1
                && t + 1 < p.toks.len()
                && p.is_word(t + 1)
                && p.toks[t + 1].cap))
}

/// Could the word at `c` be a verb? Learned cues include nouns ("statement", "poll"),
/// which head no clause: a verb is not capitalised mid-sentence and does not follow a
/// determiner or possessive.
fn is_verb_like(p: &Para, c: usize) -> bool {
    if p.toks[c].cap {
        return false;
    }
    !(c > 0
        && p.is_word(c - 1)
        && (cues::is_determiner(p.low(c - 1))
            || p.low(c - 1).starts_with(|ch: char| ch.is_ascii_digit())
            || matches!(
                p.low(c - 1),
                "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "percentage"
            )
            || p.low(c - 1).ends_with("’s")
            || p.low(c - 1).ends_with("'s")
            || matches!(
                p.low(c - 1),
                "his" | "her" | "its" | "their" | "our" | "my" | "your"
            )))
}

/// Mark in `found` the tokens of `p` under the content and cue (`FOUND`) and the
/// speaker mention (`SOURCE`) of each quote of `qs`.
fn mark_found(p: &Para, found: &mut [u8], qs: &[Quote]) {
    for q in qs {
        for f in &q.fragments {
            mark_chars(p, found, f.start, f.end, FOUND);
        }
        if let Some(m) = &q.cue {
            mark_chars(p, found, m.start, m.end, FOUND);
        }
        if let Some(m) = q.speaker.as_ref().and_then(|s| s.mention.as_ref()) {
            mark_chars(p, found, m.start, m.end, SOURCE);
        }
    }
}

/// Set `mark` on the tokens of `p` that share a char with `[start, end)`.
fn mark_chars(p: &Para, marks: &mut [u8], start: usize, end: usize, mark: u8) {
    let first = p.toks.partition_point(|t| t.c1 <= start);
    for (t, m) in p.toks[first..].iter().zip(&mut marks[first..]) {
        if t.c0 >= end {
            break;
        }
        *m |= mark;
    }
}

fn char_slice(p: &Para, start: usize, end: usize) -> String {
    // Offsets are in the whole text; find the tokens that bound them.
    let a = p.toks.partition_point(|t| t.c0 < start);
    let b = p.toks.partition_point(|t| t.c1 <= end);
    if a >= p.toks.len() || b == 0 || b <= a {
        return String::new();
    }
    p.slice(a, b - 1).to_string()
}

fn is_close_mark(p: &Para, i: usize) -> bool {
    matches!(p.toks[i].kind, Kind::Mark { .. })
}

/// The content of a quoted span as a char span (marks excluded).
fn span_frag(p: &Para, s: &QSpan) -> Span {
    Span {
        start: p.toks[s.first].c0,
        end: p.toks[s.last].c1,
    }
}

/// A short all-capitalised span is a title ("NBC Nightly News"), not a quote.
fn is_title(p: &Para, s: &QSpan) -> bool {
    let words: Vec<usize> = (s.first..=s.last).filter(|&t| p.is_word(t)).collect();
    if words.is_empty() {
        return true;
    }
    words.len() <= 8
        && words.iter().all(|&t| {
            p.toks[t].cap
                || matches!(
                    p.low(t),
                    "of" | "the" | "and" | "a" | "in" | "on" | "for" | "to"
                )
        })
        && p.toks[words[0]].cap
        && words.len() >= 2
        && !(s.first..s.last).any(|t| matches!(p.toks[t].kind, Kind::Punct('.' | '!' | '?' | ',')))
}

/// Only a lead-in word or two before the quote ("But, he added, “…”" is handled by cues;
/// "And “…”" here).
fn is_lead_in(p: &Para, ss: usize, open: usize) -> bool {
    open > ss
        && open - ss <= 2
        && (ss..open).all(|t| !p.is_word(t) || matches!(p.low(t), "and" | "but" | "so" | "or"))
}

/// "SPEAKER CUE, “…”" / "SPEAKER CUE: “…”" / "CUE reporters: “…”".
fn before_attr(p: &Para, s: &QSpan, ss: usize, in_span: &[u32]) -> Option<Attr> {
    if s.open == 0 || s.open <= ss {
        return None;
    }
    let mut k = s.open - 1;
    let punct = p.is_punct(k, ',') || p.is_punct(k, ':');
    if punct {
        if k == 0 {
            return None;
        }
        k -= 1;
    }
    // the cue, possibly followed by a short object/adjunct before a colon
    let back = if p.is_punct(s.open - 1, ':') {
        6
    } else if punct {
        5
    } else {
        0
    };
    let lo = k.saturating_sub(back).max(ss);
    let c = (lo..=k)
        .rev()
        .find(|&t| p.is_word(t) && cues::cue(p.low(t)).is_some())?;
    if c != k && !p.is_punct(s.open - 1, ':') {
        // "says of Clinton, “…”", "told CBS, “…”", "adding later, “…”"
        let adjunct = (c + 1..=k).all(|t| p.is_word(t))
            && (cues::cue(p.low(c)).is_some_and(|q| q.object)
                || p.toks[c + 1].cap
                || matches!(
                    p.low(c + 1),
                    "of" | "in"
                        | "on"
                        | "at"
                        | "during"
                        | "later"
                        | "after"
                        | "to"
                        | "about"
                        | "again"
                        | "then"
                        | "before"
                        | "via"
                        | "through"
                ));
        if !adjunct {
            return None;
        }
    }
    if !punct && !p.toks[s.first].cap {
        return None; // "said “no intention”": a mixed quote
    }
    let mut j = c;
    while j > ss && p.is_word(j - 1) && (cues::is_aux(p.low(j - 1)) || is_ly_adverb(p, j - 1)) {
        j -= 1;
    }
    let participle = p.low(c).ends_with("ing") && c > ss && p.is_punct(c - 1, ',');
    let mut np = if j > ss && !participle {
        np_before_cue(p, j - 1, ss, in_span)
    } else {
        None
    };
    if let Some(n) = np.filter(|n| {
        p.low(c).ends_with("ing")
            && n.b + 1 == j
            && n.a > ss
            && p.is_word(n.a - 1)
            && !p.toks[n.a - 1].cap
    }) {
        // "The senator emailed supporters saying: “…”", "she released a statement saying,
        // “…”": the noun before the participle is an object; the subject speaks.
        if let Some(subj) = sentence_subject(p, ss, c).filter(|sb| sb.b < n.a) {
            np = Some(subj);
        }
    }
    if np.is_none() && j > ss && p.is_word(j - 1) && matches!(p.low(j - 1), "to" | "by") {
        // "The email went on to say: “…”", "he began by saying, “…”"
        np = sentence_subject(p, ss, j - 1);
    }
    if np.is_none() && participle {
        // "“…,” Trump said, adding later, “…”": the speaker of the cue before.
        np = (ss..c - 1)
            .rev()
            .take(12)
            .find(|&t| p.is_word(t) && in_span[t] == u32::MAX && cues::cue(p.low(t)).is_some())
            .and_then(|t| {
                // "He then defended the remark, saying, “…”": back over adverbs and
                // auxiliaries to the subject of that cue, not its object.
                let mut b = t;
                while b > ss
                    && p.is_word(b - 1)
                    && (cues::is_aux(p.low(b - 1))
                        || is_ly_adverb(p, b - 1)
                        || matches!(p.low(b - 1), "then" | "also" | "later" | "again"))
                {
                    b -= 1;
                }
                (b > ss)
                    .then(|| np_back(p, b - 1, ss))
                    .flatten()
                    .or_else(|| np_forward(p, t + 1, c).filter(|_| t + 1 < c))
            })
            .or_else(|| sentence_subject(p, ss, c));
    }
    if np.is_none() && j > ss && p.is_word(j - 1) && matches!(p.low(j - 1), "and" | "but") {
        // "She then urges her husband … and repeatedly says, “…”", "… but added, “…”"
        np = sentence_subject(p, ss, j - 1);
    }
    if np.is_none() && c + 1 < s.open && !matches!(p.low(c), "told" | "tells" | "tell") {
        // "Said Ellis: “…”" (but "told me, “…”" names the hearer)
        np = np_forward(p, c + 1, s.open);
    }
    if np.is_none() && p.low(c).ends_with("ing") {
        // "Trump attacked Clinton, saying, “…”": the subject of the sentence.
        np = sentence_subject(p, ss, c);
    }
    Some(Attr { cue: (c, c), np })
}

/// The speaker right before a cue ending at token `j`: skips a ", who …," or
/// ", president of …," between the name and the cue.
fn np_before_cue(p: &Para, j: usize, lo: usize, in_span: &[u32]) -> Option<Np> {
    if p.is_punct(j, ',') {
        // find the previous comma
        let from = j.saturating_sub(30).max(lo);
        let k = (from..j)
            .rev()
            .find(|&t| p.is_punct(t, ',') || in_span[t] != u32::MAX)?;
        if in_span[k] != u32::MAX || k == 0 || k <= lo {
            // "But, he added," : the cue after a lead-in comma
            return None;
        }
        // Only an appositive or a relative clause may stand between the name and its cue:
        // ", who led…,", ", a Brookings fellow,", ", president of…,".
        let first = k + 1;
        if !p.is_word(first) {
            return None;
        }
        let fw = p.low(first);
        let appositive = matches!(
            fw,
            "who"
                | "whose"
                | "which"
                | "a"
                | "an"
                | "the"
                | "one"
                | "another"
                | "also"
                | "speaking"
                | "referring"
                | "according"
                | "citing"
                | "in"
                | "asked"
                | "like"
                | "at"
                | "on"
                | "during"
                | "after"
                | "before"
                | "with"
                | "for"
                | "from"
                | "by"
                | "last"
                | "this"
                | "earlier"
                | "when"
                | "while"
                | "writing"
                | "responding"
                | "himself"
                | "herself"
                | "then"
                | "however"
                | "though"
                | "too"
        ) || cues::is_role_word(fw)
            || cues::is_speaker_noun(fw)
            || is_adjective_like(fw)
            || fw.chars().all(|c| c.is_ascii_digit())
            || (p.toks[first].cap && !cues::is_np_stop(fw));
        // "Jane Okafor, communications director for the port, said": after a name of two
        // or more capitalised words, a short lowercase phrase with no verb in it.
        let after_name = || {
            k > lo + 1
                && p.is_word(k - 1)
                && p.is_word(k - 2)
                && p.toks[k - 1].cap
                && p.toks[k - 2].cap
                && j - first <= 14
                && (first..j).all(|t| {
                    p.is_word(t)
                        && in_span[t] == u32::MAX
                        && cues::cue(p.low(t)).is_none()
                        && !cues::is_aux(p.low(t))
                        && !matches!(p.low(t), "that" | "said" | "says")
                })
        };
        if !appositive && !after_name() {
            return None;
        }
        let mut k = k;
        if k > lo + 1 && p.is_punct(k - 1, ')') {
            // "Gregory W. Meeks (D-N.Y.), chairman of…, said"
            if let Some(o) = (k.saturating_sub(10).max(lo)..k - 1)
                .rev()
                .find(|&t| p.is_punct(t, '('))
            {
                k = o;
            }
        }
        let mut np = np_back(p, k - 1, lo)?;
        // "Ms. Ruiz, who grew up in Aurora, Colorado, in the 1990s, said", "Mr. Lee, during
        // a visit to Columbus, Ohio, said": a name inside a relative clause or an adjunct
        // set off by commas is not the speaker; the phrase before that clause is.
        for _ in 0..3 {
            let Some(k2) = (np.a.saturating_sub(30).max(lo)..np.a)
                .rev()
                .find(|&t| p.is_punct(t, ',') || in_span[t] != u32::MAX)
                .filter(|&t| p.is_punct(t, ',') && t > lo)
            else {
                break;
            };
            let first = k2 + 1;
            let clause_start = p.is_word(first)
                && (p.low(first).ends_with("ing") && !p.toks[first].cap
                    || opens_clause(p.low(first)));
            let place = np.a == first && (np.a..=np.b).all(|t| !p.is_word(t) || p.toks[t].cap);
            let inside = np.a > first && clause_start;
            if !(inside || (place && k2 > lo + 1 && p.is_word(k2 - 1) && p.toks[k2 - 1].cap)) {
                break;
            }
            // the chunk that opens the clause: back to the comma before it
            let open = if inside {
                k2
            } else {
                match (k2.saturating_sub(30).max(lo)..k2)
                    .rev()
                    .find(|&t| p.is_punct(t, ',') || in_span[t] != u32::MAX)
                {
                    Some(t) if p.is_punct(t, ',') && t > lo => {
                        let f = t + 1;
                        if !(p.is_word(f) && opens_clause(p.low(f))) {
                            break;
                        }
                        t
                    }
                    _ => break,
                }
            };
            match np_back(p, open - 1, lo) {
                Some(outer) => np = outer,
                None => break,
            }
        }
        return Some(np);
    }
    np_back(p, j, lo)
}

/// A speaker phrase ending at token `j` (inclusive), not starting before `lo`.
fn np_back(p: &Para, j: usize, lo: usize) -> Option<Np> {
    let np = np_back_simple(p, j, lo)?;
    // "The owner of a café on Mill Street said", "a spokesman for the port in Gdansk
    // said": hop back over prepositional phrases to a person noun heading them all.
    let mut at = np;
    let mut best = None;
    for _ in 0..3 {
        // "people familiar with the talks said", "sources close to the mayor said"
        if at.a >= lo + 3
            && p.is_word(at.a - 1)
            && p.is_word(at.a - 2)
            && matches!(
                (p.low(at.a - 2), p.low(at.a - 1)),
                ("familiar", "with") | ("close", "to") | ("privy", "to") | ("briefed", "on")
            )
        {
            if let Some(outer) = np_back_simple(p, at.a - 3, lo) {
                if is_plural_speaker(p.low(outer.b)) || cues::is_speaker_noun(p.low(outer.b)) {
                    best = Some(outer);
                    at = outer;
                    continue;
                }
            }
        }
        if at.a < lo + 2
            || !p.is_word(at.a - 1)
            || !matches!(
                p.low(at.a - 1),
                "of" | "on" | "in" | "at" | "near" | "from" | "for" | "with"
            )
        {
            break;
        }
        let Some(outer) = np_back_simple(p, at.a - 2, lo) else {
            break;
        };
        let head = p.low(outer.b);
        if cues::is_speaker_noun(head) || cues::is_role_word(head) {
            best = Some(outer);
        }
        at = outer;
    }
    Some(best.unwrap_or(np))
}

/// A speaker phrase ending at token `j` with no prepositional phrase after its head.
fn np_back_simple(p: &Para, j: usize, lo: usize) -> Option<Np> {
    // "42% say", "only 7% said": a share.
    if j > lo
        && p.is_punct(j, '%')
        && p.is_word(j - 1)
        && p.low(j - 1).starts_with(|ch: char| ch.is_ascii_digit())
    {
        return Some(Np {
            a: with_quantity_adverb(p, j - 1, lo),
            b: j,
        });
    }
    if j < lo || !p.is_word(j) {
        return None;
    }
    let w = p.low(j);
    if cues::is_pronoun(w) {
        return Some(Np { a: j, b: j });
    }
    // "one in five say", "About 4 in 10 said": a proportion.
    if is_count(w)
        && j >= lo + 2
        && p.is_word(j - 1)
        && p.low(j - 1) == "in"
        && is_count(p.low(j - 2))
    {
        return Some(Np {
            a: with_quantity_adverb(p, j - 2, lo),
            b: j,
        });
    }
    if w == "which" && j > lo && separator(p, j - 1).is_some() {
        // "the study, which found that…": a relative pronoun set off by a comma or dash.
        return Some(Np { a: j, b: j });
    }
    if w.ends_with("’s") || w.ends_with("'s") {
        // "He’s claiming" is a pronoun; "Mr. King's show" a possessive.
        let base = &w[..w.len() - if w.ends_with("’s") { "’s".len() } else { 2 }];
        return cues::is_pronoun(base).then_some(Np { a: j, b: j });
    }
    let head_ok = (p.toks[j].cap && !cues::is_np_stop(w)) || cues::is_speaker_noun(w);
    // "The report said", "her statement argued": after a determiner a cue word is a
    // noun heading the speaker phrase.
    let noun_cue = j > lo
        && p.is_word(j - 1)
        && cues::is_determiner(p.low(j - 1))
        && !p.toks[j].cap
        && !w.ends_with("ing")
        && !w.ends_with("ed");
    if (cues::cue(w).is_some() && !noun_cue) || cues::is_np_stop(w) {
        return None;
    }
    if !head_ok {
        // "the announcer said", "a 34-year-old mother of three replied": a determiner
        // shortly before a lowercase head.
        let from = j.saturating_sub(6).max(lo);
        let Some(d) = (from..j)
            .rev()
            .find(|&t| p.is_word(t) && (cues::is_determiner(p.low(t)) || p.low(t) == "my"))
            .filter(|&d| (d + 1..j).all(|t| p.is_word(t)))
        else {
            return bare_plural(p, j, lo);
        };
        if (d + 1..j)
            .any(|t| !p.is_word(t) || cues::is_np_stop(p.low(t)) || cues::cue(p.low(t)).is_some())
        {
            return None;
        }
        return Some(Np { a: d, b: j });
    }
    let mut a = j;
    while a > lo && j - a < 9 {
        let t = a - 1;
        if t > lo && abbreviation_dot(p, t) {
            a = t - 1;
            continue;
        }
        if !p.is_word(t) {
            break;
        }
        let lw = p.low(t);
        let number = |w: &str| w.starts_with(|ch: char| ch.is_ascii_digit());
        let ok = if cues::is_determiner(lw) {
            true
        } else if lw == "of" {
            // "one of the attorneys", "president of the group"
            true
        } else if number(lw) {
            // "7 percent said", "46 percent of voters said"
            true
        } else if t + 1 < j && number(p.low(t + 1)) && (is_quantity_adverb(lw) || lw == "some") {
            // "only 7 percent said"
            true
        } else if cues::is_np_stop(lw) || cues::cue(lw).is_some() {
            false
        } else {
            p.toks[t].cap
                || cues::is_speaker_noun(lw)
                || cues::is_role_word(lw)
                || is_adjective_like(lw)
        };
        if !ok {
            break;
        }
        a = t;
    }
    while a < j && p.is_word(a) && p.low(a) == "of" {
        a += 1;
    }
    Some(Np { a, b: j })
}

/// "If the company fails, environmentalists worry that…": a lowercase plural noun with no
/// determiner (and up to two plain modifiers) opening its clause, at `lo` or after a comma.
fn bare_plural(p: &Para, j: usize, lo: usize) -> Option<Np> {
    let w = p.low(j);
    let plain = |lw: &str| {
        !cues::is_np_stop(lw)
            && !cues::is_aux(lw)
            && !cues::blocks_content(lw)
            && cues::cue(lw).is_none()
            && !is_time_word(lw)
    };
    if !w.ends_with('s')
        || w.ends_with("ss")
        || w.ends_with("ous")
        || w.ends_with("'s")
        || w.ends_with("’s")
        || !plain(w)
        || matches!(
            w,
            "perhaps" | "always" | "sometimes" | "thus" | "besides" | "nevertheless" | "nonetheless"
        )
        // "taxpayers reporting…": a participle after a bare noun modifies it.
        || (j + 1 < p.toks.len() && p.is_word(j + 1) && p.low(j + 1).ends_with("ing"))
    {
        return None;
    }
    let mut a = j;
    while a > lo && j - a < 3 && p.is_word(a - 1) && !p.toks[a - 1].cap && plain(p.low(a - 1)) {
        a -= 1;
    }
    (a == lo || p.is_punct(a - 1, ',')).then_some(Np { a, b: j })
}

fn is_adjective_like(w: &str) -> bool {
    w.ends_with("ian")
        || w.ends_with("can")
        || w.ends_with("ish")
        || w.ends_with("ese")
        || w.ends_with("ic")
        || w.ends_with("al")
        || w.ends_with("’s")
        || w.ends_with("'s")
        || w.ends_with("ed")
        || w.ends_with("ior")
        || w.ends_with("ing")
}

/// Looser speaker phrase for "“…,” a narrator in the ad asks": all words from `a` to `b`.
fn np_loose(p: &Para, a: usize, b: usize) -> Option<Np> {
    if b < a || b - a > 7 {
        return None;
    }
    let ok = (a..=b).all(|t| {
        p.is_word(t)
            || p.is_punct(t, '.')
            || p.is_punct(t, '(')
            || p.is_punct(t, ')')
            || p.is_punct(t, '-')
    }) && p.is_word(b)
        && !cues::is_np_stop(p.low(b));
    ok.then_some(Np { a, b })
}

/// A speaker phrase starting at token `i`: "Angela Stant", "the president", "he".
fn np_forward(p: &Para, i: usize, hi: usize) -> Option<Np> {
    let n = p.toks.len().min(hi);
    if i >= n || !p.is_word(i) {
        return None;
    }
    if cues::is_pronoun(p.low(i)) {
        return Some(Np { a: i, b: i });
    }
    let mut b = None;
    let mut t = i;
    while t < n && t - i < 9 {
        if t > i && abbreviation_dot(p, t) {
            t += 1;
            continue;
        }
        if !p.is_word(t) {
            break;
        }
        let lw = p.low(t);
        let cap = p.toks[t].cap;
        if (cap && !cues::is_np_stop(lw)) || cues::is_speaker_noun(lw) || cues::is_role_word(lw) {
            b = Some(t);
        } else if b.is_some() && (lw.ends_with("ed") || is_irregular_past(lw)) {
            // "European leaders gathered…", "the mayor sent…": a past-tense verb after the
            // head ends the phrase.
            break;
        } else if cues::is_determiner(lw) || lw == "of" || is_adjective_like(lw) {
        } else if !cues::is_np_stop(lw) && !cues::blocks_content(lw) && cues::cue(lw).is_none() {
            // a plain noun inside the phrase: "the port authority", "chief negotiator"
            b = Some(t);
        } else {
            break;
        }
        t += 1;
    }
    b.map(|b| Np { a: i, b })
}

/// The agent behind a document or record named as a source: "a memo (written) by the
/// mayor", "a post from the senator", "interviews with officials" → the mayor, the
/// senator, officials. `None` when `np` is not followed by such an agent (before `hi`).
fn source_behind_document(p: &Para, np: Np, hi: usize) -> Option<Np> {
    let mut t = np.b + 1;
    // an optional participle: "filed by", "provided by", "conducted with"
    if t < hi
        && p.is_word(t)
        && (p.low(t).ends_with("ed") || p.low(t).ends_with("en"))
        && !p.toks[t].cap
    {
        t += 1;
    }
    if t + 1 >= hi || !p.is_word(t) || !matches!(p.low(t), "by" | "from" | "with") {
        return None;
    }
    np_forward(p, t + 1, hi)
}

/// Skip the person object of "told reporters", "told the Post in an interview".
fn skip_object(p: &Para, mut k: usize, end: usize) -> usize {
    let start = k;
    while k < end && k - start < 6 && p.is_word(k) {
        let lw = p.low(k);
        if matches!(
            lw,
            "me" | "him"
                | "her"
                | "us"
                | "them"
                | "reporters"
                | "journalists"
                | "lawmakers"
                | "supporters"
                | "voters"
                | "the"
                | "a"
                | "an"
                | "his"
                | "their"
        ) || p.toks[k].cap && !cues::is_pronoun(lw)
            || cues::is_speaker_noun(lw)
        {
            k += 1;
        } else {
            break;
        }
    }
    // a quoted title as object: told “NBC Nightly News”
    if k == start && k < end && matches!(p.toks[k].kind, Kind::Mark { .. }) {
        if let Some(e) =
            (k + 1..end.min(k + 10)).find(|&t| matches!(p.toks[t].kind, Kind::Mark { .. }))
        {
            k = e + 1;
        }
    }
    k
}

/// End of a sentence's content: drops final punctuation and closing marks.
fn trim_end(p: &Para, ss: usize, se: usize) -> usize {
    let mut e = se;
    while e > ss
        && matches!(
            p.toks[e - 1].kind,
            Kind::Punct('.' | '!' | '?' | ';' | ':' | ',' | '\u{2026}')
        )
    {
        e -= 1;
    }
    e
}

/// Sentences as token ranges `[start, end)`. Quoted spans never contain a boundary.
fn sentences(p: &Para, spans: &[QSpan], in_span: &[u32]) -> Vec<(usize, usize)> {
    let n = p.toks.len();
    let mut out = Vec::new();
    let mut start = 0;
    let starts_sentence = |i: usize| -> bool {
        i >= n || {
            let t = &p.toks[i];
            match t.kind {
                Kind::Word => t.cap || p.raw(i).starts_with(|c: char| c.is_ascii_digit()),
                Kind::Mark { open, .. } => open,
                _ => false,
            }
        }
    };
    let mut i = 0;
    while i < n {
        let t = &p.toks[i];
        let mut boundary = false;
        if in_span[i] == u32::MAX {
            if let Kind::Punct('.' | '!' | '?' | '\u{2026}') = t.kind {
                let abbrev = t.kind == Kind::Punct('.')
                    && i > 0
                    && p.is_word(i - 1)
                    && (cues::is_abbreviation(p.low(i - 1)) || p.raw(i - 1).chars().count() == 1);
                // skip following closing marks and repeated punctuation
                let mut k = i + 1;
                while k < n && matches!(p.toks[k].kind, Kind::Punct('.' | '!' | '?')) {
                    k += 1;
                }
                if !abbrev && starts_sentence(k) {
                    boundary = true;
                    i = k - 1;
                }
            }
        } else {
            let s = &spans[in_span[i] as usize];
            if s.close == Some(i)
                && matches!(
                    p.toks[s.last].kind,
                    Kind::Punct('.' | '!' | '?' | '\u{2026}')
                )
            {
                let k = i + 1;
                if k >= n || starts_sentence(k) {
                    boundary = true;
                }
            }
        }
        if boundary {
            out.push((start, i + 1));
            start = i + 1;
        }
        i += 1;
    }
    if start < n {
        out.push((start, n));
    }
    out
}

/// The subject at the start of a sentence (after a lead-in adverbial and its comma),
/// for participles: "Trump attacked Clinton, saying, “…”".
fn sentence_subject(p: &Para, ss: usize, c: usize) -> Option<Np> {
    let ss = skip_dateline(p, ss, c);
    // "Chastened by the criticism, Trump revised…": an opening participle phrase is no
    // subject; nor is an opening adjunct ("This year, he…"), whose phrase ends at a comma.
    if let Some(np) = np_forward(p, ss, c) {
        let opening_participle = np.a == ss && {
            let w = p.low(ss);
            (w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing")))
                || (p.is_word(ss + 1) && p.low(ss + 1) == "by")
        };
        // "Shortly after the call ended, …", "Once he was president, …": an opening
        // adverb or subordinate clause is no subject either.
        let opening_clause = (np.a == np.b && p.low(np.a).ends_with("ly"))
            || (p.is_word(np.b + 1)
                && matches!(
                    p.low(np.b + 1),
                    "after"
                        | "before"
                        | "when"
                        | "while"
                        | "as"
                        | "since"
                        | "until"
                        | "later"
                        | "earlier"
                        | "ago"
                ))
            || (np.a == ss
                && matches!(
                    p.low(np.a),
                    "once" | "when" | "while" | "after" | "before" | "if" | "since" | "because"
                ));
        if p.is_word(np.a)
            && !opening_participle
            && !opening_clause
            && !cues::is_np_stop(p.low(np.a))
            && !cues::blocks_content(p.low(np.a))
        {
            // "Ms Ray, who led the talks, went on to say…": a subject with a relative
            // clause set off by a comma.
            let relative = p.is_punct(np.b + 1, ',')
                && np.b + 2 < c
                && p.is_word(np.b + 2)
                && matches!(p.low(np.b + 2), "who" | "whose");
            if !p.is_punct(np.b + 1, ',') || relative {
                return Some(np);
            }
        }
    }
    let comma = (ss..c.min(ss + 40)).find(|&t| p.is_punct(t, ','))?;
    np_forward(p, comma + 1, c)
}

/// The comma that closes an "as" clause whose cue ends at `cue_end` ("as the mayor
/// noted, …"): right after the cue, or after a short adjunct of at most
/// [`MAX_ADJUNCT_TOKENS`] words that starts with a preposition or a time word ("pointed
/// out with a telling side-by-side, …", "said on Monday, …"), with no quotation inside.
fn as_clause_comma(p: &Para, cue_end: usize, end: usize, in_span: &[u32]) -> Option<usize> {
    let k = cue_end + 1;
    if k >= end {
        return None;
    }
    if p.is_punct(k, ',') {
        return Some(k);
    }
    let w = p.is_word(k).then(|| p.low(k))?;
    let adjunct = is_time_word(w)
        || matches!(
            w,
            "in" | "on"
                | "at"
                | "with"
                | "during"
                | "after"
                | "before"
                | "last"
                | "earlier"
                | "recently"
                | "this"
                | "to"
                | "for"
                | "over"
                | "it"
        );
    if !adjunct {
        return None;
    }
    (k + 1..(k + 1 + MAX_ADJUNCT_TOKENS).min(end))
        .take_while(|&x| in_span[x] == u32::MAX && (p.is_word(x) || p.is_punct(x, ',')))
        .find(|&x| p.is_punct(x, ','))
}

fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "week"
            | "month"
            | "year"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "late"
            | "early"
            | "last"
    ) || (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
}

/// The subject of a clause whose verb starts at `j`: the words from the clause's start
/// (the sentence start `ss`, a comma or dash, or a conjunction) up to `j`, at most
/// [`MAX_CLAUSE_SUBJECT_TOKENS`], with no verb among them (no auxiliary, no cue, no
/// relative or subordinating word).
fn clause_subject(p: &Para, ss: usize, j: usize, in_span: &[u32]) -> Option<Np> {
    let mut a = j;
    while a > ss && j - a < MAX_CLAUSE_SUBJECT_TOKENS {
        let t = a - 1;
        if t > ss && abbreviation_dot(p, t) {
            a = t;
            continue;
        }
        if !p.is_word(t) || in_span[t] != u32::MAX {
            break;
        }
        if matches!(
            p.low(t),
            "and"
                | "but"
                | "or"
                | "while"
                | "whereas"
                | "although"
                | "though"
                | "because"
                | "as"
                | "since"
                | "so"
                | "yet"
        ) {
            break;
        }
        a = t;
    }
    if a == j || (j - a == MAX_CLAUSE_SUBJECT_TOKENS && a > ss && p.is_word(a - 1)) {
        return None;
    }
    let ok = (a..j).all(|t| {
        !p.is_word(t) || {
            let lw = p.low(t);
            cues::cue(lw).is_none()
                && !cues::is_aux(lw)
                && !matches!(
                    lw,
                    "that"
                        | "which"
                        | "who"
                        | "whom"
                        | "whose"
                        | "what"
                        | "when"
                        | "where"
                        | "if"
                        | "be"
                        | "been"
                        | "being"
                        | "to"
                        | "not"
                        | "than"
                        | "it"
                        | "there"
                )
        }
    }) && p.is_word(a)
        && p.is_word(j - 1)
        && !is_ly_adverb(p, j - 1)
        && !matches!(
            p.low(j - 1),
            "perhaps"
                | "always"
                | "sometimes"
                | "thus"
                | "besides"
                | "nevertheless"
                | "nonetheless"
        )
        && !matches!(
            p.low(a),
            "that" | "which" | "who" | "what" | "when" | "if" | "there" | "it" | "this"
        );
    ok.then_some(Np { a, b: j - 1 })
}

/// Longest subject [`clause_subject`] takes, in tokens.
const MAX_CLAUSE_SUBJECT_TOKENS: usize = 10;

/// The subject noun phrase before the cue at `c` (no earlier than `ss`), and where the
/// words between it and the cue start: back over auxiliaries, "-ly" adverbs and
/// negations ("has not yet said"), with `passive` also over "been"/"be" ("has been
/// criticized"), then over a time adjunct ([`skip_time_adjunct`]). `None` when a
/// sentence start, punctuation or a word that ends noun phrases stands there.
fn subject_before(p: &Para, ss: usize, c: usize, passive: bool) -> Option<(usize, Np)> {
    let mut j = c;
    while j > ss
        && p.is_word(j - 1)
        && (cues::is_aux(p.low(j - 1))
            || is_ly_adverb(p, j - 1)
            || matches!(p.low(j - 1), "not" | "never" | "n't")
            || (passive && matches!(p.low(j - 1), "been" | "be")))
    {
        j -= 1;
    }
    let j = skip_time_adjunct(p, ss, j);
    if j == ss || !p.is_word(j - 1) || cues::is_np_stop(p.low(j - 1)) {
        return None;
    }
    Some((j, np_back(p, j - 1, ss)?))
}

/// The start of the words before the cue at `j` once a time adjunct between subject and
/// cue is skipped ("prosecutors in April charged", "Ms. Lee on Monday said", "Priebus
/// later Thursday told", "Sanders during a rally Sunday thanked"); `j` if there is none.
fn skip_time_adjunct(p: &Para, ss: usize, j: usize) -> usize {
    let mut t = j;
    while t > ss && j - t < 4 && p.is_word(t - 1) && is_time_word(p.low(t - 1)) {
        t -= 1;
    }
    if t == j || t == ss {
        return j;
    }
    if !p.is_word(t - 1) {
        // "Trump, whose views…, last year proposed": the adjunct follows a comma
        return if p.is_punct(t - 1, ',') { t } else { j };
    }
    match p.low(t - 1) {
        "in" | "on" | "last" | "this" | "early" | "late" | "later" | "earlier" | "during" => t - 1,
        // "Clinton Monday said": a bare weekday after a name
        _ if p.toks[t - 1].cap || cues::is_pronoun(p.low(t - 1)) => t,
        _ => j,
    }
}

/// "Ms Ray in the past has argued", "the report for the first time cited", "Okafor
/// earlier in the day touted": a prepositional time phrase between a subject and its
/// verb at `j` is skipped; returns the start of the phrase, or `j` when there is none.
fn skip_time_pp(p: &Para, ss: usize, j: usize) -> usize {
    let time_noun = |w: &str| {
        matches!(
            w,
            "past"
                | "time"
                | "times"
                | "day"
                | "days"
                | "moment"
                | "meantime"
                | "interim"
                | "weekend"
                | "week"
                | "weeks"
                | "month"
                | "months"
                | "year"
                | "years"
                | "end"
        )
    };
    if j <= ss + 2 || !p.is_word(j - 1) || !time_noun(p.low(j - 1)) {
        return j;
    }
    let mut t = j - 1;
    while t > ss
        && j - t < 5
        && p.is_word(t - 1)
        && (time_noun(p.low(t - 1))
            || matches!(
                p.low(t - 1),
                "the" | "a" | "recent" | "first" | "same" | "this" | "that" | "few" | "last"
            ))
    {
        t -= 1;
    }
    if t <= ss + 1 || t + 1 == j && !p.is_word(t - 1) {
        return j;
    }
    if !(p.is_word(t - 1) && matches!(p.low(t - 1), "in" | "at" | "for" | "over" | "during")) {
        return j;
    }
    let mut t = t - 1;
    if t > ss + 1 && p.is_word(t - 1) && matches!(p.low(t - 1), "earlier" | "later") {
        t -= 1;
    }
    // The phrase must follow a subject word (or a comma closing one).
    if t > ss && (p.is_word(t - 1) || p.is_punct(t - 1, ',') || p.is_punct(t - 1, ')')) {
        t
    } else {
        j
    }
}

/// Common irregular past-tense verbs, which end a noun phrase like an -ed form does.
fn is_irregular_past(w: &str) -> bool {
    matches!(
        w,
        "sent"
            | "made"
            | "gave"
            | "took"
            | "met"
            | "paid"
            | "left"
            | "held"
            | "won"
            | "lost"
            | "ran"
            | "saw"
            | "went"
            | "came"
            | "got"
            | "kept"
            | "brought"
            | "bought"
            | "began"
            | "led"
            | "spent"
            | "spoke"
            | "knew"
            | "chose"
            | "drew"
            | "felt"
            | "heard"
            | "meant"
            | "rose"
            | "sold"
            | "stood"
            | "struck"
            | "threw"
            | "wore"
            | "became"
            | "fought"
            | "sought"
            | "taught"
            | "caught"
    )
}

/// Verbs of impression ("seems", "appeared"): what they report has no named holder.
fn is_impression(w: &str) -> bool {
    matches!(
        w,
        "seem" | "seems" | "seemed" | "appear" | "appears" | "appeared"
    )
}

/// "He seemed to suggest that…": an impression verb followed by "to" and a cue, which
/// reports its subject's own words.
fn seems_to_say(p: &Para, c: usize, end: usize) -> bool {
    c + 2 < end
        && p.is_word(c + 1)
        && p.low(c + 1) == "to"
        && p.is_word(c + 2)
        && (cues::cue(p.low(c + 2)).is_some() || learned::CueModel::shipped().is_cue(p.low(c + 2)))
}

/// "known as", "known for": a name or repute held by no one named.
fn known_as(p: &Para, c: usize, end: usize) -> bool {
    p.low(c) == "known" && c + 1 < end && p.is_word(c + 1) && matches!(p.low(c + 1), "as" | "for")
}

/// A message that can be sent or issued ("an email", "a statement", "a video").
fn is_message_noun(w: &str) -> bool {
    matches!(
        w,
        "statement"
            | "statements"
            | "email"
            | "emails"
            | "ad"
            | "ads"
            | "release"
            | "letter"
            | "memo"
            | "video"
            | "tweet"
            | "tweets"
            | "post"
            | "message"
            | "note"
            | "cover"
            | "op-ed"
    )
}

/// Is the word at `t` an adverb in -ly ("firmly", "also publicly")? Capitalised words
/// are names ("Kelly", "Schlafly", "Italy").
fn is_ly_adverb(p: &Para, t: usize) -> bool {
    p.low(t).ends_with("ly") && !p.toks[t].cap
}

/// "said the port would close, and urged calm": at `x`, "and" (or a comma and "and")
/// opens a second verb phrase of the same subject whose verb is a finite cue; the
/// content before it ends there and the cue reports one of its own.
fn coordinated_cue_at(p: &Para, x: usize, end: usize, in_span: &[u32]) -> bool {
    let conj = |t: usize| t < end && p.is_word(t) && matches!(p.low(t), "and" | "but");
    let mut v = if conj(x) {
        x + 1
    } else if p.is_punct(x, ',') && conj(x + 1) {
        x + 2
    } else {
        return false;
    };
    // "but did note", "and also urged"
    while v < end
        && p.is_word(v)
        && (cues::is_aux(p.low(v)) || is_ly_adverb(p, v) || matches!(p.low(v), "not" | "n't"))
    {
        v += 1;
    }
    if v + 1 >= end || !p.is_word(v) || in_span[v] != u32::MAX || p.toks[v].cap {
        return false;
    }
    let w = p.low(v);
    let lexicon = cues::cue(w).is_some_and(|c| c.clause);
    ((w.ends_with("ed") || w.ends_with('s') || matches!(w, "said" | "told" | "wrote" | "note"))
        && (lexicon || learned::CueModel::shipped().is_cue(w)))
        // "saying A but suggesting B"
        || (w.ends_with("ing") && lexicon)
}

/// "…, which the agency said was unlawful", "…, who has vowed to…": at `x`, a comma
/// and a relative pronoun opening a non-restrictive clause with a cue of its own in its
/// first words; the clause is an attribution of its own, not part of the content.
fn relative_attribution_at(p: &Para, x: usize, end: usize, in_span: &[u32]) -> bool {
    if !p.is_punct(x, ',')
        || x + 2 >= end
        || !p.is_word(x + 1)
        || !matches!(p.low(x + 1), "which" | "who" | "whom")
    {
        return false;
    }
    let learned = learned::CueModel::shipped();
    (x + 2..(x + 8).min(end)).any(|y| {
        p.is_word(y)
            && in_span[y] == u32::MAX
            && !p.toks[y].cap
            && (cues::cue(p.low(y)).is_some_and(|c| c.clause) || learned.is_cue(p.low(y)))
    })
}

/// ", even suggesting…", ", contradicting…": at `y` (after a comma), optional adverbs
/// and a participle that is a cue (of the lexicon, or learned), opening an attribution
/// of its own.
fn participle_cue_at(p: &Para, y: usize, end: usize) -> bool {
    let mut v = y;
    while v < end
        && v < y + 2
        && p.is_word(v)
        && (is_ly_adverb(p, v) || matches!(p.low(v), "even" | "also" | "again" | "further"))
    {
        v += 1;
    }
    v < end && p.is_word(v) && !p.toks[v].cap && {
        let w = p.low(v);
        w.ends_with("ing")
            && (cues::cue(w).is_some_and(|c| c.clause) || learned::CueModel::shipped().is_cue(w))
    }
}

/// A plural noun that heads a speaker phrase: "officials", "voters", "people".
fn is_plural_speaker(w: &str) -> bool {
    w == "people" || (w.ends_with('s') && cues::is_speaker_noun(w))
}

/// Most tokens from "in" to the head of a poll ("in the latest CNN/ORC poll"), and from
/// there to the comma that closes an opening phrase.
const MAX_SURVEY_TOKENS: usize = 12;

/// The head of a noun phrase naming a poll or survey.
fn is_survey_head(w: &str) -> bool {
    matches!(w, "poll" | "polls" | "survey" | "surveys" | "polling")
}

/// Most tokens of an adjunct fronted in a "that" clause ("that at one of his first
/// meetings, in 1972, he…"), up to the comma that closes it.
const MAX_FRONTED_TOKENS: usize = 16;

/// A preposition or subordinator that can open an adjunct fronted before a clause's
/// subject ("in 1972, he…", "if elected, she…").
fn is_fronting(w: &str) -> bool {
    matches!(
        w,
        "at" | "in"
            | "on"
            | "during"
            | "after"
            | "before"
            | "since"
            | "when"
            | "if"
            | "once"
            | "until"
            | "unless"
            | "while"
            | "although"
            | "though"
            | "because"
            | "despite"
            | "under"
            | "with"
            | "without"
            | "for"
            | "by"
            | "unlike"
            | "like"
            | "amid"
            | "following"
            | "as"
            | "over"
            | "within"
    )
}

/// A subordinator opening an adverbial clause that can carry an attribution of its own
/// ("…, as critics warn that…", "… when she told reporters…").
fn is_clause_subordinator(w: &str) -> bool {
    matches!(
        w,
        "as" | "when" | "while" | "after" | "because" | "since" | "before"
    )
}

/// Does a new attributed clause start at `y`: a personal pronoun or a short capitalised
/// name, optional auxiliaries and adverbs, then a cue verb ("he urged", "Ms Ray noted")?
fn clause_attribution_at(p: &Para, y: usize, end: usize, in_span: &[u32]) -> bool {
    if !p.is_word(y) || in_span[y] != u32::MAX {
        return false;
    }
    let mut j = if matches!(p.low(y), "he" | "she" | "they" | "we" | "i") {
        y + 1
    } else if p.toks[y].cap && !cues::is_determiner(p.low(y)) {
        let mut j = y;
        while j < end && j < y + 3 && p.is_word(j) && p.toks[j].cap {
            j += 1;
        }
        j
    } else if matches!(p.low(y), "the" | "a" | "an") {
        // "…, the union called…": a short noun phrase whose head is a speaker.
        let mut j = y + 1;
        while j < end && j < y + 4 && p.is_word(j) && cues::cue(p.low(j)).is_none() {
            j += 1;
        }
        let h = p.low(j - 1);
        if j == y + 1
            || !(cues::is_speaker_noun(h)
                || cues::is_role_word(h)
                || cues::is_org_word(h)
                || cues::is_org_head(h))
        {
            return false;
        }
        j
    } else if !p.toks[y].cap
        && !cues::is_determiner(p.low(y))
        && (y..(y + 3).min(end))
            .any(|t| p.is_word(t) && !p.toks[t].cap && is_plural_speaker(p.low(t)))
        && (y..(y + 3).min(end)).all(|t| {
            !p.is_word(t)
                || !(cues::cue(p.low(t)).is_some() || cues::is_aux(p.low(t)))
                || cues::is_speaker_noun(p.low(t))
        })
    {
        // "…, and people familiar with her thinking say…", "… but senior officials
        // warned…": a bare plural speaker noun (with its modifiers and a short
        // "familiar with X" or "close to X") as a new subject.
        let mut j = (y..(y + 3).min(end))
            .find(|&t| p.is_word(t) && is_plural_speaker(p.low(t)))
            .map_or(y, |t| t + 1);
        if j + 1 < end
            && p.is_word(j)
            && p.is_word(j + 1)
            && matches!(
                (p.low(j), p.low(j + 1)),
                ("familiar", "with") | ("close", "to") | ("privy", "to") | ("briefed", "on")
            )
        {
            let mut t = j + 2;
            while t < end && t < j + 7 && p.is_word(t) && !cues::is_aux(p.low(t)) {
                if cues::cue(p.low(t)).is_some_and(|c| c.clause) && !cues::is_speaker_noun(p.low(t))
                {
                    break;
                }
                t += 1;
            }
            j = t;
        }
        j
    } else if matches!(
        p.low(y),
        "others" | "another" | "some" | "many" | "most" | "few" | "critics" | "both"
    ) || (p.low(y) == "more" && p.is_word(y + 1) && p.low(y + 1) == "than")
        // "…, 27 percent of voters said…", "… and one in four said…"
        || ((is_count(p.low(y)) || p.low(y) == "half")
            && (p.is_punct(y + 1, '%')
                || (p.is_word(y + 1) && matches!(p.low(y + 1), "percent" | "in" | "of"))))
    {
        // "…, and others have said…", "…, and more than 4 in 10 said…": a quantifier
        // (with its "of the voters", "in 10") as a new subject.
        let mut j = y + 1;
        while j < end
            && j < y + 6
            && p.is_word(j)
            && cues::cue(p.low(j)).is_none()
            && !cues::is_aux(p.low(j))
            && !matches!(p.low(j), "that" | "who" | "which" | "and" | "but")
        {
            j += 1;
        }
        j
    } else {
        return false;
    };
    while j < end
        && p.is_word(j)
        && (cues::is_aux(p.low(j))
            || is_ly_adverb(p, j)
            || matches!(p.low(j), "not" | "never" | "n't" | "also"))
    {
        j += 1;
    }
    j < end
        && p.is_word(j)
        && in_span[j] == u32::MAX
        && is_verb_like(p, j)
        && (cues::cue(p.low(j)).is_some_and(|c| c.clause)
            || learned::CueModel::shipped().is_cue(p.low(j)))
}

/// "…, top port officials said": a speaker phrase whose head `np` is found is widened
/// back over up to three plain lowercase modifiers ("top", "port") when that reaches a
/// comma or closing mark, so the attribution is seen to follow its content.
fn widen_to_comma(p: &Para, ss: usize, np: Np) -> Np {
    let head = p.low(np.a);
    let coordinated =
        np.a > ss + 1 && p.is_word(np.a - 1) && matches!(p.low(np.a - 1), "and" | "or");
    if cues::is_pronoun(head) || (cues::is_determiner(head) && !coordinated) {
        return np;
    }
    let mut a = np.a;
    while a > ss + 1 && np.a - a < 4 && p.is_word(a - 1) {
        let lw = p.low(a - 1);
        if matches!(lw, "and" | "or") && a - 1 > ss && p.is_word(a - 2) {
            // "current and former officials", "state and local officials"
            a -= 1;
            continue;
        }
        if cues::is_determiner(lw) {
            // "the", "top": the phrase starts here, unless coordinated ("current and former").
            a -= 1;
            if !(a > ss + 1 && p.is_word(a - 1) && matches!(p.low(a - 1), "and" | "or")) {
                break;
            }
            continue;
        }
        if p.toks[a - 1].cap
            && !p.toks[np.b].cap
            && !cues::is_np_stop(lw)
            && cues::cue(lw).is_none()
            && !cues::is_pronoun(lw)
        {
            // "…, a Cairo airport official said": a name modifying a lowercase head.
            a -= 1;
            continue;
        }
        if p.toks[a - 1].cap
            || lw.ends_with("ed")
            || lw.ends_with("ing")
            || (lw.ends_with('s') && !lw.ends_with("ss"))
            || cues::is_np_stop(lw)
            || cues::is_aux(lw)
            || cues::blocks_content(lw)
            || cues::cue(lw).is_some()
        {
            break;
        }
        a -= 1;
    }
    if a < np.a && (p.is_punct(a - 1, ',') || is_close_mark(p, a - 1)) {
        Np { a, b: np.b }
    } else {
        np
    }
}

/// Longest adjunct, in tokens, after an inverted cue before the content goes on
/// ("A, the agency said in a June report, and B").
const MAX_ADJUNCT_TOKENS: usize = 6;

/// Longest appositive, in tokens, between a sentence-initial name and its cue.
const MAX_APPOSITIVE_TOKENS: usize = 30;

/// A comma (`Some(',')`) or a dash (`Some('-')`: "-", "--", "—", "–") at token `t`.
fn separator(p: &Para, t: usize) -> Option<char> {
    if p.is_word(t) {
        return None;
    }
    let raw = p.raw(t);
    if raw == "," {
        Some(',')
    } else if !raw.is_empty()
        && raw
            .chars()
            .all(|ch| matches!(ch, '-' | '\u{2014}' | '\u{2013}'))
    {
        Some('-')
    } else {
        None
    }
}

/// "Dr. Ada Okafor, who as a captain was the harbour physician, said…", "Okafor --
/// co-editor of a book about the port -- said…": the cue at `c` follows a comma or dash
/// closing an appositive opened by the same mark right after a name opening the
/// sentence at `ss`; the name is the speaker.
fn appositive_subject(p: &Para, ss: usize, c: usize, in_span: &[u32]) -> Option<Np> {
    let close = separator(p, c.checked_sub(1)?)?;
    let start = skip_dateline(p, ss, c);
    let np = np_forward(p, start, c)?;
    let open = np.b + 1;
    if !p.toks[np.b].cap
        || open + 2 >= c
        || c - open > MAX_APPOSITIVE_TOKENS
        || separator(p, open) != Some(close)
        || (np.a..c).any(|t| in_span[t] != u32::MAX || p.is_punct(t, ';') || p.is_punct(t, ':'))
    {
        return None;
    }
    Some(np)
}

/// Skip a dateline opening the sentence at `ss` ("BRUSSELS - ", "WASHINGTON (AP) — "):
/// words in capitals (commas and a parenthesis allowed) up to a dash; `ss` if none.
fn skip_dateline(p: &Para, ss: usize, c: usize) -> usize {
    // "ORLANDO, Fla. (Reuters) - …": a shouted place, its state and an agency.
    if p.is_word(ss) && {
        let raw = p.raw(ss);
        raw.chars().filter(|ch| ch.is_alphabetic()).count() >= 3
            && raw.chars().all(|ch| !ch.is_lowercase())
    } {
        if let Some(d) = (ss + 1..c.min(ss + 12))
            .find(|&t| p.is_punct(t, '-') || p.is_punct(t, '\u{2014}') || p.is_punct(t, '\u{2013}'))
        {
            if (ss..d).all(|t| {
                p.is_word(t) && (p.toks[t].cap || p.raw(t).chars().all(|ch| !ch.is_lowercase()))
                    || p.is_punct(t, ',')
                    || p.is_punct(t, '.')
                    || p.is_punct(t, '(')
                    || p.is_punct(t, ')')
            }) {
                return d + 1;
            }
        }
    }
    let mut t = ss;
    let mut caps = 0;
    while t < c.min(ss + 8) {
        if p.is_word(t) {
            let raw = p.raw(t);
            if raw.chars().any(|ch| ch.is_lowercase()) {
                return ss;
            }
            caps += usize::from(raw.chars().filter(|ch| ch.is_alphabetic()).count() >= 2);
        } else if p.is_punct(t, '-') || p.is_punct(t, '\u{2014}') || p.is_punct(t, '\u{2013}') {
            return if caps > 0 { t + 1 } else { ss };
        } else if !(p.is_punct(t, ',') || p.is_punct(t, '(') || p.is_punct(t, ')')) {
            return ss;
        }
        t += 1;
    }
    ss
}

/// The cue of a trailing inverted attribution closing the sentence `[ss, se)`:
/// "…, a source said [on Friday]." — a comma, a short speaker phrase, a reporting verb
/// among the last few words.
fn trailing_cue(p: &Para, ss: usize, se: usize, in_span: &[u32]) -> Option<usize> {
    let end = trim_end(p, ss, se);
    let reporting = |t: usize| {
        p.is_word(t)
            && in_span[t] == u32::MAX
            && matches!(
                p.low(t),
                "said" | "says" | "added" | "adds" | "noted" | "wrote" | "writes" | "explained"
            )
    };
    // "…, officials said." or "…, officials said, before…" (the rest is a second fragment)
    // but not "On Monday, Zucker said Trump would win.": the cue's own clause follows it.
    let t = (end.saturating_sub(4).max(ss + 2)..end)
        .find(|&t| reporting(t) && !clause_follows(p, t + 1, end))
        .or_else(|| {
            (end.saturating_sub(16).max(ss + 2)..end.saturating_sub(4))
                .find(|&t| reporting(t) && p.is_punct(t + 1, ','))
        })
        .or_else(|| {
            // "…, an airport official told The New York Times."
            (end.saturating_sub(7).max(ss + 2)..end.saturating_sub(1))
                .find(|&t| in_span[t] == u32::MAX && told_object_closes(p, t, end, in_span))
        })?;
    // "…, a source said" / "…, the senator from Ohio said": words back to a comma.
    let comma = (t.saturating_sub(8).max(ss + 1)..t)
        .rev()
        .find(|&k| !p.is_word(k))?;
    (p.is_punct(comma, ',') && comma + 1 < t && in_span[comma] == u32::MAX).then_some(t)
}

/// The start of a count at `a` widened over an adverb of quantity before it ("only 7%",
/// "about one in five").
fn with_quantity_adverb(p: &Para, a: usize, lo: usize) -> usize {
    if a > lo && p.is_word(a - 1) && is_quantity_adverb(p.low(a - 1)) {
        a - 1
    } else {
        a
    }
}

/// An adverb that bounds a count: "only 7 percent", "about one in five".
fn is_quantity_adverb(w: &str) -> bool {
    matches!(
        w,
        "about" | "nearly" | "almost" | "roughly" | "only" | "just"
    )
}

/// A number, in digits or a word from one to ten ("27", "4", "five"): the count of a
/// group that speaks ("27 percent", "one in five").
fn is_count(w: &str) -> bool {
    w.starts_with(|ch: char| ch.is_ascii_digit())
        || matches!(
            w,
            "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
        )
}

/// An auxiliary or modal verb that makes a finite clause ("is", "will", "had").
pub(crate) fn is_finite_aux(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "will"
            | "would"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "must"
            | "has"
            | "have"
            | "had"
            | "did"
            | "does"
    )
}

/// Most tokens of the description before a name in "DESCRIPTION, NAME, said".
const MAX_DESCRIPTION_TOKENS: usize = 14;

/// "One of the authors of that 2013 report, Ari Fleischer, said…": a name set off by
/// commas right before the cue `c`, after a description that opens the sentence (a
/// determiner or capitalised word first, no verb, cue or preposition opening it). The
/// subject is the description with the name.
fn described_name_subject(p: &Para, ss: usize, c: usize, in_span: &[u32]) -> Option<Np> {
    if c < ss + 5 || !p.is_punct(c - 1, ',') {
        return None;
    }
    // the name: capitalised words (and initials' dots) back to a comma
    let b = c - 2;
    let mut a = b;
    while a > ss && b - a < 4 && (p.is_word(a - 1) && p.toks[a - 1].cap || p.is_punct(a - 1, '.')) {
        a -= 1;
    }
    if !p.is_word(a) || !p.toks[a].cap || !p.is_word(b) || !p.toks[b].cap {
        return None;
    }
    let comma = a.checked_sub(1)?;
    let start = skip_dateline(p, ss, comma);
    if !p.is_punct(comma, ',') || comma < start + 2 || comma - start > MAX_DESCRIPTION_TOKENS {
        return None;
    }
    let first = p.low(start);
    let opens = p.is_word(start)
        && (p.toks[start].cap || cues::is_determiner(first))
        && !cues::blocks_content(first)
        && !cues::is_pronoun(first)
        && !matches!(
            first,
            "if" | "although" | "though" | "because" | "since" | "as"
        );
    let plain = (start..c).all(|t| {
        in_span[t] == u32::MAX
            && (!p.is_word(t) || {
                let w = p.low(t);
                // a cue word only as a noun after a determiner: "of the report"
                (cues::cue(w).is_none()
                    || (t > start
                        && p.is_word(t - 1)
                        && (cues::is_determiner(p.low(t - 1))
                            || p.low(t - 1).chars().any(|ch| ch.is_ascii_digit()))))
                    && !is_finite_aux(w)
                    && !matches!(w, "who" | "which")
                    // "that" only as a determiner: "of that 2013 report"
                    && (w != "that"
                        || (t > start && p.is_word(t - 1) && cues::blocks_content(p.low(t - 1))))
            })
            && !p.is_punct(t, ';')
            && !p.is_punct(t, ':')
    });
    // the description has a lowercase word (a role, not a place: "Des Moines, Iowa,")
    let described = (start..comma).any(|t| p.is_word(t) && !p.toks[t].cap);
    (opens && plain && described).then_some(Np { a: start, b })
}

/// Do the few words `[a, end)` after a cue read as its reported clause ("said Trump
/// would win", "said he won", "said that…") rather than as a trailing adjunct or an
/// inverted speaker ("said on Friday", "said Mr. Smith")?
fn clause_follows(p: &Para, a: usize, end: usize) -> bool {
    a < end
        && p.is_word(a)
        && (matches!(p.low(a), "that" | "he" | "she" | "they" | "we" | "i" | "it")
            || (a + 1..end).any(|t| p.is_word(t) && is_finite_aux(p.low(t))))
}

/// "told reporters.", "tells The New York Times.": at `c` "told" or "tells" whose
/// object closes the sentence at `end` (plain words, no cue, auxiliary or "that").
fn told_object_closes(p: &Para, c: usize, end: usize, in_span: &[u32]) -> bool {
    p.is_word(c)
        && matches!(p.low(c), "told" | "tells")
        && (c + 1..end).all(|x| {
            p.is_word(x)
                && in_span[x] == u32::MAX
                && cues::cue(p.low(x)).is_none()
                && !cues::is_aux(p.low(x))
                && p.low(x) != "that"
        })
}

/// A passive participle and the word after it that report a view or charge held by
/// others: "expected to", "seen as", "known for", "charged with", "criticized for".
fn impersonal_passive_cue(w: &str, next: &str) -> bool {
    matches!(
        (w, next),
        ("expected", "to")
            | (
                "seen" | "viewed" | "regarded" | "known" | "described" | "dubbed",
                "as"
            )
            | ("known" | "criticized" | "criticised" | "praised", "for")
            | ("charged", "with")
            | ("accused", "of")
            | ("said", "to")
            | ("considered" | "deemed", _)
    )
}

/// "CONTENT, according to SOURCE.": a closing "according to" whose source runs to the
/// end of the sentence governs all of it, cues inside the content included ("The city
/// is weighing new tolls, according to two officials.").
fn trailing_according(p: &Para, ss: usize, se: usize, in_span: &[u32]) -> Option<usize> {
    let end = trim_end(p, ss, se);
    let t = (end.saturating_sub(16).max(ss + 3)..end.saturating_sub(2)).find(|&t| {
        p.is_word(t)
            && in_span[t] == u32::MAX
            && p.low(t) == "according"
            && p.is_word(t + 1)
            && p.low(t + 1) == "to"
            && p.is_punct(t - 1, ',')
    })?;
    // the source and its modifiers reach the end: no second clause after it
    (t + 2..end)
        .all(|x| in_span[x] == u32::MAX && !p.is_punct(x, ';'))
        .then_some(t)
}

/// "Graham: Trump's Rhetoric Destroying GOP's Chance." — a headline whose first one to
/// three capitalised words, before a colon, name the source of what follows. Returns the
/// colon's token. Section labels ("The Latest:", "Breaking:", "Update:"), dates, numbers,
/// possessives and questions are not sources.
fn headline_label(p: &Para) -> Option<usize> {
    let colon = (1..p.toks.len().min(8)).find(|&t| p.is_punct(t, ':'))?;
    let mut words = 0;
    for t in 0..colon {
        if p.is_punct(t, '.') && t > 0 && cues::is_abbreviation(p.low(t - 1)) {
            continue;
        }
        let w = p.low(t);
        if !p.is_word(t)
            || !p.toks[t].cap
            || w.chars().any(|c| c.is_ascii_digit())
            || w.ends_with("’s")
            || w.ends_with("'s")
        {
            return None;
        }
        words += 1;
    }
    let first = p.low(0);
    let raw = p.raw(0);
    let shouted = colon == 1
        && raw
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase());
    if words == 0
        || words > 3
        || shouted
        || cues::is_determiner(first)
        || cues::is_pronoun(first)
        || (0..colon).any(|t| {
            matches!(
                p.low(t),
                "latest"
                    | "update"
                    | "updates"
                    | "revealed"
                    | "breaking"
                    | "exclusive"
                    | "watch"
                    | "look"
                    | "video"
                    | "photos"
                    | "live"
                    | "analysis"
                    | "opinion"
                    | "review"
                    | "editorial"
                    | "notice"
                    | "byline"
                    | "daily"
                    | "podcast"
                    | "nerdcast"
                    | "correction"
                    | "timeline"
                    | "explainer"
                    | "quiz"
                    | "report"
                    | "episode"
                    | "part"
                    | "chapter"
            )
        })
    {
        return None;
    }
    let n = p.toks.len();
    let content_words = (colon + 1..n).filter(|&t| p.is_word(t)).count();
    let question = (colon + 1..n).any(|t| p.is_punct(t, '?'));
    (content_words >= 4 && !question).then_some(colon)
}

/// "PENCE: Well, look…" — a transcript line opened by a speaker label in capitals.
fn speaker_label(p: &Para) -> Option<(usize, usize)> {
    let mut i = 0;
    if matches!(p.toks.first()?.kind, Kind::Mark { .. }) {
        i = 1;
    }
    let raw = p.toks.get(i).map(|_| p.raw(i))?;
    let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
    let label = p.is_word(i)
        && letters >= 2
        && raw.chars().all(|c| !c.is_lowercase())
        && p.is_punct(i + 1, ':')
        && !matches!(
            p.low(i),
            "byline"
                | "correction"
                | "clarification"
                | "update"
                | "updated"
                | "note"
                | "boom"
                | "breaking"
                | "watch"
                | "read"
                | "related"
                | "source"
                | "sources"
                | "credit"
                | "photo"
                | "photos"
                | "video"
                | "editor"
                | "reads"
                | "exclusive"
                | "analysis"
                | "opinion"
                | "poll"
                | "live"
                | "listen"
                | "see"
                | "more"
                | "also"
                | "ps"
        );
    let words = (i + 2..p.toks.len()).filter(|&t| p.is_word(t)).count();
    (label && words >= 4).then_some((i, i + 2))
}

/// A word without a contracted "’s" ("he’s" → "he").
fn strip_s(w: &str) -> &str {
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w)
}

/// Words that open a clause set off by commas between a name and its cue ("X, who …,
/// said"; "X, in a statement on …, said"): relative pronouns, and prepositions and
/// conjunctions of place and time.
fn opens_clause(word: &str) -> bool {
    matches!(
        word,
        "who"
            | "whose"
            | "which"
            | "in"
            | "during"
            | "at"
            | "on"
            | "from"
            | "after"
            | "before"
            | "while"
            | "when"
    )
}
