//! People (with roles and every mention), organisations and places named in a text.
//!
//! [`find_entities`] works in passes over one tokenization of the text, each pass
//! claiming the tokens it recognises so that later, vaguer passes cannot reuse them:
//!
//! 1. known organisations from a compact lexicon ("NATO", "White House"),
//! 2. people: a first name from the lexicon followed by capitalised words, a title
//!    before capitalised words ("Secretary-General Jens Stoltenberg"), an honorific
//!    ("Mr. Sims"), or a name followed by an appositive role,
//! 3. organisations by shape: capitalised runs ending in (or led by) an organisation
//!    head word ("Brookings Institution", "Center for the National Interest"), quoted
//!    programme names after "told" (“NBC Nightly News”), acronyms,
//! 4. places from a gazetteer of countries, capitals, major cities, US states and
//!    regions, then from context ("in X", "X-based"),
//! 5. surnames alone and honorific mentions are clustered onto the people found,
//!    tolerating misspellings by edit distance ("Mr. Rybakov" → Sergei Ryabkov),
//! 6. roles from titles before a name and from appositives after it.
//!
//! Every pass is linear in the number of tokens (lookahead and lookbehind are bounded),
//! so arbitrary input costs time proportional to its length. All offsets are chars.
//!
//! Limits (explicit, to keep hostile input cheap): names are at most
//! `MAX_NAME_TOKENS` (5) words; titles and appositives at most `MAX_ROLE_TOKENS` (25)
//! tokens; a person keeps at most `MAX_ROLES` (8) roles; misspelling lookups compare
//! against the first `MAX_FUZZY_PEOPLE` (2000) people and are tried for at most
//! `MAX_FUZZY_LOOKUPS` (500) distinct unknown surnames. Memory is one token record
//! (20 bytes) per word or punctuation mark. Measured in release on 10 MB of text:
//! about 2.5 s for entities and events together.
//!
//! The word lists (first names, women's first names, role words, places,
//! organisations) are plain text files beside this module, written from general
//! knowledge; extend them there.

pub(crate) mod lexicon;
pub(crate) mod text;

use std::collections::HashMap;

use crate::model::{Entity, Mention, Person};
use lexicon::{is_common_cap, is_name_stopper, lexicon, org_head, HONORIFICS, TITLE_ABBREVIATIONS};
use text::{Doc, Kind};

/// The people, organisations and places named in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entities {
    /// People, each once, in order of first mention.
    pub people: Vec<Person>,
    /// Organisations, each once, in order of first mention.
    pub organizations: Vec<Entity>,
    /// Places, each once, in order of first mention.
    pub places: Vec<Entity>,
}

/// Longest name (in tokens) considered; bounds lookahead.
const MAX_NAME_TOKENS: usize = 5;
/// Longest appositive or title (in tokens) read as a role.
const MAX_ROLE_TOKENS: usize = 25;
/// Cap on distinct people kept for fuzzy surname matching (bounds the quadratic part).
const MAX_FUZZY_PEOPLE: usize = 2000;
/// Cap on distinct unknown surnames looked up by edit distance.
const MAX_FUZZY_LOOKUPS: usize = 500;
/// Cap on roles kept per person.
const MAX_ROLES: usize = 8;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Claim {
    Free,
    Person,
    Org,
    Place,
}

/// A person mention before clustering.
#[derive(Debug, Clone)]
struct NameMention {
    /// Token range of the whole mention (including an honorific).
    start: usize,
    end: usize,
    /// Token indices of the name's words (without honorific, initials kept).
    parts: Vec<usize>,
    /// Written with an honorific ("Mr X").
    honorific: bool,
}

struct Finder<'a> {
    doc: Doc<'a>,
    claim: Vec<Claim>,
    names: Vec<NameMention>,
    /// (token start, token end, canonical name) of organisations and places.
    orgs: Vec<(usize, usize, String)>,
    places: Vec<(usize, usize, String)>,
    /// Char-level place mentions that are part of a token ("Geneva-based").
    place_prefixes: Vec<(usize, usize, String)>,
}

/// Finds the people, organisations and places in `text`. Offsets are chars of `text`.
///
/// ```
/// let e = newsdesk_analyze::entities::find_entities(
///     "Deputy Secretary of State Wendy Sherman met officials in Geneva. Ms. Sherman said...",
/// );
/// assert_eq!(e.people[0].name, "Wendy Sherman");
/// assert_eq!(e.people[0].roles, ["Deputy Secretary of State"]);
/// assert_eq!(e.people[0].mentions.len(), 2);
/// assert_eq!(e.places[0].name, "Geneva");
/// ```
pub fn find_entities(text: &str) -> Entities {
    let doc = Doc::new(text);
    let n = doc.tokens.len();
    let mut f = Finder {
        doc,
        claim: vec![Claim::Free; n],
        names: Vec::new(),
        orgs: Vec::new(),
        places: Vec::new(),
        place_prefixes: Vec::new(),
    };
    f.quoted_titles();
    f.known_organizations();
    f.people();
    f.organization_shapes();
    f.known_places();
    f.surnames_alone();
    f.context_places();
    f.trim_name_tails();
    f.finish()
}

fn is_initial(doc: &Doc, i: usize) -> bool {
    let s = doc.get(i);
    s.chars().count() == 1
        && s.chars().all(char::is_uppercase)
        && doc.get(i + 1) == "."
        && doc.tokens[i + 1].bs == doc.tokens[i].be
}

fn lower_is_role_head(w: &str) -> bool {
    let lex = lexicon();
    let l = w.to_lowercase();
    lex.role_heads.contains(l.as_str()) || l.split('-').any(|p| lex.role_heads.contains(p))
}

fn is_name_particle(w: &str) -> bool {
    matches!(
        w,
        "von"
            | "van"
            | "der"
            | "den"
            | "de"
            | "da"
            | "di"
            | "del"
            | "della"
            | "bin"
            | "al"
            | "el"
            | "ibn"
            | "le"
            | "la"
            | "du"
            | "dos"
            | "das"
    )
}

