//! Graph views: the task graph a computation will run, drawn as it will be lowered
//! (a fused array kernel is one node, delayed tasks are culled and de-duplicated),
//! rendered as Graphviz DOT (`visualize`) or as a table of tasks per operation (the
//! REPL's `:graph`). Building a view never computes anything.

use crate::array::exec::is_fusible;
use crate::diag::{PyError, PyResult};
use crate::graph::plan::Plan;
use crate::source::{SourceMap, Span};
use crate::value::array::{ArrayNode, ArrayOp, DType};
use crate::value::lazy::Node;
use crate::value::Value;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::sync::Arc;

// ---------------------------------------------------------------------------
// The view

/// The graph a computation of some lazy values runs: one node per unit of work the
/// executors schedule.
#[derive(Debug, Default)]
pub struct GraphView {
    /// In execution order: every edge goes from a lower id to a higher one.
    pub nodes: Vec<ViewNode>,
    /// `(producer, consumer)` pairs of node ids, each pair once.
    pub edges: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// One kernel run chunk by chunk: sources and elementwise operations on one
    /// chunk grid, and the reductions that consume them.
    Kernel,
    /// An array operation computed from its whole inputs (index, reshape, matmul, …).
    Structural,
    /// A concrete array used as it is: no task.
    InMemory,
    /// One delayed task.
    Delayed,
}

/// One operation inside a node: its name (`normal`, `sub`, `mean`, a delayed
/// function's name) and the `file:line` that created it (`?` when unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewOp {
    pub name: String,
    pub place: String,
    /// An array reduction: it ends its kernel, and reductions of one pass are
    /// listed together.
    pub reduction: bool,
}

#[derive(Debug, Clone)]
pub struct ViewNode {
    pub id: usize,
    pub kind: NodeKind,
    /// The operations in the order the node evaluates them (inputs first).
    pub ops: Vec<ViewOp>,
    /// Chunk tasks for arrays, 1 for a delayed task, 0 for an array in memory.
    pub tasks: usize,
    /// Shape and dtype of the array the node produces (of the first result, for a
    /// pass that computes several reductions).
    pub array: Option<(Vec<usize>, DType)>,
    /// Its number among fused kernels (from 1) when it fuses several operations.
    pub fused: Option<usize>,
}

impl ViewNode {
    /// The operations as one line, `normal → sub → pow → mean`; reductions computed
    /// in the same pass are listed together at the end (`… → mean, std`), and a run
    /// of three or more equal operations is counted (`add ×1000`, from a loop).
    pub fn label(&self) -> String {
        let (reductions, chain): (Vec<&ViewOp>, Vec<&ViewOp>) =
            self.ops.iter().partition(|op| op.reduction);
        let chain = runs(&chain).join(" → ");
        let reductions = runs(&reductions).join(", ");
        match (chain.is_empty(), reductions.is_empty()) {
            (_, true) => chain,
            (true, false) => reductions,
            (false, false) => format!("{chain} → {reductions}"),
        }
    }
}

/// Operation names with runs of three or more equal names counted.
fn runs(ops: &[&ViewOp]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ops.len() {
        let name = &ops[i].name;
        let n = ops[i..].iter().take_while(|op| op.name == *name).count();
        if n >= 3 {
            out.push(format!("{name} ×{n}"));
        } else {
            out.extend(std::iter::repeat_n(name.clone(), n));
        }
        i += n;
    }
    out
}

/// Totals of a view, for the summary and the DOT title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub tasks: usize,
    pub nodes: usize,
    /// Kernels that fuse more than one operation.
    pub fused: usize,
    /// Nodes on the longest dependency path.
    pub depth: usize,
    /// Most nodes on one level (a node's level is one more than its deepest input's).
    pub width: usize,
}

impl GraphView {
    /// The view of every lazy value in `values` (also inside lists, tuples and dicts,
    /// as `compute` finds them), computed together as `dask.compute` would.
    pub fn build(values: &[Value], sources: &SourceMap) -> GraphView {
        let mut roots = Roots::default();
        roots.collect(values);
        GraphView::from_roots(&roots.delayed, &roots.arrays, sources)
    }

