//! Errors that point into a file newslint loaded (rule files, config files).
//!
//! Like a compiler error, each carries the file's text and a byte range, so
//! the output layer can show the offending TOML line with an underline.

use std::ops::Range;
use std::sync::Arc;

/// The text of a TOML file (rule file or config) and the name to show for it.
#[derive(Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    pub builtin: bool,
}

/// A problem in a rule or config file, with the byte range it points at.
#[derive(Debug, Clone)]
pub struct LoadError {
    pub source: Arc<SourceFile>,
    pub span: Option<Range<usize>>,
    pub message: String,
    pub notes: Vec<String>,
}

impl LoadError {
    pub fn new(
        source: &Arc<SourceFile>,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> LoadError {
        LoadError { source: source.clone(), span, message: message.into(), notes: Vec::new() }
    }

    pub fn note(mut self, note: impl Into<String>) -> LoadError {
        self.notes.push(note.into());
        self
    }

    /// 1-based line of the error in its file.
    pub fn line(&self) -> Option<usize> {
        self.span.as_ref().map(|s| {
            let before = &self.source.text.as_bytes()[..s.start.min(self.source.text.len())];
            memchr::memchr_iter(b'\n', before).count() + 1
        })
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line() {
            Some(line) => write!(f, "{}:{}: {}", self.source.name, line, self.message),
            None => write!(f, "{}: {}", self.source.name, self.message),
        }
    }
}
