//! Plain page text (a scraper's dump of visible lines): boilerplate-line removal,
//! headline, dek and byline recovery.
//!
//! The page is a sequence of lines with no markup. Each line is measured
//! ([`lines`]: length, stop-word share, sentence ending, furniture wording), judged
//! on its own and then by its neighbours ([`classify`]), and the article body is the
//! densest run of prose on the page. The headline and dek are read from the lines
//! above that run ([`headline`]); authors from a byline above it or a contact line
//! anywhere ([`byline`]). Dates, site names and URLs are not guessed from text.
//!
//! Cost: linear in the input (one pass to measure lines, a few passes over the line
//! list); no line is ever compared with every other.

mod byline;
mod classify;
mod headline;
mod lexicon;
mod lines;
mod stopwords;

use crate::{lang, Article, Options};
use classify::Class;
use lines::Line;

/// How many chars of long lines are sampled to identify the page language.
const LANG_SAMPLE_CHARS: usize = 4000;
/// Lines at least this long (chars) go into the language sample.
const LANG_SAMPLE_MIN_LINE: usize = 60;
/// A by-line is looked for at most this many lines above the body's first line.
const BYLINE_WINDOW: usize = 12;

/// Extract an article from plain page text.
///
/// Never fails: text with no prose in it gives an article with an empty body.
pub fn extract_text(text: &str, options: &Options) -> Article {
    let _ = options; // Linear time: the time budget cannot run out in a way worth checking.
    let page_lang = lang::identify(&language_sample(text));
    let stops = page_lang.and_then(stopwords::for_language);
    let lines = lines::measure_lines(text, stops);

    let mut classes: Vec<Class> = lines
        .iter()
        .map(|l| classify::classify_line(l, stops.is_some()))
        .collect();
    classify::revise_by_context(&mut classes);
    if std::env::var_os("NEWSDESK_DEBUG_TEXT").is_some() {
        debug_dump(&lines, &classes);
    }
    let region = classify::main_region(&lines, &classes);
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

    let mut body = String::new();
    if let Some((s, e)) = region {
        for i in s..=e {
            if classes[i] != Class::Good
                || Some(i) == byline_at
                || Some(i) == dek_at
                || head.as_ref().is_some_and(|h| h.line == i)
            {
                continue;
            }
            if !body.is_empty() {
                body.push('\n');
            }
            body.push_str(lines[i].text);
        }
    }

    Article {
        title: head.map(|h| h.title),
        dek: dek_at.map(|i| lines[i].text.to_string()),
        authors,
        language: lang::identify(&body).map(str::to_string),
        body,
        ..Article::default()
    }
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

#[allow(dead_code)]
fn debug_dump(lines: &[Line<'_>], classes: &[Class]) {
    for (l, c) in lines.iter().zip(classes) {
        eprintln!(
            "{c:?}\t{}\t{:.2}\t{}",
            l.chars,
            l.stop_density(),
            lexicon::prefix(l.text, 100)
        );
    }
}
