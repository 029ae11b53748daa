//! Speaker resolution within one document: the one small interface between quote
//! attribution and the people of the document.
//!
//! A [`Resolver`] holds the people known in the document (names with roles, found by
//! [`Resolver::learn`] or fed from elsewhere with [`Resolver::add_person`]) and maps a
//! speaker mention to a canonical name, a role and a kind: pronouns to the last speaker
//! (or the last person named), titles and surnames to the full name ("Mr Ryabkov" →
//! Sergei Ryabkov), misspelled surnames by edit distance ("Mr. Rybakov"), a role standing
//! for a person named elsewhere ("White House national security adviser" → Jake
//! Sullivan), countries and organisations, and unnamed groups ("US officials").

use super::cues;
use super::tokens::{Kind, Para};
use crate::model::{SpeakerKind, TextPart};

/// What a mention resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Canonical name of the person or organisation, if known.
    pub name: Option<String>,
    /// Role, if the document gives one.
    pub role: Option<String>,
    /// Person, organisation or group.
    pub kind: SpeakerKind,
}

#[derive(Debug, Clone)]
struct Known {
    name: String,
    /// Lowercased name tokens (possessive stripped).
    tokens: Vec<String>,
    roles: Vec<String>,
    /// Lowercased role tokens, per role.
    role_tokens: Vec<Vec<String>>,
}

/// People of one document and the state of the running attribution.
#[derive(Debug, Default, Clone)]
pub struct Resolver {
    people: Vec<Known>,
    /// (part, char position, person index) of every full-name mention, in learning order.
    mentions: Vec<(TextPart, usize, usize)>,
    /// The last speaker resolved to a known person, with where its mention was.
    last_person_speaker: Option<(usize, TextPart, usize)>,
}

const WEEKDAYS_MONTHS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "the",
    "a",
    "an",
    "but",
    "and",
    "in",
    "on",
    "at",
    "for",
    "as",
    "this",
    "that",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "some",
    "many",
    "his",
    "her",
];

fn strip_possessive(w: &str) -> (&str, bool) {
    for suf in ["’s", "'s"] {
        if let Some(s) = w.strip_suffix(suf) {
            return (s, true);
        }
    }
    (w, false)
}