    /// The view of computing `delayed` then `arrays` (the order `compute` runs them).
    pub fn from_roots(
        delayed: &[Arc<Node>],
        arrays: &[Arc<ArrayNode>],
        sources: &SourceMap,
    ) -> GraphView {
        let mut builder = Builder::default();
        add_delayed(&mut builder, delayed, sources);
        if !arrays.is_empty() {
            ArrayLowering::new(&mut builder, sources, arrays).run(arrays);
        }
        builder.view
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn totals(&self) -> Totals {
        let levels = self.levels();
        let mut per_level: HashMap<usize, usize> = HashMap::new();
        for &l in &levels {
            *per_level.entry(l).or_default() += 1;
        }
        Totals {
            tasks: self.nodes.iter().map(|n| n.tasks).sum(),
            nodes: self.nodes.len(),
            fused: self.nodes.iter().filter(|n| n.fused.is_some()).count(),
            depth: levels.iter().copied().max().unwrap_or(0),
            width: per_level.values().copied().max().unwrap_or(0),
        }
    }

    /// Each node's level: 1 for a node without inputs, else one more than its
    /// deepest input. One pass suffices because edges only point to higher ids.
    fn levels(&self) -> Vec<usize> {
        let mut level = vec![1; self.nodes.len()];
        for &(from, to) in &self.edges {
            level[to] = level[to].max(level[from] + 1);
        }
        level
    }
}

/// The lazy values found in some values, in the order `compute` finds them.
#[derive(Default)]
struct Roots {
    delayed: Vec<Arc<Node>>,
    arrays: Vec<Arc<ArrayNode>>,
}

impl Roots {
    fn collect(&mut self, values: &[Value]) {
        for v in values {
            match v {
                Value::Delayed(n) => self.delayed.push(n.clone()),
                Value::DArray(n) => self.arrays.push(n.clone()),
                Value::List(l) => self.collect(&l.read()),
                Value::Tuple(t) => self.collect(t),
                Value::Dict(d) => self.collect(&d.read().values().cloned().collect::<Vec<_>>()),
                _ => {}
            }
        }
    }
}

/// Adds nodes, numbering fused kernels as they appear.
#[derive(Default)]
struct Builder {
    view: GraphView,
    fused: usize,
}

impl Builder {
    fn add(
        &mut self,
        kind: NodeKind,
        ops: Vec<ViewOp>,
        tasks: usize,
        array: Option<(Vec<usize>, DType)>,
        inputs: &[usize],
    ) -> usize {
        let id = self.view.nodes.len();
        let fused = (kind == NodeKind::Kernel && ops.len() > 1).then(|| {
            self.fused += 1;
            self.fused
        });
        self.view.nodes.push(ViewNode {
            id,
            kind,
            ops,
            tasks,
            array,
            fused,
        });
        let mut seen = HashSet::new();
        for &from in inputs {
            if seen.insert(from) {
                self.view.edges.push((from, id));
            }
        }
        id
    }
}

/// `file:line` of an operation. A default span means pgs itself built the node
/// (no user line), which `SourceMap::place` would otherwise call line 1.
fn place(sources: &SourceMap, span: Span) -> String {
    if span == Span::default() {
        "?".to_string()
    } else {
        sources.place(span)
    }
}

// ---------------------------------------------------------------------------
// Delayed values: one node per task of the culled, de-duplicated plan

fn add_delayed(builder: &mut Builder, roots: &[Arc<Node>], sources: &SourceMap) {
    if roots.is_empty() {
        return;
    }
    // The very plan `compute` would run, so culling and shared keys match.
    let plan = Plan::build(roots);
    let base = builder.view.nodes.len();
    for (i, node) in plan.nodes.iter().enumerate() {
        let inputs: Vec<usize> = plan.deps(i).iter().map(|&d| base + d as usize).collect();
        let op = ViewOp {
            name: node.name.to_string(),
            place: place(sources, node.origin),
            reduction: false,
        };
        builder.add(NodeKind::Delayed, vec![op], 1, None, &inputs);
    }
}

// ---------------------------------------------------------------------------
// Arrays: a dry run of `array::exec` that records kernels instead of running them

/// Walks array nodes exactly as `Exec::compute` does (the same order, the same
/// `done` cache, the same grouping of full reductions), so each node of the view is
/// one kernel or one structural computation the executor really runs.
struct ArrayLowering<'a> {
    builder: &'a mut Builder,
    sources: &'a SourceMap,
    /// The view node that produced each computed array node (`Exec::done`).
    done: HashMap<u64, usize>,
    /// Full reductions not yet computed (`Exec::full_reductions`).
    pending: Vec<Arc<ArrayNode>>,
    /// Nodes being materialized, so a malformed graph cannot recurse forever.
    active: HashSet<u64>,
}

/// The operations one kernel evaluates and the nodes it reads as leaves.
#[derive(Default)]
struct Kernel {
    ops: Vec<Arc<ArrayNode>>,
    inputs: Vec<usize>,
    /// `Program::compile`'s memo: a node shared by several outputs is emitted once.
    memo: HashSet<u64>,
}

