//! Compiles a function body to register code for the VM (`vm.rs`). A function's
//! locals are its first registers and temporaries follow them, so `n - 1` reads `n`
//! straight from its slot and a call finds its arguments side by side. What has no
//! instruction of its own (comprehensions, f-strings, `def`, `import`, …) is kept as
//! a syntax tree and run by the tree-walker in the same frame, so every construct
//! works and only the hot ones need an instruction.

use crate::source::Span;
use crate::syntax::ast::*;
use crate::value::Value;

/// A frame register: a local slot below `ScopeInfo::nlocals`, a temporary above.
pub type Reg = u32;
/// An instruction's input: a register, or a constant when [`CONST`] is set.
pub type Opnd = u32;
pub const CONST: u32 = 1 << 31;

#[derive(Clone, Debug)]
pub enum Op {
    /// `dst = src` (a temporary source is moved, anything else copied).
    Move {
        dst: Reg,
        src: Opnd,
    },
    /// `dst = src` for a local never read again: moved out, leaving `None`.
    MoveOut {
        dst: Reg,
        src: Reg,
    },
    /// A name that is not a plain local register: a captured cell, a closure's
    /// variable or a global.
    Load {
        dst: Reg,
        slot: Slot,
        name: u32,
    },
    LoadGlobal {
        dst: Reg,
        slot: u32,
        name: u32,
    },
    Store {
        slot: Slot,
        src: Reg,
    },
    /// `dst = a op b`.
    Binary {
        op: BinOp,
        dst: Reg,
        a: Opnd,
        b: Opnd,
    },
    /// `dst = a op= b`: lists extend in place.
    InPlace {
        op: BinOp,
        dst: Reg,
        a: Opnd,
        b: Opnd,
    },
    Unary {
        op: UnaryOp,
        dst: Reg,
        a: Opnd,
    },
    Compare {
        op: CmpOp,
        dst: Reg,
        a: Opnd,
        b: Opnd,
    },
    /// Jump to `target` if whether `a op b` holds equals `when`: conditions,
    /// without a bool value in between.
    CompareJump {
        op: CmpOp,
        a: Opnd,
        b: Opnd,
        when: bool,
        target: u32,
    },
    /// Jump to `target` if the truth of `cond` equals `when`.
    Branch {
        cond: Opnd,
        when: bool,
        target: u32,
    },
    /// As `Branch`, but the value stays in its register (`and`/`or` results).
    BranchKeep {
        cond: Reg,
        when: bool,
        target: u32,
    },
    Jump {
        target: u32,
    },
    /// `dst = func(args[0], …, args[n-1])`, the arguments in consecutive registers.
    Call {
        dst: Reg,
        func: Opnd,
        args: Reg,
        n: u32,
    },
    /// Raises NameError if global `slot` is unbound.
    CheckGlobal {
        slot: u32,
        name: u32,
    },
    /// `dst = f(args…)` with `f` a global: no reference-count traffic for `f`.
    CallGlobal {
        dst: Reg,
        slot: u32,
        name: u32,
        args: Reg,
        n: u32,
    },
    /// `obj.name` for a call: `at` gets the callable and `at + 1` the receiver of
    /// a builtin method (or `Unbound` when the callable stands alone).
    LoadMethod {
        at: Reg,
        obj: Opnd,
        name: u32,
    },
    /// Calls what `LoadMethod` left in `at`, with `n` arguments from `at + 2`.
    CallMethod {
        dst: Reg,
        at: Reg,
        n: u32,
    },
    GetIndex {
        dst: Reg,
        obj: Opnd,
        index: Opnd,
    },
    GetSlice {
        dst: Reg,
        obj: Opnd,
        bounds: [Opnd; 3],
    },
    SetIndex {
        obj: Opnd,
        index: Opnd,
        src: Reg,
    },
    /// Unpacks `src` into `n` registers from `dst`.
    Unpack {
        src: Reg,
        dst: Reg,
        n: u32,
    },
    BuildList {
        dst: Reg,
        items: Reg,
        n: u32,
    },
    BuildTuple {
        dst: Reg,
        items: Reg,
        n: u32,
    },
    /// Starts iterating over `src` (pushed on the frame's loop stack).
    IterStart {
        src: Opnd,
    },
    /// The innermost loop's next item into `dst`, or a jump to `exit` when done.
    ForNext {
        dst: Reg,
        exit: u32,
    },
    /// The innermost loop ran out: drop its iterator, raising what it recorded.
    IterEnd,
    /// Leaves the innermost loop by `break`.
    IterPop,
    /// A `while` loop's Ctrl-C check.
    CheckCancel,
    /// Drops an expression statement's value.
    Clear {
        reg: Reg,
    },
    /// Tree-walked expression and statement.
    Eval {
        dst: Reg,
        expr: u32,
    },
    /// A tree-walked statement. `loops` (here and on the returns) counts the `for`
    /// loops around it, whose iterators a `return` drops.
    Exec {
        stmt: u32,
        loops: u32,
    },
    Return {
        src: Opnd,
        loops: u32,
    },
    ReturnNone {
        loops: u32,
    },
}

