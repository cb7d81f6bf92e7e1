//! From a discovered path to units of text, lazily and in bounded memory.
//!
//! - A regular text file up to the chunk size becomes [`Item::File`]: it is
//!   read and decoded later, in parallel with other files.
//! - A larger text file is streamed in chunks (see [`super::chunks`]).
//! - A JSONL shard (plain, gzip or zstd) is streamed record by record.
//! - Standard input is either text (chunked) or JSONL (`--stdin-format`).
//!
//! Anything else (FIFOs, devices, sockets) is skipped rather than read: such
//! a read could block forever or never end.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::chunks::{Chunk, Chunker};
use super::decode::{Decoded, decode_utf8};
use super::jsonl::{self, JsonlOptions, Records};
use super::{Discovered, Encoding, Part, Unit, format_for, io_message, system};

/// Files above this size are streamed in chunks of this size. Small chunks
/// keep batches parallel and memory flat; a chunk is still hundreds of
/// paragraphs. Measured on the benchmark's 200 MB file, 2 threads: 1 MiB
/// chunks peaked at 199-204 MB of RSS, 256 KiB chunks at 181-184 MB, in the
/// same wall time.
pub const DEFAULT_CHUNK_SIZE: usize = 256 << 10;

/// How to read input.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Files (and JSONL records) larger than this are skipped with a note.
    pub max_file_size: u64,
    pub chunk_size: usize,
    pub jsonl: JsonlOptions,
    pub stdin_format: StdinFormat,
    /// The name to report for standard input.
    pub stdin_filename: Option<PathBuf>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_size: 4 << 30,
            chunk_size: DEFAULT_CHUNK_SIZE,
            jsonl: JsonlOptions::default(),
            stdin_format: StdinFormat::Text,
            stdin_filename: None,
        }
    }
}

/// What standard input holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum StdinFormat {
    /// One text (an article, or a whole corpus file).
    #[default]
    Text,
    /// JSONL records.
    Jsonl,
}

/// One step of reading.
#[derive(Debug)]
pub enum Item {
    /// A small file, to be read by [`Item::load`] (in parallel).
    File {
        path: PathBuf,
        size: u64,
    },
    Unit(Unit),
    Skipped {
        path: PathBuf,
        reason: String,
    },
    Failed {
        path: PathBuf,
        message: String,
    },
}

impl Item {
    /// Bytes this item will hold in memory once loaded, for batch sizing.
    pub fn weight(&self) -> usize {
        match self {
            Item::File { size, .. } => *size as usize,
            Item::Unit(u) => u.text.len(),
            _ => 0,
        }
    }

    /// The unit, once loaded.
    pub fn unit(&self) -> Option<&Unit> {
        match self {
            Item::Unit(u) => Some(u),
            _ => None,
        }
    }

    /// Reads and decodes an [`Item::File`]; other items pass through.
    pub fn load(self) -> Item {
        let Item::File { path, .. } = self else { return self };
        match std::fs::read(&path) {
            Ok(bytes) => match Unit::from_bytes(&path, &display(&path), bytes) {
                Some(unit) => Item::Unit(unit),
                None => Item::Skipped { path, reason: "binary file".into() },
            },
            Err(e) => Item::Failed { message: io_message(&e), path },
        }
    }
}

/// Expands one discovered path into items.
pub fn read(d: &Discovered, options: &ReadOptions) -> Box<dyn Iterator<Item = Item> + Send> {
    if d.is_stdin() {
        return stdin(options);
    }
    let path = d.path.clone();
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) => return one(Item::Failed { message: io_message(&e), path }),
    };
    if !meta.is_file() {
        return one(Item::Skipped { path, reason: "not a regular file".into() });
    }
    if jsonl::is_jsonl(&path) {
        return match jsonl::open(&path) {
            Ok(reader) => records(reader, &path, options),
            Err(e) => one(Item::Failed { message: io_message(&e), path }),
        };
    }
    if meta.len() > options.max_file_size {
        let reason =
            format!("{} bytes is larger than --max-file-size ({})", meta.len(), options.max_file_size);
        return one(Item::Skipped { path, reason });
    }
    if meta.len() as usize <= options.chunk_size {
        return one(Item::File { path, size: meta.len() });
    }
    match File::open(&path) {
        Ok(file) => chunked(Box::new(file), path, options.chunk_size),
        Err(e) => one(Item::Failed { message: io_message(&e), path }),
    }
}