impl<'a> ArrayLowering<'a> {
    fn new(
        builder: &'a mut Builder,
        sources: &'a SourceMap,
        roots: &[Arc<ArrayNode>],
    ) -> ArrayLowering<'a> {
        ArrayLowering {
            builder,
            sources,
            done: HashMap::new(),
            pending: full_reductions(roots),
            active: HashSet::new(),
        }
    }

    fn run(&mut self, roots: &[Arc<ArrayNode>]) {
        for root in roots {
            self.materialize(root);
        }
    }

    /// `Exec::materialize`: the view node whose work produces `node`.
    fn materialize(&mut self, node: &Arc<ArrayNode>) -> usize {
        if let Some(&id) = self.done.get(&node.token) {
            return id;
        }
        if !self.active.insert(node.token) {
            // The executor would recurse here; show the node rather than loop.
            return self.in_memory(node);
        }
        let input = node.inputs.first();
        let id = match (&node.op, input) {
            (ArrayOp::FromArray(a), _) if a.shape() == node.shape.as_slice() => {
                self.in_memory(node)
            }
            (ArrayOp::Reduce { axes, .. }, Some(input)) if axes.len() == input.shape.len() => {
                self.full_pass(node, input)
            }
            (ArrayOp::Reduce { .. }, Some(input)) => {
                let mut kernel = Kernel::default();
                self.emit(&mut kernel, input, &input.shape, &input.chunks);
                kernel.ops.push(node.clone());
                self.add_kernel(kernel, input.block_count(), node)
            }
            (op, _) if is_fusible(op) => {
                let mut kernel = Kernel::default();
                self.emit(&mut kernel, node, &node.shape, &node.chunks);
                self.add_kernel(kernel, node.block_count(), node)
            }
            _ => self.structural(node),
        };
        self.active.remove(&node.token);
        self.done.insert(node.token, id);
        id
    }

    /// `Program::emit`: operations that run inside the kernel join it; anything
    /// else is computed first and read as a leaf (an edge into the kernel).
    fn emit(
        &mut self,
        kernel: &mut Kernel,
        node: &Arc<ArrayNode>,
        shape: &[usize],
        chunks: &[Vec<usize>],
    ) {
        if !kernel.memo.insert(node.token) {
            return;
        }
        if runs_in_kernel(node, shape, chunks) {
            for input in &node.inputs {
                self.emit(kernel, input, shape, chunks);
            }
            kernel.ops.push(node.clone());
        } else {
            let id = self.materialize(node);
            kernel.inputs.push(id);
        }
    }

    /// `Exec::full_reduction_pass`: `node` and every pending full reduction over the
    /// same chunk grid whose leaves are ready run as one kernel. As in the
    /// executor, the reductions the kernel reads are computed first, so none of
    /// them joins the group.
    fn full_pass(&mut self, node: &Arc<ArrayNode>, input: &Arc<ArrayNode>) -> usize {
        let mut inputs_first = Kernel::default();
        self.emit(&mut inputs_first, input, &input.shape, &input.chunks);
        let group = crate::array::exec::pass_group(node, &self.pending, |o| self.leaves_ready(o));
        let mut kernel = Kernel::default();
        for g in &group {
            if let Some(i) = g.inputs.first() {
                self.emit(&mut kernel, i, &input.shape, &input.chunks);
            }
        }
        kernel.ops.extend(group.iter().cloned());
        let id = self.add_kernel(kernel, input.block_count(), node);
        for g in &group {
            self.done.insert(g.token, id);
        }
        self.pending
            .retain(|r| !group.iter().any(|g| g.token == r.token));
        id
    }

    /// `Exec::leaves_ready`.
    fn leaves_ready(&self, node: &Arc<ArrayNode>) -> bool {
        match &node.op {
            ArrayOp::Reduce { .. } => self.done.contains_key(&node.token),
            op if is_fusible(op) => node.inputs.iter().all(|i| self.leaves_ready(i)),
            _ => self.done.contains_key(&node.token),
        }
    }

    /// `structural::run`: every input computed whole, then one operation.
    fn structural(&mut self, node: &Arc<ArrayNode>) -> usize {
        let inputs: Vec<usize> = node.inputs.iter().map(|i| self.materialize(i)).collect();
        let tasks = match &node.op {
            ArrayOp::MatMul => matmul_tasks(node),
            ArrayOp::MapBlocks(_) => node.inputs.first().map_or(1, |i| i.block_count()),
            _ => 1,
        };
        let ops = vec![self.op(node)];
        self.builder.add(
            NodeKind::Structural,
            ops,
            tasks,
            Some((node.shape.clone(), node.dtype)),
            &inputs,
        )
    }

    fn in_memory(&mut self, node: &Arc<ArrayNode>) -> usize {
        let ops = vec![self.op(node)];
        let array = Some((node.shape.clone(), node.dtype));
        self.builder.add(NodeKind::InMemory, ops, 0, array, &[])
    }

    fn add_kernel(&mut self, kernel: Kernel, tasks: usize, out: &ArrayNode) -> usize {
        let ops = kernel.ops.iter().map(|n| self.op(n)).collect();
        let array = Some((out.shape.clone(), out.dtype));
        self.builder
            .add(NodeKind::Kernel, ops, tasks, array, &kernel.inputs)
    }

    fn op(&self, node: &ArrayNode) -> ViewOp {
        ViewOp {
            name: op_name(node),
            place: place(self.sources, node.origin),
            reduction: matches!(node.op, ArrayOp::Reduce { .. }),
        }
    }
}

