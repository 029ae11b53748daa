//! `newsdesk bench …`: benchmark commands that read `../shared/bench/` at run time
//! and print their figures. Benchmarks are measurements, not tests.

pub mod extraction;
pub mod quotes;
pub mod rusage;
pub mod scaleout;
pub mod shingle_score;