/// A compiled function body.
#[derive(Clone, Debug)]
pub struct Code {
    pub ops: Vec<Op>,
    /// Per instruction: the span its own errors carry, and the span of its
    /// statement, which errors raised without a place get (the tree-walker's rule).
    pub spans: Vec<(Span, Span)>,
    /// Spans of local names and subscripts an instruction reads, by instruction
    /// and register: only looked up to place an error.
    pub detail_spans: Vec<(u32, u32, Span)>,
    pub consts: Vec<Value>,
    /// Calls of a global whose arguments cannot be seen to run, compiled without a
    /// `CheckGlobal`: (first instruction of the arguments, the `CallGlobal`).
    pub elided_checks: Vec<(u32, u32)>,
    pub names: Vec<Name>,
    pub exprs: Vec<Expr>,
    pub stmts: Vec<Stmt>,
    /// Locals; registers from here on are temporaries.
    pub nlocals: u32,
    /// Locals plus temporaries.
    pub frame_size: u32,
}

/// Key of a subscript's span in `detail_spans` (registers never get this high).
pub const INDEX_DETAIL: u32 = CONST - 1;
/// Key of a called global's name span.
pub const NAME_DETAIL: u32 = CONST - 5;
/// Keys of the slice bounds' spans.
pub const BOUND_DETAIL: u32 = CONST - 4;

impl Code {
    pub fn detail_span(&self, pc: usize, key: u32) -> Option<Span> {
        self.detail_spans
            .iter()
            .find(|(at, k, _)| *at as usize == pc && *k == key)
            .map(|(_, _, span)| *span)
    }
}

pub fn compile(def: &FuncDef) -> Code {
    let scope = &def.scope;
    let mut cells = vec![false; scope.nlocals as usize];
    for &slot in &scope.cells {
        if let Some(c) = cells.get_mut(slot as usize) {
            *c = true;
        }
    }
    let mut c = Compiler {
        code: Code {
            ops: Vec::new(),
            spans: Vec::new(),
            detail_spans: Vec::new(),
            consts: Vec::new(),
            elided_checks: Vec::new(),
            names: Vec::new(),
            exprs: Vec::new(),
            stmts: Vec::new(),
            nlocals: scope.nlocals,
            frame_size: scope.nlocals,
        },
        cells,
        next_temp: scope.nlocals,
        loops: Vec::new(),
        for_depth: 0,
        stmt_span: def.span,
    };
    c.block(&def.body);
    c.emit(Op::ReturnNone { loops: 0 }, def.span);
    move_last_reads(&mut c.code);
    c.code
}

