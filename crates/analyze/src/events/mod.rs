//! Meetings, talks, sessions, conferences, summits and discussions: what, where, when
//! and who took part.
//!
//! [`find_events`] reads sentence by sentence. An event noun ("talks", "meeting",
//! "session"…) starts or continues an event when its sentence anchors it: a time
//! expression ("Monday’s talks", "on Wednesday"), a place right by it ("talks in
//! Geneva"), or named partners ("a meeting with Ukraine’s Deputy Prime Minister …").
//! A definite noun without an anchor ("the talks", "at the session") refers back to
//! the latest event of the last few sentences and adds the people of its sentence as
//! participants. Indefinite unanchored nouns ("further talks") are not events.
//! Anchored mentions with the same date and compatible places and participants are
//! merged, so an event reported several times comes out once.
//!
//! Dates resolve against the publication date, choosing the previous or next weekday
//! by the tense of the sentence ("Monday’s talks" → past; "will … on Wednesday" →
//! future). Linear in the text length: sentences longer than `MAX_SENTENCE_TOKENS`
//! (400) tokens are skipped, a new mention is compared with the latest
//! `MERGE_WINDOW` (64) events only, and back-references reach `ANAPHOR_WINDOW` (4)
//! sentences.

pub(crate) mod dates;

use std::collections::HashMap;

use crate::entities::text::{Doc, Kind};
use crate::entities::Entities;
use crate::model::{Event, Mention, When};
use dates::{Tense, TimeExpr};

/// How many sentences back a definite mention ("the talks") may refer.
const ANAPHOR_WINDOW: usize = 4;
/// Greatest token distance between an event noun and its place ("talks in Geneva").
const PLACE_WINDOW: usize = 8;
/// Greatest token distance between an event noun and its time expression.
const TIME_WINDOW: usize = 10;
/// Sentences longer than this many tokens (run-ons, unpunctuated dumps) are skipped:
/// their words are too far apart to tie an event to a time, place or person, and the
/// skip keeps the per-sentence work bounded.
const MAX_SENTENCE_TOKENS: usize = 400;
/// How many of the latest events a new mention is compared with for merging.
const MERGE_WINDOW: usize = 64;

/// Event nouns and their family: talks-like (0) or meeting-like (1).
fn event_noun(w: &str) -> Option<u8> {
    // Sentence-initial "Talks" counts; other capitalised forms are names ("Summit Road").
    let lower;
    let w = match w.strip_prefix(|c: char| c.is_ascii_uppercase()) {
        Some(rest) if rest.chars().all(|c| c.is_ascii_lowercase()) => {
            lower = w.to_ascii_lowercase();
            lower.as_str()
        }
        _ => w,
    };
    match w {
        "talks" | "discussions" | "negotiations" | "consultations" | "round" => Some(0),
        "meeting" | "meetings" | "session" | "summit" | "conference" | "summits" | "met"
        | "meet" | "meets" | "sessions" | "conferences" => Some(1),
        _ => None,
    }
}

/// Whether the word at `k` marks its sentence as about the future: "will", "shall",
/// "would" (reported future), "upcoming", or "expected/set/due/scheduled/plans to".
fn is_future_marker(doc: &Doc, k: usize) -> bool {
    match doc.s(k) {
        "will" | "Will" | "’ll" | "'ll" | "shall" | "wo" | "upcoming" | "next" => true,
        // Reported future: "said the company would hold talks on Thursday".
        "would" => true,
        "expected" | "set" | "due" | "scheduled" | "planned" | "plans" | "plan" | "going" => {
            matches!(doc.get(k + 1), "to" | "for")
        }
        _ => false,
    }
}

/// Words between a person and a back-reference that make the person a commentator
/// rather than a participant ("Ned Price, referring to the talks").
fn is_comment_word(w: &str) -> bool {
    matches!(
        w,
        "referring"
            | "told"
            | "said"
            | "says"
            | "according"
            | "asked"
            | "commenting"
            | "speaking"
            | "about"
            | "on"
    )
}

/// One sentence's view of an event.
struct Candidate {
    what: String,
    noun: String,
    mention: Mention,
    family: u8,
    place: Option<String>,
    when: Option<When>,
    /// Resolved date, or the weekday word when there is no publication date.
    date_key: Option<String>,
    participants: Vec<String>,
    sentence: usize,
}

