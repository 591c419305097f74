//! Tab completion from a snapshot of the session's globals: names in scope and
//! keywords, members of modules (`math.sq` → `sqrt(`), and the methods and attributes
//! of a value's type (`s.up` → `upper(` when `s` is a str). Completion only looks at
//! values; it never runs pgs code, so pressing Tab cannot have side effects.

use crate::eval::builtins;
use crate::eval::{darray, modules};
use crate::value::Value;
use rustyline::completion::Pair;

/// The globals completion can see; the REPL refreshes it before each prompt.
#[derive(Default)]
pub struct Scope {
    globals: Vec<(String, Value)>,
}

impl Scope {
    pub fn new(globals: Vec<(String, Value)>) -> Scope {
        Scope { globals }
    }

    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    fn get(&self, name: &str) -> Option<&Value> {
        self.globals.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "break", "continue", "def", "del", "elif",
    "else", "for", "from", "if", "import", "in", "is", "lambda", "not", "or", "pass", "return",
    "while",
];

/// The REPL's own commands (see `mod.rs`).
pub const COMMANDS: &[&str] = &[":graph", ":help", ":profile", ":quit", ":time"];

/// The candidates for the word that ends at byte `pos` of `line`: where that word
/// starts, and what may replace it.
pub fn complete(line: &str, pos: usize, scope: &Scope) -> (usize, Vec<Pair>) {
    let before = line.get(..pos).unwrap_or(line);
    if let Some(typed) = repl_command_prefix(before) {
        return (before.len() - typed.len(), command_candidates(typed));
    }
    let start = word_start(before);
    let word = &before[start..];
    let head = &before[..start];
    let candidates = if let Some(receiver) = head.strip_suffix('.') {
        attribute_candidates(receiver, word, scope)
    } else if matches!(head.trim(), "import" | "from") {
        module_candidates(word)
    } else {
        name_candidates(word, scope)
    };
    (start, candidates)
}

/// A line that is only `:word` is a REPL command being typed.
fn repl_command_prefix(before: &str) -> Option<&str> {
    let typed = before.trim_start();
    (typed.starts_with(':') && !typed.contains(char::is_whitespace)).then_some(typed)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Byte offset where the run of characters satisfying `keep` that ends `text` starts.
fn run_start(text: &str, keep: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .rev()
        .find(|&(_, c)| !keep(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

fn word_start(text: &str) -> usize {
    run_start(text, is_word_char)
}

fn pair(name: &str, suffix: &str) -> Pair {
    Pair {
        display: name.to_string(),
        replacement: format!("{name}{suffix}"),
    }
}

/// Python's rlcompleter hides `_private` names unless the user typed the underscore.
fn visible(name: &str, word: &str) -> bool {
    name.starts_with(word) && (!name.starts_with('_') || word.starts_with('_'))
}

fn sorted(mut pairs: Vec<Pair>) -> Vec<Pair> {
    pairs.sort_by(|a, b| a.display.cmp(&b.display));
    pairs.dedup_by(|a, b| a.display == b.display);
    pairs
}

fn command_candidates(typed: &str) -> Vec<Pair> {
    COMMANDS
        .iter()
        .filter(|c| c.starts_with(typed))
        .map(|c| pair(c, ""))
        .collect()
}

/// Callables complete with `(` appended, as in Python's REPL.
fn call_suffix(value: &Value) -> &'static str {
    match value {
        Value::Func(_) | Value::Builtin(_) | Value::Method(_) | Value::Type(_) => "(",
        _ => "",
    }
}

/// As rlcompleter: most keywords are followed by a space; values and `else` are not.
fn keyword_suffix(keyword: &str) -> &'static str {
    match keyword {
        "False" | "None" | "True" | "break" | "continue" | "pass" | "else" => "",
        _ => " ",
    }
}

fn name_candidates(word: &str, scope: &Scope) -> Vec<Pair> {
    let names = scope
        .globals
        .iter()
        .filter(|(name, _)| visible(name, word))
        .map(|(name, value)| pair(name, call_suffix(value)));
    let keywords = KEYWORDS
        .iter()
        .filter(|k| k.starts_with(word))
        .map(|k| pair(k, keyword_suffix(k)));
    sorted(names.chain(keywords).collect())
}

fn module_candidates(word: &str) -> Vec<Pair> {
    modules::AVAILABLE
        .iter()
        .filter(|m| m.starts_with(word))
        .map(|m| pair(m, ""))
        .collect()
}

fn attribute_candidates(receiver: &str, word: &str, scope: &Scope) -> Vec<Pair> {
    let Some(value) = receiver_value(receiver, scope) else {
        return Vec::new();
    };
    sorted(
        attributes(&value)
            .into_iter()
            .filter(|(name, _)| visible(name, word))
            .map(|(name, callable)| pair(name, if callable { "(" } else { "" }))
            .collect(),
    )
}

/// The value of the dotted name (or string literal) that ends `text`, looked up
/// without evaluating anything: a global, then module members.
fn receiver_value(text: &str, scope: &Scope) -> Option<Value> {
    if text.ends_with(['\'', '"']) {
        return Some(Value::str(""));
    }
    let start = run_start(text, |c| is_word_char(c) || c == '.');
    let mut path = text[start..].split('.');
    let first = path.next().filter(|n| starts_identifier(n))?;
    let mut value = scope.get(first)?.clone();
    for name in path {
        value = match &value {
            Value::Module(m) => m.members.get(name)?.clone(),
            _ => return None,
        };
    }
    Some(value)
}

fn starts_identifier(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Attribute names of a value with whether each is callable.
fn attributes(value: &Value) -> Vec<(&'static str, bool)> {
    match value {
        Value::Module(m) => m
            .members
            .iter()
            .map(|(name, member)| (*name, !call_suffix(member).is_empty()))
            .collect(),
        Value::Type(t) => builtins::type_method_names(*t)
            .iter()
            .map(|name| (*name, true))
            .chain([("__name__", false)])
            .collect(),
        Value::Func(_) | Value::Builtin(_) => vec![("__name__", false)],
        other => builtins::method_names(other)
            .iter()
            .filter(|name| {
                !(matches!(other, Value::Array(_)) && darray::DASK_ONLY_METHODS.contains(name))
            })
            .map(|name| (*name, true))
            .chain(data_attributes(other).iter().map(|name| (*name, false)))
            .collect(),
    }
}

/// The data attributes `builtins::get_attr` answers for a value of this kind.
fn data_attributes(value: &Value) -> &'static [&'static str] {
    match value {
        Value::Int(_) | Value::Bool(_) | Value::Float(_) => &["imag", "real"],
        Value::Range(_) => &["start", "step", "stop"],
        Value::File(_) => &["closed", "name"],
        Value::Array(_) => darray::ARRAY_ATTRIBUTES,
        Value::DArray(_) => darray::DASK_ARRAY_ATTRIBUTES,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::builtins;
    use crate::value::DictMap;

    fn scope() -> Scope {
        let mut globals: Vec<(String, Value)> = builtins::globals()
            .into_iter()
            .map(|(n, v)| (n.to_string(), v))
            .collect();
        globals.push(("s".into(), Value::str("hello")));
        globals.push(("xs".into(), Value::list(vec![])));
        globals.push(("d".into(), Value::dict(DictMap::default())));
        globals.push(("count".into(), Value::Int(3)));
        globals.push(("_hidden".into(), Value::Int(0)));
        globals.push(("arr".into(), concrete_array()));
        globals.push(("x".into(), dask_array()));
        Scope::new(globals)
    }

    fn concrete_array() -> Value {
        let a = ndarray::ArrayD::from_elem(ndarray::IxDyn(&[4]), 1.0);
        Value::Array(std::sync::Arc::new(crate::value::array::NdArray::from(a)))
    }

    fn dask_array() -> Value {
        let Value::Array(a) = concrete_array() else {
            unreachable!()
        };
        let spec = crate::array::chunks::ChunkSpec::Size(2);
        Value::DArray(crate::array::build::from_array(a, &spec).expect("valid chunks"))
    }

    /// The replacements offered for the end of `line`, and where they start.
    fn offered(line: &str) -> (usize, Vec<String>) {
        let (start, pairs) = complete(line, line.len(), &scope());
        (start, pairs.into_iter().map(|p| p.replacement).collect())
    }

    #[test]
    fn global_names_and_keywords() {
        assert_eq!(offered("pri"), (0, vec!["print(".to_string()]));
        assert_eq!(offered("x = cou").1, vec!["count"]);
        assert_eq!(offered("x = cou").0, 4);
        assert_eq!(offered("whi").1, vec!["while "]);
        assert_eq!(offered("Tr").1, vec!["True"]);
        assert!(offered("").1.contains(&"print(".to_string()));
    }

    #[test]
    fn array_methods_and_attributes() {
        assert_eq!(offered("x.me").1, vec!["mean("]);
        assert_eq!(offered("x.resh").1, vec!["reshape("]);
        assert_eq!(offered("x.chunk").1, vec!["chunks", "chunksize"]);
        assert_eq!(offered("arr.nd").1, vec!["ndim"]);
    }

    /// Completion offers only what the array really answers to.
    #[test]
    fn every_offered_array_name_resolves() {
        for value in [concrete_array(), dask_array()] {
            for (name, is_method) in attributes(&value) {
                if is_method {
                    assert!(darray::method(&value, name).is_some(), "method {name}");
                } else {
                    assert!(darray::get_attr(&value, name).is_some(), "attribute {name}");
                }
            }
        }
    }

    #[test]
    fn private_names_need_the_underscore() {
        assert!(!offered("").1.iter().any(|n| n.starts_with('_')));
        assert_eq!(offered("_h").1, vec!["_hidden"]);
    }

    #[test]
    fn methods_by_the_value_type() {
        assert_eq!(offered("s.up"), (2, vec!["upper(".to_string()]));
        assert_eq!(offered("y = xs.app").1, vec!["append("]);
        assert_eq!(offered("d.ite").1, vec!["items("]);
        assert_eq!(offered("'a b'.spl").1, vec!["split(", "splitlines("]);
        assert_eq!(offered("count.bit").1, vec!["bit_length("]);
        assert_eq!(offered("count.re").1, vec!["real"]);
        assert_eq!(offered("str.low").1, vec!["lower("]);
    }

    #[test]
    fn every_listed_method_exists() {
        let receivers = [
            Value::str(""),
            Value::list(vec![]),
            Value::dict(DictMap::default()),
            Value::tuple(vec![]),
        ];
        for receiver in receivers {
            for name in builtins::method_names(&receiver) {
                assert!(
                    builtins::method(&receiver, name).is_some(),
                    "{}.{name} is offered but does not exist",
                    receiver.type_name()
                );
            }
        }
    }

    #[test]
    fn unknown_receivers_offer_nothing() {
        assert!(offered("nosuch.x").1.is_empty());
        assert!(offered("f(1).x").1.is_empty());
        assert!(offered("1.").1.is_empty());
    }

    #[test]
    fn module_members() {
        let mut globals = vec![];
        let mut members = indexmap::IndexMap::new();
        members.insert("sqrt", Value::Builtin(builtins::core::FUNCTIONS[0]));
        members.insert("pi", Value::float(std::f64::consts::PI));
        let module = crate::value::ModuleObj {
            name: "math",
            members,
        };
        globals.push(("math".to_string(), Value::Module(module.into())));
        let scope = Scope::new(globals);
        let (start, pairs) = complete("math.sq", 7, &scope);
        assert_eq!(start, 5);
        assert_eq!(pairs[0].replacement, "sqrt(");
        let (_, pairs) = complete("math.p", 6, &scope);
        assert_eq!(pairs[0].replacement, "pi");
    }

    #[test]
    fn import_offers_module_names() {
        assert_eq!(offered("import ma").1, vec!["math"]);
    }

    #[test]
    fn repl_commands() {
        assert_eq!(offered(":h"), (0, vec![":help".to_string()]));
        assert_eq!(
            offered(":").1,
            vec![":graph", ":help", ":profile", ":quit", ":time"]
        );
    }
}
