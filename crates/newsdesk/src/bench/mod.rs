//! `newsdesk bench …`: benchmark commands that read `../shared/bench/` at run time
//! and print their figures. Benchmarks are measurements, not tests.

pub mod dedup;
pub mod extraction;
pub mod quotes;
pub mod relate_scale;
pub mod rusage;
pub mod scaleout;
pub mod shingle_score;
pub mod store;
pub mod stories;
pub mod warc;
