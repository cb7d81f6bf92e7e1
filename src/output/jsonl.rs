//! `--format jsonl`: one JSON object per diagnostic per line, in the shape of
//! `--format json`'s diagnostics, with no envelope and no summary: the format
//! for `jq`, `grep` and line-oriented pipelines.

use std::io::{self, Write};

use super::json::JsonDiagnostic;
use super::position::LineIndex;
use super::{Printer, Source, Summary};
use crate::diagnostic::Diagnostic;

pub struct Jsonl<'w> {
    out: Box<dyn Write + 'w>,
}

impl<'w> Jsonl<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Jsonl<'w> {
        Jsonl { out }
    }
}

impl Printer for Jsonl<'_> {
    fn source(&mut self, source: &Source<'_>, diagnostics: &[Diagnostic]) -> io::Result<()> {
        if diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(source.text);
        for d in diagnostics {
            serde_json::to_writer(&mut self.out, &JsonDiagnostic::new(source, &index, d))?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