/// Whether `Program::emit` compiles `node` into a kernel over `shape`/`chunks`
/// rather than computing it first: its guards, restated. Keep the two in step.
fn runs_in_kernel(node: &ArrayNode, shape: &[usize], chunks: &[Vec<usize>]) -> bool {
    let same_shape = node.shape == shape;
    let same_grid = same_shape && node.chunks == chunks;
    match &node.op {
        // A 0-d input of a larger kernel (a reduction's result) is read as a constant.
        ArrayOp::Full(_) => node.shape.is_empty() || same_shape,
        _ if node.shape.is_empty() && !shape.is_empty() => false,
        ArrayOp::FromArray(a) => a.shape() == shape,
        ArrayOp::Npy(_) | ArrayOp::Arange { .. } | ArrayOp::Linspace { .. } => same_shape,
        op => is_fusible(op) && same_grid,
    }
}

/// Every full reduction reachable from `roots`, ordered by token as
/// `collect_full_reductions` orders them (the order decides pass grouping).
fn full_reductions(roots: &[Arc<ArrayNode>]) -> Vec<Arc<ArrayNode>> {
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    let mut stack: Vec<Arc<ArrayNode>> = roots.to_vec();
    while let Some(n) = stack.pop() {
        if !seen.insert(n.token) {
            continue;
        }
        if let (ArrayOp::Reduce { axes, .. }, Some(input)) = (&n.op, n.inputs.first()) {
            if axes.len() == input.shape.len() {
                found.push(n.clone());
            }
        }
        stack.extend(n.inputs.iter().cloned());
    }
    found.sort_by_key(|n| n.token);
    found
}

/// The chunk tasks `structural::matmul` splits a product into: tiles of the output
/// (a 1-d operand is one row or one column).
fn matmul_tasks(node: &ArrayNode) -> usize {
    let rows = match node.inputs.first().map(|a| a.shape.as_slice()) {
        Some([rows, _]) => *rows,
        _ => 1,
    };
    let cols = match node.inputs.get(1).map(|b| b.shape.as_slice()) {
        Some([_, cols]) => *cols,
        _ => 1,
    };
    crate::array::structural::matmul_task_count(rows, cols)
}

/// An array operation's name: Dask's key prefix, except that reductions use the
/// method's name (`mean`, not `mean_agg-aggregate`) and show their axes.
fn op_name(node: &ArrayNode) -> String {
    let ArrayOp::Reduce { kind, axes, .. } = &node.op else {
        return node.name.to_string();
    };
    let name = kind.name();
    let ndim = node.inputs.first().map_or(axes.len(), |i| i.shape.len());
    match axes.as_slice() {
        _ if axes.len() == ndim => name.to_string(),
        [one] => format!("{name}(axis={one})"),
        many => {
            let list: Vec<String> = many.iter().map(usize::to_string).collect();
            format!("{name}(axis=({}))", list.join(", "))
        }
    }
}

// ---------------------------------------------------------------------------
// DOT

/// The view as Graphviz DOT: inputs below their consumers (`rankdir=BT`, as Dask
/// draws), a fused kernel as one rounded, filled box listing its chain and tasks.
pub fn to_dot(view: &GraphView) -> String {
    let totals = view.totals();
    let mut title = format!(
        "{} in {}",
        plural(totals.tasks, "task"),
        plural(totals.nodes, "node")
    );
    if totals.fused > 0 {
        let _ = write!(title, " ({})", plural(totals.fused, "fused kernel"));
    }
    let mut out = String::from("digraph pgs {\n");
    let _ = writeln!(
        out,
        "  graph [rankdir=BT, labelloc=t, fontname=\"Helvetica\", label=\"{}\"];",
        escape(&title)
    );
    out.push_str("  node [fontname=\"Helvetica\", fontsize=10];\n");
    for node in &view.nodes {
        let label: Vec<String> = node_lines(node).iter().map(|l| escape(l)).collect();
        let _ = writeln!(
            out,
            "  n{} [label=\"{}\", {}];",
            node.id,
            label.join("\\n"),
            node_style(node)
        );
    }
    for (from, to) in &view.edges {
        let _ = writeln!(out, "  n{from} -> n{to};");
    }
    out.push_str("}\n");
    out
}

/// The lines of a node's label: operations, work, result, source lines.
fn node_lines(node: &ViewNode) -> Vec<String> {
    let mut lines = vec![node.label()];
    let work = match (node.kind, node.fused) {
        (NodeKind::Delayed, _) => None,
        (NodeKind::InMemory, _) => Some("in memory".to_string()),
        (_, Some(k)) => Some(format!(
            "fused kernel #{k} · {}",
            plural(node.tasks, "task")
        )),
        _ => Some(plural(node.tasks, "task")),
    };
    lines.extend(work);
    if let Some((shape, dtype)) = &node.array {
        lines.push(format!("{} {}", shape_text(shape), dtype.name()));
    }
    lines.push(places_text(&node.ops));
    lines
}

fn node_style(node: &ViewNode) -> &'static str {
    match (node.kind, node.fused) {
        (NodeKind::Kernel, Some(_)) => {
            "shape=box, style=\"rounded,filled,bold\", fillcolor=\"#cfe2ff\""
        }
        (NodeKind::Kernel, None) => "shape=box, style=rounded",
        (NodeKind::Structural, _) => "shape=box, style=filled, fillcolor=\"#fff3cd\"",
        (NodeKind::InMemory, _) => "shape=box, style=dashed",
        (NodeKind::Delayed, _) => "shape=ellipse",
    }
}

