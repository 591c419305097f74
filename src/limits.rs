//! The process's resource limits (memory for arrays and any one result, recursion
//! depth, source nesting depth), set once from the command line and read wherever
//! a request is checked, so a request too large fails with a Python error before
//! anything is allocated. docs/reliability.md lists each limit and its error.

use crate::diag::{PyError, PyResult};
use std::sync::atomic::{AtomicUsize, Ordering};

/// 0 means "not set": the default is worked out on first use.
static MEMORY: AtomicUsize = AtomicUsize::new(0);
static RECURSION: AtomicUsize = AtomicUsize::new(DEFAULT_RECURSION);
static NESTING: AtomicUsize = AtomicUsize::new(DEFAULT_NESTING);

/// Python's default `sys.getrecursionlimit()`.
pub const DEFAULT_RECURSION: usize = 1000;
/// Brackets open at once; CPython's parser stops at 200 too.
pub const DEFAULT_NESTING: usize = 200;
/// The deepest nesting the evaluation stack is sized for (`--nesting-limit`).
pub const MAX_NESTING: usize = 1000;
/// The deepest recursion the evaluation stack is sized for (`--recursion-limit`).
pub const MAX_RECURSION: usize = 20_000;

/// Most bytes one array, or one string/list result, may take: `--memory-limit`,
/// else `PGS_MEMORY_LIMIT` (bytes), else half the machine's RAM.
pub fn memory() -> usize {
    match MEMORY.load(Ordering::Relaxed) {
        0 => {
            let default = std::env::var("PGS_MEMORY_LIMIT")
                .ok()
                .and_then(|s| parse_size(&s).ok())
                .unwrap_or_else(|| physical_memory() / 2);
            // Another thread may have set it meanwhile; the first value wins.
            let _ = MEMORY.compare_exchange(0, default, Ordering::Relaxed, Ordering::Relaxed);
            MEMORY.load(Ordering::Relaxed)
        }
        set => set,
    }
}

pub fn set_memory(bytes: usize) {
    MEMORY.store(bytes.max(1), Ordering::Relaxed);
}

/// Calls deeper than this raise RecursionError (`--recursion-limit`).
pub fn recursion() -> usize {
    RECURSION.load(Ordering::Relaxed)
}

/// # Errors
/// A message when `depth` is 0 or deeper than the evaluation stack allows.
pub fn set_recursion(depth: usize) -> Result<(), String> {
    if !(1..=MAX_RECURSION).contains(&depth) {
        return Err(format!(
            "the recursion limit must be between 1 and {MAX_RECURSION}"
        ));
    }
    RECURSION.store(depth, Ordering::Relaxed);
    Ok(())
}

/// Brackets open at once in source text (`--nesting-limit`); expressions may nest
/// ten times deeper through operators.
pub fn nesting() -> usize {
    NESTING.load(Ordering::Relaxed)
}

/// # Errors
/// A message when `depth` is 0 or deeper than the parser's stack allows.
pub fn set_nesting(depth: usize) -> Result<(), String> {
    if !(1..=MAX_NESTING).contains(&depth) {
        return Err(format!(
            "the nesting limit must be between 1 and {MAX_NESTING}"
        ));
    }
    NESTING.store(depth, Ordering::Relaxed);
    Ok(())
}

/// Refuses, before allocating, a result of `bytes` (None: more than a usize holds)
/// over the memory limit. `what` names the result for the message.
///
/// # Errors
/// MemoryError naming the size and the limit.
pub fn check_allocation(bytes: Option<usize>, what: &str) -> PyResult<()> {
    let limit = memory();
    match bytes {
        Some(b) if b <= limit => Ok(()),
        _ => Err(PyError::memory_error(format!(
            "{what} would need {}, over the memory limit of {} (--memory-limit)",
            human_bytes(bytes),
            human_bytes(Some(limit))
        ))),
    }
}

/// `512M`, `4G`, `1.5GiB`, `1000000` (bytes), as `--memory-limit` takes them.
///
/// # Errors
/// A message naming the accepted forms.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let scale: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => 1024.0 * 1024.0,
        "g" | "gb" | "gib" => 1024.0 * 1024.0 * 1024.0,
        "t" | "tb" | "tib" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        _ => f64::NAN,
    };
    match number.parse::<f64>() {
        Ok(n) if scale.is_finite() && n * scale >= 1.0 && n * scale < usize::MAX as f64 => {
            Ok((n * scale) as usize)
        }
        _ => Err(format!(
            "invalid size '{text}': use bytes or a number with K, M, G or T (e.g. 512M, 4G)"
        )),
    }
}

/// A size as people read it: `12.0 GiB`, `512.0 MiB`, `100 bytes`.
pub fn human_bytes(bytes: Option<usize>) -> String {
    match bytes {
        None => "more than 16 EiB".to_string(),
        Some(b) if b >= 1 << 30 => format!("{:.2} GiB", b as f64 / (1u64 << 30) as f64),
        Some(b) if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / (1u64 << 20) as f64),
        Some(b) => format!("{b} bytes"),
    }
}

/// Total RAM from /proc/meminfo (8 GiB when it cannot be read).
fn physical_memory() -> usize {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            let line = m.lines().find(|l| l.starts_with("MemTotal:"))?;
            line.split_whitespace().nth(1)?.parse::<usize>().ok()
        })
        .map_or(8 << 30, |kib| kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_the_usual_suffixes() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("4G"), Ok(4 << 30));
        assert_eq!(parse_size("1.5GiB"), Ok(3 << 29));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("12Q").is_err());
    }

    #[test]
    fn limits_refuse_out_of_range_settings() {
        assert!(set_recursion(0).is_err());
        assert!(set_recursion(MAX_RECURSION + 1).is_err());
        assert!(set_nesting(MAX_NESTING + 1).is_err());
    }

    #[test]
    fn an_allocation_over_the_limit_is_a_memory_error() {
        let err = check_allocation(None, "a string").expect_err("too big");
        assert_eq!(err.kind(), crate::diag::ExcKind::MemoryError);
        assert!(check_allocation(Some(10), "a string").is_ok());
    }
}
