//! Corpus state that lives on disk, so the pass runs in bounded memory.
//!
//! What the corpus pass learns grows with the corpus: every document with a
//! site-chrome line is a finding, every document has a MinHash signature,
//! every unit a finding may name has a path. Held in memory, a 2 GiB shard
//! costs hundreds of megabytes and a larger one more. So the tallies keep
//! only small summaries in memory (one entry per distinct frequent line, per
//! spelling, per place form) and append the per-document and per-occurrence
//! records to temporary files:
//!
//! - a [`Log`] is an append-only file of records, read back once in order
//!   (the records of a tally are written in input order, which is the order
//!   findings are printed in) or at an offset;
//! - a [`Sorter`] sorts fixed-size records in runs of a bounded size and
//!   merges the runs (an external merge sort), for what must be grouped by
//!   something other than input order (near-duplicates by band hash).
//!
//! The files are anonymous temporary files (`tempfile::tempfile`), deleted
//! when closed. When none can be created the records stay in memory, which
//! is correct, only not bounded. A write that fails later (a full disk) is
//! reported once on stderr, what it held is missing from the findings, and
//! [`any_failed`] tells the run to exit with the I/O-trouble code.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Bytes of records a [`Sorter`] holds before it writes a sorted run.
pub const SORT_BUDGET: usize = 8 << 20;

/// What a log is written to: a temporary file, or memory as a fallback.
trait Store: Read + Write + Seek + Send {}

impl<T: Read + Write + Seek + Send> Store for T {}

fn store() -> Box<dyn Store> {
    match tempfile::tempfile() {
        Ok(file) => Box::new(file),
        Err(_) => Box::new(io::Cursor::new(Vec::new())),
    }
}

static FAILED: AtomicBool = AtomicBool::new(false);

/// Reports the first failed temporary-file operation; the run goes on, and
/// ends as a run with I/O trouble (see [`any_failed`]).
fn failed(e: &io::Error) {
    if !FAILED.swap(true, Ordering::Relaxed) {
        eprintln!("error: corpus checks: temporary file: {e}; some corpus findings are missing");
    }
}

/// Whether a temporary-file operation failed in this process, so corpus
/// findings may be missing.
pub fn any_failed() -> bool {
    FAILED.load(Ordering::Relaxed)
}

/// An append-only file of records.
pub struct Log {
    out: BufWriter<Box<dyn Store>>,
    len: u64,
    ok: bool,
}

impl Default for Log {
    fn default() -> Log {
        Log::new()
    }
}

impl Log {
    pub fn new() -> Log {
        Log::on(store())
    }

    fn on(store: Box<dyn Store>) -> Log {
        Log { out: BufWriter::with_capacity(64 << 10, store), len: 0, ok: true }
    }

    /// Bytes written so far: the offset of the next record.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn append(&mut self, bytes: &[u8]) {
        if !self.ok {
            return;
        }
        match self.out.write_all(bytes) {
            Ok(()) => self.len += bytes.len() as u64,
            Err(e) => {
                failed(&e);
                self.ok = false;
            }
        }
    }

    /// Appends a record of any length, to read back with [`Reader::bytes`].
    pub fn append_record(&mut self, bytes: &[u8]) {
        let (len, bytes) = framed(bytes);
        self.append(&len);
        self.append(bytes);
    }

    /// Ends the writing: the log, to read from the start.
    pub fn finish(self) -> Reader {
        self.finish_with(64 << 10)
    }

    /// Ends the writing: the log, to read records at offsets that mostly
    /// increase with jumps back: a page of buffer serves the neighbours of
    /// a record and costs little to refill after a jump.
    pub fn finish_nearby(self) -> Reader {
        self.finish_with(4 << 10)
    }

    fn finish_with(self, buffer: usize) -> Reader {
        let len = self.len;
        let store = self.out.into_inner().map_err(|e| e.into_error()).and_then(|mut s| {
            s.seek(SeekFrom::Start(0))?;
            Ok(s)
        });
        match store {
            Ok(store) => Reader { input: BufReader::with_capacity(buffer, store), pos: 0, len },
            Err(e) => {
                failed(&e);
                Reader { input: BufReader::new(Box::new(io::Cursor::new(Vec::new()))), pos: 0, len: 0 }
            }
        }
    }
}

/// A finished [`Log`].
pub struct Reader {
    input: BufReader<Box<dyn Store>>,
    pos: u64,
    len: u64,
}

impl Reader {
    /// Reads the next `buf.len()` bytes; `false` at the end of the log.
    pub fn read(&mut self, buf: &mut [u8]) -> bool {
        if self.pos + buf.len() as u64 > self.len {
            return false;
        }
        match self.input.read_exact(buf) {
            Ok(()) => {
                self.pos += buf.len() as u64;
                true
            }
            Err(e) => {
                failed(&e);
                self.len = 0;
                false
            }
        }
    }

