//! HTML pages: metadata and main-content extraction.

use crate::{Article, Options};

/// Extract an article from a decoded HTML document.
pub fn extract_html(html: &str, options: &Options) -> Article {
    let _ = (html, options);
    Article::default()
}