/// Text for a quoted DOT string. Nodes are plain boxes and ellipses, not records or
/// HTML labels, so `<`, `>`, `{`, `}` and `|` are ordinary characters there; only
/// backslashes, quotes and line breaks need escaping.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The source lines of some operations, compactly: `skewness.pgs:8, 9, 13`.
fn places_text(ops: &[ViewOp]) -> String {
    let mut files: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut unknown: Vec<&str> = Vec::new();
    for op in ops {
        let file_line = op
            .place
            .rsplit_once(':')
            .and_then(|(file, line)| Some((file, line.parse::<usize>().ok()?)));
        match file_line {
            Some((file, line)) => match files.iter_mut().find(|(f, _)| *f == file) {
                Some((_, lines)) => lines.push(line),
                None => files.push((file, vec![line])),
            },
            _ if !unknown.contains(&op.place.as_str()) => unknown.push(&op.place),
            _ => {}
        }
    }
    let mut parts: Vec<String> = files
        .into_iter()
        .map(|(file, mut lines)| {
            lines.sort_unstable();
            lines.dedup();
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            format!("{file}:{}", lines.join(", "))
        })
        .collect();
    parts.extend(unknown.into_iter().map(str::to_string));
    parts.join("; ")
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Python's text for a shape: `(3,)`, `(2, 3)`, `()`.
fn shape_text(shape: &[usize]) -> String {
    match shape {
        [one] => format!("({one},)"),
        _ => {
            let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", dims.join(", "))
        }
    }
}

// ---------------------------------------------------------------------------
// Summary table

/// Tasks per operation as a table (operation, source line, tasks, fused group),
/// then the totals. Operations with the same name and line in the same group share
/// a row; a row's tasks count each node once (fused operations share their tasks).
pub fn summary(view: &GraphView) -> String {
    let mut table = comfy_table::Table::new();
    table
        .load_style(comfy_table::presets::ASCII_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
        .set_header(["operation", "source line", "tasks", "fused group"]);
    for row in summary_rows(view) {
        table.add_row([row.name, row.place, row.tasks.to_string(), row.group]);
    }
    if let Some(column) = table.column_mut(2) {
        column.set_cell_alignment(comfy_table::CellAlignment::Right);
    }
    let t = view.totals();
    format!(
        "{table}\ntotal tasks: {}\ndepth: {}\nwidth: {}\nfused groups: {}\n",
        t.tasks, t.depth, t.width, t.fused
    )
}

struct Row {
    name: String,
    place: String,
    group: String,
    tasks: usize,
    /// The last node counted, so a node's tasks are added to a row once.
    last_node: usize,
}

fn summary_rows(view: &GraphView) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut index: HashMap<(String, String, String), usize> = HashMap::new();
    for node in &view.nodes {
        let group = node
            .fused
            .map_or_else(|| "-".to_string(), |k| format!("#{k}"));
        for op in &node.ops {
            let key = (op.name.clone(), op.place.clone(), group.clone());
            match index.get(&key) {
                Some(&r) if rows[r].last_node == node.id => {}
                Some(&r) => {
                    rows[r].tasks += node.tasks;
                    rows[r].last_node = node.id;
                }
                None => {
                    index.insert(key, rows.len());
                    rows.push(Row {
                        name: op.name.clone(),
                        place: op.place.clone(),
                        group: group.clone(),
                        tasks: node.tasks,
                        last_node: node.id,
                    });
                }
            }
        }
    }
    rows
}

/// Stack for building a view off the evaluator's thread: walking a graph recurses
/// once per operation, as computing it does, and a loop (`x = x + 1`) can chain a
/// million of them, so this matches the evaluator's own stack.
const VIEW_STACK_BYTES: usize = 1 << 30;

/// The summary table of the lazy values in `values` (the REPL's `:graph EXPR`).
/// Runs on a thread of its own with a large stack (see `VIEW_STACK_BYTES`); only
/// address space is reserved, so a small graph costs nothing extra.
pub fn graph_summary(values: &[Value], sources: &SourceMap) -> Result<String, PyError> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("pgs-graph-view".into())
            .stack_size(VIEW_STACK_BYTES)
            .spawn_scoped(scope, || {
                let view = GraphView::build(values, sources);
                if view.is_empty() {
                    return Err(nothing_lazy(values));
                }
                Ok(summary(&view))
            })
            .map_err(|e| PyError::runtime_error(format!("cannot start a thread: {e}")))?;
        worker.join().unwrap_or_else(|panic| {
            let what = crate::diag::panic_message(&*panic);
            Err(PyError::new(
                crate::diag::ExcKind::InternalError,
                format!(
                    "building the graph view panicked (a bug in pgs, please report it): {what}"
                ),
            ))
        })
    })
}

