//! One module per subcommand: argument structs and the wiring of library calls.

pub mod analyze;
pub mod digest;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod people;
pub mod quotes;
pub mod related;
pub mod search;
pub mod serve;
pub mod sources;
pub mod train;
pub mod watch;
