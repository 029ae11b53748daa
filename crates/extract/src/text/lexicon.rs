//! Word lists that mark a line as page furniture rather than article text: ad
//! markers, calls to action, sharing and sign-in prompts, related-link headings,
//! cookie and legal footers, credits. Matching is case-insensitive.

/// Lines made of one of these alone (after dropping punctuation and bullets) are
/// furniture, however short.
const WHOLE_LINE: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "advertising",
    "sponsored",
    "anzeige",
    "werbung",
    "publicidad",
    "publicité",
    "publicidade",
    "pubblicità",
    "реклама",
    "share",
    "shares",
    "tweet",
    "email",
    "e-mail",
    "print",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "instagram",
    "youtube",
    "flipboard",
    "telegram",
    "rss",
    "comments",
    "comment",
    "menu",
    "search",
    "home",
    "close",
    "more",
    "next",
    "previous",
    "prev",
    "loading",
    "related",
    "x",
    "×",
    "top",
    "back",
    "copy link",
    "copied",
    "save",
    "saved",
    "like",
    "follow",
    "share this",
    "share story",
    "share article",
    "print article",
];

/// Phrases that mark a line as furniture when it is short (at most
/// [`SHORT_LINE_WORDS`] words); a long prose line may mention them in passing.
const SHORT_LINE_PHRASES: &[&str] = &[
    "advertisement",
    "sponsored content",
    "subscribe",
    "subscription",
    "newsletter",
    "sign up",
    "signup",
    "sign in",
    "sign-in",
    "log in",
    "login",
    "log out",
    "register",
    "create an account",
    "my account",
    "cookie",
    "privacy",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "terms & conditions",
    "rights reserved",
    "copyright",
    "©",
    "related stories",
    "related articles",
    "related posts",
    "related coverage",
    "related content",
    "related news",
    "recent articles",
    "recent posts",
    "recent stories",
    "latest news",
    "latest stories",
    "more stories",
    "more news",
    "more from",
    "read more",
    "read next",
    "read also",
    "see also",
    "also read",
    "most read",
    "most popular",
    "most viewed",
    "trending",
    "recommended",
    "you may also like",
    "you might also like",
    "don't miss",
    "follow us",
    "follow @",
    "share this",
    "share on",
    "share via",
    "click here",
    "download the app",
    "get the app",
    "dmca",
    "correction notice",
    "report a correction",
    "report an error",
    "contact us",
    "about us",
    "skip to",
    "jump to",
    "back to top",
    "image credit",
    "photo credit",
    "picture credit",
    "getty",
    "(image",
    "(photo",
    "(picture",
    "image:",
    "picture:",
    "ap photo",
    "shutterstock",
    "(photo:",
    "photo:",
    "comments",
    "leave a comment",
    "leave a reply",
    "in your inbox",
    "your inbox",
    "email address",
    "notifications",
    "javascript",
    "browser",
    "all rights",
    "powered by",
    "sitemap",
    "site map",
    "accessibility",
    "advertise",
    "impressum",
    "datenschutz",
    "nutzungsbedingungen",
    "lesen sie auch",
    "mehr zum thema",
    "lire aussi",
    "mentions légales",
    "leia também",
    "leia mais",
    "veja também",
    "lee también",
    "suscríbete",
    "читайте также",
    "подписаться",
];

/// A "short" line for [`SHORT_LINE_PHRASES`], in words.
const SHORT_LINE_WORDS: usize = 16;

/// Phrases that mark a line as furniture at any length (legal and cookie notices).
const ANY_LINE_PHRASES: &[&str] = &[
    "all rights reserved",
    "by continuing to use",
    "use of cookies",
    "uses cookies",
    "we use cookies",
    "cookie policy",
    "privacy policy",
    "terms of service",
    "terms of use",
    "enable javascript",
    "redirected",
    "[email protected]",
    "[email\u{a0}protected]",
];

/// Ad markers: words that stand alone on a line where an advertisement was cut out.
const AD_MARKERS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "advertising",
    "sponsored",
    "anzeige",
    "werbung",
    "publicidad",
    "publicité",
    "publicidade",
    "pubblicità",
    "reklame",
    "reklama",
    "реклама",
];

/// Is this line an ad marker or a "continues below" notice: a place where something
/// was cut out of the article, which says nothing about the lines around it?
pub(crate) fn is_interstitial(line: &str, words: usize) -> bool {
    if words > 8 {
        return false;
    }
    let lower = line.to_lowercase();
    let core = lower.trim_matches(|c: char| !c.is_alphanumeric());
    AD_MARKERS.contains(&core)
        || ((core.starts_with("advertisement") || core.ends_with("advertisement")) && words <= 6)
        || core.starts_with("continue reading")
        || core.starts_with("story continues")
        || core.starts_with("article continues")
        || core.starts_with("scroll to continue")
}

