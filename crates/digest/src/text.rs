//! Small text helpers: word tokens for TF-IDF, the lead sentences of a body, cutting on
//! word boundaries, dates and URLs. All offsets here are bytes of UTF-8.

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
pub(crate) fn prefix_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Common English function words, left out of TF-IDF vectors.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but",
    "by", "can", "could", "for", "from", "had", "has", "have", "he", "her", "his", "if", "in",
    "into", "is", "it", "its", "more", "not", "of", "on", "one", "or", "our", "over", "said",
    "says", "she", "so", "than", "that", "the", "their", "them", "there", "they", "this", "to",
    "up", "was", "we", "were", "what", "when", "which", "who", "will", "with", "would", "you",
];

/// Lower-cased word tokens of `text` (letters and digits), stopwords and one-letter
/// words left out.
pub(crate) fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
        .map(|w| w.to_lowercase())
        .filter(|w| STOPWORDS.binary_search(&w.as_str()).is_err())
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Capt", "Col", "Co", "Corp", "Dr", "Gen", "Gov", "Inc", "Jr", "Lt", "Ltd", "Maj", "Mr",
    "Mrs", "Ms", "No", "Prof", "Rep", "Rev", "Sen", "Sgt", "Sr", "St", "vs",
];

/// Whether the full stop at byte `dot` of `text` ends an abbreviation or an initial.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    // "J." or "U.S." (letters separated by dots) are initials.
    if !word.is_empty()
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase))
    {
        return true;
    }
    ABBREVIATIONS.contains(&word)
}

/// Splits `text` into sentences (trimmed, non-empty), in order. A sentence ends at `.`,
/// `!` or `?` (plus any closing quotes or brackets) followed by white space and then an
/// upper-case letter, digit or opening quote — or at a line break — unless the stop ends
/// an abbreviation or initial.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            push_sentence(&mut out, &text[start..i]);
            start = i + 1;
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            // Closing quotes/brackets after the stop belong to this sentence.
            let mut end = i + 1;
            while let Some(c) = text[end..].chars().next() {
                if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &text[end..];
            let after_space = rest.trim_start_matches([' ', '\t']);
            let next = after_space.chars().next();
            let spaced = after_space.len() < rest.len();
            let starts_sentence = match next {
                None => true,
                Some('\n') | Some('\r') => true,
                Some(c) => {
                    spaced
                        && (c.is_uppercase()
                            || c.is_ascii_digit()
                            || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '«'))
                }
            };
            if starts_sentence && !(b == b'.' && is_abbreviation(text, i)) {
                push_sentence(&mut out, &text[start..end]);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push_sentence(&mut out, &text[start..]);
    out
}

fn push_sentence<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s);
    }
}

/// Strips a wire-style dateline from the start of a lead: `LONDON (Reuters) - `,
/// `WASHINGTON — `, `PARIS, May 3 (AFP) – `. Only an all-capitals place (at most 40
/// bytes before the dash) counts, so ordinary sentences are left alone.
pub(crate) fn strip_dateline(lead: &str) -> &str {
    let window = prefix_bytes(lead, 80);
    for dash in [" - ", " — ", " – ", " -- "] {
        if let Some(pos) = window.find(dash) {
            let head = &window[..pos];
            let place = head.split([',', '(']).next().unwrap_or("").trim();
            let place_letters = place.chars().filter(|c| c.is_alphabetic()).count();
            if place.len() <= 40
                && place_letters >= 2
                && place
                    .chars()
                    .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\''))
            {
                return lead[pos + dash.len()..].trim_start();
            }
        }
    }
    lead
}

/// Cuts `s` to at most `max_chars` chars on a word boundary, appending "…" when cut.
pub(crate) fn cut_words(s: &str, max_chars: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let limit = max_chars.saturating_sub(1); // room for the ellipsis
    let end = s.char_indices().nth(limit).map_or(s.len(), |(i, _)| i);
    let head = &s[..end];
    let cut = match head.rfind(char::is_whitespace) {
        // Only back off to a word boundary if that keeps most of the text.
        Some(sp) if sp > end / 2 => &head[..sp],
        _ => head,
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:-—–".contains(c));
    format!("{cut}…")
}

/// The first `n` sentences of `text` that fit in `max_chars` chars (at least one
/// sentence, itself cut on a word boundary when too long).
pub(crate) fn lead_sentences(text: &str, n: usize, max_chars: usize) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for sentence in sentences(text).into_iter().take(n.max(1)) {
        let len = sentence.chars().count();
        if out.is_empty() {
            if len > max_chars {
                return cut_words(sentence, max_chars);
            }
        } else if chars + 1 + len > max_chars {
            break;
        } else {
            out.push(' ');
            chars += 1;
        }
        out.push_str(sentence);
        chars += len;
    }
    out
}

/// Collapses runs of white space to single spaces and trims.
pub(crate) fn squash_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The `YYYY-MM-DD` calendar date at the start of `s`, if it is a real date.
pub(crate) fn calendar_date(s: &str) -> Option<&str> {
    let d = s.trim().get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let year: u32 = d[0..4].parse().ok()?;
    let month: u32 = d[5..7].parse().ok()?;
    let day: u32 = d[8..10].parse().ok()?;
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some(d)
}

/// Whether `url` is an absolute `http://` or `https://` URL safe to put in an `href`
/// (no white space, control characters, quotes or angle brackets).
pub(crate) fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && url.len() > "https://".len()
        && url.len() <= 2048
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let s = sentences(
            "Mr. Hale met Dr. J. Ortiz in the U.S. capital. \"We agreed,\" he said. Talks resume at 9.30 on Monday! Why? 2 reasons.",
        );
        assert_eq!(
            s,
            vec![
                "Mr. Hale met Dr. J. Ortiz in the U.S. capital.",
                "\"We agreed,\" he said.",
                "Talks resume at 9.30 on Monday!",
                "Why?",
                "2 reasons."
            ]
        );
    }

    #[test]
    fn lead_stops_on_a_sentence_boundary() {
        let text = "First one is short. Second one is a bit longer than that. Third.";
        assert_eq!(
            lead_sentences(text, 2, 200),
            "First one is short. Second one is a bit longer than that."
        );
        assert_eq!(lead_sentences(text, 2, 30), "First one is short.");
        let cut = lead_sentences(
            "A very long opening sentence without any end in sight at all",
            2,
            20,
        );
        assert!(cut.ends_with('…') && cut.chars().count() <= 20, "{cut}");
    }

    #[test]
    fn datelines_are_stripped_only_when_they_are_datelines() {
        assert_eq!(
            strip_dateline("LONDON (Reuters) - The bank held rates."),
            "The bank held rates."
        );
        assert_eq!(
            strip_dateline("SAN JOSE, Costa Rica — Rain fell."),
            "Rain fell."
        );
        assert_eq!(
            strip_dateline("The vote - a close one - passed."),
            "The vote - a close one - passed."
        );
    }

    #[test]
    fn dates_and_urls() {
        assert_eq!(calendar_date("2026-02-28T10:00:00Z"), Some("2026-02-28"));
        assert_eq!(calendar_date("2026-02-30"), None);
        assert_eq!(calendar_date("yesterday"), None);
        assert_eq!(calendar_date("2026-02-2é"), None);
        assert!(is_web_url("https://example.org/a?b=c&d=e"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://example.org/\" onmouseover=\"x"));
        assert!(!is_web_url("https://"));
    }
}
