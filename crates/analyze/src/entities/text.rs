//! Tokens and sentences with both byte and char offsets, shared by the entity and
//! event finders. One linear pass over the text; no allocation per token beyond the
//! token vector itself.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters/digits, with inner hyphens and apostrophes ("NATO-Russia", "don’t"),
    /// dotted abbreviations ("U.S.").
    Word,
    /// A possessive suffix split off a word ("’s", "'s").
    Possessive,
    /// Any other non-space char (one token per char).
    Punct,
    /// A line break (paragraph boundary).
    Newline,
}

/// One token. Offsets are end-exclusive; `bs`/`be` count bytes, `cs`/`ce` chars.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub bs: u32,
    pub be: u32,
    pub cs: u32,
    pub ce: u32,
    pub kind: Kind,
}

/// A tokenized text and its sentences (ranges of token indices).
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<(usize, usize)>,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col",
    "Capt", "Sgt", "Maj", "Adm", "Rev", "Hon", "Mt", "No", "vs", "Jan", "Feb", "Mar", "Apr", "Aug",
    "Sept", "Sep", "Oct", "Nov", "Dec", "Inc", "Corp", "Co", "Ltd", "Pres", "Supt", "Cmdr", "Fr",
    "Messrs", "Mme", "approx", "etc", "e.g", "i.e",
];

impl<'a> Doc<'a> {
    /// Tokenizes `text` and splits it into sentences. Linear in the text length.
    /// Offsets are stored as `u32`: only the first 4 GiB of a larger text are read.
    pub fn new(text: &'a str) -> Doc<'a> {
        let mut cut = text.len().min(u32::MAX as usize);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = &text[..cut];
        let tokens = tokenize(text);
        let mut doc = Doc {
            text,
            tokens,
            sentences: Vec::new(),
        };
        doc.sentences = doc.split_sentences();
        doc
    }

    /// The token's text.
    pub fn s(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        &self.text[t.bs as usize..t.be as usize]
    }

    /// The token at `i`, if any, as text ("" past the end).
    pub fn get(&self, i: usize) -> &'a str {
        if i < self.tokens.len() {
            self.s(i)
        } else {
            ""
        }
    }

