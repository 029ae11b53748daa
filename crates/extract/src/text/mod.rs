//! Plain page text (a scraper's dump of visible lines, like a WET record):
//! boilerplate-line removal, headline, dek and byline recovery.
//!
//! How a page flows through the submodules:
//! 1. `lines`: split into non-blank lines (ad markers dropped outright) and
//!    measure each: length (wide CJK chars count twice), words, share of the page
//!    language's stop words (`stopwords`), sentence ending, punctuation, furniture
//!    wording (`lexicon`: calls to action, cookie and legal notices, closing
//!    headings such as "Related Stories"), e-mail placeholders, date stamps, copies
//!    of earlier lines.
//! 2. `classify`: a verdict per line from its own features (good, near-good,
//!    short, bad), revised by its neighbours as in jusText; long runs of short lines
//!    (menus, tag lists) are bad wherever they sit.
//! 3. `classify::main_region`: closing headings and the on-page headline cut the
//!    page into chunks; in each, the densest run of prose is a maximum-sum subarray
//!    (good chars, weighted up when they repeat the headline's words, minus a cost per
//!    furniture line). The article is the first run after the headline that is not
//!    much poorer than the richest, joined by neighbouring runs on the same topic.
//!    Inside it, plain sentences and lists announced by a colon are kept too.
//! 4. `headline` and `byline`: the headline and dek from the lines above the
//!    body, authors from a "By …" line above it or a contact line anywhere (also
//!    the garbled `[email protected]` form).
//!
//! Dates, site names and URLs are not guessed from text. Cost: linear in the input
//! (one pass to measure lines, a few passes over the line list).

mod byline;
mod classify;
mod headline;
mod lexicon;
mod lines;
mod stopwords;

use crate::{lang, Article, Options};
use classify::Class;
use lines::Line;
use std::collections::HashSet;
use stopwords::StopWords;

/// How many chars of long lines are sampled to identify the page language.
const LANG_SAMPLE_CHARS: usize = 1000;
/// Lines at least this long (chars) go into the language sample.
const LANG_SAMPLE_MIN_LINE: usize = 60;
/// A by-line is looked for at most this many lines above the body's first line.
const BYLINE_WINDOW: usize = 12;

/// Most non-blank lines read from one page; lines past it are ignored (best effort).
/// Real pages have a few thousand lines; the cap bounds memory on hostile input such
/// as megabytes of one-letter lines.
pub const MAX_LINES: usize = lines::MAX_LINES;

/// Extract an article from plain page text.
///
/// Never fails: text with no prose in it gives an article with an empty body.
/// Time is linear in the input; memory is bounded by [`MAX_LINES`] line records
/// plus the input itself. `options` carries no switch for text pages (the time
/// budget cannot run out on a linear pass worth stopping).
pub fn extract_text(text: &str, options: &Options) -> Article {
    let _ = options;
    let page_lang = lang::identify(&language_sample(text));
    let stops = page_lang.and_then(stopwords::for_language);
    let lines = lines::measure_lines(text, stops);

    let classify_all = |use_stops: bool| -> Vec<Class> {
        lines
            .iter()
            .map(|l| classify::classify_line(l, use_stops))
            .collect()
    };
    // Stop words can miss a language whose words carry their particles (Korean…):
    // when the page's long lines hardly contain any, judge by sentence shape instead.
    let use_stops = stops.is_some() && stopwords_fit(&lines);
    let mut own = classify_all(use_stops);
    if use_stops && !own.contains(&Class::Good) {
        own = classify_all(false);
    }
    let mut classes = own.clone();
    classify::revise_by_context(&mut classes);
    classify::demote_short_runs(&own, &mut classes);
    let topic = TopicWords::from_title(&lines, stops);
    let heading_hint = headline::first_heading(&lines);
    let region = classify::main_region(
        &lines,
        &own,
        &classes,
        |i| topic.share_in(lines[i].text),
        heading_hint,
    );
    let body_start = region.map_or(lines.len(), |(s, _)| s);

    // Authors: a byline just above the body, else a contact line anywhere.
    let byline_at = (body_start.saturating_sub(BYLINE_WINDOW)..body_start.min(lines.len()))
        .chain(region.map_or(0..0, |(s, e)| s..e + 1))
        .find(|&i| byline::byline_authors(lines[i].text).is_some());
    let contact_at = lines
        .iter()
        .position(|l| l.has_email && byline::contact_line_authors(l.text).is_some());
    let authors = byline_at
        .and_then(|i| byline::byline_authors(lines[i].text))
        .or_else(|| contact_at.and_then(|i| byline::contact_line_authors(lines[i].text)))
        .unwrap_or_default();

    let head = headline::find_headline(&lines, body_start);
    let dek_at = head.as_ref().and_then(|h| {
        headline::find_dek(&lines, h, body_start, |i| {
            byline::byline_authors(lines[i].text).is_some()
        })
    });

    let skip = |i: usize| {
        Some(i) == byline_at || Some(i) == dek_at || head.as_ref().is_some_and(|h| h.line == i)
    };
    let body = region.map_or_else(String::new, |r| assemble_body(&lines, &classes, r, skip));

    Article {
        title: head.map(|h| h.title),
        dek: dek_at.map(|i| lines[i].text.to_string()),
        authors,
        language: lang::identify(&body).map(str::to_string),
        body,
        ..Article::default()
    }
}

