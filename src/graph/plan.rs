//! Lowering: the nodes a computation asks for → a flat task list. Only nodes the
//! roots depend on are kept (culling), nodes with equal keys become one task (shared
//! work, CSE), and tasks are ordered so every dependency precedes its dependents.
//! The result is a pure function of the graph: no hash-map iteration order, timing
//! or address affects it (architecture decision 9).

use crate::value::lazy::Node;
use std::collections::HashMap;
use std::sync::Arc;

/// Tasks in dependency order, with dependency and dependent lists in compressed
/// (CSR) form: two flat arrays instead of a vector per task, which matters at a
/// million tasks.
pub struct Plan {
    pub nodes: Vec<Arc<Node>>,
    dep_start: Vec<u32>,
    dep_index: Vec<u32>,
    dependent_start: Vec<u32>,
    dependent_index: Vec<u32>,
    /// The task of each requested root, in request order.
    pub roots: Vec<u32>,
}

impl Plan {
    pub fn build(roots: &[Arc<Node>]) -> Plan {
        let mut index: HashMap<u64, u32> = HashMap::new();
        let mut nodes: Vec<Arc<Node>> = Vec::new();
        for root in roots {
            visit(root, &mut index, &mut nodes);
        }
        let (dep_start, dep_index) = compress(nodes.len(), |i, out| {
            out.extend(nodes[i].deps.iter().map(|d| index[&d.token]));
        });
        let mut counts = vec![0u32; nodes.len()];
        for &d in &dep_index {
            counts[d as usize] += 1;
        }
        let mut dependent_start = Vec::with_capacity(nodes.len() + 1);
        let mut total = 0u32;
        dependent_start.push(0);
        for c in &counts {
            total += c;
            dependent_start.push(total);
        }
        let mut fill: Vec<u32> = dependent_start[..nodes.len()].to_vec();
        let mut dependent_index = vec![0u32; dep_index.len()];
        for task in 0..nodes.len() {
            for &d in &dep_index[dep_start[task] as usize..dep_start[task + 1] as usize] {
                dependent_index[fill[d as usize] as usize] = task as u32;
                fill[d as usize] += 1;
            }
        }
        let roots = roots.iter().map(|r| index[&r.token]).collect();
        Plan {
            nodes,
            dep_start,
            dep_index,
            dependent_start,
            dependent_index,
            roots,
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The tasks task `i` reads, one per entry of its node's `deps` (so a
    /// `Template::Dep(k)` is `deps(i)[k]`).
    pub fn deps(&self, i: usize) -> &[u32] {
        &self.dep_index[self.dep_start[i] as usize..self.dep_start[i + 1] as usize]
    }

    /// The tasks that read task `i` (once per edge).
    pub fn dependents(&self, i: usize) -> &[u32] {
        &self.dependent_index
            [self.dependent_start[i] as usize..self.dependent_start[i + 1] as usize]
    }
}

/// Depth-first post-order from `root`, iteratively (graphs may be a million deep).
fn visit(root: &Arc<Node>, index: &mut HashMap<u64, u32>, nodes: &mut Vec<Arc<Node>>) {
    if index.contains_key(&root.token) {
        return;
    }
    let mut stack: Vec<(Arc<Node>, usize)> = vec![(root.clone(), 0)];
    while let Some((node, next_child)) = stack.last_mut() {
        if let Some(dep) = node.deps.get(*next_child) {
            *next_child += 1;
            if !index.contains_key(&dep.token) {
                let dep = dep.clone();
                stack.push((dep, 0));
            }
            continue;
        }
        let (node, _) = stack.pop().expect("non-empty: checked by the loop");
        if let std::collections::hash_map::Entry::Vacant(slot) = index.entry(node.token) {
            slot.insert(nodes.len() as u32);
            nodes.push(node);
        }
    }
}

/// Builds a CSR pair from a per-task list producer.
fn compress(n: usize, mut items: impl FnMut(usize, &mut Vec<u32>)) -> (Vec<u32>, Vec<u32>) {
    let mut start = Vec::with_capacity(n + 1);
    let mut flat = Vec::new();
    start.push(0);
    for i in 0..n {
        items(i, &mut flat);
        start.push(flat.len() as u32);
    }
    (start, flat)
}