/// An event being assembled from its candidates.
struct Draft {
    /// (noun, what phrase, where) of each anchored mention.
    nouns: Vec<(String, String, Mention)>,
    family: u8,
    place: Option<String>,
    when: Option<When>,
    date_key: Option<String>,
    participants: Vec<String>,
    last_sentence: usize,
}

impl Draft {
    fn add_participants(&mut self, names: &[String]) {
        for n in names {
            if !self.participants.contains(n) {
                self.participants.push(n.clone());
            }
        }
    }

    fn absorb(&mut self, c: Candidate) {
        self.nouns.push((c.noun, c.what, c.mention));
        if self.place.is_none() {
            self.place = c.place;
        }
        if self.when.is_none() {
            self.when = c.when;
            self.date_key = c.date_key;
        }
        self.add_participants(&c.participants);
        self.last_sentence = self.last_sentence.max(c.sentence);
    }

    /// Whether candidate `c` can be the same event.
    fn compatible(&self, c: &Candidate) -> Option<u32> {
        if let (Some(a), Some(b)) = (&self.date_key, &c.date_key) {
            if a != b {
                return None;
            }
        }
        if let (Some(a), Some(b)) = (&self.place, &c.place) {
            if a != b {
                return None;
            }
        }
        let overlap = c.participants.iter().any(|p| self.participants.contains(p));
        if !self.participants.is_empty() && !c.participants.is_empty() && !overlap {
            return None;
        }
        // Something positive must tie them: the same date or place.
        let same_date = self.date_key.is_some() && self.date_key == c.date_key;
        let same_place = self.place.is_some() && self.place == c.place;
        if !same_date && !same_place {
            return None;
        }
        Some(
            u32::from(same_date) * 4
                + u32::from(same_place) * 2
                + u32::from(overlap) * 2
                + u32::from(self.family == c.family),
        )
    }

    fn into_event(self) -> Event {
        // The most frequent noun names the event ("round" only as a last resort); its
        // fullest phrase is the `what` and its first mention the event's mention.
        let mut count: HashMap<&str, usize> = HashMap::new();
        for (n, _, _) in &self.nouns {
            *count.entry(n.as_str()).or_default() += 1;
        }
        let best_noun = self
            .nouns
            .iter()
            .enumerate()
            .max_by_key(|(k, (n, _, _))| {
                (
                    usize::from(n != "round"),
                    count[n.as_str()],
                    std::cmp::Reverse(*k),
                )
            })
            .map(|(_, (n, _, _))| n.clone())
            .unwrap_or_default();
        let mut what = String::new();
        let mut mention = None;
        for (n, w, m) in self.nouns {
            if n != best_noun {
                continue;
            }
            if w.chars().count() > what.chars().count() {
                what = w;
            }
            mention.get_or_insert(m);
        }
        Event {
            what,
            place: self.place,
            when: self.when,
            participants: self.participants,
            mention,
        }
    }
}

