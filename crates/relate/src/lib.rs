//! The **relate** stage of newsdesk: which articles are copies of one another
//! (syndicated, lightly edited, or machine-spun), which tell the same story, and
//! which are related.
//!
//! Everything is online and in memory: feed articles one at a time, in publication
//! order, and get an answer per article in time bounded by the settings, not by how
//! many articles came before. State is plain serializable data so a store can
//! persist it; this crate knows nothing about storage.
//!
//! - [`CopyDetector`] fingerprints an article ([`Fingerprint`]: a sketch of its
//!   function-word skeleton, robust to synonym swaps) and finds its copy group.
//! - [`StoryClusterer`] puts an article into the best live [`Story`] or opens one,
//!   using TF-IDF learned online (smoothed by a flat document-frequency prior for
//!   young streams) with extra weight on names and numbers, and a time window; [`StoryClusterer::related`] lists the closest stories.
//! - [`text`] holds the shared tokenizer and the [`Day`] calendar type.
//!
//! Inputs are plain strings and slices (title, body, optional date, optional names of
//! people and places), so the stage stays decoupled from extraction and analysis.
//!
//! ```
//! use newsdesk_relate::{CopyConfig, CopyDetector, Day};
//! let mut copies = CopyDetector::new(CopyConfig::default()).unwrap();
//! let day = Day::parse("2024-05-02");
//! let text = "Firefighters were called to the harbour at noon after smoke was seen \
//!     rising from one of the warehouses, and they said that nobody had been hurt.";
//! assert!(copies.add(7, text, day).matched.is_none());
//! assert_eq!(copies.add(8, text, day).group, 7);
//! ```

#![deny(missing_docs)]

pub mod copies;
pub mod stories;
pub mod text;

pub use copies::{CopyConfig, CopyDetector, CopyMatch, CopyOutcome, Fingerprint};
pub use stories::{NameCount, Story, StoryAssignment, StoryClusterer, StoryConfig, StoryInput};
pub use text::Day;

/// Errors of the relate stage.
#[derive(Debug, thiserror::Error)]
pub enum RelateError {
    /// A configuration value is out of range; the message names it.
    #[error("invalid relate configuration: {0}")]
    InvalidConfig(String),
}
