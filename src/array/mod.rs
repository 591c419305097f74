//! Chunked arrays below the interpreter: building lazy array nodes with their
//! metadata (`build`), lowering and running them as fused per-chunk kernels
//! (`exec`, `kernel`, `source`, `reduce`, `structural`), converting between pgs
//! values and arrays (`convert`) and reading and writing `.npy` files (`npy`).

pub mod build;
pub mod chunks;
pub mod convert;
pub mod exec;
pub mod kernel;
pub mod npy;
pub mod reduce;
pub mod source;
pub mod structural;