/// Headings that close the article: what follows them is about other pages.
const SECTION_END: &[&str] = &[
    "related",
    "more stories",
    "more news",
    "more from",
    "more in",
    "most read",
    "most popular",
    "most viewed",
    "recommended",
    "you may also like",
    "you might also like",
    "you may like",
    "read more",
    "read next",
    "also read",
    "see also",
    "latest news",
    "latest stories",
    "recent articles",
    "recent posts",
    "recent stories",
    "trending",
    "comments",
    "leave a comment",
    "leave a reply",
    "post a comment",
    "all rights reserved",
    "lesen sie auch",
    "mehr zum thema",
    "lire aussi",
    "leia também",
    "veja também",
    "lee también",
    "читайте также",
];

/// Most words a section-closing heading has.
const SECTION_END_WORDS: usize = 6;

/// What a line's wording says about it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Wording {
    /// Page furniture: a call to action, a menu word, a legal or cookie notice.
    pub boilerplate: bool,
    /// A heading that closes the article ("Related Stories", "Most Read").
    pub section_end: bool,
}

/// One automaton per phrase list, built once: a line is scanned once per list
/// instead of once per phrase.
struct Automata {
    short_line: aho_corasick::AhoCorasick,
    any_line: aho_corasick::AhoCorasick,
    section_end: aho_corasick::AhoCorasick,
}

fn automata() -> &'static Automata {
    static A: std::sync::OnceLock<Automata> = std::sync::OnceLock::new();
    A.get_or_init(|| {
        let build = |p: &[&str]| aho_corasick::AhoCorasick::new(p).expect("phrase lists are valid");
        Automata {
            short_line: build(SHORT_LINE_PHRASES),
            any_line: build(ANY_LINE_PHRASES),
            section_end: build(SECTION_END),
        }
    })
}

/// Judge a (trimmed) line of `words` words by its wording.
pub(crate) fn wording(line: &str, words: usize) -> Wording {
    let a = automata();
    if words > 60 {
        // Only the strong phrases, and only where they would be: in the first 2 KB.
        let head = prefix(line, 2048).to_lowercase();
        return Wording {
            boilerplate: a.any_line.is_match(&head),
            section_end: false,
        };
    }
    let lower = line.to_lowercase();
    let core = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '×' && c != '©');
    Wording {
        boilerplate: WHOLE_LINE.contains(&core)
            || ends_with_credit(&lower)
            || teaser_link(&lower, words)
            || a.any_line.is_match(&lower)
            || (words <= SHORT_LINE_WORDS && a.short_line.is_match(&lower)),
        section_end: (words <= SECTION_END_WORDS && a.section_end.is_match(&lower))
            || comment_heading(&lower),
    }
}

/// What follows the count in a comment-section heading ("12 thoughts on …").
const COMMENT_HEADS: &[&str] = &[
    "thought on",
    "thoughts on",
    "response to",
    "responses to",
    "comment on",
    "comments on",
    "reply to",
    "replies to",
    "reaction to",
    "reactions to",
    "comments",
    "responses",
    "replies",
];

/// Is the (lower-case) line the heading of a comment section: a count ("12", "one")
/// and "thoughts on …", "responses to …", "comments"?
fn comment_heading(lower: &str) -> bool {
    let Some((count, rest)) = lower.split_once(' ') else {
        return false;
    };
    let is_count = count.chars().all(|c| c.is_ascii_digit())
        || ["one", "two", "three", "four", "five", "no"].contains(&count);
    is_count && lower.len() <= 200 && COMMENT_HEADS.iter().any(|h| rest.starts_with(h))
}

/// Labels that open an inline link to another story ("Related: …", "READ MORE: …").
const TEASER_LABELS: &[&str] = &[
    "related:",
    "read more:",
    "read also:",
    "also read:",
    "see also:",
    "more:",
    "watch:",
    "listen:",
    "read:",
    "recommended:",
    "don't miss:",
    "lesen sie auch:",
    "leia também:",
    "lire aussi:",
    "mehr:",
];
/// Most words an inline link to another story has.
const TEASER_WORDS: usize = 25;

/// Is the (lower-case) line an inline link to another story ("Related: …")?
fn teaser_link(lower: &str, words: usize) -> bool {
    words <= TEASER_WORDS && TEASER_LABELS.iter().any(|l| lower.starts_with(l))
}

