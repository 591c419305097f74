//! The raw tokens of pgs source, recognised by logos. Context-free only: indentation,
//! bracket depth and blank lines are the layout pass's job (`layout.rs`).

use logos::{Lexer, Logos};
use std::fmt;

/// What went wrong inside one token. The layout pass adds the span.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum LexErrorKind {
    #[default]
    InvalidCharacter,
    UnterminatedString,
    UnterminatedTripleQuoted,
    BytesLiteral,
    IntTooLarge,
    BadNumber,
    BadEscape(String),
}

/// A string literal after escape processing. For f-strings the text is the raw body
/// (split into literal parts and `{expressions}` later) and `body_start` is the byte
/// offset of the body so the embedded expressions get true spans.
#[derive(Clone, Debug, PartialEq)]
pub struct StrLit {
    pub text: String,
    pub fstring: bool,
    pub raw: bool,
    pub body_start: usize,
}

#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(error = LexErrorKind)]
#[logos(skip r"[ \t\x0C]+")]
#[logos(skip r"\\\r?\n")]
#[logos(skip(r"#[^\n]*", allow_greedy = true))]
pub enum Tok<'s> {
    #[regex(r"\r?\n")]
    Newline,
    /// Made by the layout pass only.
    Indent,
    /// Made by the layout pass only.
    Dedent,
    /// Made by the parser entry: selects the whole-file start rule.
    StartFile,
    /// Made by the parser entry: selects the expression start rule (f-string parts).
    StartExpr,

    #[regex(r"[\p{XID_Start}_][\p{XID_Continue}]*", |lex| lex.slice())]
    Name(&'s str),
    #[regex(r"[0-9](_?[0-9])*", |lex| parse_int(lex.slice(), 10))]
    #[regex(r"0[xX](_?[0-9a-fA-F])+", |lex| parse_int(&lex.slice()[2..], 16))]
    #[regex(r"0[oO](_?[0-7])+", |lex| parse_int(&lex.slice()[2..], 8))]
    #[regex(r"0[bB](_?[01])+", |lex| parse_int(&lex.slice()[2..], 2))]
    Int(i64),
    #[regex(
        r"[0-9](_?[0-9])*\.([0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?",
        parse_float
    )]
    #[regex(r"\.[0-9](_?[0-9])*([eE][+-]?[0-9](_?[0-9])*)?", parse_float)]
    #[regex(r"[0-9](_?[0-9])*[eE][+-]?[0-9](_?[0-9])*", parse_float)]
    Float(f64),
    #[regex(r#"[rRbBuUfF]{0,2}('''|"""|'|")"#, lex_string)]
    Str(StrLit),

    // Keywords.
    #[token("False")]
    False,
    #[token("None")]
    None,
    #[token("True")]
    True,
    #[token("and")]
    And,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("break")]
    Break,
    #[token("continue")]
    Continue,
    #[token("def")]
    Def,
    #[token("del")]
    Del,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("for")]
    For,
    #[token("from")]
    From,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("is")]
    Is,
    #[token("lambda")]
    Lambda,
    #[token("not")]
    Not,
    #[token("or")]
    Or,
    #[token("pass")]
    Pass,
    #[token("return")]
    Return,
    #[token("while")]
    While,
    /// Python keywords pgs leaves out; the parser reports them by name.
    #[token("class", |lex| lex.slice())]
    #[token("global", |lex| lex.slice())]
    #[token("nonlocal", |lex| lex.slice())]
    #[token("try", |lex| lex.slice())]
    #[token("except", |lex| lex.slice())]
    #[token("finally", |lex| lex.slice())]
    #[token("raise", |lex| lex.slice())]
    #[token("with", |lex| lex.slice())]
    #[token("yield", |lex| lex.slice())]
    #[token("async", |lex| lex.slice())]
    #[token("await", |lex| lex.slice())]
    Reserved(&'s str),

    // Brackets (the layout pass tracks their depth).
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,

    // Operators and delimiters.
    #[token(",")]
    Comma,
    #[token(":")]
    Colon,
    #[token(";")]
    Semi,
    #[token(".")]
    Dot,
    #[token("...")]
    Ellipsis,
    #[token("->")]
    Arrow,
    #[token("=")]
    Assign,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("**")]
    DoubleStar,
    #[token("/")]
    Slash,
    #[token("//")]
    DoubleSlash,
    #[token("%")]
    Percent,
    #[token("@")]
    At,
    #[token("<<")]
    LShift,
    #[token(">>")]
    RShift,
    #[token("&")]
    Amp,
    #[token("|")]
    Pipe,
    #[token("^")]
    Caret,
    #[token("~")]
    Tilde,
    #[token("<")]
    Lt,
    #[token(">")]
    Gt,
    #[token("<=")]
    Le,
    #[token(">=")]
    Ge,
    #[token("==")]
    EqEq,
    #[token("!=")]
    NotEq,
    #[token("+=", |_| AugOp::Add)]
    #[token("-=", |_| AugOp::Sub)]
    #[token("*=", |_| AugOp::Mul)]
    #[token("/=", |_| AugOp::Div)]
    #[token("//=", |_| AugOp::FloorDiv)]
    #[token("%=", |_| AugOp::Mod)]
    #[token("**=", |_| AugOp::Pow)]
    #[token("@=", |_| AugOp::MatMul)]
    #[token("&=", |_| AugOp::BitAnd)]
    #[token("|=", |_| AugOp::BitOr)]
    #[token("^=", |_| AugOp::BitXor)]
    #[token("<<=", |_| AugOp::LShift)]
    #[token(">>=", |_| AugOp::RShift)]
    AugAssign(AugOp),
}

