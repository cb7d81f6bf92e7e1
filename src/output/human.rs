//! The default format: rustc-style diagnostics via codespan-reporting.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{
    Diagnostic as Report, Label as ReportLabel, Severity as ReportSeverity,
};
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use super::position::LineIndex;
use super::snippet::Snippet;
use super::{Options, Printer, Source, Summary};
use crate::diagnostic::{Diagnostic, Safety, Severity};
use crate::rules::message::excerpt;

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorMode {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

pub struct Human<'w> {
    out: Box<dyn WriteColor + 'w>,
    config: Config,
    options: Options,
}

impl<'w> Human<'w> {
    /// `options.color` must already be resolved: `Auto` is treated as `Never`.
    pub fn new(out: Box<dyn Write + 'w>, options: &Options) -> Human<'w> {
        let out: Box<dyn WriteColor + 'w> = match options.color {
            ColorMode::Always => Box::new(Ansi::new(out)),
            _ => Box::new(NoColor::new(out)),
        };
        Human { out, config: Config::default(), options: options.clone() }
    }
}

impl Printer for Human<'_> {
    fn source(&mut self, source: &Source<'_>, diagnostics: &[Diagnostic]) -> io::Result<()> {
        if self.options.statistics || diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(source.text);
        for d in diagnostics {
            let mut spans = vec![d.span];
            spans.extend(d.labels.iter().filter_map(|l| l.span));
            let snippet = Snippet::new(
                source.name,
                source.text,
                &index,
                &spans,
                (source.line_offset, source.column_offset),
            );
            let report = report(d, &snippet, source.text);
            term::emit(&mut *self.out, &self.config, &snippet, &report).map_err(io::Error::other)?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if self.options.statistics {
            super::write_statistics(&mut *self.out, summary)?;
        }
        if !self.options.quiet {
            if let Some(line) = super::fixed_line(summary) {
                writeln!(self.out, "{line}")?;
            }
            writeln!(self.out, "{}", super::summary_line(summary))?;
            if let Some(line) = super::fixable_line(summary) {
                writeln!(self.out, "{line}")?;
            }
        }
        self.out.flush()
    }
}

fn report(d: &Diagnostic, snippet: &Snippet<'_>, text: &str) -> Report<()> {
    let severity = match d.severity {
        Severity::Error => ReportSeverity::Error,
        Severity::Warning => ReportSeverity::Warning,
        Severity::Info => ReportSeverity::Note,
    };
    let mut labels = vec![ReportLabel::primary((), snippet.map_span(d.span))];
    let mut notes = Vec::new();
    for label in &d.labels {
        match (label.span, &label.location) {
            (Some(span), _) => {
                labels.push(ReportLabel::secondary((), snippet.map_span(span)).with_message(&label.message))
            }
            (None, Some(loc)) => notes.push(format!("{}: {loc}", label.message)),
            (None, None) => notes.push(label.message.clone()),
        }
    }
    if let Some(fix) = &d.fix {
        let what = if fix.replacement.is_empty() {
            format!("delete `{}`", excerpt(&text[fix.span.range()], 50))
        } else {
            format!("replace with `{}`", excerpt(&fix.replacement, 60))
        };
        let how = match fix.safety {
            Safety::Safe => "",
            Safety::Unsafe => " (unsafe fix: needs --unsafe-fixes)",
        };
        notes.push(format!("help: {what}{how}"));
    }
    if let Some(why) = &d.note {
        notes.push(format!("note: {}", first_sentence(why)));
    }
    let marker = if d.fix.as_ref().is_some_and(|f| f.safety == Safety::Safe) { " [*]" } else { "" };
    Report::new(severity)
        .with_code(&*d.rule)
        .with_message(format!("{}{marker}", d.message))
        .with_labels(labels)
        .with_notes(notes)
}

/// The first sentence of a multi-line `why`, on one line.
fn first_sentence(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.find(". ") {
        Some(i) => one_line[..=i].to_string(),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn first_sentence_is_one_line() {
        assert_eq!(
            super::first_sentence("Scrapers often\ncapture it. Then more."),
            "Scrapers often capture it."
        );
    }
}