/// Titles that make a lone capitalised word a surname ("President Biden").
const SINGLE_NAME_TITLES: &[&str] = &[
    "President",
    "Senator",
    "Governor",
    "Mayor",
    "Judge",
    "Justice",
    "Chancellor",
    "Minister",
    "Secretary",
    "General",
    "Pope",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Ambassador",
    "Commissioner",
    "Chairman",
    "Chairwoman",
    "Chief",
    "Detective",
    "Officer",
    "Director",
    "Professor",
    "Premier",
    "Sheriff",
    "Speaker",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Councilman",
    "Councilwoman",
    "Admiral",
    "Colonel",
    "Captain",
    "Sergeant",
    "Lieutenant",
    "Rabbi",
    "Cardinal",
    "Bishop",
    "Pastor",
    "Coach",
    "Prosecutor",
];

/// All-caps words that are not organisations.
const NOT_ACRONYMS: &[&str] = &[
    "OK", "TV", "AM", "PM", "CEO", "CFO", "COO", "CTO", "ID", "DNA", "GDP", "AI", "PR", "VIP",
    "US", "OMG", "LOL", "EDT", "EST", "PDT", "PST", "CDT", "CST", "GMT", "UTC", "BST", "CET", "ER",
    "PTSD", "AIDS", "HIV", "ICU", "RIP", "FAQ", "USD", "EUR", "GBP", "MP", "MPs", "PS", "ET", "PT",
    "SUV", "MBA", "LGBT", "LGBTQ", "PCP", "TD", "USS", "RSVP", "ASAP", "IQ", "BC", "AD", "UK",
    "EU",
];

fn is_all_caps(s: &str) -> bool {
    s.chars().count() >= 2 && s.chars().all(|c| c.is_uppercase() || c == '-' || c == '.')
}

fn is_quote(s: &str) -> bool {
    matches!(s, "“" | "”" | "\"" | "‘" | "’" | "«" | "»" | "'")
}

impl<'a> Finder<'a> {
    fn free(&self, i: usize) -> bool {
        i < self.claim.len() && self.claim[i] == Claim::Free
    }

    fn set(&mut self, a: usize, b: usize, c: Claim) {
        for k in a..b.min(self.claim.len()) {
            self.claim[k] = c;
        }
    }

    /// A free capitalised word that could be part of a name.
    fn name_word(&self, i: usize) -> bool {
        let d = &self.doc;
        self.free(i)
            && d.is_cap(i)
            && !is_common_cap(d.s(i))
            && org_head(d.s(i)).is_none()
            && !lower_is_role_head(d.s(i))
            && !is_name_stopper(d.s(i))
            && (!is_all_caps(d.s(i)) || d.s(i).contains('.'))
            && !TITLE_ABBREVIATIONS.contains(&d.s(i))
            && !d.s(i).chars().any(|c| c.is_ascii_digit())
    }

    fn sentence_end(&self, i: usize) -> usize {
        let k = self.doc.sentence_of(i);
        self.doc
            .sentences
            .get(k)
            .map_or(self.doc.tokens.len(), |s| s.1)
    }

    fn known_organizations(&mut self) {
        let lex = lexicon();
        let mut i = 0;
        while i < self.doc.tokens.len() {
            let hit = lex.organizations.match_at(&self.doc, i);
            if let Some((len, canonical)) =
                hit.filter(|&(len, _)| (i..i + len).all(|k| self.free(k)))
            {
                self.orgs.push((i, i + len, canonical.to_string()));
                self.set(i, i + len, Claim::Org);
                i += len;
            } else {
                i += 1;
            }
        }
    }

    fn is_place_at(&self, i: usize) -> bool {
        lexicon().places.match_at(&self.doc, i).is_some()
    }

    /// Reads name words from `i`: first word, middle initials/particles, surname.
    fn read_name(&self, i: usize, end: usize) -> Vec<usize> {
        let d = &self.doc;
        let mut parts = vec![i];
        let mut j = i + 1;
        while j < end && parts.len() < MAX_NAME_TOKENS {
            if is_initial(d, j) && self.free(j) {
                parts.push(j);
                j += 2;
            } else if self.name_word(j)
                || (is_name_particle(d.s(j)) && self.name_word(j + 1) && j + 1 < end)
                || (parts.len() >= 2
                    && matches!(d.s(j), "II" | "III" | "IV" | "Jr" | "Sr")
                    && self.free(j))
            {
                parts.push(j);
                j += 1;
            } else {
                break;
            }
        }
        // A name ends on a word, not an initial or particle.
        while parts.len() > 1 {
            let last = *parts.last().unwrap_or(&i);
            if is_initial(d, last) || is_name_particle(d.s(last)) {
                parts.pop();
            } else {
                break;
            }
        }
        parts
    }

    fn end_of(&self, parts: &[usize]) -> usize {
        parts.last().map_or(0, |&l| {
            if is_initial(&self.doc, l) {
                l + 2
            } else {
                l + 1
            }
        })
    }