/// The operator of an augmented assignment (`x += 1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AugOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    MatMul,
    BitAnd,
    BitOr,
    BitXor,
    LShift,
    RShift,
}

fn parse_int(digits: &str, radix: u32) -> Result<i64, LexErrorKind> {
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    if radix == 10 && clean.len() > 1 && clean.starts_with('0') && clean.chars().any(|c| c != '0') {
        // Python 3 forbids `010`: it would be octal in Python 2.
        return Err(LexErrorKind::BadNumber);
    }
    i64::from_str_radix(&clean, radix).map_err(|_| LexErrorKind::IntTooLarge)
}

fn parse_float<'s>(lex: &mut Lexer<'s, Tok<'s>>) -> Result<f64, LexErrorKind> {
    let clean: String = lex.slice().chars().filter(|&c| c != '_').collect();
    clean.parse().map_err(|_| LexErrorKind::BadNumber)
}

/// Called on an opening quote (with prefix): scans to the closing quote itself, since
/// a regex cannot say "unterminated" and triple-quoted bodies span lines.
fn lex_string<'s>(lex: &mut Lexer<'s, Tok<'s>>) -> Result<StrLit, LexErrorKind> {
    let opening = lex.slice();
    let prefix_len = opening.trim_end_matches(['\'', '"']).len();
    let prefix = opening[..prefix_len].to_ascii_lowercase();
    let quote = &opening[prefix_len..];
    if prefix.contains('b') {
        return Err(LexErrorKind::BytesLiteral);
    }
    let raw = prefix.contains('r');
    let fstring = prefix.contains('f');
    let body_start = lex.span().end;
    let rest = lex.remainder();
    let body_len = find_string_end(rest, quote)?;
    lex.bump(body_len + quote.len());
    let body = &rest[..body_len];
    let text = if raw || fstring {
        body.to_string()
    } else {
        decode_escapes(body)?
    };
    Ok(StrLit {
        text,
        fstring,
        raw,
        body_start,
    })
}

