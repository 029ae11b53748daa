//! Stop-word lists by language (from the `stop-words` crate: NLTK lists where NLTK
//! has one, stopwords-iso otherwise), built once into hash sets.
//!
//! The share of stop words is what tells running prose ("the council said it would…")
//! from menus, headlines and link lists, in any language that has a list.

use rustc_hash::FxHashSet;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A stop-word set (Fx-hashed: the lookup runs once per word of the page).
pub(crate) type StopWords = FxHashSet<&'static str>;

/// Stop-word sets for every language the crate ships, keyed by ISO 639-1 code.
fn all() -> &'static HashMap<&'static str, StopWords> {
    static SETS: OnceLock<HashMap<&'static str, StopWords>> = OnceLock::new();
    SETS.get_or_init(|| {
        stop_words::available_languages()
            .iter()
            .filter(|code| code.len() == 2)
            .filter_map(|&code| {
                let words = stop_words::lookup(code)?;
                Some((code, words.iter().copied().collect()))
            })
            .collect()
    })
}

/// The stop words of the language with this ISO 639-1 code, if we have a list.
pub(crate) fn for_language(code: &str) -> Option<&'static StopWords> {
    all().get(code).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_common_lists() {
        let en = for_language("en").unwrap();
        assert!(en.contains("the") && en.contains("of") && !en.contains("council"));
        assert!(for_language("de").unwrap().contains("und"));
        assert!(for_language("pt").unwrap().contains("não"));
        assert!(for_language("zz").is_none());
    }
}
