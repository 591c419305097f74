//! Source text → syntax tree. `parse` is the only entry point the rest of pgs uses.

pub mod actions;
pub mod ast;
pub mod fstring;
pub mod layout;
pub mod parser;
pub mod token;

pub use parser::parse_module as parse;
