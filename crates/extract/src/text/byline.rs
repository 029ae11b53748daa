//! Author names from bylines ("By Jane Roe and John Doe") and from contact lines
//! ("Write Jane Q. at [email protected] Public, John Roe at …"), including the
//! garbled form an email-obfuscation script leaves when a page is scraped without
//! running it: the surname may land *after* the placeholder.

use super::lexicon::{email_placeholder_spans, is_email_address};

/// Longest byline we read, in chars; longer lines are prose that starts with "By".
const MAX_BYLINE_CHARS: usize = 160;

/// Words that make a name candidate an organisation or a role, not a person.
const NOT_A_PERSON: &[&str] = &[
    "staff",
    "reporter",
    "reporters",
    "writer",
    "writers",
    "editor",
    "editors",
    "editorial",
    "correspondent",
    "contributor",
    "contributors",
    "team",
    "desk",
    "news",
    "press",
    "associated",
    "agency",
    "reuters",
    "bloomberg",
    "afp",
    "service",
    "media",
    "times",
    "post",
    "journal",
    "daily",
    "online",
    "network",
    "group",
    "bureau",
    "wire",
    "magazine",
    "tribune",
    "herald",
    "gazette",
    "channel",
    "tv",
    "radio",
    "com",
    "inc",
    "ltd",
    "llc",
    "updated",
    "published",
    "posted",
    "photos",
    "photo",
    "video",
    "illustration",
    "opinion",
    "guest",
    "admin",
    "administrator",
    "newsroom",
    "report",
    "wires",
    "sports",
    "review",
];

/// Lowercase particles allowed inside a name ("Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "de", "da", "di", "do", "dos", "das", "du", "del", "della", "der", "den", "van", "von", "la",
    "le", "bin", "ibn", "al", "el", "ten", "ter", "y", "e",
];

/// Authors named by a byline line (`By …`), if `line` is one.
pub(crate) fn byline_authors(line: &str) -> Option<Vec<String>> {
    if line.chars().count() > MAX_BYLINE_CHARS {
        return None;
    }
    let rest = strip_prefix_ci(line.trim_start_matches(['-', '—', '–', '·', ' ']), "by")?;
    if !rest.starts_with([' ', ':', '\u{a0}']) {
        return None;
    }
    let rest = rest.trim_start_matches([' ', ':', '\u{a0}']);
    // A byline often trails a date or a site after a separator: keep the names.
    let rest = rest
        .split(['|', '/', '•', '·', '—', '–', '('])
        .next()
        .unwrap_or(rest);
    let names: Vec<String> = split_names(rest).filter_map(person_name).collect();
    (!names.is_empty()).then_some(names)
}

/// Authors named by a contact line full of e-mail placeholders or addresses
/// ("Write A B at [email protected], C D at …"), if `line` is one.
///
/// Each placeholder ends a name that started after the previous separator; words
/// between a placeholder and the next separator (`,` or `and`) are the surname that
/// the obfuscation script displaced, and belong to the name before.
pub(crate) fn contact_line_authors(line: &str) -> Option<Vec<String>> {
    // Cut the line at each placeholder or address into the text between them.
    let mut segments: Vec<&str> = Vec::new();
    let mut last = 0;
    let mut spans: Vec<(usize, usize)> = email_placeholder_spans(line).collect();
    let mut pos = 0;
    for tok in line.split(|c: char| c.is_whitespace()) {
        let start = pos + line[pos..].find(tok).unwrap_or(0);
        pos = start + tok.len();
        if is_email_address(tok) && !spans.iter().any(|&(s, e)| start >= s && start < e) {
            spans.push((start, start + tok.len()));
        }
    }
    spans.sort_unstable();
    if spans.is_empty() {
        return None;
    }
    for (s, e) in spans {
        if s < last {
            continue; // overlapping spans: keep the first
        }
        segments.push(&line[last..s]);
        last = e;
    }
    let tail = &line[last..];

    let mut names: Vec<String> = Vec::new();
    for (k, seg) in segments.iter().enumerate() {
        let mut seg = seg.trim();
        if k == 0 {
            seg = strip_contact_verb(seg)?;
        } else {
            let (surname, rest) = split_leading_words(seg);
            if let (Some(prev), false) = (names.last_mut(), surname.is_empty()) {
                prev.push(' ');
                prev.push_str(surname);
            }
            seg = rest;
        }
        // The name is what precedes the final "at" (or "@", "on", ":").
        let name = strip_suffix_word(seg, &["at", "on", "via", ":"]).unwrap_or(seg);
        let name = name.trim().trim_start_matches([',', ';']).trim();
        let name = strip_prefix_word(name, &["and", "&"])
            .unwrap_or(name)
            .trim();
        names.push(name.to_string());
    }
    let (surname, _) = split_leading_words(tail.trim());
    if let (Some(prev), false) = (names.last_mut(), surname.is_empty()) {
        prev.push(' ');
        prev.push_str(surname.trim_end_matches(['.', ';']));
    }
    let names: Vec<String> = names.iter().filter_map(|n| person_name(n)).collect();
    (!names.is_empty()).then_some(names)
}

/// Drop the call that opens a contact line ("Write to", "Email", "Contact", "Reach").
fn strip_contact_verb(seg: &str) -> Option<&str> {
    for verb in [
        "write to", "write", "email", "e-mail", "contact", "reach", "send", "mail",
    ] {
        if let Some(rest) = strip_prefix_ci(seg, verb) {
            if rest.starts_with([' ', ':']) {
                return Some(rest.trim_start_matches([' ', ':']));
            }
        }
    }
    None
}

