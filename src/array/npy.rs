//! NumPy `.npy` files: [`NpyFile`] memory-maps one, checks its header and reads element
//! ranges converted to pgs dtypes; [`save`] and [`NpyWriter`] write them atomically
//! (temporary file + rename).
//!
//! Header parsing and the element byte formats come from `ndarray-npy`; this module adds
//! the pgs dtype mapping, the range reads chunked arrays need, and Python-style errors
//! that name the file.

use crate::diag::{ExcKind, PyError, PyResult};
use crate::value::array::{DType, NdArray};
use crate::value::containers::os_error;
use memmap2::Mmap;
use ndarray::{ArrayD, IxDyn};
use ndarray_npy::npy::header::{Header, Layout, ParseHeaderError, ReadHeaderError};
use ndarray_npy::{ViewElement, WritableElement, WriteDataError};
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, ErrorKind, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The first bytes of every `.npy` file.
const MAGIC: &[u8] = b"\x93NUMPY";

/// An element type a `.npy` file may store, as far as pgs reads them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stored {
    F8,
    F4,
    I8,
    I4,
    B1,
}

impl Stored {
    const ALL: [Stored; 5] = [Stored::F8, Stored::F4, Stored::I8, Stored::I4, Stored::B1];

    /// The header's `descr` string (NumPy's `dtype.str`).
    fn descr(self) -> &'static str {
        match self {
            Stored::F8 => "<f8",
            Stored::F4 => "<f4",
            Stored::I8 => "<i8",
            Stored::I4 => "<i4",
            Stored::B1 => "|b1",
        }
    }

    /// NumPy's name for the stored type, for messages.
    fn numpy_name(self) -> &'static str {
        match self {
            Stored::F8 => "float64",
            Stored::F4 => "float32",
            Stored::I8 => "int64",
            Stored::I4 => "int32",
            Stored::B1 => "bool",
        }
    }

    fn item_size(self) -> usize {
        match self {
            Stored::F8 | Stored::I8 => 8,
            Stored::F4 | Stored::I4 => 4,
            Stored::B1 => 1,
        }
    }

    fn from_descr(descr: &str) -> Option<Stored> {
        Stored::ALL.into_iter().find(|s| s.descr() == descr)
    }

    fn dtype(self) -> DType {
        match self {
            Stored::F8 | Stored::F4 => DType::Float64,
            Stored::I8 | Stored::I4 => DType::Int64,
            Stored::B1 => DType::Bool,
        }
    }
}

/// A memory-mapped `.npy` file whose header has been checked.
pub struct NpyFile {
    path: String,
    map: Mmap,
    /// Kept for its `type_descriptor`, which `ndarray-npy`'s zero-copy view checks.
    header: Header,
    stored: Stored,
    len: usize,
    /// Where the elements start in `map` (just past the padded header).
    data_offset: usize,
}

