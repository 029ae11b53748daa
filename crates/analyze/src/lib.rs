//! The **analyze** stage of newsdesk: who said what. From an article's text it finds
//! direct, mixed and indirect quotes with their speakers (resolved within the
//! document), the people with their roles, organisations, places and events.
//!
//! All offsets count Unicode scalar values (Rust `char`s), not bytes, in the text
//! they point into (see [`TextPart`]).
//!
//! ```
//! use newsdesk_analyze::{analyze_text, AnalyzeOptions, QuoteKind};
//! let body = "Harbour master Ines Duarte said the port would reopen.\n\
//!             “We are ready,” she said.";
//! let a = analyze_text(body, &AnalyzeOptions::default());
//! let direct = a.quotes.iter().find(|q| q.kind == QuoteKind::Direct).unwrap();
//! assert_eq!(direct.text, "We are ready,");
//! assert_eq!(direct.speaker.as_ref().unwrap().name.as_deref(), Some("Ines Duarte"));
//! ```
//!
//! Modules:
//! - [`model`]: the data produced (quotes, speakers, people, entities, events).
//! - [`quotes`]: quote spans, cues, speaker mentions and speaker resolution.
//!
//! Speaker resolution sits behind one small interface, [`quotes::resolve::Resolver`]:
//! it learns the people named in the document (name + role) and maps a mention to a
//! canonical name, role and kind. People found by another stage can be fed to it with
//! [`quotes::resolve::Resolver::add_person`].
//!
//! Limits: text past [`AnalyzeOptions::max_chars`] is ignored; paragraphs longer than
//! [`quotes::MAX_PARAGRAPH_CHARS`] are cut into pieces; at most
//! [`quotes::resolve::MAX_PEOPLE`] people are kept per document. Every step looks at a
//! bounded window around a cue or quotation mark, so time is linear in the text length.
#![deny(missing_docs)]

mod chars;
pub mod entities;
pub mod events;
pub mod model;
pub mod quotes;

pub use model::*;
use newsdesk_extract::Article;
use quotes::resolve::Resolver;

/// Options of the analysis. Every limit is explicit; see each field for its default.
#[derive(Debug, Clone)]
pub struct AnalyzeOptions {
    /// Publication date of the article (ISO 8601), to resolve "Monday" and the like in
    /// events. Default `None`. Quote attribution does not use it.
    pub published: Option<String>,
    /// Largest text analysed, in chars, per text part. Default 16 Mi chars. Past it the
    /// rest of the text is ignored (best effort, time and memory stay bounded).
    pub max_chars: usize,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        AnalyzeOptions {
            published: None,
            max_chars: 16 << 20,
        }
    }
}

/// The first `max` chars of `text`.
fn bounded(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((b, _)) => &text[..b],
        None => text,
    }
}

/// Learn the people named in `text` (pass one: names and roles, for speaker resolution).
fn learn(resolver: &mut Resolver, text: &str, part: TextPart) {
    for (base, para) in quotes::paragraphs(text) {
        let p = quotes::tokens::tokenize(para, base);
        resolver.learn(&p, part);
    }
}

/// Run `finder` over the paragraphs of `text` (pass two).
fn feed<'r>(mut finder: quotes::Finder<'r>, text: &str) -> quotes::Finder<'r> {
    for (base, para) in quotes::paragraphs(text) {
        let p = quotes::tokens::tokenize(para, base);
        finder.paragraph(&p);
    }
    finder
}

/// Find the quotes of `text` (pass two).
fn find(resolver: &mut Resolver, text: &str, part: TextPart) -> Vec<Quote> {
    feed(quotes::Finder::new(resolver, part), text).finish()
}

/// Every attribution the rules propose in an article body (`text`, as for
/// [`analyze_text`]), accepted by the learned scorer or not, each with its
/// [`quotes::scorer::features`]: the training candidates of the scorer.
pub fn quote_candidates(text: &str, options: &AnalyzeOptions) -> Vec<quotes::scorer::Candidate> {
    quote_candidates_with(text, options, quotes::tagger::Tagger::shipped())
}

/// [`quote_candidates`] with the proposals of `tagger` instead of the shipped one (the
/// scorer is trained on proposals of a tagger that did not see the document).
pub fn quote_candidates_with(
    text: &str,
    options: &AnalyzeOptions,
    tagger: &quotes::tagger::Tagger,
) -> Vec<quotes::scorer::Candidate> {
    let text = bounded(text, options.max_chars);
    let mut resolver = Resolver::new();
    learn(&mut resolver, text, TextPart::Body);
    feed(
        quotes::Finder::collecting(&mut resolver, TextPart::Body).with_tagger(tagger),
        text,
    )
    .finish_candidates()
}

/// Analyze an article body alone (an already-clean text, paragraphs separated by `\n`).
/// Offsets in the result are chars of `body`.
pub fn analyze_text(body: &str, options: &AnalyzeOptions) -> Analysis {
    let body = bounded(body, options.max_chars);
    let mut resolver = Resolver::new();
    learn(&mut resolver, body, TextPart::Body);
    let quotes = find(&mut resolver, body, TextPart::Body);
    complete(body, quotes, options.published.as_deref())
}

