//! Input: finding the files to lint and turning bytes into text.
//!
//! Discovery walks directories with the `ignore` crate (hidden files and
//! `.gitignore`d paths skipped, as in ripgrep), expands glob patterns and
//! applies the config's include/exclude globs. Reading decodes bytes into a
//! [`Unit`] of text; a byte that is not UTF-8 does not stop the run, it
//! becomes a diagnostic for that file (see [`decode`]).

pub mod chunks;
mod decode;
mod discover;
pub mod jsonl;
pub mod read;
pub mod system;

use std::path::Path;
use std::sync::Arc;

pub use decode::{Decoded, Encoding, decode};
pub use discover::{DiscoverOptions, Discovered, InputError, discover, io_message};
pub use jsonl::{JsonlOptions, is_jsonl};
pub use read::{Item, ReadOptions, StdinFormat, read};

use crate::diagnostic::Diagnostic;
use crate::document::Format;

/// One text to lint: a file, a chunk of a huge file, or a JSONL record.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The file it came from (`-` for stdin), for overrides and fixes.
    pub path: Arc<Path>,
    /// The name shown in diagnostics: the path, or `shard.jsonl#id`.
    pub name: Arc<str>,
    pub text: String,
    pub format: Format,
    /// Where the text starts in its file, for chunks of a larger file.
    pub byte_offset: usize,
    pub line_offset: usize,
    /// The column (in characters) where the text starts on its first line.
    pub column_offset: usize,
    /// For a JSONL record: its id and 1-based line in the shard.
    pub record: Option<Record>,
    pub encoding: Encoding,
    /// Diagnostics the reader produced (e.g. `invalid-utf8`).
    pub system: Vec<Diagnostic>,
    /// Whether the text is only part of its file (a chunk of a huge file).
    pub partial: Part,
}

/// For a chunk of a larger text: whether it starts and ends the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub first: bool,
    pub last: bool,
}

impl Default for Part {
    fn default() -> Self {
        Part { first: true, last: true }
    }
}

/// A JSONL record's id (if it has one) and 1-based line in its shard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: Option<String>,
    pub line: usize,
    /// The record's raw JSON line, when asked for (`newslint filter --emit record`).
    pub raw: Option<String>,
}

impl Unit {
    /// A whole file (or stdin) decoded from `bytes`.
    pub fn from_bytes(path: &Path, name: &str, bytes: Vec<u8>) -> Option<Unit> {
        let Decoded::Text { text, encoding, invalid } = decode(bytes) else {
            return None;
        };
        let format = format_for(path);
        let system = invalid.into_iter().map(system::invalid_utf8).collect();
        Some(Unit {
            path: Arc::from(path),
            name: Arc::from(name),
            text,
            format,
            byte_offset: 0,
            line_offset: 0,
            column_offset: 0,
            record: None,
            encoding,
            system,
            partial: Part::default(),
        })
    }

    /// Whether fixes may be written back to the file: a whole UTF-8 file whose
    /// bytes all decoded.
    pub fn is_fixable(&self) -> bool {
        self.encoding == Encoding::Utf8
            && self.system.is_empty()
            && self.record.is_none()
            && self.partial == Part::default()
    }

    /// The segmented document for this unit.
    pub fn document(&self) -> crate::document::Document<'_> {
        crate::document::Document::part(&self.text, self.format, self.partial.first, self.partial.last)
    }
}

/// Markdown for `.md`/`.markdown` files, plain text otherwise.
pub fn format_for(path: &Path) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some("md" | "markdown" | "mdx") => Format::Markdown,
        _ => Format::Text,
    }
}