/// Labels that open a photo credit at the end of a caption.
const CREDIT_LABELS: &[&str] = &[
    "credit:",
    "credits:",
    "photo:",
    "image:",
    "photograph:",
    "picture:",
];
/// Most words a credit at the end of a caption has.
const CREDIT_WORDS: usize = 8;

/// Does the (lower-case) line end with a photo credit ("… Credit: ESA")? Then it
/// is a caption, not article text.
fn ends_with_credit(lower: &str) -> bool {
    let tail = prefix_from_end(lower, 120);
    CREDIT_LABELS.iter().any(|label| {
        tail.rfind(label).is_some_and(|i| {
            let after = &tail[i + label.len()..];
            let n = after.split_whitespace().count();
            (1..=CREDIT_WORDS).contains(&n) && !after.contains(['.', '!', '?'])
        })
    })
}

/// The longest suffix of `s` of at most `max` bytes that starts on a char boundary.
fn prefix_from_end(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut start = s.len() - max;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Is this (trimmed) line of `words` words page furniture by its wording?
#[cfg(test)]
fn is_boilerplate(line: &str, words: usize) -> bool {
    wording(line, words).boilerplate
}

/// Does the line hold an e-mail address or the placeholder left by an
/// email-obfuscation script (`[email protected]`, often with a no-break space)?
pub(crate) fn has_email(line: &str) -> bool {
    email_placeholder_spans(line).next().is_some() || line.split_whitespace().any(is_email_address)
}

/// A token that looks like `name@host.tld`.
pub(crate) fn is_email_address(token: &str) -> bool {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric());
    match t.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && host
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        }
        None => false,
    }
}

/// Byte spans of every `[email protected]` placeholder in `line`, whatever white
/// space (ordinary, no-break) sits between the two words.
pub(crate) fn email_placeholder_spans(line: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(rel) = line[from..].find("[email") {
            let start = from + rel;
            let after = &line[start + "[email".len()..];
            let ws: usize = after
                .chars()
                .take_while(|c| c.is_whitespace())
                .map(char::len_utf8)
                .sum();
            from = start + "[email".len();
            if ws > 0 && after[ws..].starts_with("protected]") {
                let end = start + "[email".len() + ws + "protected]".len();
                from = end;
                return Some((start, end));
            }
        }
        None
    })
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
pub(crate) fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spots_calls_to_action_and_markers() {
        assert!(is_boilerplate("- Advertisement -", 1));
        assert!(is_interstitial("- Advertisement -", 1));
        assert!(is_interstitial("Story continues below advertisement", 4));
        assert!(!is_interstitial("Share", 1));
        assert!(is_boilerplate("Get the morning briefing in your inbox", 7));
        assert!(is_boilerplate("Share", 1));
        assert!(is_boilerplate(
            "© 2024 Example Media. All rights reserved.",
            7
        ));
        assert!(!is_boilerplate(
            "The council met on Monday and voted to close the old bridge.",
            12
        ));
    }

    #[test]
    fn inline_links_to_other_stories() {
        assert!(is_boilerplate("RELATED: Council closes the quarry road", 6));
        assert!(is_boilerplate("Read more: How the dam was built", 7));
        assert!(!is_boilerplate(
            "Related projects were delayed by the storm.",
            7
        ));
    }

    #[test]
    fn comment_section_headings() {
        assert!(wording("12 thoughts on “Rain returns to the valley”", 8).section_end);
        assert!(wording("One response to Rain returns", 5).section_end);
        assert!(wording("3 Comments", 2).section_end);
        assert!(!wording("12 people were rescued on Monday", 6).section_end);
    }

    #[test]
    fn captions_ending_with_a_credit() {
        let cap = "A model of the new lock gates, which engineers hope to install before the spring floods. Credit: River Authority";
        assert!(is_boilerplate(cap, 20));
        assert!(!is_boilerplate(
            "The photo: a grey heron standing in the shallows while the lock gates opened behind it, which the jury praised.",
            20
        ));
    }

    #[test]
    fn long_prose_may_mention_a_phrase() {
        let line = "Readers who subscribe to the paper ".repeat(3)
            + "were asked on Monday whether the council should close the old bridge for repairs.";
        let words = line.split_whitespace().count();
        assert!(!is_boilerplate(&line, words));
    }

    #[test]
    fn finds_email_placeholders_with_any_space() {
        let line = "Write Ann at [email\u{a0}protected] or Bo at [email protected].";
        let spans: Vec<_> = email_placeholder_spans(line).collect();
        assert_eq!(spans.len(), 2);
        assert_eq!(&line[spans[0].0..spans[0].1], "[email\u{a0}protected]");
        assert!(has_email("Reach me at ann.lee@example.org today"));
        assert!(!has_email("Meet me @ the station"));
    }
}