/// Turns each copy of a local that is not read again before it is overwritten or
/// the function returns (`f(s)` in `for s in words:`) into a move: the value changes
/// hands without a reference-count increment now and a decrement later. Locals are
/// tracked as bits, so functions with more than 64 keep their copies.
fn move_last_reads(code: &mut Code) {
    if code.nlocals > 64 {
        return;
    }
    let n = code.ops.len();
    let all = if code.nlocals == 64 {
        u64::MAX
    } else {
        (1u64 << code.nlocals) - 1
    };
    let bit = |o: Opnd| -> u64 {
        if o & CONST == 0 && o < code.nlocals {
            1 << o
        } else {
            0
        }
    };
    // Which locals each instruction reads and writes, and where it can go next.
    let mut reads = vec![0u64; n];
    let mut writes = vec![0u64; n];
    let mut next: Vec<[Option<usize>; 2]> = vec![[None, None]; n];
    for (pc, op) in code.ops.iter().enumerate() {
        let (r, w) = match *op {
            Op::Move { dst, src } | Op::MoveOut { dst, src } => (bit(src), bit(dst)),
            Op::Load { dst, .. } | Op::LoadGlobal { dst, .. } => (0, bit(dst)),
            Op::Binary { dst, a, b, .. }
            | Op::InPlace { dst, a, b, .. }
            | Op::Compare { dst, a, b, .. } => (bit(a) | bit(b), bit(dst)),
            Op::Unary { dst, a, .. } => (bit(a), bit(dst)),
            Op::CompareJump { a, b, .. } => (bit(a) | bit(b), 0),
            Op::Branch { cond, .. } => (bit(cond), 0),
            Op::Call { dst, func, .. } => (bit(func), bit(dst)),
            Op::CallGlobal { dst, .. } | Op::CallMethod { dst, .. } => (0, bit(dst)),
            Op::LoadMethod { obj, .. } => (bit(obj), 0),
            Op::GetIndex { dst, obj, index } => (bit(obj) | bit(index), bit(dst)),
            Op::GetSlice { dst, obj, bounds } => (
                bit(obj) | bounds.iter().map(|&b| bit(b)).fold(0, |x, y| x | y),
                bit(dst),
            ),
            Op::SetIndex { obj, index, .. } => (bit(obj) | bit(index), 0),
            Op::Unpack { dst, .. } | Op::BuildList { dst, .. } | Op::BuildTuple { dst, .. } => {
                (0, bit(dst))
            }
            Op::IterStart { src } => (bit(src), 0),
            Op::ForNext { dst, .. } => (0, bit(dst)),
            Op::Return { src, .. } => (bit(src), 0),
            // The tree-walker may read any local.
            Op::Eval { .. } | Op::Exec { .. } => (all, 0),
            Op::Store { .. }
            | Op::BranchKeep { .. }
            | Op::Jump { .. }
            | Op::CheckGlobal { .. }
            | Op::IterEnd
            | Op::IterPop
            | Op::CheckCancel
            | Op::Clear { .. }
            | Op::ReturnNone { .. } => (0, 0),
        };
        reads[pc] = r;
        writes[pc] = w;
        next[pc] = match *op {
            Op::Jump { target } => [Some(target as usize), None],
            Op::CompareJump { target, .. }
            | Op::Branch { target, .. }
            | Op::BranchKeep { target, .. } => [Some(pc + 1), Some(target as usize)],
            Op::ForNext { exit, .. } => [Some(pc + 1), Some(exit as usize)],
            Op::Return { .. } | Op::ReturnNone { .. } => [None, None],
            _ => [Some(pc + 1), None],
        };
    }
    // Backward liveness to a fixed point: live after = read later on some path.
    let mut live_in = vec![0u64; n];
    let mut live_out = vec![0u64; n];
    let mut changed = true;
    while changed {
        changed = false;
        for pc in (0..n).rev() {
            let out = next[pc]
                .iter()
                .flatten()
                .map(|&s| live_in.get(s).copied().unwrap_or(0))
                .fold(0, |x, y| x | y);
            let inn = reads[pc] | (out & !writes[pc]);
            if out != live_out[pc] || inn != live_in[pc] {
                (live_out[pc], live_in[pc]) = (out, inn);
                changed = true;
            }
        }
    }
    for (pc, op) in code.ops.iter_mut().enumerate() {
        if let Op::Move { dst, src } = *op {
            if bit(src) != 0 && live_out[pc] & bit(src) == 0 && dst != src {
                *op = Op::MoveOut { dst, src };
            }
        }
    }
}

/// Jumps to patch once a loop's end is known.
struct Loop {
    continue_to: u32,
    breaks: Vec<usize>,
}

struct Compiler {
    code: Code,
    /// Locals captured by inner functions: their slots hold cells.
    cells: Vec<bool>,
    next_temp: Reg,
    loops: Vec<Loop>,
    /// How many `for` loops (iterators on the VM's loop stack) enclose the code
    /// being compiled.
    for_depth: u32,
    stmt_span: Span,
}

impl Compiler {
    fn emit(&mut self, op: Op, span: Span) -> usize {
        self.emit_reads(op, span, &[])
    }

    /// Emits `op`, remembering where each local it reads (and each subscript
    /// detail key) was written, to place an error later.
    fn emit_reads(&mut self, op: Op, span: Span, reads: &[(u32, Span)]) -> usize {
        let pc = self.code.ops.len();
        for &(key, detail) in reads {
            if key < self.code.nlocals || (NAME_DETAIL..CONST).contains(&key) {
                self.code.detail_spans.push((pc as u32, key, detail));
            }
        }
        self.code.ops.push(op);
        self.code.spans.push((span, self.stmt_span));
        pc
    }

    fn here(&self) -> u32 {
        self.code.ops.len() as u32
    }

    fn patch(&mut self, at: usize, to: u32) {
        match &mut self.code.ops[at] {
            Op::CompareJump { target, .. }
            | Op::Branch { target, .. }
            | Op::BranchKeep { target, .. }
            | Op::Jump { target } => *target = to,
            Op::ForNext { exit, .. } => *exit = to,
            _ => unreachable!("only jumps are patched"),
        }
    }

    fn patch_all(&mut self, jumps: Vec<usize>, to: u32) {
        for j in jumps {
            self.patch(j, to);
        }
    }

    fn temp(&mut self) -> Reg {
        let r = self.next_temp;
        self.next_temp += 1;
        self.code.frame_size = self.code.frame_size.max(self.next_temp);
        r
    }

    fn constant(&mut self, v: Value) -> Opnd {
        self.code.consts.push(v);
        (self.code.consts.len() as u32 - 1) | CONST
    }

    fn name(&mut self, name: &Name) -> u32 {
        self.code.names.push(name.clone());
        self.code.names.len() as u32 - 1
    }

    /// A plain local: one register, no cell.
    fn plain_local(&self, slot: Slot) -> Option<Reg> {
        match slot {
            Slot::Local(i) if !self.cells.get(i as usize).copied().unwrap_or(true) => Some(i),
            _ => None,
        }
    }

