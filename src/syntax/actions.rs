//! Helpers the grammar's actions call: building nodes, turning expressions into
//! assignment targets, checking argument and parameter order, decoding strings.
//! Kept out of the grammar so the grammar stays readable and these stay testable.

use super::ast::*;
use super::fstring;
use super::token::{AugOp, StrLit, Tok};
use crate::diag::{ExcKind, PyError};
use crate::source::{FileId, Span};
use lalrpop_util::ParseError;
use std::sync::Arc;

pub type PResult<'s, T> = Result<T, ParseError<usize, Tok<'s>, PyError>>;

#[cold]
fn syntax_error<'s, T>(message: impl Into<String>, span: Span) -> PResult<'s, T> {
    Err(ParseError::User {
        error: PyError::at_span(ExcKind::SyntaxError, message, span),
    })
}

pub fn node(kind: ExprKind, file: FileId, l: usize, r: usize) -> Expr {
    Expr {
        kind,
        span: Span::new(file, l, r),
    }
}

pub fn module(body: Vec<Vec<Stmt>>) -> Module {
    Module {
        body: body.into_iter().flatten().collect(),
        scope: ScopeInfo::default(),
    }
}

pub fn expr_module(e: Expr) -> Module {
    let span = e.span;
    Module {
        body: vec![Stmt {
            kind: StmtKind::Expr(e),
            span,
        }],
        scope: ScopeInfo::default(),
    }
}

pub fn append<T>(mut v: Vec<T>, last: T) -> Vec<T> {
    v.push(last);
    v
}

pub fn append_opt<T>(mut v: Vec<T>, last: Option<T>) -> Vec<T> {
    v.extend(last);
    v
}

/// `a` stays `a`; `a,` and `a, b` become a tuple.
pub fn tuple_or_single((mut items, had_comma): (Vec<Expr>, bool), span: Span) -> Expr {
    if !had_comma && items.len() == 1 {
        return items.pop().expect("one item");
    }
    Expr {
        kind: ExprKind::Tuple(items),
        span,
    }
}

/// `(a, b)` gets the span of its parentheses; `(a)` is just `a`.
pub fn parenthesized(mut e: Expr, span: Span) -> Expr {
    if matches!(e.kind, ExprKind::Tuple(_)) {
        e.span = span;
    }
    e
}

/// `-5` is the constant -5 (so `-9223372036854775808`-style edge cases and constant
/// folding behave), anything else a negation.
pub fn negate(e: Expr, span: Span) -> Expr {
    let kind = match e.kind {
        ExprKind::Int(i) if i != i64::MIN => ExprKind::Int(-i),
        ExprKind::Float(x) => ExprKind::Float(-x),
        kind => ExprKind::Unary(UnaryOp::Neg, Box::new(Expr { kind, span: e.span })),
    };
    Expr { kind, span }
}

pub fn expr_stmt<'s>(e: Expr) -> PResult<'s, StmtKind> {
    if let ExprKind::Starred(_) = e.kind {
        return syntax_error("can't use starred expression here", e.span);
    }
    Ok(StmtKind::Expr(e))
}

pub fn assign<'s>(first: Expr, mut rest: Vec<Expr>) -> PResult<'s, StmtKind> {
    let value = rest.pop().expect("grammar gives at least one '=' value");
    let targets = std::iter::once(first)
        .chain(rest)
        .map(|e| to_target(e, "assign to"))
        .collect::<PResult<Vec<_>>>()?;
    Ok(StmtKind::Assign(targets, value))
}

pub fn aug_assign<'s>(target: Expr, op: AugOp, value: Expr) -> PResult<'s, StmtKind> {
    let what = match &target.kind {
        ExprKind::Name(..) | ExprKind::Index(..) | ExprKind::Attr(..) => None,
        ExprKind::Tuple(_) => Some("tuple"),
        ExprKind::List(_) => Some("list"),
        ExprKind::Call(..) => Some("function call"),
        _ => Some("expression"),
    };
    if let Some(what) = what {
        return syntax_error(
            format!("'{what}' is an illegal expression for augmented assignment"),
            target.span,
        );
    }
    let target = to_target(target, "assign to")?;
    let op = match op {
        AugOp::Add => BinOp::Add,
        AugOp::Sub => BinOp::Sub,
        AugOp::Mul => BinOp::Mul,
        AugOp::Div => BinOp::Div,
        AugOp::FloorDiv => BinOp::FloorDiv,
        AugOp::Mod => BinOp::Mod,
        AugOp::Pow => BinOp::Pow,
        AugOp::MatMul => BinOp::MatMul,
        AugOp::BitAnd => BinOp::BitAnd,
        AugOp::BitOr => BinOp::BitOr,
        AugOp::BitXor => BinOp::BitXor,
        AugOp::LShift => BinOp::LShift,
        AugOp::RShift => BinOp::RShift,
    };
    Ok(StmtKind::AugAssign(target, op, value))
}