impl NpyFile {
    /// Opens and checks `path`: magic, version 1/2/3 header, dtype, C order, and that
    /// the file holds `shape.product()` elements.
    pub fn open(path: &str) -> PyResult<NpyFile> {
        let map = map_file(path)?;
        let (header, data_offset) = parse_header(&map, path)?;
        let stored = stored_dtype(&header, path)?;
        check_c_order(&header, path)?;
        let (len, nbytes) = data_size(&header.shape, stored, path)?;
        check_not_truncated(&header.shape, stored, nbytes, map.len() - data_offset, path)?;
        Ok(NpyFile {
            path: path.to_string(),
            map,
            header,
            stored,
            len,
            data_offset,
        })
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn shape(&self) -> &[usize] {
        &self.header.shape
    }

    /// The pgs dtype elements are read as: f8,f4 -> Float64; i8,i4 -> Int64; b1 -> Bool.
    pub fn dtype(&self) -> DType {
        self.stored.dtype()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Maps the pages of elements `[start, start+len)` in one system call
    /// (`MADV_POPULATE_READ`) before a chunk reads them: faulting them in one 4 KiB
    /// page at a time costs more than reading them. A hint only: failure is ignored.
    pub fn prefetch(&self, start: usize, len: usize) {
        let Some(range) = self.byte_range(start, len) else {
            return;
        };
        const PAGE: usize = 4096;
        let first = range.start / PAGE * PAGE;
        let _ = self
            .map
            .advise_range(memmap2::Advice::PopulateRead, first, range.end - first);
    }

    /// Zero-copy view of elements `[start, start+len)` in C order when the file stores
    /// little-endian f8 (else `None`, also for an out-of-range or unaligned request).
    pub fn f64_slice(&self, start: usize, len: usize) -> Option<&[f64]> {
        let bytes = self.map.get(self.byte_range(start, len)?)?;
        // `ndarray-npy` checks the descriptor, native endianness and alignment for us.
        <f64 as ViewElement>::bytes_as_slice(bytes, &self.header.type_descriptor, len).ok()
    }

    /// Copies elements `[start, start+out.len())` (C order) converted to f64 into `out`.
    ///
    /// Panics if the range runs past the end of the array (a caller bug, not bad data).
    pub fn read_f64(&self, start: usize, out: &mut [f64]) {
        match self.f64_slice(start, out.len()) {
            Some(elems) => out.copy_from_slice(elems),
            None => self.read_into(start, out),
        }
    }

    /// Copies elements `[start, start+out.len())` (C order) converted to i64 into `out`.
    pub fn read_i64(&self, start: usize, out: &mut [i64]) {
        self.read_into(start, out);
    }

    /// Copies elements `[start, start+out.len())` (C order) converted to bool into `out`.
    pub fn read_bool(&self, start: usize, out: &mut [bool]) {
        self.read_into(start, out);
    }

    /// The whole file as a concrete array (for small files / materialising).
    pub fn to_ndarray(&self) -> NdArray {
        match self.dtype() {
            DType::Float64 => NdArray::Float(self.read_all()),
            DType::Int64 => NdArray::Int(self.read_all()),
            DType::Bool => NdArray::Bool(self.read_all()),
        }
    }

    fn read_all<T: FromStored + Default>(&self) -> ArrayD<T> {
        let mut elems = vec![T::default(); self.len];
        self.read_into(0, &mut elems);
        ArrayD::from_shape_vec(IxDyn(self.shape()), elems)
            .expect("open() checked that the shape holds len elements")
    }

    /// The byte range of elements `[start, start+len)` in the map, if they exist.
    fn byte_range(&self, start: usize, len: usize) -> Option<Range<usize>> {
        let end = start.checked_add(len).filter(|&end| end <= self.len)?;
        let size = self.stored.item_size();
        Some(self.data_offset + start * size..self.data_offset + end * size)
    }

    fn read_into<T: FromStored>(&self, start: usize, out: &mut [T]) {
        let Some(range) = self.byte_range(start, out.len()) else {
            panic!(
                "read of elements {start}..{} past the end of '{}' ({} elements)",
                start.saturating_add(out.len()),
                self.path,
                self.len
            );
        };
        let bytes = &self.map[range];
        match self.stored {
            Stored::F8 => decode(bytes, out, |b| T::from_f64(f64::from_le_bytes(b))),
            Stored::F4 => decode(bytes, out, |b| T::from_f64(f32::from_le_bytes(b).into())),
            Stored::I8 => decode(bytes, out, |b| T::from_i64(i64::from_le_bytes(b))),
            Stored::I4 => decode(bytes, out, |b| T::from_i64(i32::from_le_bytes(b).into())),
            Stored::B1 => decode(bytes, out, |[b]: [u8; 1]| T::from_bool(b != 0)),
        }
    }
}

/// Converts `bytes`, `N` per element, into `out` (whose length the caller matched).
fn decode<const N: usize, T>(bytes: &[u8], out: &mut [T], convert: impl Fn([u8; N]) -> T) {
    let (elems, _) = bytes.as_chunks::<N>();
    for (o, &elem) in out.iter_mut().zip(elems) {
        *o = convert(elem);
    }
}

/// A pgs element type, converted to from a stored value the way NumPy's `astype` does.
trait FromStored: Copy {
    fn from_f64(x: f64) -> Self;
    fn from_i64(i: i64) -> Self;
    fn from_bool(b: bool) -> Self;
}

impl FromStored for f64 {
    fn from_f64(x: f64) -> f64 {
        x
    }
    fn from_i64(i: i64) -> f64 {
        i as f64
    }
    fn from_bool(b: bool) -> f64 {
        f64::from(u8::from(b))
    }
}

impl FromStored for i64 {
    /// Truncates toward zero and saturates, like `Scalar::as_i64`.
    fn from_f64(x: f64) -> i64 {
        x as i64
    }
    fn from_i64(i: i64) -> i64 {
        i
    }
    fn from_bool(b: bool) -> i64 {
        i64::from(b)
    }
}

impl FromStored for bool {
    /// NaN is truthy, as in NumPy.
    fn from_f64(x: f64) -> bool {
        x != 0.0
    }
    fn from_i64(i: i64) -> bool {
        i != 0
    }
    fn from_bool(b: bool) -> bool {
        b
    }
}

/// Opens `path` and maps it read-only, lazily: nothing is faulted in until read, so
/// opening an 8 GB file is instant.
fn map_file(path: &str) -> PyResult<Mmap> {
    let file = File::open(path).map_err(|e| os_error(&e, path))?;
    let meta = file.metadata().map_err(|e| os_error(&e, path))?;
    // Opening a directory succeeds on Unix; mapping it would give a vaguer error.
    if meta.is_dir() {
        return Err(is_a_directory(path));
    }
    if meta.len() == 0 {
        return Err(PyError::value_error(format!(
            "'{path}' is not a .npy file (it is empty)"
        )));
    }
    // SAFETY: the map is read-only and we never hand out references that outlive it.
    // Like `np.load(mmap_mode='r')`, we accept that another process truncating the file
    // while it is mapped can fault the reader; pgs's own writers replace files by
    // rename, which leaves existing maps of the old file intact.
    let map = unsafe { Mmap::map(&file) }.map_err(|e| os_error(&e, path))?;
    advise_huge_pages(&map);
    Ok(map)
}

/// Asks Linux to read the pages of the file not yet in the page cache in 2 MiB
/// folios (`MADV_HUGEPAGE` on a file mapping), which a map (this one and every later
/// one) then maps with one page-table entry each instead of 512. Populating and
/// unmapping 4 KiB pages cost more than the whole reduction over a cached file:
/// 0.06-0.16 s and 0.03-0.09 s of kernel time for 800 MB, against under 1 ms in
/// 2 MiB folios. `MADV_SEQUENTIAL`, used before, made the kernel read missing pages
/// 4 KiB at a time (and ignore the mapping's accesses when choosing what to keep
/// cached), so one cold run left the cache slow for all the next ones. A hint only:
/// failure is harmless.
fn advise_huge_pages(map: &Mmap) {
    #[cfg(target_os = "linux")]
    let _ = map.advise(memmap2::Advice::HugePage);
    #[cfg(not(target_os = "linux"))]
    let _ = map;
}

/// Parses the header with `ndarray-npy`, returning it and where the data starts.
fn parse_header(bytes: &[u8], path: &str) -> PyResult<(Header, usize)> {
    // Checked here first so a non-.npy file gets the plain "bad magic" message.
    let prefix = bytes.len().min(MAGIC.len());
    if bytes[..prefix] != MAGIC[..prefix] {
        return Err(bad_magic(path));
    }
    let mut rest = bytes;
    let header = Header::from_reader(&mut rest).map_err(|e| header_error(e, path))?;
    Ok((header, bytes.len() - rest.len()))
}

fn header_error(err: ReadHeaderError, path: &str) -> PyError {
    match err {
        ReadHeaderError::Io(e) if e.kind() == ErrorKind::UnexpectedEof => PyError::value_error(
            format!("'{path}' is truncated: the file ends inside its .npy header"),
        ),
        ReadHeaderError::Io(e) => os_error(&e, path),
        ReadHeaderError::Parse(ParseHeaderError::MagicString) => bad_magic(path),
        ReadHeaderError::Parse(ParseHeaderError::Version { major, minor }) => {
            PyError::value_error(format!(
                "'{path}' uses .npy format version {major}.{minor}; \
                 pgs reads versions 1.0, 2.0 and 3.0"
            ))
        }
        ReadHeaderError::Parse(e) => {
            PyError::value_error(format!("'{path}' has a malformed .npy header: {e}"))
        }
    }
}

fn bad_magic(path: &str) -> PyError {
    PyError::value_error(format!("'{path}' is not a .npy file (bad magic bytes)"))
}

fn is_a_directory(path: &str) -> PyError {
    PyError::new(
        ExcKind::IsADirectoryError,
        format!("[Errno 21] Is a directory: '{path}'"),
    )
}

/// Maps the header's `descr` to a supported stored type, or explains what is supported.
fn stored_dtype(header: &Header, path: &str) -> PyResult<Stored> {
    let descr = header.type_descriptor.as_string();
    if let Some(stored) = descr.and_then(|d| Stored::from_descr(d)) {
        return Ok(stored);
    }
    let supported: Vec<String> = Stored::ALL
        .iter()
        .map(|s| format!("'{}' ({})", s.descr(), s.numpy_name()))
        .collect();
    let mut message = format!(
        "'{path}' stores dtype {}, which pgs cannot read; supported dtypes are {}",
        header.type_descriptor,
        supported.join(", ")
    );
    // Big-endian files are the one case with an obvious one-line fix on the NumPy side.
    let little = descr
        .and_then(|d| d.strip_prefix('>'))
        .map(|d| format!("<{d}"));
    if let Some(little) = little.filter(|d| Stored::from_descr(d).is_some()) {
        message.push_str(&format!(
            " (the data is big-endian: re-save it with a.astype('{little}'))"
        ));
    }
    Err(PyError::type_error(message))
}

/// Rejects Fortran-ordered data, unless C and Fortran order coincide (at most one
/// axis longer than 1), which NumPy can write either way.
fn check_c_order(header: &Header, path: &str) -> PyResult<()> {
    let long_axes = header.shape.iter().filter(|&&n| n > 1).count();
    if header.layout == Layout::Standard || long_axes <= 1 {
        return Ok(());
    }
    Err(PyError::value_error(format!(
        "'{path}' is stored in Fortran order (fortran_order: True); pgs reads only \
         C-ordered .npy files: re-save it with np.save(path, np.ascontiguousarray(a))"
    )))
}

/// The element count and data byte count the shape implies, if they fit in memory.
fn data_size(shape: &[usize], stored: Stored, path: &str) -> PyResult<(usize, usize)> {
    let sizes = shape
        .iter()
        .try_fold(1usize, |acc, &n| acc.checked_mul(n))
        .and_then(|len| Some((len, len.checked_mul(stored.item_size())?)))
        .filter(|&(_, nbytes)| nbytes <= isize::MAX as usize);
    sizes.ok_or_else(|| {
        PyError::value_error(format!(
            "'{path}' has shape {} {}, too large to address",
            shape_text(shape),
            stored.numpy_name()
        ))
    })
}

/// Extra bytes after the data are allowed, as `np.load` allows them.
fn check_not_truncated(
    shape: &[usize],
    stored: Stored,
    nbytes: usize,
    held: usize,
    path: &str,
) -> PyResult<()> {
    if held >= nbytes {
        return Ok(());
    }
    Err(PyError::value_error(format!(
        "'{path}' is truncated: header says shape {} {} = {nbytes} bytes of data, \
         the file holds {held}",
        shape_text(shape),
        stored.numpy_name()
    )))
}

/// A shape as Python prints the tuple: `()`, `(3,)`, `(2, 3)`.
fn shape_text(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// Writes `array` as a version-1.0 .npy ('<f8', '<i8' or '|b1', C order) to a temporary
/// file in the same directory, then renames it over `path`, so a crash never leaves a
/// truncated file.
pub fn save(path: &str, array: &NdArray) -> PyResult<()> {
    let mut writer = NpyWriter::create(path, array.shape(), array.dtype())?;
    writer.write(array)?;
    writer.finish()
}

/// Streaming writer for arrays too large to hold: create with the final shape and
/// dtype, [`write`](NpyWriter::write) consecutive C-order pieces, then
/// [`finish`](NpyWriter::finish). Dropping it unfinished removes the temporary file and
/// leaves any existing file at `path` untouched.
pub struct NpyWriter {
    path: String,
    shape: Vec<usize>,
    dtype: DType,
    total: usize,
    written: usize,
    out: Option<BufWriter<File>>,
    /// The file `finish` renames `tmp` over: `path` with any symlink resolved.
    target: PathBuf,
    tmp: PathBuf,
    /// Set once `tmp` has been renamed into place, so `Drop` must not remove it.
    done: bool,
}

impl NpyWriter {
    pub fn create(path: &str, shape: &[usize], dtype: DType) -> PyResult<NpyWriter> {
        let stored = match dtype {
            DType::Float64 => Stored::F8,
            DType::Int64 => Stored::I8,
            DType::Bool => Stored::B1,
        };
        let (total, _) = data_size(shape, stored, path)?;
        let header = header_bytes(shape, dtype, path)?;
        let target = write_target(path)?;
        let (file, tmp) = create_temp(&target, path)?;
        let mut writer = NpyWriter {
            path: path.to_string(),
            shape: shape.to_vec(),
            dtype,
            total,
            written: 0,
            out: Some(BufWriter::with_capacity(1 << 20, file)),
            target,
            tmp,
            done: false,
        };
        writer
            .out_mut()
            .write_all(&header)
            .map_err(|e| os_error(&e, path))?;
        Ok(writer)
    }

    /// Appends `piece`'s elements in C order (its own shape does not matter), cast to
    /// the writer's dtype as NumPy's `out[i:j] = piece` would.
    pub fn write(&mut self, piece: &NdArray) -> PyResult<()> {
        self.check_room(piece.len())?;
        let cast;
        let piece = if piece.dtype() == self.dtype {
            piece
        } else {
            cast = piece.cast(self.dtype);
            &cast
        };
        let out = self.out_mut();
        let result = crate::with_nd!(piece, a => write_elems(a, out));
        result.map_err(|e| write_error(e, &self.path))?;
        self.written += piece.len();
        Ok(())
    }

    /// Checks every element was written, then renames the file into place. No fsync:
    /// the rename protects against pgs crashing mid-write, which is the common case.
    pub fn finish(mut self) -> PyResult<()> {
        if self.written != self.total {
            return Err(PyError::value_error(format!(
                "'{}' was not written: only {} of the {} elements of shape {} were given",
                self.path,
                self.written,
                self.total,
                shape_text(&self.shape)
            )));
        }
        if let Some(out) = self.out.take() {
            out.into_inner()
                .map_err(|e| os_error(e.error(), &self.path))?;
        }
        std::fs::rename(&self.tmp, &self.target).map_err(|e| os_error(&e, &self.path))?;
        self.done = true;
        Ok(())
    }

    fn check_room(&self, n: usize) -> PyResult<()> {
        if n <= self.total - self.written {
            return Ok(());
        }
        Err(PyError::value_error(format!(
            "cannot write {n} more elements to '{}': its shape {} holds {} and {} are \
             written already",
            self.path,
            shape_text(&self.shape),
            self.total,
            self.written
        )))
    }

    fn out_mut(&mut self) -> &mut BufWriter<File> {
        self.out
            .as_mut()
            .expect("the output stays open until finish() consumes the writer")
    }
}

impl Drop for NpyWriter {
    fn drop(&mut self) {
        if !self.done {
            // Close before removing, for platforms that refuse to delete open files.
            drop(self.out.take());
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// The header bytes for a C-ordered array of `shape` and `dtype`. `ndarray-npy` picks
/// version 1.0 whenever the header fits in it, which any realistic shape does.
fn header_bytes(shape: &[usize], dtype: DType, path: &str) -> PyResult<Vec<u8>> {
    let type_descriptor = match dtype {
        DType::Float64 => f64::type_descriptor(),
        DType::Int64 => i64::type_descriptor(),
        DType::Bool => bool::type_descriptor(),
    };
    let header = Header {
        type_descriptor,
        layout: Layout::Standard,
        shape: shape.to_vec(),
    };
    header
        .to_bytes()
        .map_err(|e| PyError::value_error(format!("cannot write '{path}': bad .npy header: {e}")))
}

/// Writes `a`'s elements in C order: in one go when it is contiguous, else one by one.
fn write_elems<T: WritableElement>(
    a: &ArrayD<T>,
    out: &mut BufWriter<File>,
) -> Result<(), WriteDataError> {
    if let Some(elems) = a.as_slice() {
        return T::write_slice(elems, out);
    }
    a.iter().try_for_each(|x| x.write(&mut *out))
}

fn write_error(err: WriteDataError, path: &str) -> PyError {
    match err {
        WriteDataError::Io(e) => os_error(&e, path),
        WriteDataError::FormatData(e) => {
            PyError::new(ExcKind::OSError, format!("cannot write '{path}': {e}"))
        }
    }
}

/// The file to replace so that `path` ends up holding the data. Like `np.save`, this
/// writes through a symlink instead of replacing the link with a plain file, and fails
/// up front (not at `finish`) when `path` is a directory.
fn write_target(path: &str) -> PyResult<PathBuf> {
    let given = Path::new(path);
    if given.is_dir() {
        return Err(is_a_directory(path));
    }
    let is_link = std::fs::symlink_metadata(given).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(given.to_path_buf());
    }
    // A dangling link cannot be resolved; replacing the link itself is the fallback.
    Ok(std::fs::canonicalize(given).unwrap_or_else(|_| given.to_path_buf()))
}

/// Creates a fresh hidden temporary file next to `path`, so renaming it over `path`
/// stays within one file system (and so is atomic).
fn create_temp(target: &Path, path: &str) -> PyResult<(File, PathBuf)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = target.file_name().ok_or_else(|| is_a_directory(path))?;
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // `create_new` never clobbers another writer's file; a clash just tries the next name.
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(
            ".{}.{}-{n}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((file, tmp)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(os_error(&e, path)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{ArrayD, IxDyn};
    use std::fs;

    fn tmp_path(dir: &tempfile::TempDir, name: &str) -> String {
        dir.path().join(name).to_string_lossy().into_owned()
    }

    fn floats(shape: &[usize]) -> NdArray {
        let n: usize = shape.iter().product();
        let elems = (0..n).map(|i| i as f64 * 0.5 - 3.0).collect();
        NdArray::Float(ArrayD::from_shape_vec(IxDyn(shape), elems).unwrap())
    }

    fn ints(shape: &[usize]) -> NdArray {
        let n: usize = shape.iter().product();
        let elems = (0..n as i64).map(|i| i * (i64::MAX / 64) - 7).collect();
        NdArray::Int(ArrayD::from_shape_vec(IxDyn(shape), elems).unwrap())
    }

    fn bools(shape: &[usize]) -> NdArray {
        let n: usize = shape.iter().product();
        let elems = (0..n).map(|i| i % 3 == 1).collect();
        NdArray::Bool(ArrayD::from_shape_vec(IxDyn(shape), elems).unwrap())
    }

    const SHAPES: [&[usize]; 6] = [&[], &[1], &[7], &[2, 3, 4], &[0], &[3, 0, 2]];

    /// Builds a version-1.0 file by hand from a header dict, for headers `save` never
    /// writes.
    fn raw_npy(version: u8, dict: &str, data: &[u8]) -> Vec<u8> {
        let mut header = dict.as_bytes().to_vec();
        while !(10 + header.len() + 1).is_multiple_of(64) {
            header.push(b' ');
        }
        header.push(b'\n');
        let mut out = MAGIC.to_vec();
        out.extend([version, 0]);
        out.extend((header.len() as u16).to_le_bytes());
        out.extend(header);
        out.extend(data);
        out
    }

    fn open_bytes(dir: &tempfile::TempDir, bytes: &[u8]) -> PyResult<NpyFile> {
        let path = tmp_path(dir, "x.npy");
        fs::write(&path, bytes).unwrap();
        NpyFile::open(&path)
    }

    fn open_err(dir: &tempfile::TempDir, bytes: &[u8]) -> String {
        match open_bytes(dir, bytes) {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.summary().replace(&tmp_path(dir, "x.npy"), "x.npy"),
        }
    }

    fn files_in(dir: &tempfile::TempDir) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn round_trips_every_dtype_and_shape() {
        let dir = tempfile::tempdir().unwrap();
        let path = tmp_path(&dir, "a.npy");
        for shape in SHAPES {
            for array in [floats(shape), ints(shape), bools(shape)] {
                save(&path, &array).unwrap();
                let file = NpyFile::open(&path).unwrap();
                assert_eq!(file.shape(), shape);
                assert_eq!(file.dtype(), array.dtype());
                assert_eq!(file.len(), array.len());
                assert_eq!(file.is_empty(), array.is_empty());
                assert_eq!(file.to_ndarray(), array, "shape {shape:?}");
            }
        }
        assert_eq!(files_in(&dir), ["a.npy"]);
    }

    #[test]
    fn writes_version_1_with_64_byte_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = tmp_path(&dir, "a.npy");
        save(&path, &floats(&[2, 3])).unwrap();
        let bytes = fs::read(&path).unwrap();
        assert_eq!(&bytes[..8], b"\x93NUMPY\x01\x00");
        let header_len = bytes.len() - 6 * 8;
        assert_eq!(header_len % 64, 0);
        assert_eq!(bytes[header_len - 1], b'\n');
        assert_eq!(
            usize::from(u16::from_le_bytes([bytes[8], bytes[9]])),
            header_len - 10
        );
        let text = String::from_utf8_lossy(&bytes[10..header_len]);
        assert!(text.contains("'descr': '<f8'"), "{text}");
        assert!(text.contains("'fortran_order': False"), "{text}");
        assert!(text.contains("'shape': (2, 3)"), "{text}");
    }

    #[test]
    fn reads_ranges_converted_to_every_dtype() {
        let dir = tempfile::tempdir().unwrap();
        let path = tmp_path(&dir, "a.npy");
        save(&path, &floats(&[4, 5])).unwrap();
        let file = NpyFile::open(&path).unwrap();
        let mut f = [0.0; 3];
        file.read_f64(6, &mut f);
        assert_eq!(f, [0.0, 0.5, 1.0]);
        let mut i = [0; 4];
        file.read_i64(3, &mut i);
        assert_eq!(i, [-1, -1, 0, 0]); // -1.5, -1.0, -0.5, 0.0 truncated toward zero
        let mut b = [true; 3];
        file.read_bool(5, &mut b);
        assert_eq!(b, [true, false, true]);
        file.read_f64(20, &mut []);
    }

    #[test]
    fn f64_slice_is_zero_copy_for_f8_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = tmp_path(&dir, "a.npy");
        save(&path, &floats(&[10])).unwrap();
        let file = NpyFile::open(&path).unwrap();
        assert_eq!(file.f64_slice(2, 3), Some(&[-2.0, -1.5, -1.0][..]));
        assert_eq!(file.f64_slice(10, 0), Some(&[][..]));
        assert_eq!(file.f64_slice(8, 3), None);
        assert_eq!(file.f64_slice(usize::MAX, 2), None);
        save(&path, &ints(&[10])).unwrap();
        let file = NpyFile::open(&path).unwrap();
        assert_eq!(file.f64_slice(0, 1), None);
        let mut f = [0.0; 2];
        file.read_f64(0, &mut f);
        assert_eq!(f, [-7.0, (i64::MAX / 64 - 7) as f64]);
    }

    #[test]
    #[should_panic(expected = "past the end")]
    fn reading_past_the_end_panics() {
        let dir = tempfile::tempdir().unwrap();
        let path = tmp_path(&dir, "a.npy");
        save(&path, &ints(&[3])).unwrap();
        NpyFile::open(&path).unwrap().read_i64(2, &mut [0; 2]);
    }

    #[test]
    fn reads_stored_f4_i4_and_nonzero_bool_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let data: Vec<u8> = [1.5f32, -2.25]
            .iter()
            .flat_map(|x| x.to_le_bytes())
            .collect();
        let file = open_bytes(
            &dir,
            &raw_npy(
                1,
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
                &data,
            ),
        )
        .unwrap();
        assert_eq!(file.dtype(), DType::Float64);
        assert_eq!(file.f64_slice(0, 2), None);
        assert_eq!(
            file.to_ndarray(),
            NdArray::Float(ndarray::arr1(&[1.5, -2.25]).into_dyn())
        );

        let data: Vec<u8> = [i32::MIN, 5].iter().flat_map(|x| x.to_le_bytes()).collect();
        let file = open_bytes(
            &dir,
            &raw_npy(
                1,
                "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }",
                &data,
            ),
        )
        .unwrap();
        assert_eq!(file.dtype(), DType::Int64);
        assert_eq!(
            file.to_ndarray(),
            NdArray::Int(ndarray::arr1(&[i32::MIN as i64, 5]).into_dyn())
        );

        let file = open_bytes(
            &dir,
            &raw_npy(
                1,
                "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }",
                &[0, 1, 7],
            ),
        )
        .unwrap();
        let mut b = [false; 3];
        file.read_bool(0, &mut b);
        assert_eq!(b, [false, true, true]);
        let mut f = [0.0; 3];
        file.read_f64(0, &mut f);
        assert_eq!(f, [0.0, 1.0, 1.0]);
    }

    #[test]
    fn accepts_trailing_bytes_and_fortran_flag_on_vectors() {
        let dir = tempfile::tempdir().unwrap();
        let data: Vec<u8> = [1i64, 2, 3].iter().flat_map(|x| x.to_le_bytes()).collect();
        let dict = "{'descr': '<i8', 'fortran_order': True, 'shape': (1, 2, 1), }";
        let file = open_bytes(&dir, &raw_npy(1, dict, &data)).unwrap();
        assert_eq!(file.shape(), [1, 2, 1]);
        assert_eq!(file.len(), 2);
    }

    #[test]
    fn corrupt_files_give_clear_errors() {
        let dir = tempfile::tempdir().unwrap();
        let f8 =
            |shape: &str| format!("{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}, }}");
        assert_eq!(
            open_err(&dir, b"x,y\n1,2\n"),
            "ValueError: 'x.npy' is not a .npy file (bad magic bytes)"
        );
        assert_eq!(
            open_err(&dir, b""),
            "ValueError: 'x.npy' is not a .npy file (it is empty)"
        );
        let whole = raw_npy(1, &f8("(1000,)"), &[0; 8000]);
        for cut in [3, 8, 9, 40, 127] {
            assert_eq!(
                open_err(&dir, &whole[..cut]),
                "ValueError: 'x.npy' is truncated: the file ends inside its .npy header",
                "cut at {cut}"
            );
        }
        assert_eq!(
            open_err(&dir, &whole[..whole.len() - 4000]),
            "ValueError: 'x.npy' is truncated: header says shape (1000,) float64 = 8000 bytes \
             of data, the file holds 4000"
        );
        assert_eq!(
            open_err(&dir, &raw_npy(4, &f8("(1,)"), &[0; 8])),
            "ValueError: 'x.npy' uses .npy format version 4.0; pgs reads versions 1.0, 2.0 \
             and 3.0"
        );
        assert!(open_err(&dir, &raw_npy(1, "{'descr': '<f8'}", &[]))
            .starts_with("ValueError: 'x.npy' has a malformed .npy header: "));
        assert!(open_err(&dir, &raw_npy(1, &f8("(1, -2)"), &[]))
            .starts_with("ValueError: 'x.npy' has a malformed .npy header: "));
        assert_eq!(
            open_err(&dir, &raw_npy(1, &f8("(4294967296, 4294967296)"), &[])),
            "ValueError: 'x.npy' has shape (4294967296, 4294967296) float64, too large to \
             address"
        );
    }

    #[test]
    fn unsupported_dtypes_and_fortran_order_are_explained() {
        let dir = tempfile::tempdir().unwrap();
        let supported = "supported dtypes are '<f8' (float64), '<f4' (float32), '<i8' (int64), \
                         '<i4' (int32), '|b1' (bool)";
        let c16 = "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }";
        assert_eq!(
            open_err(&dir, &raw_npy(1, c16, &[0; 16])),
            format!("TypeError: 'x.npy' stores dtype '<c16', which pgs cannot read; {supported}")
        );
        let be = "{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }";
        assert_eq!(
            open_err(&dir, &raw_npy(1, be, &[0; 8])),
            format!(
                "TypeError: 'x.npy' stores dtype '>f8', which pgs cannot read; {supported} \
                 (the data is big-endian: re-save it with a.astype('<f8'))"
            )
        );
        let fortran = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }";
        assert_eq!(
            open_err(&dir, &raw_npy(1, fortran, &[0; 48])),
            "ValueError: 'x.npy' is stored in Fortran order (fortran_order: True); pgs reads \
             only C-ordered .npy files: re-save it with np.save(path, np.ascontiguousarray(a))"
        );
    }

    #[test]
    fn missing_files_and_directories_use_python_wording() {
        let dir = tempfile::tempdir().unwrap();
        let missing = tmp_path(&dir, "nope.npy");
        let err = NpyFile::open(&missing).err().unwrap();
        assert_eq!(
            err.summary(),
            format!("FileNotFoundError: [Errno 2] No such file or directory: '{missing}'")
        );
        let here = dir.path().to_string_lossy().into_owned();
        let err = NpyFile::open(&here).err().unwrap();
        assert_eq!(err.kind(), ExcKind::IsADirectoryError);
        let nested = tmp_path(&dir, "no/such/dir.npy");
        let err = save(&nested, &floats(&[1])).unwrap_err();
        assert_eq!(
            err.summary(),
            format!("FileNotFoundError: [Errno 2] No such file or directory: '{nested}'")
        );
    }

    #[test]
    fn saves_non_contiguous_arrays_in_c_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = tmp_path(&dir, "t.npy");
        let NdArray::Int(a) = ints(&[2, 3]) else {
            unreachable!()
        };
        let reversed = a.clone().reversed_axes();
        assert!(!reversed.is_standard_layout());
        let transposed = a.t().as_standard_layout().into_owned();
        save(&path, &NdArray::Int(reversed)).unwrap();
        let file = NpyFile::open(&path).unwrap();
        assert_eq!(file.shape(), [3, 2]);
        assert_eq!(file.to_ndarray(), NdArray::Int(transposed));
    }