    /// Whether token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        i < self.tokens.len() && self.tokens[i].kind == Kind::Word
    }

    /// Whether token `i` is a word starting with an uppercase letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.is_word(i) && self.s(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// The text from the start of token `a` to the end of token `b - 1`.
    pub fn span_text(&self, a: usize, b: usize) -> &'a str {
        if a >= b {
            return "";
        }
        &self.text[self.tokens[a].bs as usize..self.tokens[b - 1].be as usize]
    }

    /// Char offsets of tokens `a..b`.
    pub fn char_span(&self, a: usize, b: usize) -> (usize, usize) {
        (self.tokens[a].cs as usize, self.tokens[b - 1].ce as usize)
    }

    fn split_sentences(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        let n = self.tokens.len();
        let mut i = 0;
        while i < n {
            let t = self.tokens[i];
            if t.kind == Kind::Newline && i == start {
                // A line break right after a sentence end starts nothing.
                start = i + 1;
                i += 1;
                continue;
            }
            let end_here = match t.kind {
                Kind::Newline => true,
                Kind::Punct => {
                    let c = self.s(i);
                    if c == "!" || c == "?" || c == "…" {
                        true
                    } else if c == "." {
                        let prev_abbrev = i > 0
                            && self.tokens[i - 1].kind == Kind::Word
                            && self.tokens[i - 1].be == t.bs
                            && {
                                let p = self.s(i - 1);
                                ABBREVIATIONS.contains(&p)
                                    || (p.chars().count() == 1 && p.chars().all(char::is_uppercase))
                            };
                        !prev_abbrev
                    } else {
                        false
                    }
                }
                _ => false,
            };
            if end_here {
                // Closing quotes and brackets belong to the sentence they close.
                let mut j = i + 1;
                while j < n
                    && self.tokens[j].kind == Kind::Punct
                    && matches!(
                        self.s(j),
                        "”" | "\"" | "’" | "'" | ")" | "»" | "." | "!" | "?"
                    )
                {
                    j += 1;
                }
                if j > start {
                    out.push((start, j));
                }
                start = j;
                i = j;
                continue;
            }
            i += 1;
        }
        if start < n {
            out.push((start, n));
        }
        out
    }

    /// The index of the sentence containing token `i` (binary search).
    pub fn sentence_of(&self, i: usize) -> usize {
        match self.sentences.binary_search_by(|&(a, b)| {
            if i < a {
                std::cmp::Ordering::Greater
            } else if i >= b {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(k) => k,
            Err(k) => k.min(self.sentences.len().saturating_sub(1)),
        }
    }

    /// Index of the first token whose char start is >= `c` (binary search).
    pub fn token_at_char(&self, c: usize) -> usize {
        self.tokens.partition_point(|t| (t.cs as usize) < c)
    }
}

fn tokenize(text: &str) -> Vec<Token> {
    // A cursor over the text with byte and char positions; lookahead peeks at most
    // three chars, so the pass stays linear without materialising a char vector.
    let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
    let bytes_len = text.len();
    let peek = |b: usize, k: usize| -> Option<char> { text.get(b..)?.chars().nth(k) };
    let (mut b, mut c) = (0usize, 0usize);
    let push = |tokens: &mut Vec<Token>, bs: usize, be: usize, cs: usize, ce: usize, kind| {
        tokens.push(Token {
            bs: bs as u32,
            be: be as u32,
            cs: cs as u32,
            ce: ce as u32,
            kind,
        });
    };
    let is_s = |ch: Option<char>| matches!(ch, Some('s') | Some('S'));
    let not_word = |ch: Option<char>| !ch.is_some_and(is_word_char);
    while b < bytes_len {
        let Some(ch) = peek(b, 0) else { break };
        let w = ch.len_utf8();
        if ch == '\n' {
            push(&mut tokens, b, b + 1, c, c + 1, Kind::Newline);
            b += 1;
            c += 1;
        } else if ch.is_whitespace() {
            b += w;
            c += 1;
        } else if is_word_char(ch) {
            let (sb, sc) = (b, c);
            b += w;
            c += 1;
            while let Some(x) = peek(b, 0) {
                if is_word_char(x) {
                    b += x.len_utf8();
                    c += 1;
                    continue;
                }
                let y = peek(b, 1);
                // Decomposed accents and mis-decoded UTF-8 ("FranÃ§ois") stay inside.
                if crate::chars::joins_word(x, y) {
                    b += x.len_utf8();
                    c += 1;
                    continue;
                }
                // An inner hyphen or apostrophe followed by a letter joins the word,
                // except a possessive 's at the word's end.
                if (x == '-' || x == '‑' || is_apostrophe(x)) && y.is_some_and(is_word_char) {
                    if is_apostrophe(x) && is_s(y) && not_word(peek(b, 2)) {
                        break;
                    }
                    b += x.len_utf8() + y.map_or(0, char::len_utf8);
                    c += 2;
                    continue;
                }
                // Dotted abbreviations: U.S., U.K., U.S.A.
                if x == '.'
                    && c - sc == 1
                    && y.is_some_and(char::is_alphabetic)
                    && peek(b, 2) == Some('.')
                {
                    b += 1 + y.map_or(0, char::len_utf8) + 1;
                    c += 3;
                    while let (Some(p), Some('.')) = (peek(b, 0), peek(b, 1)) {
                        if !p.is_alphabetic() {
                            break;
                        }
                        b += p.len_utf8() + 1;
                        c += 2;
                    }
                }
                break;
            }
            push(&mut tokens, sb, b, sc, c, Kind::Word);
            let x = peek(b, 0);
            if x.is_some_and(is_apostrophe) && is_s(peek(b, 1)) && not_word(peek(b, 2)) {
                let aw = x.map_or(0, char::len_utf8);
                push(&mut tokens, b, b + aw + 1, c, c + 2, Kind::Possessive);
                b += aw + 1;
                c += 2;
            } else if x.is_some_and(is_apostrophe)
                && text[sb..b].ends_with(['s', 'S'])
                && not_word(peek(b, 1))
            {
                // Plural possessive: "officials’".
                let aw = x.map_or(0, char::len_utf8);
                push(&mut tokens, b, b + aw, c, c + 1, Kind::Possessive);
                b += aw;
                c += 1;
            }
        } else {
            push(&mut tokens, b, b + w, c, c + 1, Kind::Punct);
            b += w;
            c += 1;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let d = Doc::new(text);
        (0..d.tokens.len()).map(|i| d.s(i)).collect()
    }

    #[test]
    fn splits_possessives_and_keeps_compounds() {
        assert_eq!(
            words("Russia’s NATO-Russia don’t U.S. talks."),
            vec!["Russia", "’s", "NATO-Russia", "don’t", "U.S.", "talks", "."]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let d = Doc::new("Mr. Smith left. Ms. Jones came! Then J. Doe spoke.\nNext");
        assert_eq!(d.sentences.len(), 4);
    }

    #[test]
    fn offsets_count_chars() {
        let d = Doc::new("é Ab");
        assert_eq!(d.tokens[1].cs, 2);
        assert_eq!(d.tokens[1].bs, 3);
    }
}