pub fn del<'s>(e: Expr) -> PResult<'s, StmtKind> {
    let targets = match e.kind {
        ExprKind::Tuple(items) => items,
        kind => vec![Expr { kind, span: e.span }],
    };
    let targets = targets
        .into_iter()
        .map(|t| to_target(t, "delete"))
        .collect::<PResult<Vec<_>>>()?;
    Ok(StmtKind::Del(targets))
}

/// Checks that an expression can be assigned to and converts it.
pub fn to_target<'s>(e: Expr, verb: &str) -> PResult<'s, Target> {
    let span = e.span;
    let what = match e.kind {
        ExprKind::Name(name, slot) => return Ok(Target::Name(name, slot, span)),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            let items = items
                .into_iter()
                .map(|t| to_target(t, verb))
                .collect::<PResult<Vec<_>>>()?;
            return Ok(Target::Tuple(items, span));
        }
        ExprKind::Index(obj, index) => return Ok(Target::Index(*obj, *index, span)),
        ExprKind::Attr(obj, name) => return Ok(Target::Attr(*obj, name, span)),
        ExprKind::Starred(_) => {
            return syntax_error("starred assignment targets are not supported in pgs", span)
        }
        ExprKind::Call(..) => "function call",
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bool(_)
        | ExprKind::None
        | ExprKind::Ellipsis => "literal",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Compare(..) => "comparison",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::IfElse(..) => "conditional expression",
        ExprKind::Comp(_) => "comprehension",
        ExprKind::Dict(_) => "dict literal",
        _ => "expression",
    };
    let hint = if verb == "assign to" {
        " here. Maybe you meant '==' instead of '='?"
    } else {
        ""
    };
    syntax_error(format!("cannot {verb} {what}{hint}"), span)
}

pub fn import_as(path: Vec<Name>, alias: Option<&str>, span: Span) -> (Vec<Name>, Target) {
    let bound: Name = alias.map_or_else(|| path[0].clone(), Arc::from);
    (path, Target::Name(bound, Slot::Unresolved, span))
}

pub fn import_name(name: &str, alias: Option<&str>, span: Span) -> (Name, Target) {
    let bound: Name = Arc::from(alias.unwrap_or(name));
    (Arc::from(name), Target::Name(bound, Slot::Unresolved, span))
}

pub fn decorate(decorators: Vec<Expr>, mut f: Stmt) -> Stmt {
    if let StmtKind::Def(def, _) = &mut f.kind {
        Arc::get_mut(def)
            .expect("a freshly parsed def is not shared")
            .decorators = decorators;
    }
    f
}

pub fn if_stmt(
    cond: Expr,
    body: Vec<Stmt>,
    elifs: Vec<(usize, Expr, Vec<Stmt>)>,
    orelse: Option<Vec<Stmt>>,
    span: Span,
) -> Stmt {
    let mut branches = vec![(cond, body)];
    branches.extend(elifs.into_iter().map(|(_, c, b)| (c, b)));
    Stmt {
        kind: StmtKind::If(branches, orelse.unwrap_or_default()),
        span,
    }
}

pub fn for_stmt<'s>(
    target: Expr,
    iter: Expr,
    body: Vec<Stmt>,
    orelse: Option<Vec<Stmt>>,
    span: Span,
) -> PResult<'s, Stmt> {
    let target = to_target(target, "assign to")?;
    Ok(Stmt {
        kind: StmtKind::For(target, iter, body, orelse.unwrap_or_default()),
        span,
    })
}

pub fn param(name: &str, kind: ParamKind, default: Option<Expr>, span: Span) -> Param {
    Param {
        name: Arc::from(name),
        kind,
        default,
        span,
    }
}

/// Python's rules for a parameter list: no duplicates, defaults only at the end of the
/// positional ones, one `*`, `**` last. Parameters after `*` become keyword-only.
fn check_params<'s>(mut params: Vec<Param>) -> PResult<'s, Vec<Param>> {
    let mut seen_default = false;
    let mut seen_star = false;
    let mut seen_kwargs = false;
    for i in 0..params.len() {
        let p = &params[i];
        if seen_kwargs {
            return syntax_error("arguments cannot follow var-keyword argument", p.span);
        }
        if params[..i]
            .iter()
            .any(|q| q.name == p.name && p.kind != ParamKind::KeywordOnly)
        {
            return syntax_error(
                format!("duplicate argument '{}' in function definition", p.name),
                p.span,
            );
        }
        match p.kind {
            ParamKind::VarArgs | ParamKind::KeywordOnly => {
                if seen_star {
                    return syntax_error("* argument may appear only once", p.span);
                }
                seen_star = true;
            }
            ParamKind::VarKeywords => seen_kwargs = true,
            ParamKind::Positional if seen_star => params[i].kind = ParamKind::KeywordOnly,
            ParamKind::Positional => {
                if p.default.is_some() {
                    seen_default = true;
                } else if seen_default {
                    return syntax_error("non-default argument follows default argument", p.span);
                }
            }
        }
    }
    if let Some(bare) = params.iter().position(|p| p.name.as_ref() == "*") {
        if !params[bare + 1..]
            .iter()
            .any(|p| p.kind == ParamKind::KeywordOnly)
        {
            return syntax_error("named arguments must follow bare *", params[bare].span);
        }
        params.remove(bare);
    }
    Ok(params)
}

