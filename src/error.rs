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

/// Reads a rule or config file. An I/O error names the file; bytes that are
/// not UTF-8 are an error pointing at the line they are on.
pub fn read_source(path: &std::path::Path, what: &str) -> Result<Arc<SourceFile>, LoadError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        let source = Arc::new(SourceFile { name: name.clone(), text: String::new(), builtin: false });
        LoadError::new(&source, None, format!("cannot read {what}: {}", crate::input::io_message(&e)))
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Arc::new(SourceFile { name, text, builtin: false })),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let byte = e.as_bytes()[at];
            // The lossy text is identical up to `at`, where U+FFFD (3 bytes) stands in.
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let source = Arc::new(SourceFile { name, text, builtin: false });
            let message = format!("invalid UTF-8 (byte 0x{byte:02X}): {what}s must be UTF-8");
            Err(LoadError::new(&source, Some(at..at + 3), message))
        }
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
