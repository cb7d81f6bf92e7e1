//! A corpus summary on disk, so a run on a few files knows the corpus.
//!
//! `newslint index PATHS` writes `.newslint/corpus.json`: for every
//! document, keyed by a hash of its text, its display name and the person
//! names it mentions (first line of each). Re-indexing reuses the entries of
//! unchanged documents. A later `newslint check` on a few files (a
//! pre-commit run) finds the index in the working directory, or takes
//! `--corpus-index FILE`, and counts the indexed documents it was not given
//! as background votes: `name-variant` then knows the corpus majorities
//! without reading every file. Indexed documents are never reported (their
//! text is not at hand); they only vote.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::fnv;
use super::names::candidates;
use crate::document::Document;

/// Where `check` looks for an index when none is given.
pub const DEFAULT_PATH: &str = ".newslint/corpus.json";

/// Version of the index format.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpusIndex {
    pub version: u32,
    /// Content hash (16 hex digits) -> document.
    pub documents: BTreeMap<String, IndexedDoc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct IndexedDoc {
    /// The display name (path, or `shard.jsonl#id`).
    pub name: String,
    /// Distinct person-name candidates with the 1-based line of the first.
    pub names: Vec<(String, usize)>,
}

/// The key of a text in the index.
pub fn content_key(text: &str) -> String {
    format!("{:016x}", fnv(text.as_bytes()))
}

impl IndexedDoc {
    /// Summarizes a document. `line_offset` is added to line numbers.
    pub fn new(name: &str, doc: &Document<'_>, line_offset: usize) -> IndexedDoc {
        let mut spans = Vec::new();
        candidates(doc, &mut spans);
        let mut names: Vec<(String, usize)> = Vec::new();
        for span in spans {
            let name = doc.slice(span);
            if !names.iter().any(|(n, _)| n == name) {
                names.push((name.to_string(), line_offset + doc.line_at(span.start) + 1));
            }
        }
        IndexedDoc { name: name.to_string(), names }
    }
}

impl CorpusIndex {
    pub fn read(path: &Path) -> Result<CorpusIndex, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let index: CorpusIndex = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a corpus index: {e}", path.display()))?;
        if index.version != VERSION {
            return Err(format!("{}: index version {} (expected {VERSION})", path.display(), index.version));
        }
        Ok(index)
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let json = serde_json::to_string(self).map_err(|e| e.to_string())?;
        std::fs::write(path, json + "\n").map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The index a run should use: `explicit`, or the default path if it exists.
    pub fn locate(explicit: Option<&Path>) -> Option<PathBuf> {
        match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => Some(PathBuf::from(DEFAULT_PATH)).filter(|p| p.is_file()),
        }
    }

    /// The indexed documents whose text or name is not among `seen` (the
    /// content keys and names of a run's units): an edited file votes once.
    pub fn others<'a>(&'a self, seen: &'a HashSet<String>) -> impl Iterator<Item = &'a IndexedDoc> + 'a {
        self.documents
            .iter()
            .filter(move |(k, d)| !seen.contains(*k) && !seen.contains(&d.name))
            .map(|(_, d)| d)
    }
}
