//! Word lists the finders use, compiled into the binary from the `.txt` files beside
//! this module and parsed once on first use.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use super::text::{Doc, Kind};

/// Multi-word names matched token by token, longest first.
pub(crate) struct Phrases {
    /// First token → (tokens, canonical name), longest entries first.
    by_first: HashMap<&'static str, Vec<(Vec<&'static str>, &'static str)>>,
}

impl Phrases {
    fn parse(src: &'static str) -> Phrases {
        let mut by_first: HashMap<&'static str, Vec<(Vec<&'static str>, &'static str)>> =
            HashMap::default();
        for line in src.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, canonical) = match line.split_once('=') {
                Some((n, c)) => (n.trim(), c.trim()),
                None => (line, line),
            };
            let toks = phrase_tokens(name);
            if let Some(first) = toks.first() {
                by_first.entry(first).or_default().push((toks, canonical));
            }
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        }
        Phrases { by_first }
    }

    /// The longest entry starting at token `i` of `doc`: (tokens consumed, canonical).
    pub fn match_at(&self, doc: &Doc, i: usize) -> Option<(usize, &'static str)> {
        if !doc.is_word(i) {
            return None;
        }
        let cands = self.by_first.get(doc.s(i))?;
        'outer: for (toks, canonical) in cands {
            for (k, t) in toks.iter().enumerate() {
                if doc.get(i + k) != *t || doc.tokens[i + k].kind == Kind::Newline {
                    continue 'outer;
                }
            }
            return Some((toks.len(), canonical));
        }
        None
    }
}

/// Splits a lexicon entry the way the tokenizer splits text ("Washington, D.C." →
/// "Washington", ",", "D.C.").
fn phrase_tokens(name: &'static str) -> Vec<&'static str> {
    let d = Doc::new(name);
    (0..d.tokens.len()).map(|i| d.s(i)).collect()
}

fn words(src: &'static str) -> HashSet<&'static str> {
    src.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
}

/// All word lists.
pub(crate) struct Lexicon {
    pub first_names: HashSet<&'static str>,
    pub female_names: HashSet<&'static str>,
    pub unisex_names: HashSet<&'static str>,
    pub role_heads: HashSet<&'static str>,
    pub role_modifiers: HashSet<&'static str>,
    pub places: Phrases,
    pub organizations: Phrases,
}

/// The lexicon, parsed on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon {
        first_names: words(include_str!("first_names.txt")),
        female_names: words(include_str!("female_names.txt")),
        unisex_names: [
            "Alex", "Casey", "Chris", "Dana", "Jamie", "Jean", "Jordan", "Kelly", "Kim", "Lee",
            "Leslie", "Morgan", "Pat", "Robin", "Sam", "Sandy", "Terry", "Toni", "Jackie", "Kay",
        ]
        .into_iter()
        .collect(),
        role_heads: words(include_str!("role_words.txt")),
        role_modifiers: words(include_str!("role_modifiers.txt")),
        places: Phrases::parse(include_str!("places.txt")),
        organizations: Phrases::parse(include_str!("organizations.txt")),
    })
}

/// Honorifics that precede a surname ("Mr", "Ms.", "Dr").
pub(crate) const HONORIFICS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Sir", "Dame", "Prof", "Messrs", "Mme", "Madame", "Monsieur",
    "Herr", "Frau",
];

/// Abbreviated titles written with a period before a name ("Gov. Mike Pence").
pub(crate) const TITLE_ABBREVIATIONS: &[&str] = &[
    "Gov", "Sen", "Rep", "Gen", "Lt", "Col", "Capt", "Sgt", "Maj", "Adm", "Pres", "Atty", "Supt",
    "Cmdr", "Rev", "Insp", "Det", "Cpl", "Pvt", "Amb",
];

/// Words that end a name in a title-cased headline or programme name
/// ("Steve Harvey Morning Show").
pub(crate) fn is_name_stopper(w: &str) -> bool {
    matches!(
        w,
        "Show"
            | "News"
            | "Morning"
            | "Daily"
            | "Times"
            | "Post"
            | "Journal"
            | "Report"
            | "Tonight"
            | "Today"
            | "Live"
            | "Radio"
            | "Magazine"
            | "Blog"
            | "Podcast"
            | "Says"
            | "Said"
            | "Goes"
            | "Speaks"
            | "Slams"
            | "Calls"
            | "Wins"
            | "Gets"
            | "Takes"
            | "Makes"
            | "Speech"
            | "Day"
            | "Act"
            | "Election"
    )
}