    /// Whether evaluating `e` can do nothing but produce a value or raise: no
    /// calls, and nothing left to the tree-walker that might make one.
    fn without_effects(e: &Expr) -> bool {
        let all = |items: &[Expr]| items.iter().all(Self::without_effects);
        match &e.kind {
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Bool(_)
            | ExprKind::None
            | ExprKind::Ellipsis
            | ExprKind::Name(..) => true,
            ExprKind::Unary(_, x) | ExprKind::Attr(x, _) => Self::without_effects(x),
            ExprKind::Binary(_, a, b)
            | ExprKind::And(a, b)
            | ExprKind::Or(a, b)
            | ExprKind::Index(a, b) => Self::without_effects(a) && Self::without_effects(b),
            ExprKind::IfElse(a, b, c) => [a, b, c].iter().all(|x| Self::without_effects(x)),
            ExprKind::Compare(first, rest) => {
                Self::without_effects(first) && rest.iter().all(|(_, x)| Self::without_effects(x))
            }
            ExprKind::Slice(a, b, c) => [a, b, c]
                .iter()
                .all(|x| x.as_deref().is_none_or(Self::without_effects)),
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => all(items),
            ExprKind::Dict(pairs) => pairs
                .iter()
                .all(|(k, v)| Self::without_effects(k) && Self::without_effects(v)),
            ExprKind::FString(_)
            | ExprKind::Comp(_)
            | ExprKind::Lambda(_)
            | ExprKind::Call(..)
            | ExprKind::Starred(_) => false,
        }
    }

    fn const_value(e: &Expr) -> Option<Value> {
        Some(match &e.kind {
            ExprKind::Int(i) => Value::Int(*i),
            ExprKind::Float(x) => Value::float(*x),
            ExprKind::Str(s) => Value::Str(s.clone()),
            ExprKind::Bool(b) => Value::bool(*b),
            ExprKind::None => Value::None,
            _ => return None,
        })
    }

    // ------------------------------------------------------------ expressions

    /// An expression as an instruction input: constants and plain locals are read
    /// where they are; anything else is computed into a new temporary.
    fn operand(&mut self, e: &Expr) -> Opnd {
        if let Some(v) = Self::const_value(e) {
            return self.constant(v);
        }
        if let ExprKind::Name(_, slot) = &e.kind {
            if let Some(r) = self.plain_local(*slot) {
                return r;
            }
        }
        let t = self.temp();
        self.expr_into(e, t);
        t
    }

