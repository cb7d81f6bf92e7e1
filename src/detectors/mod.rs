//! Built-in detectors: what a regex or a phrase list cannot express.
//!
//! A detector is Rust code behind a rule: the rule's TOML names it
//! (`detector = "duplicate-line"`) and carries its parameters in
//! `[rule.params]`, so thresholds and word lists stay in TOML where rule
//! authors can tune them, and the rule's examples test the detector like any
//! other rule. One detector per file; each exports an [`Info`] listed in
//! [`DETECTORS`].
//!
//! A detector sees the whole segmented [`Document`] and reports
//! [`Finding`]s. It never prints and never knows which rule id it runs
//! under: the engine attaches the rule's id, severity and message.

use serde::de::DeserializeOwned;

use crate::document::Document;
use crate::finding::Finding;

pub(crate) mod byte_masks;
mod calque;
mod control_character;
mod duplicate_line;
pub(crate) mod gazetteer;
mod glued_sentence;
mod html_entity;
mod invisible;
mod mojibake;
mod name_drift;
pub(crate) mod navigation;
mod nbsp_in_word;
mod normalization;
mod quote_style;
mod quotes;
mod replacement_character;
mod sentence_split;
mod source_line;
mod stamp_line;
mod truncated_sentence;
mod unbalanced_quote;
mod untranslated;

/// A built-in check over one document.
pub trait Detector: Send + Sync {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Finding>);

    /// Compiles what the detector compiles when first needed (see
    /// [`BuildContext::compile`]); the first failure is the error.
    fn compile_all(&self) -> Result<(), String> {
        Ok(())
    }
}

/// Builds a detector from its `[rule.params]`.
pub type BuildFn = fn(&toml::Table, &BuildContext) -> Result<Box<dyn Detector>, String>;

/// What the loader needs to know about a detector.
pub struct Info {
    pub name: &'static str,
    /// Message placeholders the detector fills in, besides `{match}`.
    pub args: &'static [&'static str],
    pub build: BuildFn,
}

/// Settings from the configuration that detectors may need.
#[derive(Clone, Debug)]
pub struct BuildContext {
    /// The corpus language as an ISO 639-1 code (`en`).
    pub language: String,
    /// Right spellings of people's names from every `gazetteer` rule loaded
    /// (canonical and accepted forms), so corpus checks defer to them.
    pub known_names: std::sync::Arc<[String]>,
    /// When the detector compiles its regexes: a built-in rule's when first
    /// needed, a user's at load.
    pub compile: crate::rules::regex::Compile,
}

impl Default for BuildContext {
    fn default() -> Self {
        BuildContext {
            language: "en".into(),
            known_names: std::sync::Arc::new([]),
            compile: crate::rules::regex::Compile::Now,
        }
    }
}

/// Every built-in detector.
pub static DETECTORS: &[Info] = &[
    calque::INFO,
    control_character::INFO,
    duplicate_line::INFO,
    gazetteer::INFO,
    glued_sentence::INFO,
    html_entity::INFO,
    invisible::INFO,
    mojibake::INFO,
    name_drift::INFO,
    navigation::INFO,
    nbsp_in_word::INFO,
    normalization::INFO,
    quote_style::INFO,
    replacement_character::INFO,
    sentence_split::INFO,
    source_line::INFO,
    stamp_line::INFO,
    truncated_sentence::INFO,
    unbalanced_quote::INFO,
    untranslated::INFO,
];

/// Lowercase words inside a proper name in other languages, between its
/// capitalised words: a person's (`Jan de Vries`, `Ana dos Santos`) or a
/// publication's (`Diario del Levante`, `Gazeta z Krakowa`).
pub(super) const NAME_PARTICLES: &[&str] = &[
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "el", "z", "ze", "y", "i",
    "e", "van", "von", "der", "den", "ten", "ter", "bin", "al", "los", "las", "les",
];

/// Why a detector will be slow with these `[rule.params]`, for the loader
/// to warn about (the detector still builds and runs).
pub fn slowness(name: &str, table: &toml::Table) -> Option<String> {
    match name {
        "truncated-sentence" => truncated_sentence::slowness(table),
        "calque" => calque::slowness(table),
        _ => None,
    }
}

/// Looks a detector up by name.
pub fn find(name: &str) -> Option<&'static Info> {
    DETECTORS.iter().find(|d| d.name == name)
}

/// For a detector without parameters: any key in `[rule.params]` is a typo.
pub fn no_params(table: &toml::Table) -> Result<(), String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Empty {}
    params::<Empty>(table).map(|_| ())
}

/// A regex param of a detector, compiled; a broken one is a load error that
/// names the param.
pub fn regex_param(name: &str, regex: &str) -> Result<regex::Regex, String> {
    regex::Regex::new(regex).map_err(|e| format!("invalid regex in `{name}`: {e}"))
}

/// Deserializes a detector's `[rule.params]` table into its parameter struct
/// (use `#[serde(deny_unknown_fields)]` there so typos are load errors).
pub fn params<P: DeserializeOwned>(table: &toml::Table) -> Result<P, String> {
    toml::Value::Table(table.clone())
        .try_into()
        .map_err(|e: toml::de::Error| format!("invalid params: {}", e.message()))
}
