//! Splitting page text into lines and measuring each line's features.
//!
//! Every feature is computed in one pass over the line's characters, so the whole
//! page costs time linear in its length.

use super::lexicon;
use super::stopwords::StopWords;

/// One non-blank line of the page and what we measured on it.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    /// The line without leading and trailing white space (a sub-slice of the input).
    pub text: &'a str,
    /// Length in chars, wide chars (CJK ideographs, kana, Hangul) counted twice: one
    /// of them carries about as much text as two Latin letters, so length
    /// thresholds hold across scripts.
    pub chars: usize,
    /// Words: maximal runs of alphanumeric chars.
    pub words: usize,
    /// Words found in the page language's stop-word list.
    pub stopwords: usize,
    /// Words whose first letter is lower case (prose has many, menus and titles few).
    pub lowercase_words: usize,
    /// The line ends like a sentence (`.`, `!`, `?`, `…`, CJK full stops), closing
    /// quotes and brackets aside.
    pub ends_sentence: bool,
    /// A call to action, ad marker, footer or other boilerplate phrase (see [`lexicon`]).
    pub boilerplate: bool,
    /// A heading that closes the article ("Related Stories", a copyright line).
    pub section_end: bool,
    /// Holds an obfuscated-email placeholder or an e-mail address.
    pub has_email: bool,
    /// Sentence punctuation marks (`, . ; : ! ?` and their CJK and Arabic forms).
    pub punctuation: usize,
    /// Looks like a URL, a file path or a bare timestamp, not text for people.
    pub machine: bool,
    /// A date, time or "2 days ago" stamp (bylines, comment headers, teaser lists).
    pub dateline: bool,
    /// A copy of an earlier line (or, for a long line, mostly made of earlier text).
    pub duplicate: bool,
}

impl Line<'_> {
    /// Share of words that are stop words (0 when the line has no words).
    pub fn stop_density(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.stopwords as f64 / self.words as f64
        }
    }

    /// Share of words that start with a lower-case letter.
    pub fn lowercase_share(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.lowercase_words as f64 / self.words as f64
        }
    }
}

/// Longest line (in bytes) whose exact text is remembered for duplicate detection;
/// longer lines are compared through their word 4-grams instead.
const EXACT_DUP_MIN_CHARS: usize = 50;
/// Lines at least this long (chars) are checked for being mostly earlier text.
const CONTAINMENT_MIN_CHARS: usize = 400;
/// Share of a long line's word 4-grams seen before that makes it a copy.
const CONTAINMENT_SHARE: f64 = 0.6;

/// Most non-blank lines read from one page (see [`super::MAX_LINES`]); a line record
/// takes about 100 bytes.
pub(crate) const MAX_LINES: usize = 200_000;
/// Word 4-grams hashed per line for copy detection (a sample of long lines).
const MAX_GRAMS_PER_LINE: usize = 2_000;
/// Word 4-grams remembered across the page for copy detection.
const MAX_SEEN_GRAMS: usize = 1_000_000;

/// Split `text` into its non-blank lines (at most [`MAX_LINES`]) and measure them.
///
/// `stopwords` is the page language's stop-word list (lower case), if we have one.
pub(crate) fn measure_lines<'a>(text: &'a str, stopwords: Option<&StopWords>) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let mut seen_lines: rustc_hash::FxHashSet<&str> = Default::default();
    let mut seen_grams: rustc_hash::FxHashSet<u64> = Default::default();
    let mut lower = String::new();
    let mut grams: Vec<u64> = Vec::new();
    for raw in text.split('\n') {
        if out.len() >= MAX_LINES {
            break;
        }
        let t = raw.trim_matches(|c: char| c.is_whitespace() || c.is_control() || c == '\u{feff}');
        if t.is_empty() {
            continue;
        }
        // Ad markers are cut out before anything else: they sit inside article text
        // by design and must not make their neighbours look like furniture.
        if t.len() <= 120 && lexicon::is_interstitial(t, crate::count_words(t)) {
            continue;
        }
        let mut line = measure(t, stopwords, &mut lower, &mut grams);
        if line.chars >= EXACT_DUP_MIN_CHARS && !seen_lines.insert(t) {
            line.duplicate = true;
        }
        if line.chars >= CONTAINMENT_MIN_CHARS && grams.len() >= 8 {
            let seen = grams.iter().filter(|g| seen_grams.contains(g)).count();
            if seen as f64 >= CONTAINMENT_SHARE * grams.len() as f64 {
                line.duplicate = true;
            }
        }
        if seen_grams.len() < MAX_SEEN_GRAMS {
            seen_grams.extend(grams.iter().copied());
        }
        out.push(line);
    }
    out
}