    /// Evaluates `e` into register `dst`.
    fn expr_into(&mut self, e: &Expr, dst: Reg) {
        let mark = self.next_temp;
        match &e.kind {
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Bool(_)
            | ExprKind::None => {
                let src = self.operand(e);
                self.emit(Op::Move { dst, src }, e.span);
            }
            ExprKind::Name(name, slot) => match self.plain_local(*slot) {
                Some(_) => {
                    let src = self.operand(e);
                    self.emit_reads(Op::Move { dst, src }, e.span, &[(src, e.span)]);
                }
                None => {
                    let name = self.name(name);
                    let op = match *slot {
                        Slot::Global(slot) => Op::LoadGlobal { dst, slot, name },
                        slot => Op::Load { dst, slot, name },
                    };
                    self.emit(op, e.span);
                }
            },
            ExprKind::Binary(op, x, y) => {
                let a = self.operand(x);
                let b = self.operand(y);
                let reads = [(a, x.span), (b, y.span)];
                self.emit_reads(Op::Binary { op: *op, dst, a, b }, e.span, &reads);
            }
            ExprKind::Unary(op, x) => {
                let a = self.operand(x);
                self.emit_reads(Op::Unary { op: *op, dst, a }, e.span, &[(a, x.span)]);
            }
            ExprKind::Compare(first, rest) if rest.len() == 1 => {
                let (op, right) = &rest[0];
                let a = self.operand(first);
                let b = self.operand(right);
                let span = first.span.to(right.span);
                let reads = [(a, first.span), (b, right.span)];
                self.emit_reads(Op::Compare { op: *op, dst, a, b }, span, &reads);
            }
            ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                let when = matches!(e.kind, ExprKind::Or(..));
                self.expr_into(a, dst);
                let jump = self.emit(
                    Op::BranchKeep {
                        cond: dst,
                        when,
                        target: 0,
                    },
                    e.span,
                );
                self.expr_into(b, dst);
                let end = self.here();
                self.patch(jump, end);
            }
            ExprKind::IfElse(cond, then, other) => {
                let to_else = self.cond_jump(cond);
                self.expr_into(then, dst);
                let to_end = self.emit(Op::Jump { target: 0 }, e.span);
                let else_at = self.here();
                self.patch_all(to_else, else_at);
                self.expr_into(other, dst);
                let end = self.here();
                self.patch(to_end, end);
            }
            ExprKind::Call(func, args) if args.iter().all(|a| matches!(a, Arg::Pos(_))) => {
                self.call_into(func, args, e.span, dst)
            }
            ExprKind::Index(target, index) if !matches!(index.kind, ExprKind::Tuple(_)) => {
                let obj = self.operand(target);
                let mut reads = vec![(obj, target.span)];
                if let ExprKind::Slice(lo, hi, step) = &index.kind {
                    let mut bounds = [0; 3];
                    for (k, part) in [lo, hi, step].into_iter().enumerate() {
                        bounds[k] = match part {
                            None => self.constant(Value::None),
                            Some(x) => {
                                let o = self.operand(x);
                                reads.push((o, x.span));
                                reads.push((BOUND_DETAIL + k as u32, x.span));
                                o
                            }
                        };
                    }
                    self.emit_reads(Op::GetSlice { dst, obj, bounds }, e.span, &reads);
                } else {
                    let i = self.operand(index);
                    reads.push((i, index.span));
                    reads.push((INDEX_DETAIL, index.span));
                    let op = Op::GetIndex { dst, obj, index: i };
                    self.emit_reads(op, e.span, &reads);
                }
            }
            ExprKind::List(items) | ExprKind::Tuple(items)
                if !items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) =>
            {
                let start = self.next_temp;
                for item in items {
                    let t = self.temp();
                    self.expr_into(item, t);
                }
                let n = items.len() as u32;
                let op = match e.kind {
                    ExprKind::List(_) => Op::BuildList {
                        dst,
                        items: start,
                        n,
                    },
                    _ => Op::BuildTuple {
                        dst,
                        items: start,
                        n,
                    },
                };
                self.emit(op, e.span);
            }
            _ => {
                self.code.exprs.push(e.clone());
                let expr = self.code.exprs.len() as u32 - 1;
                // Errors the tree-walker leaves unplaced get the statement's span.
                self.emit(Op::Eval { dst, expr }, self.stmt_span);
            }
        }
        self.next_temp = mark;
    }

    /// `func(args…)` with positional arguments only.
    fn call_into(&mut self, func: &Expr, args: &[Arg], span: Span, dst: Reg) {
        let positional = args.iter().map(|a| match a {
            Arg::Pos(e) => e,
            _ => unreachable!("checked by the caller"),
        });
        if let ExprKind::Attr(receiver, name) = &func.kind {
            let obj = self.operand(receiver);
            let at = self.temp();
            self.temp(); // the receiver's register
            let name = self.name(name);
            let reads = [(obj, receiver.span)];
            self.emit_reads(Op::LoadMethod { at, obj, name }, func.span, &reads);
            for arg in positional {
                let t = self.temp();
                self.expr_into(arg, t);
            }
            let n = args.len() as u32;
            self.emit(Op::CallMethod { dst, at, n }, span);
            return;
        }
        if let ExprKind::Name(name, Slot::Global(slot)) = &func.kind {
            let name = self.name(name);
            // Python looks the function up before evaluating the arguments, so an
            // undefined one is the error even if an argument would fail too. When
            // the arguments cannot be seen to run (no calls), the check is left out
            // and an error they raise gives way to the NameError instead.
            let unseen = args
                .iter()
                .all(|a| matches!(a, Arg::Pos(e) if Self::without_effects(e)));
            if !unseen {
                let check = Op::CheckGlobal { slot: *slot, name };
                self.emit_reads(check, func.span, &[(NAME_DETAIL, func.span)]);
            }
            let from = self.here();
            let start = self.next_temp;
            for arg in positional {
                let t = self.temp();
                self.expr_into(arg, t);
            }
            if unseen && self.here() > from {
                let call = self.here();
                self.code.elided_checks.push((from, call));
            }
            let op = Op::CallGlobal {
                dst,
                slot: *slot,
                name,
                args: start,
                n: args.len() as u32,
            };
            self.emit_reads(op, span, &[(NAME_DETAIL, func.span)]);
            return;
        }
        let callee = self.operand(func);
        let start = self.next_temp;
        for arg in positional {
            let t = self.temp();
            self.expr_into(arg, t);
        }
        let n = args.len() as u32;
        let op = Op::Call {
            dst,
            func: callee,
            args: start,
            n,
        };
        self.emit_reads(op, span, &[(callee, func.span)]);
    }

    /// Emits jumps taken when `cond` is false; returns them for patching.
    fn cond_jump(&mut self, cond: &Expr) -> Vec<usize> {
        self.jump_when(cond, false)
    }

    /// Emits jumps taken when the truth of `cond` is `when`. `and` and `or` become
    /// chains of jumps, so `if a < b and c:` builds no bool value.
    fn jump_when(&mut self, cond: &Expr, when: bool) -> Vec<usize> {
        let mark = self.next_temp;
        let jumps = match &cond.kind {
            ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                // `and` is false as soon as one side is, `or` true as soon as one is.
                let decided_by_one = matches!(cond.kind, ExprKind::Or(..));
                if when == decided_by_one {
                    let mut jumps = self.jump_when(a, when);
                    jumps.extend(self.jump_when(b, when));
                    jumps
                } else {
                    let skip = self.jump_when(a, !when);
                    let jumps = self.jump_when(b, when);
                    let after = self.here();
                    self.patch_all(skip, after);
                    jumps
                }
            }
            ExprKind::Compare(first, rest) if rest.len() == 1 => {
                let (op, right) = &rest[0];
                let a = self.operand(first);
                let b = self.operand(right);
                let span = first.span.to(right.span);
                let op = Op::CompareJump {
                    op: *op,
                    a,
                    b,
                    when,
                    target: 0,
                };
                vec![self.emit_reads(op, span, &[(a, first.span), (b, right.span)])]
            }
            _ => {
                let c = self.operand(cond);
                let op = Op::Branch {
                    cond: c,
                    when,
                    target: 0,
                };
                vec![self.emit_reads(op, cond.span, &[(c, cond.span)])]
            }
        };
        self.next_temp = mark;
        jumps
    }

    // ------------------------------------------------------------ statements

    fn block(&mut self, body: &[Stmt]) {
        for stmt in body {
            let outer = self.stmt_span;
            self.stmt_span = stmt.span;
            self.stmt(stmt);
            self.stmt_span = outer;
        }
    }

    fn fallback(&mut self, stmt: &Stmt) {
        self.code.stmts.push(stmt.clone());
        let at = self.code.stmts.len() as u32 - 1;
        let loops = self.for_depth;
        self.emit(Op::Exec { stmt: at, loops }, stmt.span);
    }

    fn stmt(&mut self, stmt: &Stmt) {
        let mark = self.next_temp;
        let span = stmt.span;
        match &stmt.kind {
            StmtKind::Expr(e) => {
                let t = self.temp();
                self.expr_into(e, t);
                self.emit(Op::Clear { reg: t }, span);
            }
            StmtKind::Assign(targets, value)
                if targets.len() == 1 && Self::target_compiles(&targets[0]) =>
            {
                self.assign(&targets[0], value);
            }
            StmtKind::AugAssign(Target::Name(name, slot, target_span), op, value) => {
                let op_span = target_span.to(value.span);
                match self.plain_local(*slot) {
                    Some(r) => {
                        let b = self.operand(value);
                        let in_place = Op::InPlace {
                            op: *op,
                            dst: r,
                            a: r,
                            b,
                        };
                        let reads = [(r, *target_span), (b, value.span)];
                        self.emit_reads(in_place, op_span, &reads);
                    }
                    None => {
                        let current = self.temp();
                        let n = self.name(name);
                        self.emit(
                            Op::Load {
                                dst: current,
                                slot: *slot,
                                name: n,
                            },
                            *target_span,
                        );
                        let b = self.operand(value);
                        self.emit(
                            Op::InPlace {
                                op: *op,
                                dst: current,
                                a: current,
                                b,
                            },
                            op_span,
                        );
                        self.emit(
                            Op::Store {
                                slot: *slot,
                                src: current,
                            },
                            op_span,
                        );
                    }
                }
            }
            StmtKind::If(branches, orelse) => {
                let mut to_end = Vec::new();
                for (cond, body) in branches {
                    let to_next = self.cond_jump(cond);
                    self.block(body);
                    to_end.push(self.emit(Op::Jump { target: 0 }, span));
                    let next = self.here();
                    self.patch_all(to_next, next);
                }
                self.block(orelse);
                let end = self.here();
                for j in to_end {
                    self.patch(j, end);
                }
            }
            StmtKind::While(cond, body, orelse) => {
                let top = self.here();
                let to_else = self.cond_jump(cond);
                self.emit(Op::CheckCancel, cond.span);
                self.loop_body(body, top);
                self.emit(Op::Jump { target: top }, span);
                let else_at = self.here();
                self.patch_all(to_else, else_at);
                let done = self.loops.pop().expect("pushed by loop_body");
                self.block(orelse);
                let end = self.here();
                for j in done.breaks {
                    self.patch(j, end);
                }
            }
            StmtKind::For(target, iter, body, orelse) if Self::target_compiles(target) => {
                let src = self.operand(iter);
                self.emit_reads(Op::IterStart { src }, iter.span, &[(src, iter.span)]);
                self.next_temp = mark;
                let top = self.here();
                // A plain local loop variable gets each item directly.
                let local = match target {
                    Target::Name(_, slot, _) => self.plain_local(*slot),
                    _ => None,
                };
                let item = local.unwrap_or_else(|| self.temp());
                let next = self.emit(Op::ForNext { dst: item, exit: 0 }, iter.span);
                if local.is_none() {
                    self.assign_from(target, item);
                }
                self.next_temp = mark;
                self.for_depth += 1;
                self.loop_body(body, top);
                self.for_depth -= 1;
                self.emit(Op::Jump { target: top }, span);
                let exhausted = self.here();
                self.patch(next, exhausted);
                self.emit(Op::IterEnd, iter.span);
                let done = self.loops.pop().expect("pushed by loop_body");
                self.block(orelse);
                let to_end = self.emit(Op::Jump { target: 0 }, span);
                let broken = self.here();
                for j in done.breaks {
                    self.patch(j, broken);
                }
                self.emit(Op::IterPop, span);
                let end = self.here();
                self.patch(to_end, end);
            }
            StmtKind::Return(value) => match value {
                Some(e) => {
                    let src = self.operand(e);
                    let loops = self.for_depth;
                    self.emit_reads(Op::Return { src, loops }, span, &[(src, e.span)]);
                }
                None => {
                    let loops = self.for_depth;
                    self.emit(Op::ReturnNone { loops }, span);
                }
            },
            StmtKind::Break => match self.loops.last() {
                Some(_) => {
                    let j = self.emit(Op::Jump { target: 0 }, span);
                    if let Some(l) = self.loops.last_mut() {
                        l.breaks.push(j);
                    }
                }
                None => self.fallback(stmt),
            },
            StmtKind::Continue => match self.loops.last() {
                Some(l) => {
                    let target = l.continue_to;
                    self.emit(Op::Jump { target }, span);
                }
                None => self.fallback(stmt),
            },
            StmtKind::Pass => {}
            _ => self.fallback(stmt),
        }
        self.next_temp = mark;
    }

    /// A loop's body; the loop stays on `self.loops` for the caller to pop.
    fn loop_body(&mut self, body: &[Stmt], continue_to: u32) {
        self.loops.push(Loop {
            continue_to,
            breaks: Vec::new(),
        });
        self.block(body);
    }

    /// Targets made of names, tuples and subscripts (attributes go to the tree-walker,
    /// which raises their error).
    fn target_compiles(target: &Target) -> bool {
        match target {
            Target::Name(..) => true,
            Target::Tuple(items, _) => items.iter().all(Self::target_compiles),
            Target::Index(_, index, _) => !matches!(index.kind, ExprKind::Slice(..)),
            Target::Attr(..) => false,
        }
    }

    fn assign(&mut self, target: &Target, value: &Expr) {
        if let Target::Name(_, slot, _) = target {
            if let Some(r) = self.plain_local(*slot) {
                // Straight into the local, unless a branch of `value` would write
                // it before another part reads it.
                if !matches!(
                    value.kind,
                    ExprKind::And(..) | ExprKind::Or(..) | ExprKind::IfElse(..)
                ) {
                    self.expr_into(value, r);
                    return;
                }
            }
        }
        let t = self.temp();
        self.expr_into(value, t);
        self.assign_from(target, t);
    }

    /// Stores the value in temporary `src` into `target`.
    fn assign_from(&mut self, target: &Target, src: Reg) {
        match target {
            Target::Name(_, slot, span) => match self.plain_local(*slot) {
                Some(r) => {
                    self.emit(Op::Move { dst: r, src }, *span);
                }
                None => {
                    self.emit(Op::Store { slot: *slot, src }, *span);
                }
            },
            Target::Tuple(items, span) => {
                let start = self.next_temp;
                for _ in items {
                    self.temp();
                }
                let n = items.len() as u32;
                self.emit(Op::Unpack { src, dst: start, n }, *span);
                for (k, item) in items.iter().enumerate() {
                    self.assign_from(item, start + k as u32);
                }
            }
            Target::Index(target, key, span) => {
                let obj = self.operand(target);
                let index = self.operand(key);
                let reads = [(obj, target.span), (index, key.span)];
                self.emit_reads(Op::SetIndex { obj, index, src }, *span, &reads);
            }
            Target::Attr(..) => unreachable!("target_compiles refuses attributes"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::resolve::{resolve_module, GlobalNames};

    /// The compiled body of the first function defined in `source`.
    fn compiled(source: &str) -> Code {
        let mut module = crate::syntax::parser::parse_module(source, 0).expect("parses");
        resolve_module(&mut module, &mut GlobalNames::default()).expect("resolves");
        let Some(StmtKind::Def(def, _)) = module.body.first().map(|s| &s.kind) else {
            panic!("the source starts with a def");
        };
        compile(def)
    }

    fn count(code: &Code, wanted: fn(&Op) -> bool) -> usize {
        code.ops.iter().filter(|op| wanted(op)).count()
    }

    #[test]
    fn hot_constructs_get_instructions_of_their_own() {
        let code = compiled(
            "def f(n, xs):\n\
             \x20   total = 0\n\
             \x20   for i in range(n):\n\
             \x20       if i % 3 == 0 and xs[i] > 2:\n\
             \x20           continue\n\
             \x20       a, b = xs[i], xs[-1]\n\
             \x20       total += a * b if a else -b\n\
             \x20       while total > 100:\n\
             \x20           total -= 7\n\
             \x20           if total < 0:\n\
             \x20               break\n\
             \x20   xs.append(total)\n\
             \x20   return f(n - 1, xs[::2])\n",
        );
        let tree_walked = count(&code, |op| matches!(op, Op::Eval { .. } | Op::Exec { .. }));
        assert_eq!(tree_walked, 0, "{:#?}", code.ops);
        assert_eq!(count(&code, |op| matches!(op, Op::CallGlobal { .. })), 2);
        // Two for `and`'s comparisons, two for the loop's conditions.
        assert_eq!(count(&code, |op| matches!(op, Op::CompareJump { .. })), 4);
        assert_eq!(count(&code, |op| matches!(op, Op::ForNext { .. })), 1);
    }

    #[test]
    fn a_callee_is_checked_first_only_where_arguments_can_be_seen_to_run() {
        let code = compiled(
            "def f(n, xs):\n\
             \x20   a = g(n - 1, xs[0])\n\
             \x20   b = g(print(n), 1)\n\
             \x20   return g(h(n))\n",
        );
        let calls: Vec<usize> = (0..code.ops.len())
            .filter(|&pc| matches!(code.ops[pc], Op::CallGlobal { .. }))
            .collect();
        // `g(n - 1, xs[0])`, `print(n)` and `h(n)` make no calls in their
        // arguments; the other two do, so their callee is looked up before them.
        let checks = count(&code, |op| matches!(op, Op::CheckGlobal { .. }));
        assert_eq!(checks, 2, "{:#?}", code.ops);
        assert_eq!(code.elided_checks.len(), 3, "{:#?}", code.ops);
        for (from, call) in &code.elided_checks {
            assert!(from < call && calls.contains(&(*call as usize)));
        }
        // The returns count the `for` loops they leave.
        let looped = compiled(
            "def f(xs):\n\
             \x20   for x in xs:\n\
             \x20       for y in x:\n\
             \x20           if y:\n\
             \x20               return y\n\
             \x20       return x\n",
        );
        let depths: Vec<u32> = looped
            .ops
            .iter()
            .filter_map(|op| match *op {
                Op::Return { loops, .. } | Op::ReturnNone { loops } => Some(loops),
                _ => None,
            })
            .collect();
        assert_eq!(depths, [2, 1, 0]);
    }

    #[test]
    fn other_constructs_run_on_the_tree_walker_in_the_same_frame() {
        let code = compiled(
            "def f(xs):\n\
             \x20   ys = [x * 2 for x in xs]\n\
             \x20   def g():\n\
             \x20       return ys\n\
             \x20   return f'{len(ys)}', len(ys), g\n",
        );
        assert_eq!(
            count(&code, |op| matches!(op, Op::Eval { .. })),
            2,
            "{:#?}",
            code.ops
        );
        assert_eq!(
            count(&code, |op| matches!(op, Op::Exec { .. })),
            1,
            "{:#?}",
            code.ops
        );
        // `ys` is captured by `g`, so it lives in a cell and is read through `Load`.
        assert!(code.ops.iter().any(|op| matches!(op, Op::Load { .. })));
    }

    #[test]
    fn every_register_is_inside_the_frame() {
        let code = compiled(
            "def f(a, b):\n\
             \x20   c = [a + b * 2, (a - b) / 3, a // (b + 1)]\n\
             \x20   return g(c, h(a, b), k(1, 2, [a, b]))\n",
        );
        let regs = |op: &Op| -> Vec<u32> {
            match *op {
                Op::Binary { dst, a, b, .. } => vec![dst, a, b],
                Op::Move { dst, src } => vec![dst, src],
                Op::CallGlobal { dst, args, n, .. } => vec![dst, args + n.saturating_sub(1)],
                Op::BuildList { dst, items, n } => vec![dst, items + n.saturating_sub(1)],
                Op::Return { src, .. } => vec![src],
                _ => Vec::new(),
            }
        };
        for op in &code.ops {
            for r in regs(op) {
                assert!(
                    r & CONST != 0 || r < code.frame_size,
                    "{op:?} in {} slots",
                    code.frame_size
                );
            }
        }
    }

    #[test]
    fn a_local_read_for_the_last_time_is_moved() {
        let moves = |source: &str| {
            let code = compiled(source);
            let out = count(&code, |op| matches!(op, Op::MoveOut { .. }));
            let nlocals = code.nlocals;
            let copies = code
                .ops
                .iter()
                .filter(|op| matches!(op, Op::Move { src, .. } if *src < nlocals))
                .count();
            (out, copies)
        };
        // `s` is dead after the call: the next iteration overwrites it.
        assert_eq!(
            moves("def f(words):\n    for s in words:\n        g(s)\n"),
            (1, 0)
        );
        // Read again after the call, or by a later iteration, it is copied.
        assert_eq!(moves("def f(s):\n    g(s)\n    return s\n"), (0, 1));
        assert_eq!(
            moves("def f(s, n):\n    while n:\n        n = g(s)\n"),
            (0, 1)
        );
        // The tree-walker may read any local, so a comprehension keeps it alive.
        assert_eq!(
            moves("def f(s):\n    g(s)\n    return [c for c in s]\n"),
            (0, 1)
        );
    }
}
