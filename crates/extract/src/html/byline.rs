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
    let words: Vec<&str> = name.split(' ').collect();
    if words.is_empty() || words.len() > 5 || name.chars().count() > 60 {
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
        if words.len() == 1 {
            // A single capitalised word is a name only if it is not an all-caps acronym.
            if letters.iter().all(|c| c.is_uppercase()) {
                return None;
            }
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
    }
}