/// Measure one trimmed line. `lower` and `grams` are scratch buffers reused across lines;
/// on return `grams` holds the hashes of the line's word 4-grams.
fn measure<'a>(
    t: &'a str,
    stopwords: Option<&StopWords>,
    lower: &mut String,
    grams: &mut Vec<u64>,
) -> Line<'a> {
    let mut chars = 0;
    let mut words = 0;
    let mut stop = 0;
    let mut lowercase_words = 0;
    let mut punctuation = 0;
    let mut word_start: Option<usize> = None;
    grams.clear();
    let mut window = [0u64; 4];
    let mut on_word = |w: &str, words: usize| -> (bool, bool) {
        let first_lower = w.chars().next().is_some_and(char::is_lowercase);
        let is_stop = match stopwords {
            Some(set) => {
                lower.clear();
                if w.is_ascii() {
                    lower.push_str(w);
                    lower.make_ascii_lowercase();
                } else {
                    lower.extend(w.chars().flat_map(char::to_lowercase));
                }
                set.contains(lower.as_str())
            }
            None => false,
        };
        window.rotate_left(1);
        window[3] = fnv1a(w.as_bytes());
        if words >= 3 && grams.len() < MAX_GRAMS_PER_LINE {
            let h = window.iter().fold(0xcbf2_9ce4_8422_2325u64, |acc, &x| {
                (acc ^ x).wrapping_mul(0x100_0000_01b3)
            });
            grams.push(h);
        }
        (first_lower, is_stop)
    };
    for (i, c) in t.char_indices() {
        chars += if is_wide(c) { 2 } else { 1 };
        if matches!(
            c,
            ',' | '.' | ';' | ':' | '!' | '?' | '،' | '。' | '、' | '，' | '！' | '？' | '؟' | '।'
        ) {
            punctuation += 1;
        }
        if c.is_alphanumeric() {
            if word_start.is_none() {
                word_start = Some(i);
            }
        } else if let Some(s) = word_start.take() {
            let (l, st) = on_word(&t[s..i], words);
            words += 1;
            lowercase_words += l as usize;
            stop += st as usize;
        }
    }
    if let Some(s) = word_start {
        let (l, st) = on_word(&t[s..], words);
        words += 1;
        lowercase_words += l as usize;
        stop += st as usize;
    }
    let wording = lexicon::wording(t, words);
    Line {
        text: t,
        chars,
        words,
        stopwords: stop,
        lowercase_words,
        punctuation,
        ends_sentence: ends_sentence(t),
        boilerplate: wording.boilerplate,
        section_end: wording.section_end,
        has_email: lexicon::has_email(t),
        machine: looks_machine(t, words),
        // An embedded post's signature ("— Name (@handle) November 18, 2019") belongs
        // to the quoted post, not to the page's furniture.
        dateline: chars <= DATELINE_MAX_CHARS
            && !ends_sentence(t)
            && !t.contains("(@")
            && looks_dateline(t),
        duplicate: false,
    }
}

/// Longest line (chars) taken for a date or time stamp.
const DATELINE_MAX_CHARS: usize = 80;

/// Month names and abbreviations (English; other languages mostly write dates with
/// digits, caught by the numeric patterns).
const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Does a short line carry a date or time: `10:07`, `2019-11-13`, `13.11.2019`,
/// `Nov 18`, `2 days ago`?
fn looks_dateline(t: &str) -> bool {
    let b = t.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut has_digit = false;
    for i in 0..b.len() {
        if !b[i].is_ascii_digit() {
            continue;
        }
        has_digit = true;
        // h:mm or hh:mm
        if b.get(i + 1) == Some(&b':') && digit(i + 2) && digit(i + 3) {
            return true;
        }
        // dd.mm.yyyy, dd/mm/yyyy, yyyy-mm-dd
        if matches!(b.get(i + 2), Some(b'.' | b'/' | b'-'))
            && digit(i + 1)
            && digit(i + 3)
            && digit(i + 4)
            && matches!(b.get(i + 5), Some(b'.' | b'/' | b'-'))
        {
            return true;
        }
    }
    if !has_digit {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    if lower.contains(" ago") {
        return true;
    }
    lower.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
        w.len() >= 3
            && MONTHS
                .iter()
                .any(|m| w.starts_with(m) && (w.len() == 3 || is_month_name(w)))
    })
}

