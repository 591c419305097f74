//! The lazy task graph: building nodes for `dask.delayed` calls and operators
//! (`delayed`), and lowering the nodes a computation asks for into a flat, culled,
//! de-duplicated task list the scheduler runs (`plan`), and drawing the graph a
//! computation will run without running it (`view`: `visualize`, `:graph`).

pub mod delayed;
pub mod plan;
pub mod view;