/// Optimal-string-alignment distance (edits incl. adjacent transpositions), bounded inputs.
fn osa(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=m {
        d[0][j] = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

/// Are two surnames the same name, allowing for a misspelling?
fn same_surname(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let n = a.chars().count().min(b.chars().count());
    if n < 5 || a.chars().next() != b.chars().next() {
        return false;
    }
    let limit = if n >= 7 { 2 } else { 1 };
    a.len().abs_diff(b.len()) <= limit * 2 && osa(a, b) <= limit
}

fn is_name_word(p: &Para, i: usize) -> bool {
    if !p.is_word(i) || !p.toks[i].cap {
        return false;
    }
    let (w, _) = strip_possessive(p.low(i));
    let raw = p.raw(i);
    let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
    let upper = raw.chars().filter(|c| c.is_uppercase()).count();
    // Acronyms (NATO, US) are not parts of personal names.
    letters >= 2
        && upper < letters
        && raw
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && !cues::is_role_word(w)
        && !cues::is_org_word(w)
        && !cues::is_org_head(w)
        && !WEEKDAYS_MONTHS.contains(&w)
}

impl Resolver {
    /// An empty resolver.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add (or merge into an existing entry) a person known from elsewhere, e.g. the
    /// entity stage's people list. Returns its index.
    pub fn add_person(&mut self, name: &str, role: Option<&str>) -> usize {
        let tokens: Vec<String> = name
            .split_whitespace()
            .map(|w| strip_possessive(&w.to_lowercase()).0.to_string())
            .collect();
        let idx = self.people.iter().position(|k| {
            let (Some(a), Some(b)) = (k.tokens.last(), tokens.last()) else {
                return false;
            };
            same_surname(a, b)
                && (k.tokens.len() < 2
                    || tokens.len() < 2
                    || k.tokens[0] == tokens[0]
                    || k.tokens[0].chars().next() == tokens[0].chars().next())
        });
        let idx = match idx {
            Some(i) => {
                if tokens.len() > self.people[i].tokens.len() {
                    self.people[i].name = name.to_string();
                    self.people[i].tokens = tokens;
                }
                i
            }
            None => {
                self.people.push(Known {
                    name: name.to_string(),
                    tokens,
                    roles: vec![],
                    role_tokens: vec![],
                });
                self.people.len() - 1
            }
        };
        if let Some(r) = role.map(str::trim).filter(|r| !r.is_empty()) {
            let k = &mut self.people[idx];
            if !k.roles.iter().any(|x| x.eq_ignore_ascii_case(r)) {
                k.roles.push(r.to_string());
                k.role_tokens
                    .push(r.split_whitespace().map(|w| w.to_lowercase()).collect());
            }
        }
        idx
    }

    /// Learn the full personal names of a paragraph ("Deputy Russian Foreign Minister
    /// Sergei Ryabkov", "Angela Stant, a Brookings Institution fellow") with their roles.
    pub fn learn(&mut self, p: &Para, part: TextPart) {
        let n = p.toks.len();
        let mut i = 0;
        while i < n {
            if !is_name_word(p, i) {
                i += 1;
                continue;
            }
            let a = i;
            let mut b = i;
            while b + 1 < n
                && b + 1 - a < 4
                && is_name_word(p, b + 1)
                && !strip_possessive(p.low(b)).1
            {
                b += 1;
            }
            i = b + 1;
            // A name needs two words; a sentence-initial capital alone is no evidence.
            if b == a {
                continue;
            }
            // An honorific right before ("Mr Ryabkov") makes a surname mention, not a full name.
            if a > 0 && p.is_word(a - 1) && cues::is_person_title(p.low(a - 1)) {
                continue;
            }
            // Most names are two words; capitalised words before them belong to the role
            // ("Chief Harbour Inspector Marta Kowalczyk").
            let a = a.max(b - 1);
            let name = (a..=b)
                .map(|k| strip_possessive(p.raw(k)).0)
                .collect::<Vec<_>>()
                .join(" ");
            let role = self.role_before(p, a).or_else(|| role_after(p, b));
            let idx = self.add_person(&name, role.as_deref());
            self.mentions.push((part, p.toks[a].c0, idx));
        }
    }

    fn role_before(&self, p: &Para, a: usize) -> Option<String> {
        let mut s = a;
        let mut k = a;
        while k > 0 && a - k < 9 {
            let t = k - 1;
            if !p.is_word(t) {
                break;
            }
            let w = p.low(t);
            if strip_possessive(w).1 {
                break;
            }
            let ok = cues::is_role_word(w)
                || (p.toks[t].cap && !WEEKDAYS_MONTHS.contains(&w))
                || (w == "of" && s < a);
            if !ok {
                break;
            }
            k = t;
            if w != "of" {
                s = t;
            }
        }
        (s < a).then(|| p.slice(s, a - 1).to_string())
    }

    /// Resolve a speaker mention (token range `a..=b` of `p`) at its place in the text.
    pub fn resolve(&mut self, p: &Para, a: usize, b: usize, part: TextPart) -> Resolved {
        let r = self.resolve_inner(p, a, b, part);
        if r.kind == SpeakerKind::Person {
            if let Some(name) = &r.name {
                if let Some(i) = self.people.iter().position(|k| &k.name == name) {
                    self.last_person_speaker = Some((i, part, p.toks[a].c0));
                }
            }
        }
        r
    }

    fn person(&self, i: usize) -> Resolved {
        let k = &self.people[i];
        Resolved {
            name: Some(k.name.clone()),
            role: k.roles.first().cloned(),
            kind: SpeakerKind::Person,
        }
    }

    fn find_surname(&self, w: &str) -> Option<usize> {
        self.people
            .iter()
            .position(|k| k.tokens.last().is_some_and(|s| s == w))
            .or_else(|| {
                self.people
                    .iter()
                    .position(|k| k.tokens.last().is_some_and(|s| same_surname(s, w)))
            })
    }

    fn resolve_inner(&self, p: &Para, a: usize, b: usize, part: TextPart) -> Resolved {
        let low: Vec<&str> = (a..=b)
            .filter(|&i| p.is_word(i))
            .map(|i| p.low(i))
            .collect();
        let group = |name: Option<String>| Resolved {
            name,
            role: None,
            kind: SpeakerKind::Group,
        };
        if low.is_empty() {
            return group(None);
        }
        let text = p.slice(a, b).to_string();
        if low.len() == 1 && cues::is_pronoun(low[0]) {
            if cues::is_person_pronoun(low[0]) {
                let pos = p.toks[a].c0;
                let last_mention = self
                    .mentions
                    .iter()
                    .rev()
                    .find(|m| m.0 == part && m.1 < pos)
                    .map(|m| (m.2, m.1));
                let pick = match (self.last_person_speaker, last_mention) {
                    (Some((i, pt, at)), Some((j, mat)))
                        if pt == part && mat > at && pos - mat < pos - at && pos - at > 600 =>
                    {
                        let _ = i;
                        Some(j)
                    }
                    (Some((i, _, _)), _) => Some(i),
                    (None, Some((j, _))) => Some(j),
                    (None, None) => None,
                };
                return match pick {
                    Some(i) => self.person(i),
                    None => Resolved {
                        name: None,
                        role: None,
                        kind: SpeakerKind::Person,
                    },
                };
            }
            return group(None);
        }
        // Name words: capitalised, not role or organisation words.
        let name_idx: Vec<usize> = (a..=b).filter(|&i| is_name_word(p, i)).collect();
        if let Some(&last) = name_idx.last() {
            let sur = strip_possessive(p.low(last)).0;
            if let Some(i) = self.find_surname(sur) {
                return self.person(i);
            }
            let titled = (a..=b).any(|i| {
                p.is_word(i) && (cues::is_person_title(p.low(i)) || cues::is_honorific(p.low(i)))
            });
            if name_idx.len() >= 2 || titled || !low.iter().any(|w| cues::is_org_head(w)) {
                let name = name_idx
                    .iter()
                    .map(|&i| strip_possessive(p.raw(i)).0)
                    .collect::<Vec<_>>()
                    .join(" ");
                let role_words: Vec<usize> = (a..name_idx[0])
                    .filter(|&i| {
                        p.is_word(i)
                            && !cues::is_determiner(p.low(i))
                            && !cues::is_person_title(p.low(i))
                    })
                    .collect();
                let role = role_words
                    .first()
                    .map(|&s| p.slice(s, *role_words.last().unwrap_or(&s)).to_string());
                if !low.iter().any(|w| cues::is_org_head(w)) || titled {
                    return Resolved {
                        name: Some(name),
                        role,
                        kind: SpeakerKind::Person,
                    };
                }
            }
        }
        // A role standing for a person named elsewhere.
        let content: Vec<&str> = low
            .iter()
            .copied()
            .filter(|w| !cues::is_determiner(w))
            .collect();
        if content.len() >= 2 {
            let mut best: Option<(usize, usize)> = None;
            for (i, k) in self.people.iter().enumerate() {
                for rt in &k.role_tokens {
                    let hits = content
                        .iter()
                        .filter(|w| rt.iter().any(|r| r == *w))
                        .count();
                    if hits == content.len() && best.is_none_or(|(_, h)| hits > h) {
                        best = Some((i, hits));
                    }
                }
            }
            if let Some((i, _)) = best {
                return self.person(i);
            }
        }
        let head = *low.last().unwrap_or(&"");
        let head = strip_possessive(head).0;
        let all_caps_head = p.raw(b).chars().filter(|c| c.is_alphabetic()).count() >= 2
            && p.raw(b).chars().all(|c| !c.is_lowercase());
        if p.toks[b].cap
            && (cues::is_org_word(head)
                || cues::is_org_head(head)
                || all_caps_head
                || low[0] == "the")
        {
            let start = (a..=b)
                .find(|&i| p.is_word(i) && !cues::is_determiner(p.low(i)))
                .unwrap_or(a);
            return Resolved {
                name: Some(p.slice(start, b).to_string()),
                role: None,
                kind: SpeakerKind::Organization,
            };
        }
        if head.ends_with('s') && !head.ends_with("ss")
            || matches!(
                head,
                "people" | "police" | "media" | "staff" | "public" | "crowd" | "audience"
            )
        {
            let start = (a..=b)
                .find(|&i| p.is_word(i) && !matches!(p.low(i), "the" | "a" | "an"))
                .unwrap_or(a);
            return group(Some(p.slice(start, b).to_string()));
        }
        if cues::is_org_head(head) {
            return Resolved {
                name: None,
                role: Some(text),
                kind: SpeakerKind::Organization,
            };
        }
        Resolved {
            name: None,
            role: Some(text),
            kind: SpeakerKind::Person,
        }
    }
}

/// Appositive role after a name: "Angela Stant, a Brookings Institution fellow, said".
fn role_after(p: &Para, b: usize) -> Option<String> {
    let n = p.toks.len();
    if !(b + 2 < n && p.is_punct(b + 1, ',') && p.is_word(b + 2)) {
        return None;
    }
    let first = p.low(b + 2);
    let starts = matches!(first, "a" | "an" | "the")
        || cues::is_role_word(first)
        || cues::is_speaker_noun(first);
    if !starts || cues::cue(first).is_some() {
        return None;
    }
    let s = if matches!(first, "a" | "an" | "the") {
        b + 3
    } else {
        b + 2
    };
    let mut e = s;
    while e < n
        && e - s < 16
        && matches!(p.toks[e].kind, Kind::Word)
        && cues::cue(p.low(e)).is_none()
    {
        e += 1;
    }
    (e > s).then(|| p.slice(s, e - 1).to_string())
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn edit_distance_and_surnames() {
        assert_eq!(osa("ryabkov", "rybakov"), 1);
        assert!(same_surname("ryabkov", "rybakov"));
        assert!(!same_surname("smith", "smyth2x"));
        assert!(!same_surname("lee", "lea"));
    }

    #[test]
    fn learns_names_with_roles() {
        let mut r = Resolver::new();
        let p = tokenize(
            "Chief Harbour Inspector Marta Kowalczyk said the port was shut.",
            0,
        );
        r.learn(&p, TextPart::Body);
        let q = tokenize("Mrs. Kowalcyzk said so, says harbour inspector.", 100);
        let got = r.resolve(&q, 0, 2, TextPart::Body);
        assert_eq!(got.name.as_deref(), Some("Marta Kowalczyk"));
        assert_eq!(got.role.as_deref(), Some("Chief Harbour Inspector"));
        let got = r.resolve(&q, 7, 8, TextPart::Body);
        assert_eq!(got.name.as_deref(), Some("Marta Kowalczyk"));
    }
}
