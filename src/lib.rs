//! pgs: a small Python-flavoured language whose programs build a lazy task graph and
//! run it in parallel on every core, without a GIL.
//!
//! # Brief overview
//!
//! The data flows one way, and the modules are laid out the way it flows:
//!
//! ```text
//! source ─▶ syntax (logos tokens → layout → lalrpop) ─▶ ast::Module
//!        ─▶ eval::resolve (names → slots) ─▶ eval::Interp (values)
//!        ─▶ output (repr, tables) ─▶ session / repl / main
//! ```
//!
//! The principal types are [`session::Session`] (sources, globals, options: the one
//! entry the CLI, REPL and tests use), [`syntax::ast::Module`], [`value::Value`]
//! (always `Send + Sync`) and [`diag::PyError`].

pub mod array;
pub mod diag;
pub mod eval;
#[doc(hidden)]
pub mod fuzzing;
pub mod graph;
pub mod interrupt;
pub mod limits;
pub mod output;
pub mod repl;
pub mod sched;
pub mod session;
pub mod source;
pub mod syntax;
pub mod value;
