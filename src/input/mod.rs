//! Input: finding the files to lint and turning bytes into text.
//!
//! Discovery walks directories with the `ignore` crate (hidden files and
//! `.gitignore`d paths skipped, as in ripgrep), expands glob patterns and
//! applies the config's include/exclude globs. Reading decodes bytes into a
//! [`Unit`] of text; a byte that is not UTF-8 does not stop the run, it
//! becomes a diagnostic for that file (see [`decode`]).

mod decode;
mod discover;
pub mod system;

use std::path::Path;
use std::sync::Arc;

pub use decode::{Decoded, Encoding, decode};
pub use discover::{DiscoverOptions, Discovered, InputError, discover, io_message};

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
    /// For a JSONL record: its id and 1-based line in the shard.
    pub record: Option<Record>,
    pub encoding: Encoding,
    /// Diagnostics the reader produced (e.g. `invalid-utf8`).
    pub system: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: String,
    pub line: usize,
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
            record: None,
            encoding,
            system,
        })
    }

    /// Whether fixes may be written back to the file: a whole UTF-8 file whose
    /// bytes all decoded.
    pub fn is_fixable(&self) -> bool {
        self.encoding == Encoding::Utf8
            && self.system.is_empty()
            && self.record.is_none()
            && self.byte_offset == 0
    }
}

/// Markdown for `.md`/`.markdown` files, plain text otherwise.
pub fn format_for(path: &Path) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some("md" | "markdown" | "mdx") => Format::Markdown,
        _ => Format::Text,
    }
}
