//! How stories are ranked: by coverage on the day, damped for stories that are not new.
//!
//! ```text
//! coverage = sites + 0.5 × (articles − sites)
//! novelty  = 0.5 + 0.5 × articles / (articles + previous)
//! score    = coverage × novelty
//! ```
//!
//! * `articles` — the story's articles dated on the digest day;
//! * `sites` — distinct sites among them (the article's `site`, else its URL's host,
//!   compared case-insensitively without `www.`; an article with neither counts as a
//!   site of its own). Each further article from a site already counted adds half, so
//!   five outlets beat one outlet publishing five updates;
//! * `previous` — the story's articles before the day.
//!
//! Novelty is 1 for a story that is new today and falls towards ½ as the day's
//! articles become a small part of a long-running story, so a brand-new story beats a
//! continuing one of equal coverage, while a continuing story with much wider coverage
//! still leads. Ties are broken by more articles today, then the later `last_seen`,
//! then the lower story id, so the order is deterministic.

/// Coverage of a story on the day: `sites + 0.5 × (articles − sites)`.
pub fn coverage(articles: usize, sites: usize) -> f64 {
    let sites = sites.min(articles);
    sites as f64 + 0.5 * (articles - sites) as f64
}

/// Novelty in `[0.5, 1]`: `0.5 + 0.5 × articles / (articles + previous)`; 1 when
/// `previous` is zero (and 0.5 when there are no articles at all).
pub fn novelty(articles: usize, previous: usize) -> f64 {
    let total = articles + previous;
    if total == 0 {
        return 0.5;
    }
    0.5 + 0.5 * articles as f64 / total as f64
}

/// The ranking score: `coverage × novelty`.
pub fn score(articles: usize, sites: usize, previous: usize) -> f64 {
    coverage(articles, sites) * novelty(articles, previous)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_sites_beat_one_site_with_five_articles() {
        assert!(score(5, 5, 0) > score(5, 1, 0));
        assert!(score(5, 1, 0) > score(1, 1, 0));
    }

    #[test]
    fn new_beats_continuing_at_equal_coverage_but_not_much_wider_coverage() {
        assert!(score(3, 3, 0) > score(3, 3, 10));
        assert!(score(8, 8, 20) > score(2, 2, 0));
        assert_eq!(novelty(4, 0), 1.0);
        assert!((novelty(1, 1_000_000) - 0.5).abs() < 1e-3);
    }
}