fn nothing_lazy(values: &[Value]) -> PyError {
    let what = match values {
        [one] => format!(", not {}", one.type_name()),
        _ => String::new(),
    };
    PyError::type_error(format!(
        "a graph view needs a dask array or a delayed value{what}"
    ))
}

// ---------------------------------------------------------------------------
// visualize: writing the view to a file

/// File formats `visualize` writes: the extensions Dask recognises. `dot` is the
/// DOT text itself; the others are rendered by Graphviz's `dot` program.
const FORMATS: &[&str] = &["png", "svg", "pdf", "jpeg", "jpg", "dot"];

/// The file `visualize` writes and its format.
#[derive(Debug, PartialEq, Eq)]
pub struct Target {
    pub path: String,
    pub format: &'static str,
}

/// Dask's rule: without `format`, a known extension of `filename` decides it, and
/// otherwise the format is png and `.png` is appended. With `format`, its extension
/// is appended unless `filename` already ends with it (Dask would append it twice).
pub fn target(filename: &str, format: Option<&str>) -> PyResult<Target> {
    if filename.is_empty() {
        return Err(PyError::value_error(
            "visualize() filename must not be empty",
        ));
    }
    let ends_with = |ext: &str| {
        let lower = filename.to_ascii_lowercase();
        lower.len() > ext.len() + 1 && lower.ends_with(&format!(".{ext}"))
    };
    let Some(format) = format else {
        return Ok(match FORMATS.iter().find(|ext| ends_with(ext)) {
            Some(ext) => Target {
                path: filename.to_string(),
                format: ext,
            },
            None => Target {
                path: format!("{filename}.png"),
                format: "png",
            },
        });
    };
    let lower = format.to_ascii_lowercase();
    let Some(format) = FORMATS.iter().copied().find(|f| *f == lower) else {
        return Err(PyError::value_error(format!(
            "visualize() format '{format}' is not supported: use one of {}",
            FORMATS.join(", ")
        )));
    };
    let path = if ends_with(format) {
        filename.to_string()
    } else {
        format!("{filename}.{format}")
    };
    Ok(Target { path, format })
}

/// `visualize(filename=…, format=…)` of the lazy values in `values`: writes the
/// graph and returns nothing (Dask returns an IPython image; pgs has no notebook).
/// `filename`/`format` are the arguments as given (`None` when absent).
pub fn visualize(
    values: &[Value],
    filename: Option<&Value>,
    format: Option<&Value>,
    sources: &SourceMap,
) -> PyResult<()> {
    let filename = match filename {
        None => "mydask",
        Some(Value::Str(s)) => s.as_str(),
        Some(Value::None) => {
            return Err(PyError::type_error(
                "visualize() needs a filename: pgs cannot display a graph inline, so it writes one (e.g. filename='graph.svg')",
            ))
        }
        Some(other) => {
            return Err(PyError::type_error(format!(
                "visualize() argument 'filename' must be str, not {}",
                other.type_name()
            )))
        }
    };
    let format = match format {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => Some(s.as_str()),
        Some(other) => {
            return Err(PyError::type_error(format!(
                "visualize() argument 'format' must be str or None, not {}",
                other.type_name()
            )))
        }
    };
    let target = target(filename, format)?;
    let view = GraphView::build(values, sources);
    if view.is_empty() {
        return Err(nothing_lazy(values));
    }
    write(&view, &target)
}

/// Writes the view in the target's format, through a temporary file.
pub fn write(view: &GraphView, target: &Target) -> PyResult<()> {
    let dot = to_dot(view);
    let bytes = if target.format == "dot" {
        dot.into_bytes()
    } else {
        render(&dot, target.format)?
    };
    write_atomically(&target.path, &bytes)
}

/// Runs Graphviz's `dot -T<format>` on the DOT text and returns what it printed.
fn render(dot: &str, format: &str) -> PyResult<Vec<u8>> {
    let mut child = std::process::Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => dot_not_found(format),
            _ => PyError::runtime_error(format!("could not run Graphviz's 'dot': {e}")),
        })?;
    // Feed stdin from another thread: a large graph could otherwise fill the pipes
    // in both directions and block both processes.
    let stdin = child.stdin.take();
    let text = dot.to_string();
    let feeder = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            // A write error shows up as dot's own failure below.
            let _ = stdin.write_all(text.as_bytes());
        }
    });
    let output = child
        .wait_with_output()
        .map_err(|e| PyError::runtime_error(format!("Graphviz's 'dot' failed: {e}")))?;
    let _ = feeder.join();
    if !output.status.success() || output.stdout.is_empty() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(PyError::runtime_error(format!(
            "Graphviz's 'dot -T{format}' failed ({}): {}",
            output.status,
            stderr.trim()
        )));
    }
    Ok(output.stdout)
}

fn dot_not_found(format: &str) -> PyError {
    PyError::runtime_error(format!(
        "Graphviz's 'dot' program was not found on PATH, and writing a .{format} file needs it. \
         The graph can still be written as DOT text: give a filename ending in .dot \
         (x.visualize('graph.dot')). To install Graphviz: apt install graphviz \
         (Debian/Ubuntu), brew install graphviz (macOS), or see https://graphviz.org/download/"
    ))
}