/// Split a segment after a placeholder into the displaced surname (leading
/// capitalised words up to a separator) and the rest after the separator.
fn split_leading_words(seg: &str) -> (&str, &str) {
    let seg = seg.trim_start();
    if seg.starts_with([',', ';', '.']) || seg.is_empty() {
        return ("", seg.trim_start_matches([',', ';', '.']).trim_start());
    }
    let cut = seg.find([',', ';']).map(|i| (i, i + 1));
    let and = find_word(seg, "and").map(|i| (i, i + 3));
    let (end, resume) = match (cut, and) {
        (Some(a), Some(b)) => {
            if a.0 < b.0 {
                a
            } else {
                b
            }
        }
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => (seg.len(), seg.len()),
    };
    let lead = seg[..end].trim();
    let ok = !lead.is_empty()
        && lead.split_whitespace().count() <= 2
        && lead
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if ok {
        (lead, seg[resume..].trim_start())
    } else {
        ("", seg)
    }
}

/// Byte offset of `word` as a whole word (case-sensitive) in `s`.
fn find_word(s: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(rel) = s[from..].find(word) {
        let i = from + rel;
        let before = s[..i].chars().next_back();
        let after = s[i + word.len()..].chars().next();
        if before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
        {
            return Some(i);
        }
        from = i + word.len();
    }
    None
}

/// Split a list of names on commas, semicolons, "and" and "&".
fn split_names(s: &str) -> impl Iterator<Item = &str> {
    s.split([',', ';', '&'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// `name` tidied, if it looks like a person's name: 2–5 words, each capitalised,
/// an initial, or a name particle; no digits; no organisation or role word.
pub(crate) fn person_name(name: &str) -> Option<String> {
    let name = name
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'');
    let name = name.trim_end_matches(',');
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) || name.chars().count() > 60 {
        return None;
    }
    for (k, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if NOT_A_PERSON.contains(&bare) || w.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let first = w.chars().next()?;
        let particle = k > 0 && k + 1 < words.len() && PARTICLES.contains(&bare);
        if !(first.is_uppercase() || particle) {
            return None;
        }
        if !w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        {
            return None;
        }
        // "FOXBusiness", "NBCNews": a brand glued to the name, not a surname
        // ("McDonald", "DeArdo" and all-caps names are fine).
        let upper = w.chars().filter(|c| c.is_uppercase()).count();
        let lower = w.chars().filter(|c| c.is_lowercase()).count();
        if upper >= 3 && lower > 0 {
            return None;
        }
    }
    // The last word must be a surname, not an initial.
    if words.last()?.ends_with('.') {
        return None;
    }
    Some(words.join(" "))
}

/// `s` without a leading `prefix`, compared ASCII-case-insensitively.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// `s` without one trailing word from `words`.
fn strip_suffix_word<'a>(s: &'a str, words: &[&str]) -> Option<&'a str> {
    let t = s.trim_end();
    words.iter().find_map(|w| {
        let rest = t.strip_suffix(w)?;
        (rest.is_empty() || rest.ends_with(' ') || *w == ":").then_some(rest.trim_end())
    })
}

/// `s` without one leading word from `words`.
fn strip_prefix_word<'a>(s: &'a str, words: &[&str]) -> Option<&'a str> {
    words.iter().find_map(|w| {
        let rest = s.strip_prefix(w)?;
        rest.starts_with(' ').then_some(rest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_garbled_contact_line() {
        let line = "Write Jane Q. at [email\u{a0}protected] Public, John Roe at [email\u{a0}protected] and Mary K. Lee at [email\u{a0}protected]";
        assert_eq!(
            contact_line_authors(line).unwrap(),
            vec!["Jane Q. Public", "John Roe", "Mary K. Lee"]
        );
    }

    #[test]
    fn reads_contact_line_with_real_addresses() {
        let line = "Write to Pat Doe at pat.doe@example.com and Lu Chen at lu.chen@example.com";
        assert_eq!(
            contact_line_authors(line).unwrap(),
            vec!["Pat Doe", "Lu Chen"]
        );
        assert!(contact_line_authors("Send tips to tips@example.com").is_none());
    }

    #[test]
    fn reads_bylines() {
        assert_eq!(
            byline_authors("By Jane Roe and John Doe").unwrap(),
            vec!["Jane Roe", "John Doe"]
        );
        assert_eq!(
            byline_authors("By Eric Lund, Example News Staff").unwrap(),
            vec!["Eric Lund"]
        );
        assert_eq!(
            byline_authors("By Ana de la Cruz | March 3, 2021").unwrap(),
            vec!["Ana de la Cruz"]
        );
        assert!(byline_authors("By Staff").is_none());
        assert!(byline_authors("Bypass road reopens").is_none());
        assert!(byline_authors("By the time the rain stopped, the river had risen.").is_none());
    }

    #[test]
    fn rejects_non_names() {
        assert!(person_name("Associated Press").is_none());
        assert!(person_name("Madonna").is_none());
        assert!(person_name("Ann M.").is_none());
        assert!(person_name("Jon Garber FOXBusiness").is_none());
        assert!(person_name("Bryan DeArdo").is_some());
        assert_eq!(
            person_name("Ann M. Simmons").as_deref(),
            Some("Ann M. Simmons")
        );
    }
}
