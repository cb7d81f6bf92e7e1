//! newslint: a linter for news-text corpora.
//!
//! Scraped and machine-translated news carries defects nobody sees until they
//! do damage: site chrome left by the scraper, source-language typography,
//! broken sentence segmentation, mojibake, misspelled names, leaked metadata.
//! newslint finds them the way a compiler finds bugs.
//!
//! The library is the engine: [`Linter::lint`] takes a text and returns
//! plain [`Diagnostic`]s (rule id, severity, byte span, message, optional
//! fix). Rendering them for a terminal, CI or a pipeline is the job of
//! [`output`]; the command-line front end lives in [`cli`].

pub mod baseline;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod detectors;
pub mod diagnostic;
pub mod document;
pub mod error;
pub mod finding;
pub mod fix;
pub mod fix_write;
pub mod hash;
pub mod input;
pub mod lint;
pub mod memory;
pub mod output;
pub mod rules;
pub mod run;
pub mod suppress;
pub mod timings;

pub use diagnostic::{Diagnostic, Fix, Label, Safety, Severity, Span};
pub use document::Document;
pub use lint::Linter;
