//! Author names: from raw byline strings to a list of persons.
//!
//! A byline may hold several names ("By Jane Doe and John Roe, Reuters"), a
//! role ("Jane Doe, Senior Editor"), an email, a site or agency name, or no
//! person at all ("Staff", "Associated Press"). We keep only strings that look
//! like a person's name.

/// Words that never belong to a person's name in a byline: agencies, roles, filler.
const NOT_A_PERSON: &[&str] = &[
    "staff",
    "editor",
    "editors",
    "editorial",
    "team",
    "desk",
    "news",
    "newsroom",
    "press",
    "associated",
    "reuters",
    "afp",
    "wire",
    "wires",
    "agency",
    "agencies",
    "reporter",
    "reporters",
    "correspondent",
    "contributor",
    "contributors",
    "writer",
    "admin",
    "administrator",
    "bloomberg",
    "service",
    "media",
    "online",
    "digital",
    "magazine",
    "times",
    "post",
    "journal",
    "daily",
    "tribune",
    "herald",
    "gazette",
    "com",
    "published",
    "updated",
    "posted",
    "photo",
    "photos",
    "video",
    "more",
    "follow",
    "twitter",
    "facebook",
    "email",
    "contact",
    "unknown",
    "anonymous",
    "guest",
    "author",
    "authors",
    "opinion",
    "sponsored",
    "partner",
    "content",
    "the",
    "name",
    "nome",
    "nombre",
    "имя",
    "гость",
    "автор",
    "redação",
    "redacción",
    "sports",
    "network",
    "group",
    "inc",
    "ltd",
    "llc",
];

/// Split a raw byline into cleaned person names (possibly none).
///
/// `site_name` (when known) is never returned as an author.
pub fn person_names(raw: &str, site_name: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let raw = raw.trim();
    if raw.is_empty() || raw.chars().count() > 200 {
        return out;
    }
    // Cut at role or affiliation separators that follow the names.
    let mut text = raw.replace(['\n', '\t', '|', '•', '·'], ",");
    for sep in [" - ", " – ", " — ", " / "] {
        text = text.replace(sep, ",");
    }
    let text = strip_by(&text);
    for part in split_names(&text) {
        if let Some(name) = clean_name(&part, site_name) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

fn strip_by(s: &str) -> String {
    let t = s.trim();
    let lower = t.to_lowercase();
    for prefix in [
        "written by ",
        "words by ",
        "reported by ",
        "by: ",
        "by ",
        "por ",
        "von ",
        "par ",
    ] {
        if lower.starts_with(prefix) {
            return t[prefix.len()..].to_string();
        }
    }
    t.to_string()
}

fn split_names(s: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for chunk in s.split([',', ';', '&']) {
        // " and " / " und " / " e " between names
        let mut rest = chunk.to_string();
        loop {
            let lower = rest.to_lowercase();
            let found = [" and ", " und ", " e ", " y ", " et "]
                .iter()
                .filter_map(|sep| lower.find(sep).map(|i| (i, sep.len())))
                .min();
            match found {
                Some((i, n)) if rest.is_char_boundary(i) && rest.is_char_boundary(i + n) => {
                    parts.push(rest[..i].to_string());
                    rest = rest[i + n..].to_string();
                }
                _ => break,
            }
        }
        parts.push(rest);
    }
    parts
}

const DATE_WORDS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Updated",
    "Published",
    "Posted",
];

/// Cut a byline at the first date word, including one glued to the name by
/// markup without a space ("Jane DoeMonday, Nov. 18").
fn strip_trailing_date_words(name: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for w in name.split(' ') {
        if DATE_WORDS.contains(&w) {
            break;
        }
        if let Some(d) = DATE_WORDS
            .iter()
            .find(|d| w.len() > d.len() && w.ends_with(*d))
        {
            let head = &w[..w.len() - d.len()];
            if head.chars().last().is_some_and(char::is_lowercase) {
                kept.push(head);
                break;
            }
        }
        kept.push(w);
    }
    kept.join(" ")
}

/// "Kevin McCoy USA TODAY" → "Kevin McCoy": an all-capitals tail after a
/// mixed-case name is an affiliation.
fn strip_trailing_caps_affiliation(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let is_caps = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    let first_caps = words.iter().position(|w| is_caps(w));
    match first_caps {
        Some(i) if i >= 2 && words[i..].iter().all(|w| is_caps(w)) => words[..i].join(" "),
        _ => name.to_string(),
    }
}

/// Clean one candidate; `None` when it does not look like a person's name.
pub fn clean_name(part: &str, site_name: Option<&str>) -> Option<String> {
    let name = strip_by(part);
    let name = name
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'')
        .trim_end_matches('.');
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.contains('@') || name.contains("://") || name.contains("www.") {
        return None;
    }
    let name = strip_trailing_date_words(&name);
    let name = strip_trailing_caps_affiliation(&name);
    let words: Vec<&str> = name.split(' ').collect();
    // A person is named with at least two words ("Jane Doe"); one word is a
    // site, a desk, a dateline ("Washington") or a handle.
    if words.len() < 2 || words.len() > 5 || name.chars().count() > 60 {
        return None;
    }
    if name.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let lower = name.to_lowercase();
    if let Some(site) = site_name {
        let site = site.trim().to_lowercase();
        if !site.is_empty() && (lower == site || lower.contains(&site) || site.contains(&lower)) {
            return None;
        }
    }
    for w in lower.split(|c: char| !c.is_alphanumeric()) {
        if NOT_A_PERSON.contains(&w) {
            return None;
        }
    }
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 3 {
        return None;
    }
    // Scripts with case (Latin, Cyrillic, Greek): a name is mostly capitalised words.
    let cased = letters.iter().any(|c| c.is_uppercase() || c.is_lowercase());
    if cased {
        if words.len() < 2 && letters.iter().all(|c| c.is_lowercase()) {
            return None;
        }
        let capitalised = words
            .iter()
            .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
            .count();
        let particles = words
            .iter()
            .filter(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "de" | "da"
                        | "do"
                        | "dos"
                        | "das"
                        | "van"
                        | "von"
                        | "der"
                        | "den"
                        | "del"
                        | "la"
                        | "le"
                        | "di"
                        | "bin"
                        | "al"
                        | "ibn"
                        | "du"
                        | "ter"
                )
            })
            .count();
        if capitalised + particles < words.len() {
            return None;
        }
    }
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_filters_bylines() {
        assert_eq!(
            person_names("By Jane Doe and John Roe", None),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(
            person_names("By JANE DOE, Associated Press", None),
            vec!["JANE DOE"]
        );
        assert!(person_names("Staff", None).is_empty());
        assert!(person_names("By The Daily Planet Staff", None).is_empty());
        assert!(person_names("jane@example.com", None).is_empty());
        assert!(person_names("Daily Planet", Some("Daily Planet")).is_empty());
        assert_eq!(
            person_names("Maria da Silva, Reuters", None),
            vec!["Maria da Silva"]
        );
        assert_eq!(
            person_names("Jeff FoustMonday, November 18, 2019", None),
            vec!["Jeff Foust"]
        );
        assert_eq!(
            person_names("Malcolm Owen Monday", None),
            vec!["Malcolm Owen"]
        );
        assert!(person_names("Washington", None).is_empty());
        assert!(person_names("The Russian", None).is_empty());
        assert!(person_names("Name", None).is_empty());
        assert_eq!(
            person_names("Kevin McCoy USA TODAY", None),
            vec!["Kevin McCoy"]
        );
        assert_eq!(person_names("LISA MASCARO", None), vec!["LISA MASCARO"]);
    }
}
