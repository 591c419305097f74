//! Errors as data: a Python exception kind, its message, where it happened and the
//! pgs traceback. Rendering to text happens in one place ([`render`]).

pub mod render;
pub mod suggest;

use crate::source::Span;
use std::fmt;
use std::sync::Arc;

/// The Python exception names pgs raises. `Display` gives the name users see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExcKind {
    SyntaxError,
    IndentationError,
    TabError,
    NameError,
    UnboundLocalError,
    TypeError,
    ValueError,
    ZeroDivisionError,
    IndexError,
    KeyError,
    AttributeError,
    AssertionError,
    RecursionError,
    OverflowError,
    MemoryError,
    FileNotFoundError,
    IsADirectoryError,
    PermissionError,
    OSError,
    BrokenPipeError,
    UnicodeDecodeError,
    ModuleNotFoundError,
    ImportError,
    StopIteration,
    RuntimeError,
    NotImplementedError,
    KeyboardInterrupt,
    /// NumPy's `numpy.exceptions.AxisError` (an axis out of range).
    AxisError,
    /// A bug in pgs (a caught panic); reported with what the user ran.
    InternalError,
}

impl ExcKind {
    pub fn name(self) -> &'static str {
        use ExcKind::*;
        match self {
            SyntaxError => "SyntaxError",
            IndentationError => "IndentationError",
            TabError => "TabError",
            NameError => "NameError",
            UnboundLocalError => "UnboundLocalError",
            TypeError => "TypeError",
            ValueError => "ValueError",
            ZeroDivisionError => "ZeroDivisionError",
            IndexError => "IndexError",
            KeyError => "KeyError",
            AttributeError => "AttributeError",
            AssertionError => "AssertionError",
            RecursionError => "RecursionError",
            OverflowError => "OverflowError",
            MemoryError => "MemoryError",
            FileNotFoundError => "FileNotFoundError",
            IsADirectoryError => "IsADirectoryError",
            PermissionError => "PermissionError",
            OSError => "OSError",
            BrokenPipeError => "BrokenPipeError",
            UnicodeDecodeError => "UnicodeDecodeError",
            ModuleNotFoundError => "ModuleNotFoundError",
            ImportError => "ImportError",
            StopIteration => "StopIteration",
            RuntimeError => "RuntimeError",
            NotImplementedError => "NotImplementedError",
            KeyboardInterrupt => "KeyboardInterrupt",
            AxisError => "numpy.exceptions.AxisError",
            InternalError => "InternalError",
        }
    }

    /// Syntax-class errors are reported without a traceback, at a position.
    pub fn is_syntax(self) -> bool {
        matches!(
            self,
            ExcKind::SyntaxError | ExcKind::IndentationError | ExcKind::TabError
        )
    }
}

impl fmt::Display for ExcKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One line of a traceback: the span being evaluated in a frame and the frame's name
/// (`<module>`, a function name, `<lambda>`, or `task is_palindrome` for a task).
#[derive(Clone, Debug)]
pub struct Frame {
    pub span: Span,
    pub name: Arc<str>,
}

/// A Python exception on its way out. One pointer wide so `Result<Value, PyError>`
/// stays small on the interpreter's hot paths.
#[derive(Clone, Debug)]
pub struct PyError(Box<ErrorInner>);

#[derive(Clone, Debug)]
pub struct ErrorInner {
    pub kind: ExcKind,
    pub message: String,
    /// Where the error was raised in the innermost frame not yet on `traceback`.
    pub span: Option<Span>,
    /// Finished frames, innermost first.
    pub traceback: Vec<Frame>,
}

const _: () = assert!(std::mem::size_of::<PyError>() == std::mem::size_of::<usize>());

impl PyError {
    #[cold]
    pub fn new(kind: ExcKind, message: impl Into<String>) -> PyError {
        PyError(Box::new(ErrorInner {
            kind,
            message: message.into(),
            span: None,
            traceback: Vec::new(),
        }))
    }

    #[cold]
    pub fn at_span(kind: ExcKind, message: impl Into<String>, span: Span) -> PyError {
        PyError::new(kind, message).at(span)
    }

    pub fn kind(&self) -> ExcKind {
        self.0.kind
    }

    pub fn message(&self) -> &str {
        &self.0.message
    }

    pub fn inner(&self) -> &ErrorInner {
        &self.0
    }

    pub fn span(&self) -> Option<Span> {
        self.0.span
    }

    /// Records where the error happened unless a more precise place is known already.
    #[cold]
    pub fn at(mut self, span: Span) -> PyError {
        if self.0.span.is_none() {
            self.0.span = Some(span);
        }
        self
    }

    /// Closes the current frame: the recorded span becomes a traceback line named
    /// `name`, and the caller's call expression will record the next one.
    #[cold]
    /// Python 3.11's `add_note`: a line printed after the `Kind: message` line.
    pub fn add_note(mut self, note: &str) -> PyError {
        self.0.message.push('\n');
        self.0.message.push_str(note);
        self
    }

    pub fn leave_frame(mut self, name: &Arc<str>, fallback: Span) -> PyError {
        let span = self.0.span.take().unwrap_or(fallback);
        self.0.traceback.push(Frame {
            span,
            name: name.clone(),
        });
        self
    }

    /// The last line Python prints: `Kind: message` (or just `Kind`).
    pub fn summary(&self) -> String {
        if self.0.message.is_empty() {
            self.0.kind.name().to_string()
        } else {
            format!("{}: {}", self.0.kind, self.0.message)
        }
    }
}

impl fmt::Display for PyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary())
    }
}

impl std::error::Error for PyError {}

/// Shorthand constructors for the common kinds.
macro_rules! exc_ctor {
    ($($fn:ident => $kind:ident),* $(,)?) => {
        impl PyError {
            $(
                #[cold]
                pub fn $fn(message: impl Into<String>) -> PyError {
                    PyError::new(ExcKind::$kind, message)
                }
            )*
        }
    };
}

exc_ctor! {
    type_error => TypeError,
    value_error => ValueError,
    index_error => IndexError,
    key_error => KeyError,
    name_error => NameError,
    attribute_error => AttributeError,
    zero_division => ZeroDivisionError,
    overflow => OverflowError,
    memory_error => MemoryError,
    runtime_error => RuntimeError,
    syntax_error => SyntaxError,
}

pub type PyResult<T> = Result<T, PyError>;

/// The message carried by a caught panic, for reporting it as an internal error.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}
