//! Rendering errors in rule and config files like compiler errors, with the
//! offending TOML line underlined.

use std::io;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use crate::error::LoadError;

/// Writes each error (or warning, with `warning = true`) to `out`.
pub fn render(errors: &[LoadError], out: &mut dyn io::Write, color: bool, warning: bool) -> io::Result<()> {
    let mut writer: Box<dyn WriteColor + '_> =
        if color { Box::new(Ansi::new(out)) } else { Box::new(NoColor::new(out)) };
    let config = Config::default();
    for e in errors {
        let file = SimpleFile::new(e.source.name.as_str(), e.source.text.as_str());
        let mut report = if warning { Report::warning() } else { Report::error() };
        report = report.with_message(&e.message).with_notes(e.notes.clone());
        if let Some(span) = &e.span {
            let end = span.end.min(e.source.text.len());
            report = report.with_labels(vec![Label::primary((), span.start.min(end)..end)]);
        } else {
            report = report.with_notes(vec![format!("in {}", e.source.name)]);
        }
        term::emit(&mut *writer, &config, &file, &report).map_err(io::Error::other)?;
    }
    Ok(())
}