    fn people(&mut self) {
        let lex = lexicon();
        let n = self.doc.tokens.len();
        let mut i = 0;
        while i < n {
            let end = self.sentence_end(i);
            let s = self.doc.s(i);
            // Honorific + surname: "Mr Ryabkov", "Ms. Sherman", "Dr. Ann Smith".
            if self.doc.is_word(i) && HONORIFICS.contains(&s) && self.free(i) {
                let mut j = i + 1;
                if self.doc.get(j) == "." && self.doc.tokens[j].bs == self.doc.tokens[i].be {
                    j += 1;
                }
                if j < end && self.name_word(j) {
                    let parts = self.read_name(j, end);
                    let e = self.end_of(&parts);
                    self.set(i, e, Claim::Person);
                    self.names.push(NameMention {
                        start: i,
                        end: e,
                        parts,
                        honorific: true,
                    });
                    i = e;
                    continue;
                }
            }
            if self.name_word(i) {
                let first_known = lex.first_names.contains(s);
                let titled = i > 0 && self.title_before(i);
                let place_like = self.is_place_at(i);
                let prev = if i > 0 { self.doc.s(i - 1) } else { "" };
                let after_preposition =
                    matches!(prev, "in" | "to" | "from" | "of" | "at" | "near" | "across");
                let parts = self.read_name(i, end);
                let e = self.end_of(&parts);
                let words = parts.iter().filter(|&&p| !is_initial(&self.doc, p)).count();
                // "Deputy Russian Foreign Minister …": still inside the title.
                let title_goes_on = self.doc.is_cap(e)
                    && (lower_is_role_head(self.doc.s(e)) || org_head(self.doc.s(e)).is_some());
                let accept = if title_goes_on {
                    false
                } else if words >= 2 {
                    let second_is_place = self.is_place_at(parts[1]);
                    // "Charlotte Panthers", "Virginia Democrats": a place and a plural.
                    let second_plural = self.doc.s(parts[1]).ends_with('s');
                    (first_known
                        && !(place_like && (after_preposition || second_is_place || second_plural)))
                        || (titled && !place_like)
                        || (!place_like && words <= 3 && self.appositive_or_said(i, e))
                } else {
                    // A title before a single word: "President Biden".
                    titled
                        && (SINGLE_NAME_TITLES.contains(&self.doc.s(i - 1))
                            || self.abbreviated_title_before(i))
                        && !place_like
                        && !first_known
                        && !self.doc.is_cap(e)
                };
                if accept {
                    self.set(i, e, Claim::Person);
                    self.names.push(NameMention {
                        start: i,
                        end: e,
                        parts,
                        honorific: false,
                    });
                    i = e;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// Whether a title ending in a role head word stands right before token `i`.
    fn title_before(&self, i: usize) -> bool {
        let d = &self.doc;
        let p = i - 1;
        (d.is_word(p) && lower_is_role_head(d.s(p))) || self.abbreviated_title_before(i)
    }

    /// "Gov. Mike Pence": an abbreviated title and its period right before token `i`.
    fn abbreviated_title_before(&self, i: usize) -> bool {
        let d = &self.doc;
        i >= 2
            && d.s(i - 1) == "."
            && d.tokens[i - 1].bs == d.tokens[i - 2].be
            && TITLE_ABBREVIATIONS.contains(&d.s(i - 2))
    }

    /// "said Angela Stant," / "Dmitry Sims, president of …": a bare capitalised pair is a
    /// name when it is the subject of an appositive role or follows "said".
    fn appositive_or_said(&self, start: usize, end: usize) -> bool {
        let d = &self.doc;
        let prev = if start > 0 { d.s(start - 1) } else { "" };
        let next = d.get(end);
        if matches!(prev, "said" | "says" | "told" | "added") && matches!(next, "," | "." | "") {
            return true;
        }
        next == "," && self.appositive_roles(end).is_some()
    }

    /// Roles in an appositive starting at the comma at token `comma`:
    /// ", a Brookings Institution fellow and former US … officer" → two roles.
    fn appositive_roles(&self, comma: usize) -> Option<(Vec<String>, usize, usize)> {
        let d = &self.doc;
        if d.get(comma) != "," {
            return None;
        }
        let mut k = comma + 1;
        // Skip an age: "John Smith, 45, a lawyer".
        if d.get(k).chars().all(|c| c.is_ascii_digit())
            && !d.get(k).is_empty()
            && d.get(k + 1) == ","
        {
            k += 2;
        }
        let start = k;
        let first = d.get(k);
        let starts_ok = matches!(
            first,
            "a" | "an" | "the" | "former" | "then" | "now" | "currently"
        ) || lower_is_role_head(first)
            || lexicon().role_modifiers.contains(first)
            || d.is_cap(k);
        if !starts_ok || !d.is_word(k) {
            return None;
        }
        let mut end = k;
        let limit = self.sentence_end(comma).min(k + MAX_ROLE_TOKENS);
        while end < limit {
            let s = d.s(end);
            let t = d.tokens[end].kind;
            if t == Kind::Newline
                || (t == Kind::Punct
                    && matches!(s, "," | ";" | ":" | "—" | "–" | "-" | "(" | ")" | "!" | "?"))
                || (s == "." && !(end > 0 && is_initial(d, end - 1)))
                || is_quote(s)
                || matches!(
                    s,
                    "said"
                        | "says"
                        | "told"
                        | "who"
                        | "whom"
                        | "whose"
                        | "which"
                        | "that"
                        | "where"
                        | "when"
                        | "added"
                        | "is"
                        | "was"
                        | "has"
                        | "had"
                        | "will"
                        | "would"
                )
                || HONORIFICS.contains(&s)
            {
                break;
            }
            end += 1;
        }
        if end == start {
            return None;
        }
        // A role head in an appositive is a lowercase word ("fellow", "president of");
        // a capitalised one is more often a name ("Larry King").
        let has_head = |a: usize, b: usize| {
            (a..b).any(|x| d.is_word(x) && !d.is_cap(x) && lower_is_role_head(d.s(x)))
        };
        if !has_head(start, end) {
            return None;
        }
        // A list of titled people ("Chuck Berry, baseball player Willie Mays, …") is not
        // a role; "chief of staff to President Bill Clinton" is.
        if self.claim[end - 1] == Claim::Person
            && !(start..end)
                .any(|x| matches!(d.s(x), "to" | "of" | "for" | "at" | "with" | "under"))
        {
            return None;
        }
        // Split coordinated roles: "a Brookings Institution fellow and former US …
        // officer for Russia and Eurasia" splits before "former", not before "Eurasia".
        let mut pieces = Vec::new();
        let mut a = start;
        for x in start..end {
            let next = d.get(x + 1);
            let starts_role = matches!(next, "a" | "an" | "the" | "former" | "current" | "also")
                || (!d.is_cap(x + 1)
                    && (lexicon().role_modifiers.contains(next) || lower_is_role_head(next)));
            if d.s(x) == "and" && starts_role && has_head(a, x) && has_head(x + 1, end) {
                pieces.push((a, x));
                a = x + 1;
            }
        }
        pieces.push((a, end));
        let roles = pieces
            .into_iter()
            .map(|(mut a, mut b)| {
                if matches!(d.get(a), "a" | "an" | "the" | "also") && a + 1 < b {
                    a += 1;
                }
                while b > a + 1
                    && matches!(
                        d.s(b - 1),
                        "and" | "or" | "of" | "for" | "the" | "at" | "in" | "to" | "with"
                    )
                {
                    b -= 1;
                }
                clean_role(d.span_text(a, b))
            })
            .collect();
        Some((roles, start, end))
    }

    /// The title right before a name at token `i` ("Deputy Secretary of State",
    /// "Ukraine’s Deputy Prime Minister", "State Department spokesman"): token range.
    fn title_roles(&self, i: usize) -> Option<(usize, usize)> {
        let d = &self.doc;
        let lex = lexicon();
        let sent_start = d.sentences.get(d.sentence_of(i)).map_or(0, |s| s.0);
        let mut j = i;
        while j > sent_start && i - j < MAX_ROLE_TOKENS {
            let p = j - 1;
            let s = d.s(p);
            let kind = d.tokens[p].kind;
            let ok = match kind {
                Kind::Word => {
                    if self.claim[p] == Claim::Person {
                        false
                    } else if d.is_cap(p) {
                        !is_common_cap(s)
                    } else if lex.role_modifiers.contains(s) || lower_is_role_head(s) {
                        true
                    } else if matches!(s, "of" | "for" | "and" | "the") {
                        // Inside a title only between capitalised words.
                        d.is_cap(p + 1) && p > sent_start && {
                            let q = p - 1;
                            d.is_cap(q) || (matches!(d.s(q), "of" | "for") && s == "the")
                        }
                    } else {
                        false
                    }
                }
                Kind::Possessive => p > sent_start && d.is_cap(p - 1),
                Kind::Punct => s == "." && p >= 1 && self.abbreviated_title_before(p + 1),
                _ => false,
            };
            if !ok {
                break;
            }
            j = p;
        }
        // Trim leading connectors and possessives.
        while j < i
            && (matches!(d.s(j), "of" | "for" | "and" | "the")
                || d.tokens[j].kind == Kind::Possessive)
        {
            j += 1;
        }
        if j == i {
            return None;
        }
        let has_head = (j..i).any(|x| d.is_word(x) && lower_is_role_head(d.s(x)));
        has_head.then_some((j, i))
    }

    /// Quoted programme or publication names: told “NBC Nightly News”.
    fn quoted_titles(&mut self) {
        let n = self.doc.tokens.len();
        let mut i = 0;
        while i < n {
            if matches!(self.doc.s(i), "“" | "\"") && self.free(i + 1) && self.doc.is_cap(i + 1) {
                let mut j = i + 1;
                while j < n
                    && j - i <= 6
                    && self.free(j)
                    && (self.doc.is_cap(j) || matches!(self.doc.s(j), "of" | "the" | "and" | "&"))
                {
                    j += 1;
                }
                if j < n && matches!(self.doc.s(j), "”" | "\"") && j > i + 1 {
                    let prev = if i > 0 { self.doc.s(i - 1) } else { "" };
                    let last = self.doc.s(j - 1);
                    let media = matches!(
                        last,
                        "News"
                            | "Times"
                            | "Post"
                            | "Journal"
                            | "Show"
                            | "Today"
                            | "Tonight"
                            | "Live"
                            | "Hour"
                            | "Report"
                            | "Magazine"
                            | "Minutes"
                            | "Nation"
                            | "Morning"
                            | "Press"
                            | "Tribune"
                            | "Herald"
                            | "Gazette"
                            | "Radio"
                            | "TV"
                    );
                    if media
                        || (matches!(prev, "told" | "on") && j - i <= 5 && self.doc.is_cap(j - 1))
                    {
                        let name = self.doc.span_text(i + 1, j).to_string();
                        self.orgs.push((i + 1, j, name));
                        self.set(i + 1, j, Claim::Org);
                        i = j + 1;
                        continue;
                    }
                }
            }
            i += 1;
        }
    }

    fn organization_shapes(&mut self) {
        let n = self.doc.tokens.len();
        // Capitalised runs with an organisation head word.
        let mut i = 0;
        while i < n {
            if !(self.free(i) && self.doc.is_cap(i)) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n {
                let cap_word = self.free(j) && self.doc.is_cap(j) && !is_common_cap(self.doc.s(j));
                let connector = matches!(
                    self.doc.s(j),
                    "of" | "for" | "the" | "and" | "on" | "&" | "de"
                ) && self.free(j + 1)
                    && self.doc.is_cap(j + 1)
                    && !is_common_cap(self.doc.s(j + 1));
                if cap_word || connector {
                    j += 1;
                } else {
                    break;
                }
            }
            let mut a = i;
            while a < j
                && (is_common_cap(self.doc.s(a)) || lexicon::weekday(self.doc.s(a)).is_some())
            {
                a += 1;
            }
            if let Some((oa, ob)) = self.org_in_run(a, j) {
                let name = self.doc.span_text(oa, ob).to_string();
                self.orgs.push((oa, ob, name));
                self.set(oa, ob, Claim::Org);
            }
            i = j.max(i + 1);
        }
        // Acronyms: NYPD, FBI. Not shouted words (the same word also written in lower
        // or title case in the text: "NO", "WHITE", "PENCE"), not Roman numerals, not
        // time zones or common abbreviations.
        let mut other_case: std::collections::HashSet<String> = std::collections::HashSet::new();
        for i in 0..n {
            let s = self.doc.s(i);
            if self.doc.is_word(i) && s.chars().any(char::is_lowercase) && s.len() <= 12 {
                other_case.insert(s.to_uppercase());
            }
        }
        for i in 0..n {
            let s = self.doc.s(i);
            let len = s.chars().count();
            let shouted_run = (i > 0 && self.doc.is_word(i - 1) && is_all_caps(self.doc.s(i - 1)))
                || (self.doc.is_word(i + 1) && is_all_caps(self.doc.s(i + 1)));
            if self.free(i)
                && self.doc.is_word(i)
                && (2..=6).contains(&len)
                && s.chars().all(|c| c.is_ascii_uppercase())
                && !s
                    .chars()
                    .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'M'))
                && !NOT_ACRONYMS.contains(&s)
                && !other_case.contains(s)
                && !self.is_place_at(i)
                && !shouted_run
            {
                self.orgs.push((i, i + 1, s.to_string()));
                self.claim[i] = Claim::Org;
            }
        }
    }

    /// The organisation inside a capitalised run `a..b`, if a head word makes one.
    fn org_in_run(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        let d = &self.doc;
        if b <= a {
            return None;
        }
        // A known place is not an organisation ("Russian Federation").
        if lexicon()
            .places
            .match_at(d, a)
            .is_some_and(|(len, _)| a + len >= b)
        {
            return None;
        }
        // Head-initial: "Center for the National Interest", "Ministry of Defence".
        for k in a..b {
            let on_ok = matches!(d.s(k), "Commission" | "Committee" | "Council" | "Board");
            if org_head(d.s(k)) == Some(true)
                && (matches!(d.get(k + 1), "of" | "for") || (on_ok && d.get(k + 1) == "on"))
            {
                return (b > k + 2).then_some((a, b));
            }
        }
        // Head-final: "Brookings Institution", "NATO-Russia Council", "Hofstra
        // University" in "Hofstra University on Long Island" (a head followed by a
        // connector ends the name; one followed by another word does not:
        // "Nuclear Forces Treaty").
        let head_end = (a + 1..b)
            .rev()
            .find(|&q| org_head(d.s(q)).is_some() && (q + 1 == b || !d.is_cap(q + 1)))?;
        let mut s = a;
        while s < head_end
            && (lexicon::month(d.s(s)).is_some()
                || lower_is_role_head(d.s(s))
                || d.s(s).ends_with("-based")
                || matches!(
                    d.s(s),
                    "Inc" | "Corp" | "Ltd" | "Co" | "and" | "of" | "for" | "the"
                ))
        {
            s += 1;
        }
        (head_end > s).then_some((s, head_end + 1))
    }

    fn known_places(&mut self) {
        let lex = lexicon();
        let mut i = 0;
        while i < self.doc.tokens.len() {
            if self.free(i) {
                if let Some((len, canonical)) = lex.places.match_at(&self.doc, i) {
                    if (i..i + len).all(|k| self.free(k)) {
                        self.places.push((i, i + len, canonical.to_string()));
                        self.set(i, i + len, Claim::Place);
                        i += len;
                        continue;
                    }
                }
            }
            i += 1;
        }
    }

    fn context_places(&mut self) {
        let lex = lexicon();
        let n = self.doc.tokens.len();
        // Words the text also writes in lower case ("family", "round") are common
        // nouns, not unknown places.
        let lower_words: std::collections::HashSet<&str> = (0..n)
            .map(|i| self.doc.s(i))
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .collect();
        for i in 0..n {
            if !self.doc.is_word(i) {
                continue;
            }
            let s = self.doc.s(i);
            // "Geneva-based"
            if let Some(prefix) = s.strip_suffix("-based") {
                if prefix.chars().next().is_some_and(char::is_uppercase) {
                    let cs = self.doc.tokens[i].cs as usize;
                    let canonical = Doc::new(prefix);
                    let canonical = if canonical.tokens.is_empty() {
                        None
                    } else {
                        lex.places.match_at(&canonical, 0).map(|(_, c)| c)
                    };
                    if !prefix.chars().all(|c| c.is_uppercase() || c == '-') {
                        let name = canonical.unwrap_or(prefix).to_string();
                        self.place_prefixes
                            .push((cs, cs + prefix.chars().count(), name));
                    }
                }
                continue;
            }
            // "in X" where X is a lone unknown capitalised word.
            if matches!(s, "in" | "near" | "outside")
                && self.free(i + 1)
                && self.doc.is_cap(i + 1)
                && !self.doc.is_cap(i + 2)
                && self.ends_place_phrase(i + 2)
            {
                let w = self.doc.s(i + 1);
                let plausible = !is_common_cap(w)
                    && !lower_words.contains(w.to_lowercase().as_str())
                    && !lex.first_names.contains(w)
                    && !lower_is_role_head(w)
                    && org_head(w).is_none()
                    && !w.chars().all(|c| c.is_uppercase())
                    && !w.chars().any(|c| c.is_ascii_digit() || c == '-')
                    && ![
                        "ish", "ese", "ian", "an", "ans", "ic", "ism", "ist", "ists", "ity",
                    ]
                    .iter()
                    .any(|suf| w.ends_with(suf))
                    && !matches!(w, "God" | "Christ" | "Heaven" | "Hell" | "Internet" | "Web")
                    && w.chars().count() >= 3;
                if plausible {
                    self.places.push((i + 1, i + 2, w.to_string()));
                    self.claim[i + 1] = Claim::Place;
                }
            }
        }
    }

    /// Whether token `k` may follow a place found by context: punctuation or a function
    /// word ("in Kenansville, N.C.", "in Uptown were"), not a noun ("in Western unity",
    /// "in Adelson money"), a number ("in Round 2") or a coordinated name ("in Family
    /// and Medical Leave").
    fn ends_place_phrase(&self, k: usize) -> bool {
        let d = &self.doc;
        let Some(t) = d.tokens.get(k) else {
            return true;
        };
        match t.kind {
            Kind::Possessive => false,
            Kind::Punct | Kind::Newline => true,
            Kind::Word => {
                let w = d.s(k);
                if matches!(w, "and" | "or") {
                    return !d.is_cap(k + 1);
                }
                matches!(
                    w,
                    "but"
                        | "on"
                        | "at"
                        | "for"
                        | "to"
                        | "from"
                        | "with"
                        | "was"
                        | "were"
                        | "is"
                        | "are"
                        | "had"
                        | "has"
                        | "have"
                        | "will"
                        | "would"
                        | "said"
                        | "says"
                        | "where"
                        | "when"
                        | "that"
                        | "which"
                        | "who"
                        | "last"
                        | "this"
                        | "next"
                        | "since"
                        | "during"
                        | "as"
                        | "after"
                        | "before"
                        | "until"
                        | "by"
                        | "of"
                        | "in"
                        | "earlier"
                        | "later"
                        | "today"
                        | "yesterday"
                        | "tomorrow"
                        | "recently"
                        | "then"
                        | "while"
                        | "because"
                        | "if"
                )
            }
        }
    }

    /// "Hillary Clinton Speaks" in a title-cased headline: a longer name whose first two
    /// words are a name found elsewhere in the text is cut to those two words.
    fn trim_name_tails(&mut self) {
        let d = &self.doc;
        let mut pairs: HashMap<(&str, &str), ()> = HashMap::new();
        for m in &self.names {
            if !m.honorific && m.parts.len() == 2 {
                pairs.insert((d.s(m.parts[0]), d.s(m.parts[1])), ());
            }
        }
        for m in &mut self.names {
            let words = m.parts.iter().filter(|&&p| !is_initial(d, p)).count();
            if !m.honorific
                && words >= 3
                && m.parts.len() >= 3
                && pairs.contains_key(&(d.s(m.parts[0]), d.s(m.parts[1])))
            {
                m.parts.truncate(2);
                m.end = m.parts[1] + 1;
            }
        }
    }

    /// Surnames of people already found, standing alone ("Putin’s inner circle").
    fn surnames_alone(&mut self) {
        let mut surnames: HashMap<&str, ()> = HashMap::new();
        for m in &self.names {
            let words: Vec<usize> = m
                .parts
                .iter()
                .copied()
                .filter(|&p| !is_initial(&self.doc, p))
                .collect();
            if !m.honorific && words.len() >= 2 {
                if let Some(&l) = words.last() {
                    surnames.insert(self.doc.s(l), ());
                }
            }
        }
        if surnames.is_empty() {
            return;
        }
        let n = self.doc.tokens.len();
        for i in 0..n {
            if self.free(i)
                && self.doc.is_cap(i)
                && surnames.contains_key(self.doc.s(i))
                && !self.doc.is_cap(i + 1)
            {
                self.claim[i] = Claim::Person;
                self.names.push(NameMention {
                    start: i,
                    end: i + 1,
                    parts: vec![i],
                    honorific: false,
                });
            }
        }
        self.names.sort_by_key(|m| m.start);
    }

    fn mention(&self, a: usize, b: usize) -> Mention {
        let (start, end) = self.doc.char_span(a, b);
        Mention {
            text: self.doc.span_text(a, b).to_string(),
            start,
            end,
            part: Default::default(),
        }
    }

    /// Groups name mentions into people: `assigned[i]` is the person of `self.names[i]`.
    ///
    /// Full names (two words or more) are keyed by first and last word. Honorific
    /// mentions with a full name whose surname is not otherwise known are full names
    /// too ("Mr. Peña Nieto" joins Enrique Peña Nieto; "Dr. Ann Lee" alone starts Ann
    /// Lee). Single words and other honorific mentions go to a person with that
    /// surname (of a compatible gender for Mr/Ms/Mrs; the latest mentioned before when
    /// several fit), else to a surname-first name ("Mr. Xi"), else to a misspelled
    /// surname ("Mr. Rybakov"), else start a person of their own.
    fn cluster_people(&self) -> (Vec<Person>, Vec<Option<usize>>) {
        let d = &self.doc;
        let mut people: Vec<Person> = Vec::new();
        let mut first_pos: Vec<usize> = Vec::new();
        let mut genders: Vec<Gender> = Vec::new();
        let mut surname_of: Vec<String> = Vec::new();
        let mut key_index: HashMap<(String, String), usize> = HashMap::new();
        let mut assigned: Vec<Option<usize>> = vec![None; self.names.len()];
        let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_first_word: HashMap<&str, Vec<usize>> = HashMap::new();
        let words_of = |m: &NameMention| -> Vec<usize> {
            m.parts
                .iter()
                .copied()
                .filter(|&p| !is_initial(d, p))
                .collect()
        };
        for pass in 0..2 {
            for (mi, m) in self.names.iter().enumerate() {
                let words = words_of(m);
                if words.len() < 2 || m.honorific != (pass == 1) {
                    continue;
                }
                let first_word = d.s(words[0]);
                let last_word = d.s(words[words.len() - 1]);
                if pass == 1 && by_surname.contains_key(last_word) {
                    continue;
                }
                let key = (first_word.to_string(), last_word.to_string());
                let name_end = self.end_of(&m.parts);
                let name_text = d.span_text(m.parts[0], name_end).to_string();
                let idx = *key_index.entry(key).or_insert_with(|| {
                    people.push(Person {
                        name: name_text.clone(),
                        mentions: Vec::new(),
                        roles: Vec::new(),
                    });
                    first_pos.push(m.start);
                    genders.push(name_gender(first_word));
                    surname_of.push(last_word.to_string());
                    by_surname
                        .entry(last_word)
                        .or_default()
                        .push(people.len() - 1);
                    by_first_word
                        .entry(first_word)
                        .or_default()
                        .push(people.len() - 1);
                    people.len() - 1
                });
                if name_text.chars().count() > people[idx].name.chars().count() {
                    people[idx].name = name_text;
                }
                assigned[mi] = Some(idx);
            }
        }
        let full_people = people.len();
        let mut fuzzy_cache: HashMap<&str, Option<usize>> = HashMap::new();
        for (mi, m) in self.names.iter().enumerate() {
            if assigned[mi].is_some() {
                continue;
            }
            let Some(&last) = m.parts.last() else {
                continue;
            };
            let surname = d.s(last);
            let gender = if m.honorific {
                honorific_gender(d.s(m.start))
            } else {
                Gender::Unknown
            };
            let fits = |p: &usize| gender.compatible(genders[*p]);
            let exact: Vec<usize> = by_surname
                .get(surname)
                .map(|v| v.iter().copied().filter(fits).collect())
                .unwrap_or_default();
            let idx = if !exact.is_empty() {
                *exact
                    .iter()
                    .rev()
                    .find(|&&p| first_pos[p] <= m.start)
                    .unwrap_or(&exact[0])
            } else if let Some(&p) = m
                .honorific
                .then(|| by_first_word.get(surname).filter(|v| v.len() == 1))
                .flatten()
                .and_then(|v| v.first())
                .filter(|p| fits(p))
            {
                p
            } else if let Some(p) = m
                .honorific
                .then(|| {
                    // One lookup per distinct spelling, and a bounded number overall.
                    if let Some(hit) = fuzzy_cache.get(surname) {
                        return *hit;
                    }
                    let hit = (fuzzy_cache.len() < MAX_FUZZY_LOOKUPS)
                        .then(|| fuzzy_surname(surname, &surname_of[..full_people]))
                        .flatten();
                    fuzzy_cache.insert(surname, hit);
                    hit
                })
                .flatten()
                .filter(fits)
            {
                p
            } else {
                let key = (format!("{gender:?}"), surname.to_string());
                *key_index.entry(key).or_insert_with(|| {
                    people.push(Person {
                        name: surname.to_string(),
                        mentions: Vec::new(),
                        roles: Vec::new(),
                    });
                    first_pos.push(m.start);
                    genders.push(gender);
                    surname_of.push(surname.to_string());
                    by_surname
                        .entry(surname)
                        .or_default()
                        .push(people.len() - 1);
                    people.len() - 1
                })
            };
            assigned[mi] = Some(idx);
        }
        (people, assigned)
    }

    fn finish(self) -> Entities {
        let d = &self.doc;
        let (mut people, assigned) = self.cluster_people();
        // Appositive roles: places inside them ("officer for Russia and Eurasia")
        // describe the person, not the story, and are not reported as places.
        let mut role_spans: Vec<(usize, usize)> = Vec::new();
        for (mi, m) in self.names.iter().enumerate() {
            let Some(idx) = assigned[mi] else { continue };
            people[idx].mentions.push(self.mention(m.start, m.end));
            if m.honorific {
                continue;
            }
            let mut roles = Vec::new();
            if let Some((a, b)) = self.title_roles(m.start) {
                roles.push(clean_role(d.span_text(a, b)));
            }
            if let Some((rs, a, b)) = self.appositive_roles(m.end) {
                roles.extend(rs);
                role_spans.push((a, b));
            }
            for r in roles {
                if people[idx].roles.len() < MAX_ROLES
                    && !people[idx].roles.iter().any(|x| x.eq_ignore_ascii_case(&r))
                {
                    people[idx].roles.push(r);
                }
            }
        }
        // Order people by first mention.
        people.sort_by_key(|p| p.mentions.first().map_or(usize::MAX, |m| m.start));
        people.retain(|p| !p.mentions.is_empty());

        // Role spans do not overlap and are found in text order: binary search.
        role_spans.sort_unstable();
        let in_role = |a: usize, b: usize| {
            let k = role_spans.partition_point(|&(x, _)| x <= a);
            k > 0 && b <= role_spans[k - 1].1
        };
        let organizations = self.group(&self.orgs, |_, _| false, &[]);
        let places = self.group(&self.places, in_role, &self.place_prefixes);
        Entities {
            people,
            organizations,
            places,
        }
    }

    fn group(
        &self,
        found: &[(usize, usize, String)],
        skip: impl Fn(usize, usize) -> bool,
        extra: &[(usize, usize, String)],
    ) -> Vec<Entity> {
        let mut out: Vec<Entity> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut all: Vec<(Mention, String)> = found
            .iter()
            .filter(|(a, b, _)| !skip(*a, *b))
            .map(|(a, b, name)| (self.mention(*a, *b), name.clone()))
            .collect();
        for (cs, ce, name) in extra {
            let t = self.doc.token_at_char(*cs);
            let tok = &self.doc.tokens[t.min(self.doc.tokens.len().saturating_sub(1))];
            let text = &self.doc.text[tok.bs as usize..];
            let len_bytes: usize = text.chars().take(ce - cs).map(char::len_utf8).sum();
            all.push((
                Mention {
                    text: text[..len_bytes].to_string(),
                    start: *cs,
                    end: *ce,
                    part: Default::default(),
                },
                name.clone(),
            ));
        }
        all.sort_by_key(|(m, _)| m.start);
        for (m, name) in all {
            let idx = *index.entry(name.clone()).or_insert_with(|| {
                out.push(Entity {
                    name,
                    mentions: Vec::new(),
                });
                out.len() - 1
            });
            out[idx].mentions.push(m);
        }
        out
    }
}

/// What a first name or an honorific says about a person, for choosing between people
/// who share a surname.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Female,
    Male,
    Unknown,
}

impl Gender {
    fn compatible(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

fn name_gender(first: &str) -> Gender {
    let lex = lexicon();
    if lex.female_names.contains(first) {
        Gender::Female
    } else if lex.first_names.contains(first) && !lex.unisex_names.contains(first) {
        Gender::Male
    } else {
        Gender::Unknown
    }
}

fn honorific_gender(h: &str) -> Gender {
    match h {
        "Mr" | "Sir" | "Herr" | "Monsieur" | "Messrs" => Gender::Male,
        "Mrs" | "Ms" | "Mme" | "Madame" | "Dame" | "Frau" => Gender::Female,
        _ => Gender::Unknown,
    }
}

/// The known surname closest to `surname` by edit distance, when close enough to be a
/// misspelling ("Rybakov" → "Ryabkov"): at most 1 edit for 4–5 letters, 2 for longer.
fn fuzzy_surname(surname: &str, known: &[String]) -> Option<usize> {
    let len = surname.chars().count();
    if len < 4 {
        return None;
    }
    let max = if len <= 5 { 1 } else { 2 };
    let lower = surname.to_lowercase();
    let mut best: Option<(usize, usize)> = None;
    for (i, k) in known.iter().enumerate().take(MAX_FUZZY_PEOPLE) {
        if k.is_empty() || k.chars().next() != surname.chars().next() {
            continue;
        }
        let dist = strsim::damerau_levenshtein(&lower, &k.to_lowercase());
        if dist <= max && best.is_none_or(|(b, _)| dist < b) {
            best = Some((dist, i));
        }
    }
    best.map(|(_, i)| i)
}

impl Entities {
    /// The person with a mention starting at char offset `start`, if any.
    pub fn person_at(&self, start: usize) -> Option<&Person> {
        self.people
            .iter()
            .find(|p| p.mentions.iter().any(|m| m.start == start))
    }

    /// The person a mention refers to: a full name, "Mr Ryabkov" / "Ms. Sherman", a
    /// surname alone, a misspelled surname ("Mr. Rybakov" → Sergei Ryabkov), or a role
    /// phrase standing for a person named with that role elsewhere ("White House
    /// national security adviser" → Jake Sullivan; case-insensitive).
    pub fn resolve(&self, mention: &str) -> Option<&Person> {
        let m = normalize_mention(mention);
        if m.is_empty() {
            return None;
        }
        let words: Vec<&str> = m.split_whitespace().collect();
        let (honorific, rest) = match words.first() {
            Some(w) if HONORIFICS.contains(&w.trim_end_matches('.')) => (true, &words[1..]),
            _ => (false, &words[..]),
        };
        if rest.is_empty() {
            return None;
        }
        let joined = rest.join(" ");
        let surname = *rest.last()?;
        // Exact full name.
        if let Some(p) = self
            .people
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(&joined))
        {
            return Some(p);
        }
        // Surname (and first name when given).
        let by_surname: Vec<&Person> = self
            .people
            .iter()
            .filter(|p| p.name.split_whitespace().last() == Some(surname))
            .collect();
        if rest.len() <= 2 {
            if rest.len() == 2 {
                if let Some(p) = by_surname
                    .iter()
                    .find(|p| p.name.split_whitespace().next() == Some(rest[0]))
                {
                    return Some(p);
                }
            } else if let Some(p) = by_surname.first() {
                return Some(p);
            }
        }
        // A first name alone, when exactly one person has it ("Wendy").
        if rest.len() == 1 && !honorific {
            let mut hits = self
                .people
                .iter()
                .filter(|p| p.name.split_whitespace().count() >= 2)
                .filter(|p| p.name.split_whitespace().next() == Some(surname));
            if let (Some(p), None) = (hits.next(), hits.next()) {
                return Some(p);
            }
        }
        if rest.len() <= 2 && surname.chars().next().is_some_and(char::is_uppercase) {
            let surnames: Vec<String> = self
                .people
                .iter()
                .map(|p| p.name.split_whitespace().last().unwrap_or("").to_string())
                .collect();
            if honorific || rest.len() == 1 {
                if let Some(i) = fuzzy_surname(surname, &surnames) {
                    return self.people.get(i);
                }
            }
        }
        // A role phrase: equal to a role, or the role's tail ("national security adviser").
        let lower = joined.to_lowercase();
        let role_match =
            |p: &&Person, f: &dyn Fn(&str) -> bool| p.roles.iter().any(|r| f(&r.to_lowercase()));
        if let Some(p) = self.people.iter().find(|p| role_match(p, &|r| r == lower)) {
            return Some(p);
        }
        if rest.len() >= 2 {
            let hits: Vec<&Person> = self
                .people
                .iter()
                .filter(|p| {
                    role_match(p, &|r: &str| {
                        // "White House national security adviser" is the "national
                        // security adviser", but a "deputy secretary of state" is not
                        // the "secretary of state".
                        r.strip_suffix(lower.as_str())
                            .and_then(|prefix| prefix.strip_suffix(' '))
                            .is_some_and(|prefix| {
                                !matches!(
                                    prefix.rsplit(' ').next().unwrap_or(""),
                                    "deputy"
                                        | "vice"
                                        | "assistant"
                                        | "under"
                                        | "former"
                                        | "acting"
                                        | "associate"
                                        | "ex"
                                )
                            })
                    })
                })
                .collect();
            if hits.len() == 1 {
                return Some(hits[0]);
            }
        }
        None
    }
}

/// A role as one line of single-spaced text (no-break spaces and line breaks folded).
fn clean_role(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trims a mention to its words: drops a leading article and a trailing possessive.
fn normalize_mention(s: &str) -> String {
    let s = s
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    let s = s
        .strip_suffix("’s")
        .or_else(|| s.strip_suffix("'s"))
        .unwrap_or(s);
    let mut words: Vec<&str> = s.split_whitespace().collect();
    if words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        words.remove(0);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_surname_tolerates_transpositions() {
        let known = vec!["Ryabkov".to_string(), "Sherman".to_string()];
        assert_eq!(fuzzy_surname("Rybakov", &known), Some(0));
        assert_eq!(fuzzy_surname("Shearman", &known), Some(1));
        assert_eq!(fuzzy_surname("Putin", &known), None);
    }

    #[test]
    fn normalizes_mentions() {
        assert_eq!(normalize_mention(" the Kremlin’s "), "Kremlin");
        assert_eq!(normalize_mention("Mr. Sims"), "Mr. Sims");
    }
}