/// The body: the good lines of the article region `(s, e)` joined by `"\n"`, plus
/// plain sentences inside it and lists announced by a colon (whose items are short
/// and look like furniture: dates, places, names), even just past the region's
/// last line. Lines for which `skip` holds (headline, dek, byline) are left out.
fn assemble_body(
    lines: &[Line<'_>],
    classes: &[Class],
    (s, e): (usize, usize),
    skip: impl Fn(usize) -> bool,
) -> String {
    let mut body = String::new();
    let mut list_items: Option<usize> = None;
    for (i, line) in lines.iter().enumerate().skip(s) {
        let keep = classes[i] == Class::Good
            || classify::sentence_in_region(line)
            || (list_items.is_some_and(|n| n < MAX_LIST_ITEMS) && classify::list_item(line))
            || (i <= e + 1
                && classify::list_intro(line)
                && lines.get(i + 1).is_some_and(classify::list_item));
        if i > e && !keep {
            break;
        }
        list_items = match list_items {
            _ if keep && classify::list_intro(line) => Some(0),
            Some(n) if keep && classes[i] != Class::Good => Some(n + 1),
            _ => None,
        };
        if i > e && list_items.is_none() {
            break;
        }
        if !keep || skip(i) {
            continue;
        }
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(line.text);
    }
    body
}

/// Most items a list announced by a colon may have.
const MAX_LIST_ITEMS: usize = 100;

/// Lines at least this long (chars) tell whether the stop-word list fits the page.
const FIT_MIN_LINE: usize = 60;
/// Mean stop-word share of long lines below which the list does not fit the language.
const FIT_MIN_DENSITY: f64 = 0.15;

/// Does the stop-word list describe this page's prose? Its long lines should be
/// full of stop words; in languages that glue particles to words they are not.
fn stopwords_fit(lines: &[Line<'_>]) -> bool {
    let (mut n, mut sum) = (0usize, 0.0);
    for l in lines.iter().filter(|l| l.chars >= FIT_MIN_LINE) {
        n += 1;
        sum += l.stop_density();
    }
    n == 0 || sum / n as f64 >= FIT_MIN_DENSITY
}

/// Long lines of the page, up to [`LANG_SAMPLE_CHARS`] chars: menus and buttons are
/// short and often in another language (English UI words on a German page).
fn language_sample(text: &str) -> String {
    let mut sample = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.len() >= LANG_SAMPLE_MIN_LINE && line.chars().count() >= LANG_SAMPLE_MIN_LINE {
            sample.push_str(lexicon::prefix(line, LANG_SAMPLE_CHARS));
            sample.push('\n');
            if sample.len() >= LANG_SAMPLE_CHARS {
                break;
            }
        }
    }
    if sample.is_empty() {
        sample.push_str(lexicon::prefix(text, LANG_SAMPLE_CHARS));
    }
    sample
}

/// The content words of the page title (its first title-like line): article
/// paragraphs repeat them, teasers for other stories do not.
struct TopicWords {
    words: HashSet<String>,
}

/// Content words shorter than this (in chars) are ignored in [`TopicWords`].
const TOPIC_MIN_WORD_CHARS: usize = 3;
/// A line repeating this many distinct title words is fully on topic.
const TOPIC_FULL_HITS: usize = 3;

impl TopicWords {
    fn from_title(lines: &[Line<'_>], stops: Option<&StopWords>) -> TopicWords {
        let title = lines
            .iter()
            .take(50)
            .find(|l| headline::title_like(l))
            .map_or("", |l| headline::strip_site_suffix(l.text));
        let words = word_iter(title)
            .map(str::to_lowercase)
            .filter(|w| w.chars().count() >= TOPIC_MIN_WORD_CHARS)
            .filter(|w| stops.is_none_or(|s| !s.contains(w.as_str())))
            .collect();
        TopicWords { words }
    }

    /// Share (0–1) of a full hit count of distinct title words found in `line`.
    fn share_in(&self, line: &str) -> f64 {
        if self.words.is_empty() {
            return 0.0;
        }
        let mut hits: Vec<&str> = Vec::new();
        let mut buf = String::new();
        for w in word_iter(line) {
            if w.chars().count() < TOPIC_MIN_WORD_CHARS {
                continue;
            }
            buf.clear();
            buf.extend(w.chars().flat_map(char::to_lowercase));
            if let Some(k) = self.words.get(buf.as_str()) {
                if !hits.contains(&k.as_str()) {
                    hits.push(k.as_str());
                    if hits.len() >= TOPIC_FULL_HITS {
                        break;
                    }
                }
            }
        }
        hits.len() as f64 / TOPIC_FULL_HITS as f64
    }
}

/// Maximal runs of alphanumeric chars.
fn word_iter(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}
