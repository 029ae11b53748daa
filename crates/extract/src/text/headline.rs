//! Headline and dek (standfirst) from the lines above the article body.

use super::lines::Line;

/// Separators between a headline and the site name in a page title
/// ("Rain returns - Valley News", "Rain returns | Valley News").
const SITE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ",
];
/// A one-"word" headline (CJK scripts write without spaces) needs this many chars
/// (wide chars counting twice).
const MIN_WIDE_TITLE_CHARS: usize = 8;
/// Most words a site-name suffix may have.
const MAX_SITE_WORDS: usize = 5;
/// Longest headline we accept, in chars.
const MAX_TITLE_CHARS: usize = 250;
/// How many lines after the headline we look for a dek.
const DEK_WINDOW: usize = 6;
/// Longest dek, in chars.
const MAX_DEK_CHARS: usize = 300;
/// Longest first body line (chars) that may be taken for a dek.
const MAX_DEK_IN_BODY_CHARS: usize = 150;

/// Could this line be a headline? A handful of words, not furniture, not a sentence
/// that ends with a full stop.
pub(crate) fn title_like(line: &Line<'_>) -> bool {
    (line.words >= 2 || line.chars >= MIN_WIDE_TITLE_CHARS)
        && line.words <= 40
        && line.chars <= MAX_TITLE_CHARS
        && !line.boilerplate
        && !line.has_email
        && !line.machine
        && !line.text.ends_with('.')
        && line.text.chars().any(char::is_alphabetic)
}

/// Strip trailing site and section names from a page title ("Headline | Section |
/// Site"), as long as each stripped part is short and a headline of at least two
/// words remains.
pub(crate) fn strip_site_suffix(title: &str) -> &str {
    let mut t = title;
    'strip: loop {
        for sep in SITE_SEPARATORS {
            if let Some(i) = t.rfind(sep) {
                let (head, tail) = (&t[..i], &t[i + sep.len()..]);
                let tail_words = tail.split_whitespace().count();
                // CJK headlines have no spaces: their length stands in for words.
                let head_words = head
                    .split_whitespace()
                    .count()
                    .max(head.chars().filter(|c| !c.is_ascii()).count() / 3);
                let min_head = if t.len() == title.len() { 3 } else { 2 };
                if (1..=MAX_SITE_WORDS).contains(&tail_words) && head_words >= min_head {
                    t = head.trim();
                    continue 'strip;
                }
            }
        }
        return t;
    }
}

/// The headline found above the body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Headline {
    /// The headline text.
    pub title: String,
    /// Index of the line the headline was read from.
    pub line: usize,
}

/// Is `line` the on-page heading for this page title: the title without its site
/// suffix (`core`), or most of the title's start?
fn repeats_title(line: &Line<'_>, page_title: &str, core: &str) -> bool {
    let t = line.text;
    title_like(line) && (t == core || (t.len() * 2 >= core.len() && page_title.starts_with(t)))
}

/// Where the article seems to start, before the body is known: the first line that
/// repeats the page title's headline on its own (the on-page heading) in the first
/// half of the page, else the page title itself, else the top of the page.
pub(crate) fn first_heading(lines: &[Line<'_>]) -> usize {
    let Some(first) = lines.iter().position(title_like) else {
        return 0;
    };
    let page_title = lines[first].text;
    let core = strip_site_suffix(page_title);
    (first + 1..lines.len() / 2)
        .find(|&i| repeats_title(&lines[i], page_title, core))
        .unwrap_or(first)
}

/// Find the headline among `lines[..body_start]`.
///
/// The first title-like line is usually the page title, often with the site name
/// appended; when the same headline appears again on its own line closer to the
/// body (the on-page heading), that line is the anchor for the dek.
pub(crate) fn find_headline(lines: &[Line<'_>], body_start: usize) -> Option<Headline> {
    let end = body_start.min(lines.len());
    let first = (0..end).find(|&i| title_like(&lines[i]))?;
    let page_title = lines[first].text;
    let core = strip_site_suffix(page_title);
    // The on-page heading: the last line before the body equal to the title's core
    // or to the start of the page title.
    let heading = (first + 1..end)
        .rev()
        .find(|&i| repeats_title(&lines[i], page_title, core));
    match heading {
        Some(i) => Some(Headline {
            title: lines[i].text.to_string(),
            line: i,
        }),
        None => Some(Headline {
            title: core.to_string(),
            line: first,
        }),
    }
}

/// A dek: the first substantial line between the headline and the body that is not
/// furniture, a byline, a date, a credit or the headline again. The body's own first
/// line may be the dek when it is not a sentence (a standfirst has no full stop).
pub(crate) fn find_dek(
    lines: &[Line<'_>],
    headline: &Headline,
    body_start: usize,
    is_byline: impl Fn(usize) -> bool,
) -> Option<usize> {
    let end = (body_start + 1)
        .min(lines.len())
        .min(headline.line + 1 + DEK_WINDOW);
    (headline.line + 1..end).find(|&i| {
        let l = &lines[i];
        (i < body_start || (!l.ends_sentence && l.chars <= MAX_DEK_IN_BODY_CHARS))
            && l.words >= 6
            && l.chars <= MAX_DEK_CHARS
            && !l.text.ends_with("...")
            && !l.text.ends_with('…')
            && !l.boilerplate
            && !l.has_email
            && !l.machine
            && !l.duplicate
            && l.text != headline.title
            && !is_byline(i)
            && !is_caption(l.text)
            && l.lowercase_share() >= 0.3
    })
}

/// Photo captions and credits ("Above: …", "Photo: …", "… /Getty").
fn is_caption(t: &str) -> bool {
    let lower = t.to_lowercase();
    [
        "above:",
        "photo:",
        "image:",
        "pictured:",
        "file photo",
        "caption",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        || [
            "credit",
            "getty",
            "reuters/",
            "ap photo",
            "afp",
            "shutterstock",
            "©",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_site_names() {
        assert_eq!(
            strip_site_suffix("Rain returns to the valley - Valley News"),
            "Rain returns to the valley"
        );
        assert_eq!(
            strip_site_suffix("Rain returns to the valley | The Valley Daily Gazette"),
            "Rain returns to the valley"
        );
        assert_eq!(strip_site_suffix("Rain returns"), "Rain returns");
        assert_eq!(
            strip_site_suffix("Standings of the Cup | Racing | F1 | Indy | Moto"),
            "Standings of the Cup"
        );
        assert_eq!(
            strip_site_suffix("Stay on - Get the daily news in your inbox now please"),
            "Stay on - Get the daily news in your inbox now please"
        );
    }
}