fn is_month_name(w: &str) -> bool {
    [
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "sept",
        "october",
        "november",
        "december",
    ]
    .contains(&w)
}

/// CJK ideographs, kana and Hangul syllables.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

/// Does the line end like a sentence, closing quotes and brackets aside? A line cut
/// short with an ellipsis ("…", "...") is a teaser, not a sentence.
pub(crate) fn ends_sentence(t: &str) -> bool {
    if t.ends_with("...") || t.ends_with('…') {
        return false;
    }
    let last = t.chars().rev().find(|c| {
        !matches!(
            c,
            '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '“' | '«' | ' '
        )
    });
    matches!(
        last,
        Some('.' | '!' | '?' | '。' | '！' | '？' | '؟' | '।' | ':' | ';')
    )
}

/// URLs, paths, timestamps, numbers: lines written for machines, not readers.
fn looks_machine(t: &str, words: usize) -> bool {
    if t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.") {
        return !t.contains(' ');
    }
    if words == 0 {
        return true;
    }
    // Mostly digits and separators (timestamps, scores, counters).
    let alpha = t.chars().filter(|c| c.is_alphabetic()).count();
    alpha * 4 < t.chars().filter(|c| !c.is_whitespace()).count()
        && !t.contains(|c: char| c.is_alphabetic() && !c.is_ascii())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_words_stopwords_and_sentence_end() {
        let stops: StopWords = ["the", "of", "a", "on"].into_iter().collect();
        let lines = measure_lines("  The rise of a river.  \n\nHome\n", Some(&stops));
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "The rise of a river.");
        assert_eq!((lines[0].words, lines[0].stopwords), (5, 3));
        assert!(lines[0].ends_sentence);
        assert!(!lines[1].ends_sentence);
        assert_eq!(lines[0].lowercase_words, 4);
    }

    #[test]
    fn flags_repeated_lines_and_long_copies() {
        let para = "Officials met on Monday to talk about the dam that burst last spring and flooded the lower town.";
        let text = format!("{para}\n{para}\nShort\nShort\n");
        let lines = measure_lines(&text, None);
        assert!(!lines[0].duplicate && lines[1].duplicate);
        assert!(!lines[3].duplicate, "short lines are not deduplicated");
        let p2 = "A second paragraph says what the engineers found when they walked the crest of the dam in the rain.";
        let p3 = "A third paragraph quotes the mayor, who said the town would rebuild its levee before the next flood season.";
        let p4 = "And a fourth paragraph closes the report with the cost of the repairs and the name of the contractor.";
        let joined = format!("{para} {p2} {p3} {p4} {p2}");
        let text = format!("{para}\n{p2}\n{p3}\n{p4}\n{joined}\n");
        let lines = measure_lines(&text, None);
        assert!(
            lines[4].duplicate,
            "a dump of the paragraphs again is a copy"
        );
    }

    #[test]
    fn date_and_time_stamps() {
        for t in [
            "Updated on: November 19, 2019 / 10:07 AM",
            "2 days ago at 07:47 am",
            "13.11.2019, 23:06",
            "Posted 2019-11-18",
            "Nov 18",
        ] {
            assert!(looks_dateline(t), "{t}");
        }
        for t in [
            "Insurance",
            "Marching orders for 3 ministers",
            "Top 10 apps",
        ] {
            assert!(!looks_dateline(t), "{t}");
        }
    }

    #[test]
    fn machine_lines() {
        assert!(looks_machine("https://example.com/a/b.png", 5));
        assert!(looks_machine("2019-11-13T23:06:00+01:00", 7));
        assert!(!looks_machine("Rain returns to the valley", 5));
    }
}