pub fn func_def<'s>(
    name: &str,
    _name_span: Span,
    params: Vec<Param>,
    body: Vec<Stmt>,
    span: Span,
) -> PResult<'s, Stmt> {
    let def = FuncDef {
        name: Arc::from(name),
        params: check_params(params)?,
        body,
        decorators: Vec::new(),
        is_lambda: false,
        span,
        scope: ScopeInfo::default(),
        code: Default::default(),
    };
    Ok(Stmt {
        kind: StmtKind::Def(
            Arc::new(def),
            Target::Name(Arc::from(name), Slot::Unresolved, span),
        ),
        span,
    })
}

pub fn lambda<'s>(params: Vec<Param>, body: Expr, span: Span) -> PResult<'s, Expr> {
    let body_span = body.span;
    let def = FuncDef {
        name: Arc::from("<lambda>"),
        params: check_params(params)?,
        body: vec![Stmt {
            kind: StmtKind::Return(Some(body)),
            span: body_span,
        }],
        decorators: Vec::new(),
        is_lambda: true,
        span,
        scope: ScopeInfo::default(),
        code: Default::default(),
    };
    Ok(Expr {
        kind: ExprKind::Lambda(Arc::new(def)),
        span,
    })
}

/// Checks Python's argument order and builds the call. Kinds: 0 positional or
/// keyword, 1 `*args`, 2 `**kwargs`, 3 a bare generator expression.
pub fn call<'s>(func: Expr, raw: Vec<(Option<Name>, Expr, u8)>, span: Span) -> PResult<'s, Expr> {
    let many = raw.len() > 1;
    let mut args = Vec::with_capacity(raw.len());
    let mut seen_keyword = false;
    for (keyword, value, kind) in raw {
        let arg = match (keyword, kind) {
            (_, 3) if many => {
                return syntax_error("Generator expression must be parenthesized", value.span)
            }
            (_, 2) => return syntax_error("'**' arguments are not supported in pgs", value.span),
            (Some(name), _) => {
                if args
                    .iter()
                    .any(|a| matches!(a, Arg::Kw(n, _) if *n == name))
                {
                    return syntax_error(format!("keyword argument repeated: {name}"), value.span);
                }
                seen_keyword = true;
                Arg::Kw(name, value)
            }
            (None, 1) => Arg::Star(value),
            (None, _) if seen_keyword => {
                return syntax_error("positional argument follows keyword argument", value.span)
            }
            (None, _) => Arg::Pos(value),
        };
        args.push(arg);
    }
    Ok(Expr {
        kind: ExprKind::Call(Box::new(func), args),
        span,
    })
}

pub fn comprehension(
    kind: CompKind,
    elt: Expr,
    value: Option<Expr>,
    clauses: Vec<CompClause>,
    span: Span,
) -> Expr {
    Expr {
        kind: ExprKind::Comp(Box::new(Comprehension {
            kind,
            elt,
            value,
            clauses,
        })),
        span,
    }
}

pub fn comp_for<'s>(
    target: Expr,
    iter: Expr,
    rest: Vec<Vec<CompClause>>,
) -> PResult<'s, Vec<CompClause>> {
    let mut clauses = vec![CompClause::For(to_target(target, "assign to")?, iter)];
    clauses.extend(rest.into_iter().flatten());
    Ok(clauses)
}

/// Adjacent string literals concatenate; any f-string among them makes the whole an
/// f-string.
pub fn strings<'s>(parts: Vec<StrLit>, file: FileId, span: Span) -> PResult<'s, Expr> {
    if !parts.iter().any(|p| p.fstring) {
        let text: String = parts.into_iter().map(|p| p.text).collect();
        return Ok(Expr {
            kind: ExprKind::Str(arcstr::ArcStr::from(text)),
            span,
        });
    }
    let mut pieces = Vec::new();
    for part in parts {
        if part.fstring {
            let parsed = fstring::parse(&part.text, part.raw, part.body_start, file)
                .map_err(|error| ParseError::User { error })?;
            pieces.extend(parsed);
        } else {
            pieces.push(FPart::Lit(Arc::from(part.text)));
        }
    }
    Ok(Expr {
        kind: ExprKind::FString(pieces),
        span,
    })
}