/// Writes `bytes` to a fresh temporary file next to `path`, then renames it over
/// `path`: a crash or a full disk never leaves a truncated file behind.
fn write_atomically(path: &str, bytes: &[u8]) -> PyResult<()> {
    use crate::value::containers::os_error;
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let target = Path::new(path);
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .map_or_else(|| "graph".into(), |n| n.to_string_lossy());
    let (mut file, tmp) = loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        // `create_new` never clobbers another writer's file; a clash tries the next.
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => break (file, tmp),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(os_error(&e, path)),
        }
    };
    let result = file
        .write_all(bytes)
        .and_then(|()| file.flush())
        .and_then(|()| std::fs::rename(&tmp, target));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        os_error(&e, path)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::array::build;
    use crate::array::chunks::ChunkSpec;
    use crate::value::array::{BinaryOp, Distribution, Reduction, Scalar};

    fn normal(n: usize, chunk: i64) -> Arc<ArrayNode> {
        let dist = Distribution::Normal {
            loc: 0.0,
            scale: 1.0,
        };
        build::random(7, dist, vec![n], &ChunkSpec::Size(chunk), "normal").unwrap()
    }

    fn mean(x: &Arc<ArrayNode>) -> Arc<ArrayNode> {
        build::reduce(Reduction::Mean, x, None, false, 0.0).unwrap()
    }

    fn view_of(arrays: &[Arc<ArrayNode>]) -> GraphView {
        GraphView::from_roots(&[], arrays, &SourceMap::default())
    }

    fn labels(view: &GraphView) -> Vec<(String, usize)> {
        view.nodes.iter().map(|n| (n.label(), n.tasks)).collect()
    }

    #[test]
    fn a_chain_ending_in_a_reduction_is_one_node() {
        let x = normal(1000, 100);
        let centred = build::binary(
            BinaryOp::Sub,
            &x,
            &build::with_scalar(BinaryOp::Mul, &x, Scalar::Float(2.0), false).unwrap(),
        )
        .unwrap();
        let squared = build::with_scalar(BinaryOp::Pow, &centred, Scalar::Int(2), false).unwrap();
        let view = view_of(&[mean(&squared)]);
        assert_eq!(
            labels(&view),
            [("normal → mul → sub → pow → mean".to_string(), 10)]
        );
        assert_eq!(view.nodes[0].fused, Some(1));
        assert_eq!(view.nodes[0].array, Some((vec![], DType::Float64)));
        assert!(view.edges.is_empty());
    }

    #[test]
    fn a_reduction_read_by_a_kernel_is_computed_first() {
        // ((x - x.mean()) ** 2).mean(): the inner mean is a pass of its own, read by
        // the outer kernel as a constant, and not computed again in the outer pass.
        let x = normal(1000, 100);
        let m = mean(&x);
        let d = build::binary(BinaryOp::Sub, &x, &m).unwrap();
        let sq = build::with_scalar(BinaryOp::Pow, &d, Scalar::Int(2), false).unwrap();
        let view = view_of(&[mean(&sq)]);
        let got = labels(&view);
        assert_eq!(got[0], ("normal → mean".to_string(), 10));
        assert_eq!(got[1].0, "normal → sub → pow → mean", "{got:?}");
        assert_eq!(got[1].1, 10);
        assert_eq!(view.edges, [(0, 1)]);
        let t = view.totals();
        assert_eq!((t.tasks, t.depth, t.width, t.fused), (20, 2, 1, 2));
    }

    #[test]
    fn reductions_over_one_grid_share_a_pass() {
        let x = normal(1000, 250);
        let s = build::reduce(Reduction::Std, &x, None, false, 0.0).unwrap();
        let view = view_of(&[mean(&x), s]);
        assert_eq!(labels(&view), [("normal → mean, std".to_string(), 4)]);
    }

    #[test]
    fn structural_operations_are_their_own_nodes() {
        let a = build::arange(
            Scalar::Int(0),
            Scalar::Int(12),
            Scalar::Int(1),
            &ChunkSpec::Size(4),
        )
        .unwrap();
        let r = build::reshape(&a, &[3, 4]).unwrap();
        let s = build::reduce(Reduction::Sum, &r, Some(&[0]), false, 0.0).unwrap();
        let view = view_of(&[s]);
        assert_eq!(
            labels(&view),
            [
                ("arange".to_string(), 3),
                ("reshape".to_string(), 1),
                ("sum(axis=0)".to_string(), view.nodes[2].tasks),
            ]
        );
        assert_eq!(view.nodes[1].kind, NodeKind::Structural);
        assert_eq!(view.nodes[0].fused, None);
        assert_eq!(view.edges, [(0, 1), (1, 2)]);
    }

    #[test]
    fn a_concrete_array_read_whole_is_in_memory() {
        let data = Arc::new(crate::value::array::NdArray::Float(ndarray::ArrayD::zeros(
            ndarray::IxDyn(&[4, 4]),
        )));
        let a = build::from_array(data, &ChunkSpec::Size(2)).unwrap();
        let product = build::matmul(&a, &a).unwrap();
        let view = view_of(&[product]);
        assert_eq!(view.nodes[0].kind, NodeKind::InMemory);
        assert_eq!(view.nodes[0].tasks, 0);
        assert_eq!(labels(&view)[1], ("matmul".to_string(), 1));
        assert_eq!(view.edges, [(0, 1)]);
    }

    #[test]
    fn the_same_node_twice_is_drawn_once() {
        let x = normal(100, 10);
        let y = build::with_scalar(BinaryOp::Add, &x, Scalar::Int(1), false).unwrap();
        let view = view_of(&[y.clone(), y]);
        assert_eq!(labels(&view), [("normal → add".to_string(), 10)]);
    }

    #[test]
    fn matmul_splits_tiles_like_the_executor() {
        let big = |rows| {
            build::full(
                vec![rows, 3],
                Scalar::Float(1.0),
                &ChunkSpec::Size(-1),
                "ones_like",
            )
            .unwrap()
        };
        let t = |rows| {
            let a = big(rows);
            let b = build::full(
                vec![3, 2],
                Scalar::Float(1.0),
                &ChunkSpec::Size(-1),
                "ones_like",
            )
            .unwrap();
            matmul_tasks(&build::matmul(&a, &b).unwrap())
        };
        assert_eq!(t(10), 1);
        assert_eq!(t(512), 1);
        assert_eq!(t(513), 2);
        assert_eq!(t(10_000), 20);
    }

    #[test]
    fn runs_of_one_operation_are_counted() {
        let mut x = normal(100, 50);
        for _ in 0..4 {
            x = build::with_scalar(BinaryOp::Add, &x, Scalar::Int(1), false).unwrap();
        }
        let x2 = build::with_scalar(BinaryOp::Mul, &x, Scalar::Int(2), false).unwrap();
        let y = build::with_scalar(BinaryOp::Mul, &x2, Scalar::Int(2), false).unwrap();
        assert_eq!(
            labels(&view_of(&[y])),
            [("normal → add ×4 → mul → mul".to_string(), 2)]
        );
    }

    #[test]
    fn a_chain_built_by_a_long_loop_has_a_summary() {
        // Deeper than a test thread's stack could walk: graph_summary brings its own.
        let mut x = normal(10, 5);
        for _ in 0..200_000 {
            x = build::with_scalar(BinaryOp::Add, &x, Scalar::Int(1), false).unwrap();
        }
        let text = graph_summary(&[Value::DArray(x)], &SourceMap::default()).unwrap();
        assert!(
            text.contains("| add       | ?           |     2 | #1          |"),
            "{text}"
        );
        assert!(text.contains("total tasks: 2\n"), "{text}");
    }

    #[test]
    fn dot_labels_are_escaped() {
        assert_eq!(escape(r#"a "b" \c"#), r#"a \"b\" \\c"#);
        assert_eq!(escape("two\nlines\r"), "two\\nlines");
        assert_eq!(escape("<lambda> {x|y}"), "<lambda> {x|y}");
    }

    #[test]
    fn places_are_grouped_by_file() {
        let op = |place: &str| ViewOp {
            name: "x".into(),
            place: place.into(),
            reduction: false,
        };
        let ops = [
            op("a.pgs:9"),
            op("a.pgs:3"),
            op("?"),
            op("b.pgs:1"),
            op("a.pgs:9"),
        ];
        assert_eq!(places_text(&ops), "a.pgs:3, 9; b.pgs:1; ?");
    }

    #[test]
    fn targets_follow_dask() {
        let t = |f: &str, fmt: Option<&str>| target(f, fmt).map(|t| (t.path, t.format));
        assert_eq!(t("mydask", None).unwrap(), ("mydask.png".into(), "png"));
        assert_eq!(t("g.SVG", None).unwrap(), ("g.SVG".into(), "svg"));
        assert_eq!(t("g.dot", None).unwrap(), ("g.dot".into(), "dot"));
        assert_eq!(
            t("notes.txt", None).unwrap(),
            ("notes.txt.png".into(), "png")
        );
        assert_eq!(t(".svg", None).unwrap(), (".svg.png".into(), "png"));
        assert_eq!(t("g", Some("PDF")).unwrap(), ("g.pdf".into(), "pdf"));
        assert_eq!(t("g.svg", Some("svg")).unwrap(), ("g.svg".into(), "svg"));
        assert_eq!(
            t("g.dot", Some("svg")).unwrap(),
            ("g.dot.svg".into(), "svg")
        );
        assert!(t("g", Some("gif"))
            .unwrap_err()
            .message()
            .contains("not supported"));
        assert!(t("", None).is_err());
    }

    #[test]
    fn totals_of_an_empty_view_are_zero() {
        let t = GraphView::default().totals();
        assert_eq!((t.tasks, t.depth, t.width, t.fused), (0, 0, 0, 0));
    }
}