/// Length of the string body before the closing `quote`.
fn find_string_end(rest: &str, quote: &str) -> Result<usize, LexErrorKind> {
    let triple = quote.len() == 3;
    let bytes = rest.as_bytes();
    let q = quote.as_bytes()[0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' if !triple => return Err(LexErrorKind::UnterminatedString),
            c if c == q && rest[i..].starts_with(quote) => return Ok(i),
            _ => i += 1,
        }
    }
    Err(if triple {
        LexErrorKind::UnterminatedTripleQuoted
    } else {
        LexErrorKind::UnterminatedString
    })
}

/// Python's escape sequences. Unknown escapes keep their backslash, as Python does.
pub fn decode_escapes(body: &str) -> Result<String, LexErrorKind> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut value = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let width = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..width).filter_map(|_| chars.next()).collect();
                let code = (hex.len() == width)
                    .then(|| u32::from_str_radix(&hex, 16).ok())
                    .flatten()
                    .and_then(char::from_u32)
                    .ok_or_else(|| LexErrorKind::BadEscape(format!("\\{e}{hex}")))?;
                out.push(code);
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

impl fmt::Display for Tok<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Newline => f.write_str("newline"),
            Tok::Indent => f.write_str("indent"),
            Tok::Dedent => f.write_str("dedent"),
            Tok::StartFile | Tok::StartExpr => f.write_str("start of input"),
            Tok::Name(n) => write!(f, "name '{n}'"),
            Tok::Int(i) => write!(f, "number {i}"),
            Tok::Float(x) => write!(f, "number {x}"),
            Tok::Str(_) => f.write_str("string"),
            Tok::Reserved(k) => write!(f, "'{k}'"),
            other => write!(f, "'{}'", other.symbol()),
        }
    }
}

impl Tok<'_> {
    /// The source text of a fixed token (keywords, operators, brackets).
    pub fn symbol(&self) -> &'static str {
        match self {
            Tok::False => "False",
            Tok::None => "None",
            Tok::True => "True",
            Tok::And => "and",
            Tok::As => "as",
            Tok::Assert => "assert",
            Tok::Break => "break",
            Tok::Continue => "continue",
            Tok::Def => "def",
            Tok::Del => "del",
            Tok::Elif => "elif",
            Tok::Else => "else",
            Tok::For => "for",
            Tok::From => "from",
            Tok::If => "if",
            Tok::Import => "import",
            Tok::In => "in",
            Tok::Is => "is",
            Tok::Lambda => "lambda",
            Tok::Not => "not",
            Tok::Or => "or",
            Tok::Pass => "pass",
            Tok::Return => "return",
            Tok::While => "while",
            Tok::LParen => "(",
            Tok::RParen => ")",
            Tok::LBracket => "[",
            Tok::RBracket => "]",
            Tok::LBrace => "{",
            Tok::RBrace => "}",
            Tok::Comma => ",",
            Tok::Colon => ":",
            Tok::Semi => ";",
            Tok::Dot => ".",
            Tok::Ellipsis => "...",
            Tok::Arrow => "->",
            Tok::Assign => "=",
            Tok::Plus => "+",
            Tok::Minus => "-",
            Tok::Star => "*",
            Tok::DoubleStar => "**",
            Tok::Slash => "/",
            Tok::DoubleSlash => "//",
            Tok::Percent => "%",
            Tok::At => "@",
            Tok::LShift => "<<",
            Tok::RShift => ">>",
            Tok::Amp => "&",
            Tok::Pipe => "|",
            Tok::Caret => "^",
            Tok::Tilde => "~",
            Tok::Lt => "<",
            Tok::Gt => ">",
            Tok::Le => "<=",
            Tok::Ge => ">=",
            Tok::EqEq => "==",
            Tok::NotEq => "!=",
            Tok::AugAssign(_) => "augmented assignment",
            Tok::Newline
            | Tok::StartFile
            | Tok::StartExpr
            | Tok::Indent
            | Tok::Dedent
            | Tok::Name(_)
            | Tok::Int(_)
            | Tok::Float(_)
            | Tok::Str(_)
            | Tok::Reserved(_) => "",
        }
    }
}
