//! One module per subcommand: argument structs and the wiring of library calls.

pub mod extract;
pub mod serve;