    /// Moves to `offset`, for reading records at known places.
    pub fn seek(&mut self, offset: u64) -> bool {
        if offset == self.pos {
            return true;
        }
        let relative = offset as i64 - self.pos as i64;
        match self.input.seek_relative(relative) {
            Ok(()) => {
                self.pos = offset;
                true
            }
            Err(e) => {
                failed(&e);
                self.len = 0;
                false
            }
        }
    }

    /// Reads a record written with [`Log::append_record`] (or framed with
    /// [`put_bytes`]).
    pub fn bytes(&mut self, out: &mut Vec<u8>) -> bool {
        let mut len = [0; 4];
        if !self.read(&mut len) {
            return false;
        }
        out.clear();
        out.resize(u32::from_le_bytes(len) as usize, 0);
        self.read(out)
    }
}

/// Appends a length-prefixed byte string.
pub fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    let (len, bytes) = framed(bytes);
    out.extend_from_slice(&len);
    out.extend_from_slice(bytes);
}

/// A byte string's length prefix and the bytes it covers: lines and paths
/// are far below 4 GiB; a longer one is cut.
fn framed(bytes: &[u8]) -> ([u8; 4], &[u8]) {
    let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
    (len.to_le_bytes(), &bytes[..len as usize])
}

/// Takes fixed-size integers and length-prefixed strings off a record.
pub struct Fields<'a>(pub &'a [u8]);

impl<'a> Fields<'a> {
    fn take(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.0.len());
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        head
    }

    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes(pad::<4>(self.take(4)))
    }

    pub fn u64(&mut self) -> u64 {
        u64::from_le_bytes(pad::<8>(self.take(8)))
    }

    pub fn bytes(&mut self) -> &'a [u8] {
        let len = self.u32() as usize;
        self.take(len)
    }

    /// A string written from a `&str`; a damaged one reads as empty.
    pub fn str(&mut self) -> &'a str {
        std::str::from_utf8(self.bytes()).unwrap_or("")
    }
}

/// `bytes` as an array, zero-padded when short (a truncated record).
fn pad<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut out = [0; N];
    out[..bytes.len()].copy_from_slice(bytes);
    out
}

/// The bytes of a path, to write it to a log.
pub fn path_bytes(path: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned().into_bytes()
    }
}

/// A path read back from [`path_bytes`].
pub fn path_from(bytes: &[u8]) -> std::path::PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Path::new(std::ffi::OsStr::from_bytes(bytes)).to_path_buf()
    }
    #[cfg(not(unix))]
    {
        std::path::PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// A record of a fixed size, for a [`Sorter`].
pub trait Fixed: Copy + Ord {
    const SIZE: usize;
    fn encode(&self, out: &mut Vec<u8>);
    fn decode(bytes: &[u8]) -> Self;
}

/// Runs a sorter merges into one before it writes another: bounds the open
/// files and the merge's read buffers.
const MAX_RUNS: usize = 32;

/// Sorts records that do not fit in memory: sorted runs of at most `budget`
/// bytes go to temporary files, and are merged when read.
pub struct Sorter<T> {
    buffer: Vec<T>,
    capacity: usize,
    runs: Vec<Reader>,
}

impl<T: Fixed> Sorter<T> {
    /// A sorter that holds at most `budget` bytes of records.
    pub fn new(budget: usize) -> Sorter<T> {
        let capacity = (budget / std::mem::size_of::<T>().max(1)).max(1);
        Sorter { buffer: Vec::new(), capacity, runs: Vec::new() }
    }

    pub fn push(&mut self, record: T) {
        self.buffer.push(record);
        if self.buffer.len() >= self.capacity {
            self.spill();
        }
    }

    /// Writes the buffer as a sorted run.
    fn spill(&mut self) {
        self.buffer.sort_unstable();
        let records = std::mem::take(&mut self.buffer);
        if self.runs.len() >= MAX_RUNS {
            let runs = std::mem::take(&mut self.runs);
            let merged = write_run(Merge::<T>::new(runs));
            self.runs.push(merged);
        }
        self.runs.push(write_run(records.into_iter()));
    }

    /// Every record pushed, in order.
    pub fn sorted(mut self) -> Sorted<T> {
        if self.runs.is_empty() {
            self.buffer.sort_unstable();
            return Sorted::Memory(self.buffer.into_iter());
        }
        if !self.buffer.is_empty() {
            self.spill();
        }
        Sorted::Merge(Merge::new(self.runs))
    }
}

fn write_run<T: Fixed>(records: impl Iterator<Item = T>) -> Reader {
    let mut log = Log::new();
    let mut bytes = Vec::with_capacity(T::SIZE);
    for r in records {
        bytes.clear();
        r.encode(&mut bytes);
        log.append(&bytes);
    }
    log.finish()
}

/// The records of a [`Sorter`], in order.
pub enum Sorted<T> {
    Memory(std::vec::IntoIter<T>),
    Merge(Merge<T>),
}

impl<T: Fixed> Iterator for Sorted<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        match self {
            Sorted::Memory(records) => records.next(),
            Sorted::Merge(merge) => merge.next(),
        }
    }
}