/// Finds the events in `text`, using the people, organisations and places found in it
/// (by [`crate::entities::find_entities`] on the same text) and, when known, the
/// publication date (`"YYYY-MM-DD"`, optionally followed by a time) to resolve
/// weekdays and relative days to ISO dates. Offsets are chars of `text`.
///
/// ```
/// use newsdesk_analyze::{entities::find_entities, events::find_events};
/// let text = "Ms. Wendy Sherman will meet officials in Oslo on Friday at a session of the Arctic Council.";
/// let e = find_entities(text);
/// let ev = find_events(text, &e, Some("2030-06-04"));
/// assert_eq!(ev[0].place.as_deref(), Some("Oslo"));
/// assert_eq!(ev[0].when.as_ref().and_then(|w| w.date.as_deref()), Some("2030-06-07"));
/// assert_eq!(ev[0].participants, ["Wendy Sherman"]);
/// ```
pub fn find_events(text: &str, entities: &Entities, published: Option<&str>) -> Vec<Event> {
    let doc = Doc::new(text);
    let published = published.and_then(dates::parse_published);
    // Person mentions by char offset, sorted.
    let mut people: Vec<(usize, usize, &str)> = entities
        .people
        .iter()
        .flat_map(|p| {
            p.mentions
                .iter()
                .map(move |m| (m.start, m.end, p.name.as_str()))
        })
        .collect();
    people.sort_unstable();
    let mut places: Vec<(usize, &str)> = entities
        .places
        .iter()
        .flat_map(|p| p.mentions.iter().map(move |m| (m.start, p.name.as_str())))
        .collect();
    places.sort_unstable();
    let mut orgs: Vec<(usize, usize)> = entities
        .organizations
        .iter()
        .flat_map(|o| o.mentions.iter().map(|m| (m.start, m.end)))
        .collect();
    orgs.sort_unstable();

    let mut drafts: Vec<Draft> = Vec::new();
    for (si, &(a, b)) in doc.sentences.iter().enumerate() {
        if b - a > MAX_SENTENCE_TOKENS {
            continue;
        }
        let nouns: Vec<usize> = (a..b).filter(|&i| is_event_noun_at(&doc, i)).collect();
        if nouns.is_empty() {
            continue;
        }
        let times = dates::time_exprs(&doc, a, b);
        let tense = sentence_tense(&doc, a, b);
        let (ca, cb) = doc.char_span(a, b);
        let sentence_people: Vec<(usize, usize, &str)> = in_range(&people, ca, cb);
        let mut anchored: Vec<Candidate> = Vec::new();
        let mut loose: Vec<(usize, bool)> = Vec::new();
        for &i in &nouns {
            let time = nearest_time(&times, i);
            let place = place_near(&doc, &places, i, a, b);
            let verb = is_meet_verb(doc.s(i));
            let with_partner = partner_after(&doc, &people, i, b, verb);
            let definite = !verb && is_definite(&doc, i, a);
            // A verb ("met Enrique Peña Nieto") is a meeting only with a named partner.
            let anchored_here = if verb {
                with_partner
            } else {
                time.is_some() || place.is_some() || with_partner
            };
            if anchored_here {
                let when = time.map(|t| {
                    let t_tense = time_tense(&doc, t, tense);
                    let date = dates::resolve(t.what, published, t_tense).map(|d| d.to_string());
                    When {
                        text: doc.span_text(t.start, t.end).to_string(),
                        date,
                    }
                });
                let date_key = when.as_ref().map(|w| {
                    w.date
                        .clone()
                        .unwrap_or_else(|| doc.s(time.map_or(i, |t| t.core)).to_string())
                });
                let participants = sentence_people
                    .iter()
                    .map(|p| p.2.to_string())
                    .fold(Vec::new(), dedup);
                let (what, mention) = if verb {
                    let (cs, ce) = doc.char_span(i, i + 1);
                    let m = Mention {
                        text: doc.s(i).to_string(),
                        start: cs,
                        end: ce,
                        part: Default::default(),
                    };
                    ("meeting".to_string(), m)
                } else {
                    what_phrase(&doc, &orgs, i, b)
                };
                anchored.push(Candidate {
                    what,
                    noun: if verb {
                        "meeting".to_string()
                    } else {
                        doc.s(i).to_lowercase()
                    },
                    mention,
                    family: event_noun(doc.s(i)).unwrap_or(0),
                    place,
                    when,
                    date_key,
                    participants,
                    sentence: si,
                });
            } else {
                loose.push((i, definite));
            }
        }
        if !anchored.is_empty() {
            // Unanchored nouns of an anchored sentence ("came to the meeting") are the
            // same event; they add nothing but their noun.
            for c in anchored {
                let recent = drafts.len().saturating_sub(MERGE_WINDOW);
                let best = drafts
                    .iter()
                    .enumerate()
                    .skip(recent)
                    .filter_map(|(k, d)| d.compatible(&c).map(|s| (s, k)))
                    .max();
                match best {
                    Some((_, k)) => drafts[k].absorb(c),
                    None => drafts.push(Draft {
                        nouns: vec![(c.noun.clone(), c.what.clone(), c.mention.clone())],
                        family: c.family,
                        place: c.place.clone(),
                        when: c.when.clone(),
                        date_key: c.date_key.clone(),
                        participants: c.participants.clone(),
                        last_sentence: si,
                    }),
                }
            }
            continue;
        }
        // Back-references: "the talks", "at the session".
        for (i, definite) in loose {
            if !definite {
                continue;
            }
            let recent = drafts.len().saturating_sub(MERGE_WINDOW);
            let Some(d) = drafts
                .iter_mut()
                .skip(recent)
                .filter(|d| si.saturating_sub(d.last_sentence) <= ANAPHOR_WINDOW)
                .max_by_key(|d| d.last_sentence)
            else {
                continue;
            };
            let noun_char = doc.tokens[i].cs as usize;
            let names: Vec<String> = sentence_people
                .iter()
                .filter(|p| p.1 <= noun_char)
                .filter(|p| {
                    let from = doc.token_at_char(p.1);
                    !(from..i).any(|k| doc.is_word(k) && is_comment_word(doc.s(k)))
                })
                .map(|p| p.2.to_string())
                .fold(Vec::new(), dedup);
            d.add_participants(&names);
            d.last_sentence = si;
        }
    }
    drafts.into_iter().map(Draft::into_event).collect()
}