    #[test]
    fn save_replaces_an_existing_file_that_is_mapped() {
        let dir = tempfile::tempdir().unwrap();
        let path = tmp_path(&dir, "a.npy");
        save(&path, &floats(&[3])).unwrap();
        let old = NpyFile::open(&path).unwrap();
        save(&path, &ints(&[2, 2])).unwrap();
        // The old map still sees the old file: replacing is a rename, not a rewrite.
        assert_eq!(old.to_ndarray(), floats(&[3]));
        assert_eq!(NpyFile::open(&path).unwrap().to_ndarray(), ints(&[2, 2]));
        assert_eq!(files_in(&dir), ["a.npy"]);
    }

    #[test]
    fn writer_streams_pieces_and_casts_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = tmp_path(&dir, "w.npy");
        let mut w = NpyWriter::create(&path, &[3, 4], DType::Float64).unwrap();
        assert!(
            !Path::new(&path).exists(),
            "nothing at the path until finish()"
        );
        w.write(&floats(&[5])).unwrap();
        w.write(&ints(&[0])).unwrap();
        w.write(&bools(&[1, 7])).unwrap();
        let err = w.write(&floats(&[1])).unwrap_err();
        assert!(err
            .summary()
            .starts_with("ValueError: cannot write 1 more elements to"));
        w.finish().unwrap();
        let file = NpyFile::open(&path).unwrap();
        let mut got = [0.0; 12];
        file.read_f64(0, &mut got);
        let mut want: Vec<f64> = floats(&[5]).to_f64().iter().copied().collect();
        want.extend(bools(&[7]).to_f64().iter());
        assert_eq!(got.to_vec(), want);
        assert_eq!(files_in(&dir), ["w.npy"]);
    }

    #[test]
    fn unfinished_writers_leave_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = tmp_path(&dir, "w.npy");
        let mut w = NpyWriter::create(&path, &[4], DType::Int64).unwrap();
        w.write(&ints(&[2])).unwrap();
        assert_eq!(files_in(&dir).len(), 1, "the temporary file");
        drop(w);
        assert!(files_in(&dir).is_empty());

        let mut w = NpyWriter::create(&path, &[4], DType::Int64).unwrap();
        w.write(&ints(&[2])).unwrap();
        let err = w.finish().unwrap_err();
        assert_eq!(
            err.summary(),
            format!("ValueError: '{path}' was not written: only 2 of the 4 elements of shape (4,) were given")
        );
        assert!(files_in(&dir).is_empty());

        // An existing file survives an abandoned rewrite.
        save(&path, &bools(&[2])).unwrap();
        drop(NpyWriter::create(&path, &[9], DType::Float64).unwrap());
        assert_eq!(NpyFile::open(&path).unwrap().to_ndarray(), bools(&[2]));
        assert_eq!(files_in(&dir), ["w.npy"]);
    }

    #[cfg(unix)]
    #[test]
    fn save_writes_through_symlinks_and_refuses_directories() {
        let dir = tempfile::tempdir().unwrap();
        let real = tmp_path(&dir, "real.npy");
        let link = tmp_path(&dir, "link.npy");
        save(&real, &floats(&[1])).unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        save(&link, &ints(&[2])).unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(NpyFile::open(&real).unwrap().to_ndarray(), ints(&[2]));

        let here = dir.path().to_string_lossy().into_owned();
        let err = NpyWriter::create(&here, &[1], DType::Bool).err().unwrap();
        assert_eq!(
            err.summary(),
            format!("IsADirectoryError: [Errno 21] Is a directory: '{here}'")
        );
        assert_eq!(files_in(&dir), ["link.npy", "real.npy"]);
    }

    #[test]
    fn npy_file_can_be_shared_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<NpyFile>();
        assert_send_sync::<NpyWriter>();
    }

    #[test]
    fn shapes_print_as_python_tuples() {
        assert_eq!(shape_text(&[]), "()");
        assert_eq!(shape_text(&[3]), "(3,)");
        assert_eq!(shape_text(&[2, 0, 4]), "(2, 0, 4)");
    }
}
