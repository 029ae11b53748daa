//! The **analyze** stage of newsdesk: who said what. From an article's text it finds
//! direct, mixed and indirect quotes with their speakers (resolved within the
//! document), the people with their roles, organisations, places and events.
//!
//! All offsets count Unicode scalar values (Rust `char`s), not bytes, in the text
//! they point into (see [`TextPart`]).
#![deny(missing_docs)]

pub mod entities;
pub mod events;
pub mod model;

pub use model::*;