fn dedup(mut v: Vec<String>, s: String) -> Vec<String> {
    if !v.contains(&s) {
        v.push(s);
    }
    v
}

fn in_range<'p>(
    people: &[(usize, usize, &'p str)],
    ca: usize,
    cb: usize,
) -> Vec<(usize, usize, &'p str)> {
    let from = people.partition_point(|p| p.0 < ca);
    people[from..]
        .iter()
        .take_while(|p| p.0 < cb)
        .copied()
        .collect()
}

/// An event noun at token `i`, excluding press events ("news conference", "press
/// briefing") and "round" unless it is a round of talks or a dated round.
fn is_event_noun_at(doc: &Doc, i: usize) -> bool {
    if !doc.is_word(i) {
        return false;
    }
    let w = doc.s(i);
    if event_noun(w).is_none() {
        return false;
    }
    let sentence_start = doc
        .sentences
        .get(doc.sentence_of(i))
        .is_some_and(|s| s.0 == i);
    if doc.is_cap(i) && !sentence_start {
        return false;
    }
    let prev = if i > 0 { doc.s(i - 1) } else { "" };
    if matches!(prev, "news" | "press" | "video" | "phone" | "telephone") {
        return false;
    }
    if w == "round" {
        let possessive_day = i >= 2
            && doc.tokens[i - 1].kind == Kind::Possessive
            && crate::entities::lexicon::weekday(doc.s(i - 2)).is_some();
        let of_talks = doc.get(i + 1) == "of" && event_noun(doc.get(i + 2)) == Some(0);
        return possessive_day || of_talks;
    }
    true
}

/// "the talks", "these talks", "Monday’s talks", "the bilateral talks".
fn is_definite(doc: &Doc, i: usize, a: usize) -> bool {
    let mut j = i;
    // Skip up to two modifiers.
    for _ in 0..3 {
        if j <= a {
            return false;
        }
        let p = doc.s(j - 1);
        if matches!(
            p.to_lowercase().as_str(),
            "the" | "these" | "this" | "that" | "those"
        ) {
            return true;
        }
        if doc.tokens[j - 1].kind == Kind::Possessive {
            return true;
        }
        if !doc.is_word(j - 1)
            || matches!(
                p,
                "a" | "an"
                    | "further"
                    | "more"
                    | "new"
                    | "some"
                    | "any"
                    | "in"
                    | "of"
                    | "for"
                    | "on"
                    | "to"
                    | "at"
                    | "with"
            )
        {
            return false;
        }
        j -= 1;
    }
    false
}

/// The time expression nearest to token `i` in its sentence.
fn nearest_time(times: &[TimeExpr], i: usize) -> Option<TimeExpr> {
    times
        .iter()
        .copied()
        .filter(|t| t.core.abs_diff(i) <= TIME_WINDOW)
        .min_by_key(|t| t.core.abs_diff(i))
}

/// Past or future for the whole sentence: future when a future marker is present.
fn sentence_tense(doc: &Doc, a: usize, b: usize) -> Tense {
    if (a..b).any(|k| doc.is_word(k) && is_future_marker(doc, k)) {
        Tense::Future
    } else {
        Tense::Past
    }
}

/// The tense for one time expression: "said Monday" and "last Monday" are past even in
/// a sentence about the future; "next Monday" is future.
fn time_tense(doc: &Doc, t: TimeExpr, sentence: Tense) -> Tense {
    let before = if t.start > 0 { doc.s(t.start - 1) } else { "" };
    let lead = doc.s(t.start);
    if matches!(lead, "last" | "Last")
        || matches!(
            before,
            "said" | "told" | "announced" | "added" | "met" | "held"
        )
    {
        Tense::Past
    } else if matches!(lead, "next" | "Next") {
        Tense::Future
    } else {
        sentence
    }
}

/// A place introduced by "in" close to the noun: "talks in Geneva", "in Brussels on
/// Wednesday at a meeting". Places used otherwise ("Russia said") are not venues.
fn place_near(doc: &Doc, places: &[(usize, &str)], i: usize, a: usize, b: usize) -> Option<String> {
    let (ca, cb) = doc.char_span(a, b);
    let from = places.partition_point(|p| p.0 < ca);
    places[from..]
        .iter()
        .take_while(|p| p.0 < cb)
        .filter_map(|&(c, name)| {
            let t = doc.token_at_char(c);
            let prep = t > a && matches!(doc.s(t - 1), "in" | "In");
            (prep && t.abs_diff(i) <= PLACE_WINDOW).then_some((t.abs_diff(i), name))
        })
        .min()
        .map(|(_, n)| n.to_string())
}

fn is_meet_verb(w: &str) -> bool {
    matches!(w, "met" | "meet" | "meets")
}

/// "a meeting with <person>", "met <person>": named partners anchor a meeting.
fn partner_after(
    doc: &Doc,
    people: &[(usize, usize, &str)],
    i: usize,
    b: usize,
    verb: bool,
) -> bool {
    let with = matches!(doc.get(i + 1), "with" | "between");
    if !(with || verb) || i + 2 >= b {
        return false;
    }
    let from = if with {
        doc.tokens[i + 1].ce as usize
    } else {
        doc.tokens[i].ce as usize
    };
    // Within the next tokens of the sentence (titles may precede the name).
    let reach = if with { 12 } else { 6 };
    let to = doc.tokens[(i + reach).min(b - 1)].ce as usize;
    let k = people.partition_point(|p| p.0 < from);
    people.get(k).is_some_and(|p| p.0 < to)
}

/// The event phrase: the noun with a close modifier ("bilateral talks", "US-Russia
/// talks") and an organisation it belongs to ("meeting of the NATO-Russia Council",
/// "discussions … at the Organization for …" → "discussions at the Organization …").
fn what_phrase(doc: &Doc, orgs: &[(usize, usize)], i: usize, b: usize) -> (String, Mention) {
    let mut start = i;
    if i > 0 && doc.is_word(i - 1) {
        let p = doc.s(i - 1);
        if (doc.is_cap(i - 1) && p.contains('-'))
            || matches!(
                p,
                "bilateral"
                    | "trilateral"
                    | "multilateral"
                    | "peace"
                    | "trade"
                    | "security"
                    | "strategic"
                    | "emergency"
                    | "ministerial"
                    | "leaders"
            )
        {
            start = i - 1;
        }
    }
    let org_at = |tok: usize| -> Option<usize> {
        let c = doc.tokens.get(tok)?.cs as usize;
        let k = orgs.partition_point(|o| o.0 < c);
        orgs.get(k)
            .filter(|o| o.0 == c)
            .map(|o| doc.token_at_char(o.1))
    };
    let base_end = i + 1;
    let mut what = doc.span_text(start, base_end).to_string();
    // "meeting of the X" / "meeting of X".
    if doc.get(i + 1) == "of" {
        let t = if doc.get(i + 2) == "the" {
            i + 3
        } else {
            i + 2
        };
        if let Some(end) = org_at(t) {
            what = doc.span_text(start, end).to_string();
        }
    } else {
        // "at the X" later in the sentence.
        for k in i + 1..b.min(i + 15) {
            if doc.s(k) == "at" {
                let t = if doc.get(k + 1) == "the" {
                    k + 2
                } else {
                    k + 1
                };
                if let Some(end) = org_at(t) {
                    what = format!(
                        "{} {}",
                        doc.span_text(start, base_end),
                        doc.span_text(k, end)
                    );
                    break;
                }
            }
        }
    }
    let (cs, ce) = doc.char_span(start, base_end);
    let mention = Mention {
        text: doc.span_text(start, base_end).to_string(),
        start: cs,
        end: ce,
        part: Default::default(),
    };
    (what, mention)
}