/// Analyze an article: its title, dek and body. Quotes in the title or dek carry
/// `part: Title`/`Dek` and offsets into that text; speakers there resolve against the
/// people named in the body ("says White House national security adviser").
/// Events resolve weekdays against [`AnalyzeOptions::published`], else the article's
/// own publication date.
pub fn analyze_article(article: &Article, options: &AnalyzeOptions) -> AnalyzedArticle {
    let body = bounded(&article.body, options.max_chars);
    let title = article
        .title
        .as_deref()
        .map(|t| bounded(t, options.max_chars));
    let dek = article
        .dek
        .as_deref()
        .map(|t| bounded(t, options.max_chars));
    let mut resolver = Resolver::new();
    learn(&mut resolver, body, TextPart::Body);
    if let Some(d) = dek {
        learn(&mut resolver, d, TextPart::Dek);
    }
    let mut quotes = Vec::new();
    if let Some(t) = title {
        quotes.extend(find(&mut resolver.clone(), t, TextPart::Title));
    }
    if let Some(d) = dek {
        quotes.extend(find(&mut resolver.clone(), d, TextPart::Dek));
    }
    quotes.extend(find(&mut resolver, body, TextPart::Body));
    let published = options
        .published
        .as_deref()
        .or(article.published.as_deref());
    AnalyzedArticle {
        article: article.clone(),
        analysis: complete(body, quotes, published),
    }
}

/// Add the entity and event passes to the quotes of `body`, and make every resolved
/// person speaker name the person it is in the people list (one person per document),
/// taking the person's first role when the quote's context gave none.
fn complete(body: &str, mut quotes: Vec<Quote>, published: Option<&str>) -> Analysis {
    let mut found = entities::find_entities(body);
    let events = events::find_events(body, &found, published);
    // Body chars, built only when a role-only speaker needs its neighbourhood read.
    let mut chars: Option<Vec<char>> = None;
    let mut learned_roles: Vec<(usize, String)> = Vec::new();
    for quote in quotes.iter_mut() {
        let part = quote.part;
        let Some(speaker) = quote.speaker.as_mut() else {
            continue;
        };
        if speaker.kind != SpeakerKind::Person {
            continue;
        }
        let mut person = speaker
            .name
            .as_deref()
            .and_then(|n| found.resolve(n))
            .or_else(|| {
                speaker
                    .mention
                    .as_ref()
                    .and_then(|m| found.resolve(&m.text))
            })
            .and_then(|p| found.people.iter().position(|q| q == p));
        // "said the operator's chief executive, Sara Lindqvist": a role phrase whose
        // appositive right after it names the person.
        if person.is_none() && part == TextPart::Body {
            if let Some(m) = speaker.mention.as_ref() {
                let chars = chars.get_or_insert_with(|| body.chars().collect());
                if let Some(idx) = appositive_person(&mut found, chars, m.end) {
                    learned_roles.push((idx, m.text.clone()));
                    person = Some(idx);
                }
            }
        }
        match person {
            Some(idx) => {
                let person = &found.people[idx];
                speaker.name = Some(person.name.clone());
                if speaker.role.is_none() {
                    speaker.role = person.roles.first().cloned();
                }
            }
            // A name the quote engine read from the attribution that the entity pass
            // missed: the person joins the list, so every speaker is a listed person.
            None => {
                if let Some(name) = speaker.name.clone() {
                    let mentions = speaker
                        .mention
                        .iter()
                        .filter(|m| m.text.ends_with(name.as_str()))
                        .cloned()
                        .collect();
                    let roles = speaker.role.iter().cloned().collect();
                    found.people.push(Person {
                        name,
                        mentions,
                        roles,
                    });
                }
            }
        }
    }
    for (idx, role) in learned_roles {
        let roles = &mut found.people[idx].roles;
        if !roles.iter().any(|r| r.eq_ignore_ascii_case(&role)) {
            roles.push(role);
        }
    }
    Analysis {
        quotes,
        people: found.people,
        organizations: found.organizations,
        places: found.places,
        events,
    }
}

/// The person named right after `end` behind a comma (", Sara Lindqvist"): a person of
/// the list with a mention there, or else a capitalised two-to-four-word name read there,
/// which the quote's context marks as a person and which joins the list.
fn appositive_person(found: &mut entities::Entities, chars: &[char], end: usize) -> Option<usize> {
    if chars.get(end) != Some(&',') {
        return None;
    }
    let start = end
        + 1
        + chars[end + 1..]
            .iter()
            .take(3)
            .take_while(|c| c.is_whitespace())
            .count();
    if let Some(i) = found
        .people
        .iter()
        .position(|p| p.mentions.iter().any(|m| m.start == start))
    {
        return Some(i);
    }
    let (name, name_end) = capitalised_name(chars, start)?;
    if let Some(i) = found
        .resolve(&name)
        .and_then(|p| found.people.iter().position(|q| q == p))
    {
        return Some(i);
    }
    found.people.push(Person {
        name: name.clone(),
        mentions: vec![Mention {
            text: name,
            start,
            end: name_end,
            part: TextPart::Body,
        }],
        roles: Vec::new(),
    });
    Some(found.people.len() - 1)
}

/// Two to four capitalised words starting at `start` ("Sara Lindqvist"), with their end.
fn capitalised_name(chars: &[char], start: usize) -> Option<(String, usize)> {
    let mut words = 0;
    let mut i = start;
    let mut end = start;
    while words < 4 && chars.get(i).is_some_and(|c| c.is_uppercase()) {
        let mut j = i + 1;
        while chars
            .get(j)
            .is_some_and(|c| c.is_alphabetic() || *c == '-' || *c == '\'')
        {
            j += 1;
        }
        if j - i < 2 {
            break;
        }
        words += 1;
        end = j;
        if chars.get(j) != Some(&' ') {
            break;
        }
        i = j + 1;
    }
    (words >= 2).then(|| (chars[start..end].iter().collect(), end))
}
