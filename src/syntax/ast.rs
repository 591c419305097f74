//! The syntax tree. Every node carries its `Span`. The resolver fills in each name's
//! [`Slot`] (and each function's [`ScopeInfo`]) in place before anything runs; after
//! that the tree is immutable and shared between threads.

use crate::source::Span;
use std::sync::Arc;

pub type Name = Arc<str>;

/// Where a name lives at run time, decided once by the resolver.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Slot {
    #[default]
    Unresolved,
    /// A local variable: an index into the frame. If an inner function captures it,
    /// the frame slot holds a shared cell (see `ScopeInfo::cells`).
    Local(u32),
    /// A variable of an enclosing function: an index into the closure's captures.
    Free(u32),
    /// A module-level name (builtins are pre-loaded globals).
    Global(u32),
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Int(i64),
    Float(f64),
    Str(arcstr::ArcStr),
    Bool(bool),
    None,
    Ellipsis,
    Name(Name, Slot),
    FString(Vec<FPart>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    Set(Vec<Expr>),
    /// `[elt for …]`, `(elt for …)`, `{key: value for …}`.
    Comp(Box<Comprehension>),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    IfElse(Box<Expr>, Box<Expr>, Box<Expr>),
    Lambda(Arc<FuncDef>),
    Call(Box<Expr>, Vec<Arg>),
    Attr(Box<Expr>, Name),
    Index(Box<Expr>, Box<Expr>),
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `*x` in a call's arguments or a list/tuple display.
    Starred(Box<Expr>),
}

#[derive(Clone, Debug)]
pub enum FPart {
    Lit(Arc<str>),
    Expr {
        expr: Expr,
        conversion: Option<char>,
        spec: Vec<FPart>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompKind {
    List,
    Gen,
    Dict,
    Set,
}

#[derive(Clone, Debug)]
pub struct Comprehension {
    pub kind: CompKind,
    pub elt: Expr,
    /// The value of a dict comprehension.
    pub value: Option<Expr>,
    pub clauses: Vec<CompClause>,
}

#[derive(Clone, Debug)]
pub enum CompClause {
    For(Target, Expr),
    If(Expr),
}

#[derive(Clone, Debug)]
pub enum Arg {
    Pos(Expr),
    Star(Expr),
    Kw(Name, Expr),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Not,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    MatMul,
    LShift,
    RShift,
    BitAnd,
    BitOr,
    BitXor,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::MatMul => "@",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Gt,
    Le,
    Ge,
    Eq,
    Ne,
    In,
    NotIn,
    Is,
    IsNot,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Gt => ">",
            CmpOp::Le => "<=",
            CmpOp::Ge => ">=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
        }
    }
}

/// The left side of an assignment, `for` target, or `del` operand.
#[derive(Clone, Debug)]
pub enum Target {
    Name(Name, Slot, Span),
    Tuple(Vec<Target>, Span),
    Index(Expr, Expr, Span),
    Attr(Expr, Name, Span),
}

impl Target {
    pub fn span(&self) -> Span {
        match self {
            Target::Name(_, _, s)
            | Target::Tuple(_, s)
            | Target::Index(_, _, s)
            | Target::Attr(_, _, s) => *s,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    Expr(Expr),
    /// `a = b = value`: every target gets the value, left to right.
    Assign(Vec<Target>, Expr),
    AugAssign(Target, BinOp, Expr),
    If(Vec<(Expr, Vec<Stmt>)>, Vec<Stmt>),
    While(Expr, Vec<Stmt>, Vec<Stmt>),
    For(Target, Expr, Vec<Stmt>, Vec<Stmt>),
    Def(Arc<FuncDef>, Target),
    Return(Option<Expr>),
    Break,
    Continue,
    Pass,
    Assert(Expr, Option<Expr>),
    /// `import a.b as c`: module path and the target bound.
    Import(Vec<(Vec<Name>, Target)>),
    /// `from a import b as c`: module path and (member, target) pairs.
    FromImport(Vec<Name>, Vec<(Name, Target)>),
    Del(Vec<Target>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    Positional,
    /// `*args`
    VarArgs,
    /// after `*` or `*args`
    KeywordOnly,
    /// `**kwargs`
    VarKeywords,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: Name,
    pub kind: ParamKind,
    pub default: Option<Expr>,
    pub span: Span,
}

/// Filled by the resolver: what a call needs to build a frame.
#[derive(Clone, Debug, Default)]
pub struct ScopeInfo {
    /// Frame size: parameters first, then other locals and comprehension variables.
    pub nlocals: u32,
    /// Names of the frame's slots, for error messages.
    pub local_names: Vec<Name>,
    /// Slots that hold cells because an inner function captures them.
    pub cells: Vec<u32>,
    /// How to fetch each captured variable when the function object is created.
    pub captures: Vec<Capture>,
    /// Every parameter is a plain positional one: calls may bind by position alone.
    pub positional_only: bool,
}

/// Where a closure's captured variable comes from in the defining frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capture {
    /// The defining function's own cell slot.
    Cell(u32),
    /// A variable the defining function itself captured.
    Free(u32),
}

#[derive(Clone, Debug)]
pub struct FuncDef {
    pub name: Name,
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub is_lambda: bool,
    pub span: Span,
    pub scope: ScopeInfo,
    /// The body compiled to register code, on the first call (after the resolver
    /// has filled in every slot).
    pub code: std::sync::OnceLock<crate::eval::interp::code::Code>,
}

/// A parsed file, `-c` string or REPL input.
#[derive(Clone, Debug, Default)]
pub struct Module {
    pub body: Vec<Stmt>,
    /// Module-level code keeps comprehension variables in a frame of its own.
    pub scope: ScopeInfo,
}
