//! `open()` and the methods of text files. Files pgs writes go through a temporary
//! file and a rename when closed, so a crash never leaves a truncated file.

use super::{arity, expect_str, kwarg, method_arity};
use crate::builtin;
use crate::diag::{ExcKind, PyError, PyResult};
use crate::value::containers::{os_error, FileObj};
use crate::value::{Args, BuiltinDef, Host, Value};
use parking_lot::Mutex;
use std::sync::Arc;

pub static FUNCTIONS: &[&BuiltinDef] = &[&OPEN];

pub fn method(name: &str) -> Option<&'static BuiltinDef> {
    Some(match name {
        "read" => &READ,
        "readline" => &READLINE,
        "readlines" => &READLINES,
        "write" => &WRITE,
        "close" => &CLOSE,
        _ => return None,
    })
}

pub const METHOD_NAMES: &[&str] = &["close", "read", "readline", "readlines", "write"];

builtin!(
    OPEN,
    "open",
    "",
    "open(file, mode='r', encoding=None)",
    "Opens a UTF-8 text file for reading ('r') or writing ('w', 'a', 'x').",
    open
);
fn open(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("open", &args, 1, 2)?;
    super::check_kwargs("open", &args, &["mode", "encoding"])?;
    let path = expect_str(&args.pos[0], "open() argument 'file'")?.to_string();
    let mode = match args.pos.get(1).or_else(|| kwarg(&args, "mode")) {
        Some(m) => expect_str(m, "open() argument 'mode'")?.to_string(),
        None => "r".to_string(),
    };
    let valid = mode.chars().all(|c| "rwaxt+".contains(c))
        && mode.chars().filter(|c| "rwax".contains(*c)).count() == 1;
    if mode.contains('b') {
        return Err(PyError::value_error(
            "binary mode is not supported in pgs: open text files only",
        ));
    }
    if !valid {
        return Err(PyError::value_error(format!("invalid mode: '{mode}'")));
    }
    let unread = if mode.contains('r') {
        let bytes = std::fs::read(&path).map_err(|e| os_error(&e, &path))?;
        Some(String::from_utf8(bytes).map_err(|e| {
            PyError::new(
                ExcKind::UnicodeDecodeError,
                format!(
                    "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                    e.as_bytes()[e.utf8_error().valid_up_to()],
                    e.utf8_error().valid_up_to()
                ),
            )
        })?)
    } else {
        if mode.contains('x') && std::path::Path::new(&path).exists() {
            return Err(PyError::new(
                ExcKind::OSError,
                format!("[Errno 17] File exists: '{path}'"),
            ));
        }
        // Fail now, as Python does, if the file cannot be created.
        check_writable(&path)?;
        None
    };
    Ok(Value::File(Arc::new(Mutex::new(FileObj {
        path,
        mode,
        unread,
        written: String::new(),
        closed: false,
    }))))
}

fn check_writable(path: &str) -> PyResult<()> {
    let p = std::path::Path::new(path);
    if p.is_dir() {
        return Err(PyError::new(
            ExcKind::IsADirectoryError,
            format!("[Errno 21] Is a directory: '{path}'"),
        ));
    }
    let dir = p
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    if !dir.is_dir() {
        return Err(PyError::new(
            ExcKind::FileNotFoundError,
            format!("[Errno 2] No such file or directory: '{path}'"),
        ));
    }
    Ok(())
}

fn file<'a>(args: &Args<'a>) -> &'a Arc<Mutex<FileObj>> {
    match &args.pos[0] {
        Value::File(f) => f,
        _ => unreachable!("file methods are only looked up on files"),
    }
}

builtin!(
    READ,
    "read",
    "file",
    "file.read(size=-1)",
    "The next size characters, or the rest of the file as one string.",
    read
);
fn read(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("read", &args, 0, 1)?;
    let size = match args.pos.get(1) {
        None | Some(Value::None) => -1,
        Some(v) => super::expect_int(v)?,
    };
    let mut f = file(&args).lock();
    let text = match usize::try_from(size) {
        Ok(n) => f.read_chars(n)?,
        Err(_) => f.read_all()?,
    };
    Ok(Value::string(text))
}

builtin!(
    READLINE,
    "readline",
    "file",
    "file.readline()",
    "The next line, with its newline; '' at the end.",
    readline
);
fn readline(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("readline", &args, 0, 0)?;
    Ok(Value::string(file(&args).lock().read_line()?))
}

builtin!(
    READLINES,
    "readlines",
    "file",
    "file.readlines()",
    "The remaining lines, with their newlines.",
    readlines
);
fn readlines(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("readlines", &args, 0, 0)?;
    let lines = file(&args).lock().read_lines()?;
    Ok(Value::list(lines.into_iter().map(Value::string).collect()))
}

builtin!(
    WRITE,
    "write",
    "file",
    "file.write(text)",
    "Writes text; returns the number of characters.",
    write
);
fn write(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("write", &args, 1, 1)?;
    let text = match &args.pos[1] {
        Value::Str(s) => s.clone(),
        other => {
            return Err(PyError::type_error(format!(
                "write() argument must be str, not {}",
                other.type_name()
            )))
        }
    };
    file(&args).lock().write(&text)?;
    Ok(Value::Int(text.chars().count() as i64))
}

builtin!(
    CLOSE,
    "close",
    "file",
    "file.close()",
    "Flushes and closes the file.",
    close
);
fn close(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("close", &args, 0, 0)?;
    file(&args).lock().close()?;
    Ok(Value::None)
}