/// A k-way merge of sorted runs.
pub struct Merge<T> {
    runs: Vec<Reader>,
    heads: BinaryHeap<Reverse<(T, usize)>>,
    buf: Vec<u8>,
}

impl<T: Fixed> Merge<T> {
    fn new(runs: Vec<Reader>) -> Merge<T> {
        let mut merge = Merge { runs, heads: BinaryHeap::new(), buf: vec![0; T::SIZE] };
        for i in 0..merge.runs.len() {
            merge.advance(i);
        }
        merge
    }

    /// Reads the next record of run `i` into the heap.
    fn advance(&mut self, i: usize) {
        if self.runs[i].read(&mut self.buf) {
            self.heads.push(Reverse((T::decode(&self.buf), i)));
        }
    }
}

impl<T: Fixed> Iterator for Merge<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let Reverse((record, i)) = self.heads.pop()?;
        self.advance(i);
        Some(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A disk that is full.
    struct Full;

    impl Read for Full {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Ok(0)
        }
    }

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(io::ErrorKind::StorageFull))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Full {
        fn seek(&mut self, _: SeekFrom) -> io::Result<u64> {
            Ok(0)
        }
    }

    #[test]
    fn a_failed_write_is_remembered_for_the_exit_code() {
        let mut log = Log::on(Box::new(Full));
        for _ in 0..100 {
            log.append(&[7; 1024]);
        }
        let mut reader = log.finish();
        assert!(any_failed(), "the run must not end clean");
        assert!(!reader.read(&mut [0; 1]), "nothing was kept");
    }

    impl Fixed for (u32, u64) {
        const SIZE: usize = 12;
        fn encode(&self, out: &mut Vec<u8>) {
            out.extend_from_slice(&self.0.to_le_bytes());
            out.extend_from_slice(&self.1.to_le_bytes());
        }
        fn decode(bytes: &[u8]) -> Self {
            let mut f = Fields(bytes);
            (f.u32(), f.u64())
        }
    }

    #[test]
    fn a_sorter_with_a_tiny_budget_merges_many_runs() {
        let records: Vec<(u32, u64)> =
            (0..5_000u64).map(|i| ((i * 7919 % 1000) as u32, i.wrapping_mul(0x9e37_79b9))).collect();
        let mut expected = records.clone();
        expected.sort_unstable();
        // 16 records a run: more runs than MAX_RUNS, so runs are merged early too.
        let mut sorter = Sorter::new(16 * std::mem::size_of::<(u32, u64)>());
        records.iter().for_each(|&r| sorter.push(r));
        assert!(matches!(sorter.runs.len(), 2..=MAX_RUNS));
        assert_eq!(sorter.sorted().collect::<Vec<_>>(), expected);
        let mut memory = Sorter::new(SORT_BUDGET);
        records.iter().for_each(|&r| memory.push(r));
        assert!(memory.runs.is_empty());
        assert_eq!(memory.sorted().collect::<Vec<_>>(), expected);
    }

    #[test]
    fn logs_read_back_in_order_and_at_offsets() {
        let mut log = Log::new();
        let mut offsets = Vec::new();
        for word in ["one", "", "three"] {
            offsets.push(log.len());
            let mut rec = Vec::new();
            put_bytes(&mut rec, word.as_bytes());
            log.append(&rec);
        }
        let mut r = log.finish();
        let mut buf = Vec::new();
        assert!(r.bytes(&mut buf) && buf == b"one");
        assert!(r.seek(offsets[2]) && r.bytes(&mut buf) && buf == b"three");
        assert!(!r.bytes(&mut buf));
        assert!(r.seek(offsets[1]) && r.bytes(&mut buf) && buf.is_empty());
        let mut f = Fields(&[1, 0, 0, 0, 2, 0, 0, 0, b'h', b'i']);
        assert_eq!((f.u32(), f.str()), (1, "hi"));
        assert_eq!(path_from(&path_bytes(Path::new("a/b c.txt"))), Path::new("a/b c.txt"));
    }
}
