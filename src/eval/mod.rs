//! Resolved syntax tree → values: name resolution, the interpreter, operator
//! semantics, subscripts, builtins and modules.

pub mod builtins;
pub mod call;
pub mod compute;
pub mod darray;
pub mod dask;
pub mod index;
pub mod interp;
pub mod modules;
pub mod ops;
pub mod resolve;

pub use interp::{Interp, Shared};
