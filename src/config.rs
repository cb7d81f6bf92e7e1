//! The configuration file: `newslint.toml` or `.newslint.toml`, found by
//! walking up from the current directory, or given with `--config`.
//!
//! ```toml
//! language = "en"                  # the corpus language
//! select = ["scraping", "quote-spacing"]   # rule ids or categories
//! ignore = ["dash-misuse"]
//! fail-on = "warning"              # what makes the exit code 1
//! rules = ["house-rules"]          # extra rule directories, relative to this file
//! include = ["*.txt", "*.md"]      # which files directories yield
//! exclude = ["drafts/**"]
//!
//! [severity]
//! mt-calque = "warning"
//!
//! [params.untranslated-paragraph]  # override a detector's [rule.params]
//! min-words = 12
//!
//! [[overrides]]                    # per-path adjustments
//! paths = ["wire/**"]
//! ignore = ["dash-misuse"]
//! ```
//!
//! Unknown keys are errors that point at the key, like rule-file errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{LoadError, SourceFile};

/// File names looked for, in order, in each directory walking up.
pub const FILE_NAMES: &[&str] = &["newslint.toml", ".newslint.toml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    pub language: Option<Spanned<String>>,
    pub select: Option<Vec<String>>,
    #[serde(default)]
    pub extend_select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    pub fail_on: Option<Severity>,
    #[serde(default)]
    pub rules: Vec<String>,
    pub include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    #[serde(default)]
    pub params: BTreeMap<String, Spanned<toml::Table>>,
    #[serde(default)]
    pub overrides: Vec<Spanned<OverrideDef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OverrideDef {
    pub paths: Vec<String>,
    #[serde(default)]
    pub select: Option<Vec<String>>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
}

/// A loaded configuration and where it came from.
#[derive(Debug, Default)]
pub struct Config {
    pub file: ConfigFile,
    /// The config file, if any; relative paths in it resolve against its directory.
    pub source: Option<Arc<SourceFile>>,
    pub dir: Option<PathBuf>,
}

impl Config {
    /// Finds the nearest config file walking up from `start`.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start.ancestors().flat_map(|dir| FILE_NAMES.iter().map(move |n| dir.join(n))).find(|p| p.is_file())
    }

    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<Config, Vec<LoadError>> {
        let source = crate::error::read_source(path, "config file").map_err(|e| vec![e])?;
        let mut config = Config::parse(&source.name, source.text.clone())?;
        config.dir = path
            .parent()
            .map(|d| if d.as_os_str().is_empty() { PathBuf::from(".") } else { d.to_path_buf() });
        Ok(config)
    }

    /// Parses and validates the text of a config file named `name`.
    pub fn parse(name: &str, text: String) -> Result<Config, Vec<LoadError>> {
        let source = Arc::new(SourceFile { name: name.to_string(), text, builtin: false });
        let file: ConfigFile = toml::from_str(&source.text)
            .map_err(|e| vec![LoadError::new(&source, e.span(), e.message().trim_end().to_string())])?;
        for o in &file.overrides {
            for p in &o.get_ref().paths {
                if let Err(e) = Glob::new(p) {
                    return Err(vec![LoadError::new(
                        &source,
                        Some(o.span()),
                        format!("invalid glob `{p}`: {e}"),
                    )]);
                }
            }
        }
        for p in file.exclude.iter().chain(file.include.iter().flatten()) {
            if let Err(e) = Glob::new(p.get_ref()) {
                let message = format!("invalid glob `{}`: {e}", p.get_ref());
                return Err(vec![LoadError::new(&source, Some(p.span()), message)]);
            }
        }
        Ok(Config { file, source: Some(source), dir: None })
    }

    /// Extra rule directories, resolved against the config file's directory.
    pub fn rule_dirs(&self) -> Vec<PathBuf> {
        self.file.rules.iter().map(|r| self.resolve(r)).collect()
    }

    fn resolve(&self, p: &str) -> PathBuf {
        match &self.dir {
            Some(d) => d.join(p),
            None => PathBuf::from(p),
        }
    }

    /// The error to report for a problem tied to the config file as a whole.
    pub fn error(&self, span: Option<std::ops::Range<usize>>, message: impl Into<String>) -> LoadError {
        let source = self.source.clone().unwrap_or_else(|| {
            Arc::new(SourceFile { name: "<config>".into(), text: String::new(), builtin: false })
        });
        LoadError::new(&source, span, message)
    }

    /// Compiles the per-path overrides.
    pub fn overrides(&self) -> Vec<Override> {
        self.file
            .overrides
            .iter()
            .map(|o| {
                let o = o.get_ref();
                let mut builder = GlobSetBuilder::new();
                for p in &o.paths {
                    builder.add(Glob::new(p).expect("validated at load"));
                }
                Override {
                    paths: builder.build().expect("validated at load"),
                    select: o.select.clone(),
                    ignore: o.ignore.clone(),
                    severity: o.severity.clone(),
                }
            })
            .collect()
    }
}

