//! When is an interactive input complete? The layout lexer that reads scripts decides
//! (design §3.6), so the prompt and the parser can never disagree about brackets,
//! strings or indentation.

use crate::diag::PyError;
use crate::syntax::layout::{is_incomplete, Layout};
use crate::syntax::token::Tok;

/// What lexing the whole input found.
enum Scan {
    /// A bracket, a triple-quoted string or a backslash continuation is still open.
    Open,
    /// A lexical error that more lines cannot fix: run now so it is reported.
    Error,
    /// Lexed to the end.
    Done {
        /// The last logical line ends with `:` (a block header waiting for its body).
        ends_with_colon: bool,
        /// The input is a compound statement, so only a blank line ends it.
        compound: bool,
    },
}

/// Python's rule for the interactive prompt: keep reading while brackets or a
/// triple-quoted string are open or a line ends in `\`; after a line ending in `:`;
/// and inside a compound statement (`if x: y` included) until a blank line.
pub fn input_is_complete(input: &str) -> bool {
    match scan(input) {
        Scan::Open => false,
        Scan::Error => true,
        Scan::Done {
            ends_with_colon,
            compound,
        } => {
            // A blank line ends a block even after a bare header, so that the
            // parser can say "expected an indented block" instead of waiting forever.
            let blank_last_line = input.contains('\n') && last_line(input).trim().is_empty();
            blank_last_line || !(ends_with_colon || compound)
        }
    }
}

/// The text after the last newline (the line the user just finished).
fn last_line(input: &str) -> &str {
    input.rsplit('\n').next().unwrap_or(input)
}

fn scan(input: &str) -> Scan {
    let mut first_token = true;
    let mut compound = false;
    let mut last_was_colon = false;
    let mut ends_with_colon = false;
    for item in Layout::new(input, 0, Tok::StartFile).skip(1) {
        let tok = match item {
            Ok((_, tok, _)) => tok,
            Err(e) if is_incomplete(&e) || is_trailing_backslash(input, &e) => return Scan::Open,
            Err(_) => return Scan::Error,
        };
        match tok {
            Tok::Indent => compound = true,
            Tok::Dedent => {}
            Tok::Newline => ends_with_colon = last_was_colon,
            tok => {
                if first_token {
                    compound |= starts_compound_statement(&tok);
                    first_token = false;
                }
                last_was_colon = tok == Tok::Colon;
            }
        }
    }
    Scan::Done {
        ends_with_colon,
        compound,
    }
}

/// A `\` as the very last character: the line continues (the lexer only knows the
/// backslash-newline pair, so a backslash at the end of the buffer is an error to it).
fn is_trailing_backslash(input: &str, err: &PyError) -> bool {
    err.span()
        .and_then(|span| input.get(span.start as usize..))
        .is_some_and(|rest| rest == "\\")
}

/// Keywords that open a compound statement, which the REPL ends with a blank line even
/// when the body sits on the header line (`for x in xs: print(x)`), as Python does.
fn starts_compound_statement(tok: &Tok) -> bool {
    matches!(
        tok,
        Tok::If | Tok::While | Tok::For | Tok::Def | Tok::At | Tok::Elif | Tok::Else
    ) || matches!(tok, Tok::Reserved(word) if matches!(*word, "class" | "try" | "with" | "async"))
}

#[cfg(test)]
mod tests {
    use super::input_is_complete as complete;

    #[test]
    fn simple_statements_are_complete() {
        assert!(complete("x = 1"));
        assert!(complete("print(x)  # a comment: with a colon"));
        assert!(complete("d = {1: 2}"));
        assert!(complete("s = 'a:'"));
        assert!(complete("# only a comment"));
        assert!(complete("x = 1\ny = 2"), "pasted simple statements");
    }

    #[test]
    fn open_brackets_continue_until_closed() {
        assert!(!complete("x = [1,"));
        assert!(!complete("f(a,\n  b"));
        assert!(!complete("d = {1:"));
        assert!(
            !complete("x = (1,\n\n"),
            "a blank line inside brackets continues"
        );
        assert!(complete("f(a,\n  b)"));
        assert!(complete("x = [1,\n 2,\n]"));
    }

    #[test]
    fn triple_quoted_strings_continue_until_closed() {
        assert!(!complete("s = '''abc"));
        assert!(!complete("s = \"\"\"abc\n\ndef"));
        assert!(complete("s = '''abc\ndef'''"));
    }

    #[test]
    fn backslash_continues_the_line() {
        assert!(!complete("x = 1 + \\"));
        assert!(complete("x = 1 + \\\n  2"));
        assert!(complete("x = 1  # not a continuation \\"));
    }

    #[test]
    fn a_block_continues_until_a_blank_line() {
        assert!(!complete("def f(x):"));
        assert!(!complete("def f(x):\n    return x"));
        assert!(!complete("if x:\n    y = 1\nelse:"));
        assert!(!complete("if x:\n    y = 1\nelse:\n    y = 2"));
        assert!(!complete("for i in range(3):\n    # just a comment"));
        assert!(complete("def f(x):\n    return x\n"));
        assert!(
            complete("def f(x):\n    return x\n   "),
            "whitespace-only is blank"
        );
        assert!(complete("if x:\n    y = 1\nelse:\n    y = 2\n"));
    }

    #[test]
    fn one_line_compound_statements_wait_for_a_blank_line() {
        assert!(!complete("while True: pass"));
        assert!(!complete("for x in xs: print(x)"));
        assert!(complete("while True: pass\n"));
        assert!(!complete("@delayed"));
    }

    #[test]
    fn a_blank_line_after_a_bare_header_ends_the_input() {
        // The parser then reports the missing block; the prompt must not hang.
        assert!(complete("if x:\n"));
    }

    #[test]
    fn lexical_errors_are_reported_at_once() {
        assert!(complete("x = 'abc"), "unterminated single-quoted string");
        assert!(complete("x = 1 $ 2"));
        assert!(complete("if x:\n        y\n    z"), "inconsistent dedent");
        assert!(complete("x = (1]"), "mismatched bracket");
    }

    #[test]
    fn colons_inside_brackets_and_lambdas_do_not_start_blocks() {
        assert!(complete("xs = sorted(xs, key=lambda x: x)"));
        assert!(complete("ys = xs[1:]"));
    }
}