/// Capitalised words that are never part of a name: sentence-initial function words,
/// pronouns, weekdays, months.
pub(crate) fn is_common_cap(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "But",
        "And",
        "Or",
        "If",
        "As",
        "Of",
        "For",
        "To",
        "From",
        "By",
        "With",
        "After",
        "Before",
        "During",
        "When",
        "While",
        "Where",
        "What",
        "Who",
        "Why",
        "How",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Here",
        "It",
        "Its",
        "He",
        "She",
        "We",
        "They",
        "I",
        "You",
        "His",
        "Her",
        "Our",
        "Their",
        "My",
        "Your",
        "Meanwhile",
        "However",
        "Also",
        "Still",
        "Yet",
        "So",
        "Some",
        "Many",
        "Most",
        "All",
        "No",
        "Not",
        "One",
        "Two",
        "Three",
        "Both",
        "Each",
        "Every",
        "Such",
        "Then",
        "Now",
        "Today",
        "Tomorrow",
        "Yesterday",
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
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Will",
        "Would",
        "Can",
        "Could",
        "Should",
        "Do",
        "Does",
        "Did",
        "Is",
        "Are",
        "Was",
        "Were",
        "Has",
        "Have",
        "Had",
        "Let",
        "Read",
        "Write",
        "Advertisement",
        "Like",
        "Under",
        "Over",
        "Since",
        "Until",
        "Although",
        "Though",
        "Because",
        "Despite",
        "Among",
        "Against",
        "Without",
        "Within",
        "Into",
        "Through",
        "About",
        "According",
        "Asked",
        "Said",
        "Says",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Photo",
        "Image",
        "Video",
        "Getty",
        "Images",
        "Click",
        "Share",
        "More",
        "Related",
        "Recent",
        "Stay",
        "Get",
    ];
    WORDS.contains(&w)
}

/// Weekday index (Monday = 0) of a weekday name.
pub(crate) fn weekday(w: &str) -> Option<u32> {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    DAYS.iter().position(|d| *d == w).map(|p| p as u32)
}

/// Month number (1–12) of a month name or abbreviation.
pub(crate) fn month(w: &str) -> Option<u32> {
    const MONTHS: [(&str, &str); 12] = [
        ("January", "Jan"),
        ("February", "Feb"),
        ("March", "Mar"),
        ("April", "Apr"),
        ("May", "May"),
        ("June", "Jun"),
        ("July", "Jul"),
        ("August", "Aug"),
        ("September", "Sep"),
        ("October", "Oct"),
        ("November", "Nov"),
        ("December", "Dec"),
    ];
    MONTHS
        .iter()
        .position(|(l, s)| *l == w || *s == w || (w == "Sept" && *s == "Sep"))
        .map(|p| p as u32 + 1)
}

/// Head words of organisation names. `initial` heads may be followed by "of/for …"
/// ("Organization for …", "Center for the National Interest"); all may end a name
/// ("Brookings Institution", "NATO-Russia Council").
pub(crate) fn org_head(w: &str) -> Option<bool> {
    const INITIAL: &[&str] = &[
        "Organization",
        "Organisation",
        "Center",
        "Centre",
        "Institute",
        "Institution",
        "University",
        "Ministry",
        "Department",
        "Council",
        "Bank",
        "Commission",
        "Committee",
        "Court",
        "Agency",
        "Office",
        "Association",
        "Federation",
        "Foundation",
        "Fund",
        "League",
        "Board",
        "Bureau",
        "Academy",
        "College",
        "School",
        "Society",
        "Church",
        "Corporation",
        "Party",
        "Authority",
        "Service",
        "Forum",
        "Alliance",
    ];
    const FINAL: &[&str] = &[
        "Inc",
        "Corp",
        "Ltd",
        "Group",
        "Company",
        "Co",
        "Administration",
        "Police",
        "Parliament",
        "Assembly",
        "Senate",
        "Caucus",
        "Coalition",
        "Network",
        "Times",
        "Post",
        "Journal",
        "News",
        "Tribune",
        "Herald",
        "Gazette",
        "Telegraph",
        "Hospital",
        "Airlines",
        "Services",
        "Army",
        "Navy",
        "Guard",
        "Agency",
        "Council",
        "Institution",
        "Institute",
        "Department",
        "Ministry",
        "Committee",
        "Commission",
        "Foundation",
        "Association",
        "Center",
        "Centre",
        "University",
        "Bank",
        "Court",
        "Office",
        "Fund",
        "Party",
        "Service",
        "Forum",
        "Alliance",
        "Corporation",
        "Authority",
        "Bureau",
        "Board",
        "League",
        "College",
        "Academy",
    ];
    if INITIAL.contains(&w) {
        Some(true)
    } else if FINAL.contains(&w) {
        Some(false)
    } else {
        None
    }
}