fn one(item: Item) -> Box<dyn Iterator<Item = Item> + Send> {
    Box::new(std::iter::once(item))
}

fn stdin(options: &ReadOptions) -> Box<dyn Iterator<Item = Item> + Send> {
    let path = options.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("-"));
    let stdin = BufReader::with_capacity(256 * 1024, io::stdin());
    let jsonl_by_name = options.stdin_filename.as_deref().is_some_and(jsonl::is_jsonl);
    if options.stdin_format == StdinFormat::Jsonl || jsonl_by_name {
        return match jsonl::decompress(Box::new(stdin)) {
            Ok(reader) => records(reader, &path, options),
            Err(e) => one(Item::Failed { message: io_message(&e), path }),
        };
    }
    chunked(Box::new(stdin), path, options.chunk_size)
}

fn records(
    reader: Box<dyn io::BufRead + Send>,
    path: &Path,
    options: &ReadOptions,
) -> Box<dyn Iterator<Item = Item> + Send> {
    let max = options.max_file_size as usize;
    let shard = path.to_path_buf();
    let records = Records::new(reader, path, &display(path), options.jsonl.clone()).max_line(max);
    Box::new(records.map(move |r| match r {
        Ok(unit) if unit.text.len() > max => Item::Skipped {
            path: shard.clone(),
            reason: format!("record {} is larger than --max-file-size ({max})", unit.name),
        },
        Ok(unit) => Item::Unit(unit),
        Err(e) => Item::Failed { path: shard.clone(), message: io_message(&e) },
    }))
}

/// Streams a text in chunks; a binary first chunk skips the whole file.
fn chunked(
    reader: Box<dyn Read + Send>,
    path: PathBuf,
    chunk_size: usize,
) -> Box<dyn Iterator<Item = Item> + Send> {
    let name: Arc<str> = Arc::from(display(&path));
    let file: Arc<Path> = Arc::from(path.as_path());
    let mut stopped = false;
    Box::new(Chunker::new(reader, chunk_size).map_while(move |chunk| {
        if stopped {
            return None;
        }
        let chunk = match chunk {
            Ok(c) => c,
            Err(e) => {
                stopped = true;
                return Some(Item::Failed { path: file.to_path_buf(), message: io_message(&e) });
            }
        };
        match chunk_unit(chunk, &file, &name) {
            Some(unit) => Some(Item::Unit(unit)),
            None => {
                stopped = true;
                Some(Item::Skipped { path: file.to_path_buf(), reason: "binary file".into() })
            }
        }
    }))
}

fn chunk_unit(chunk: Chunk, path: &Arc<Path>, name: &Arc<str>) -> Option<Unit> {
    let (text, encoding, invalid) = if chunk.first && chunk.last {
        // The whole input fits one chunk: decode it like a file (UTF-16, binary).
        match super::decode(chunk.bytes) {
            Decoded::Text { text, encoding, invalid } => (text, encoding, invalid),
            Decoded::Binary => return None,
        }
    } else if chunk.first && super::decode::looks_binary(&chunk.bytes) {
        return None;
    } else {
        let (text, invalid) = decode_utf8(chunk.bytes);
        (text, Encoding::Utf8, invalid)
    };
    Some(Unit {
        path: path.clone(),
        name: name.clone(),
        format: format_for(path),
        byte_offset: chunk.byte_offset,
        line_offset: chunk.line_offset,
        column_offset: chunk.column_offset,
        record: None,
        encoding,
        system: invalid.into_iter().map(system::invalid_utf8).collect(),
        partial: Part { first: chunk.first, last: chunk.last },
        text,
    })
}

/// Paths as the user would type them: `./x` shown as `x`.
pub fn display(p: &Path) -> String {
    p.strip_prefix("./").unwrap_or(p).display().to_string()
}