/// Rule selection by id or category: what `--select`, `--ignore` and the
/// config's lists hold.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// `None` selects every rule that is enabled by default.
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
}

impl Selection {
    /// Whether a rule is selected. An explicit id in `select` turns on a rule
    /// that is off by default; a category only selects default-enabled rules.
    pub fn selects(&self, id: &str, category: &str, enabled_by_default: bool) -> bool {
        if self.ignore.iter().any(|s| s == id || s == category || s == "all") {
            return false;
        }
        match &self.select {
            None => enabled_by_default,
            Some(list) => {
                list.iter().any(|s| s == id)
                    || (enabled_by_default && list.iter().any(|s| s == category || s == "all"))
            }
        }
    }
}

/// Adjustments for files matching some globs.
#[derive(Debug)]
pub struct Override {
    pub paths: GlobSet,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
}

/// Per-path policy: filters and re-grades diagnostics after linting.
#[derive(Debug, Default)]
pub struct Policy {
    pub severity: BTreeMap<String, Severity>,
    pub overrides: Vec<Override>,
}

impl Policy {
    /// Applies severity overrides and per-path overrides to the diagnostics of `path`.
    pub fn apply(&self, path: &Path, diagnostics: &mut Vec<Diagnostic>) {
        for d in diagnostics.iter_mut() {
            if let Some(s) = self.severity.get(&*d.rule) {
                d.severity = *s;
            }
        }
        let path = path.strip_prefix("./").unwrap_or(path);
        for o in self.overrides.iter().filter(|o| o.paths.is_match(path)) {
            let selection = Selection { select: o.select.clone(), ignore: o.ignore.clone() };
            diagnostics.retain(|d| selection.selects(&d.rule, &d.category, true));
            for d in diagnostics.iter_mut() {
                if let Some(s) = o.severity.get(&*d.rule).or_else(|| o.severity.get(&*d.category)) {
                    d.severity = *s;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_by_id_category_and_default() {
        let all = Selection::default();
        assert!(all.selects("quote-spacing", "typography", true));
        assert!(!all.selects("quote-style", "typography", false));
        let s = Selection { select: Some(vec!["typography".into()]), ignore: vec!["dash-misuse".into()] };
        assert!(s.selects("quote-spacing", "typography", true));
        assert!(!s.selects("quote-style", "typography", false), "categories do not enable opt-in rules");
        assert!(!s.selects("dash-misuse", "typography", true));
        assert!(!s.selects("site-chrome", "scraping", true));
        let s = Selection { select: Some(vec!["quote-style".into()]), ignore: vec![] };
        assert!(s.selects("quote-style", "typography", false));
    }

    #[test]
    fn unknown_keys_point_at_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newslint.toml");
        std::fs::write(&path, "language = \"en\"\nselcet = [\"x\"]\n").unwrap();
        let errors = Config::load(&path).unwrap_err();
        assert_eq!(errors[0].line(), Some(2));
        assert!(errors[0].message.contains("selcet"), "{}", errors[0].message);
    }

    #[test]
    fn discover_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".newslint.toml"), "").unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(Config::discover(&deep).unwrap(), dir.path().join(".newslint.toml"));
    }
}
