//! Which files to lint.
//!
//! Paths given on the command line may be files, directories or glob
//! patterns. Files named explicitly are always linted (unless
//! `force_exclude` and an exclude glob matches them: that is what pre-commit
//! needs, since it passes every staged file explicitly). Directories are
//! walked recursively with ripgrep's rules: hidden files and paths ignored by
//! `.gitignore`/`.ignore` are skipped, symlinks are not followed (so a
//! symlink loop cannot trap the walk), and only files whose names match the
//! include globs (`*.txt`, `*.md` by default) are taken. The result is sorted
//! so output is deterministic.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

/// File-name globs a directory walk includes by default.
pub const DEFAULT_INCLUDE: &[&str] =
    &["*.txt", "*.md", "*.jsonl", "*.jsonl.gz", "*.jsonl.zst", "*.ndjson", "*.ndjson.gz", "*.ndjson.zst"];

#[derive(Debug, Clone)]
pub struct DiscoverOptions {
    /// File-name globs for files found by walking directories.
    pub include: Vec<String>,
    /// Path globs to skip (matched at any depth unless rooted with `/`).
    pub exclude: Vec<String>,
    /// Walk into hidden files and directories.
    pub hidden: bool,
    /// Skip what `.gitignore` and `.ignore` files exclude.
    pub respect_ignore_files: bool,
    /// Apply `exclude` to explicitly named files too.
    pub force_exclude: bool,
}

impl Default for DiscoverOptions {
    fn default() -> Self {
        DiscoverOptions {
            include: DEFAULT_INCLUDE.iter().map(|s| s.to_string()).collect(),
            exclude: Vec::new(),
            hidden: false,
            respect_ignore_files: true,
            force_exclude: false,
        }
    }
}

/// A file to lint, or `-` for standard input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Discovered {
    pub path: PathBuf,
}

impl Discovered {
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }
}

/// A path that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Expands `paths` into a sorted, de-duplicated list of files.
pub fn discover(
    paths: &[PathBuf],
    options: &DiscoverOptions,
) -> Result<(Vec<Discovered>, Vec<InputError>), String> {
    let include = globset(&options.include, false)?;
    let exclude = globset(&options.exclude, true)?;
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            found.push(Discovered { path: path.clone() });
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, options, &include, &exclude, &mut found, &mut errors),
            Ok(_) => {
                if !(options.force_exclude && is_excluded(&exclude, path)) {
                    found.push(Discovered { path: path.clone() });
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && has_glob_chars(path) => {
                expand_glob(path, options, &include, &exclude, &mut found, &mut errors)
            }
            Err(e) => errors.push(InputError { path: path.clone(), message: io_message(&e) }),
        }
    }
    for d in &mut found {
        if let Ok(stripped) = d.path.strip_prefix("./") {
            d.path = stripped.to_path_buf();
        }
    }
    found.sort();
    found.dedup();
    Ok((found, errors))
}

fn walk(
    root: &Path,
    options: &DiscoverOptions,
    include: &GlobSet,
    exclude: &GlobSet,
    found: &mut Vec<Discovered>,
    errors: &mut Vec<InputError>,
) {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(!options.hidden)
        .git_ignore(options.respect_ignore_files)
        .git_exclude(options.respect_ignore_files)
        .git_global(options.respect_ignore_files)
        .ignore(options.respect_ignore_files)
        .parents(options.respect_ignore_files)
        .follow_links(false)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && include.is_match(Path::new(entry.file_name())) && !is_excluded(exclude, path) {
                    found.push(Discovered { path: path.to_path_buf() });
                }
            }
            Err(e) => errors.push(InputError { path: root.to_path_buf(), message: e.to_string() }),
        }
    }
}

fn expand_glob(
    pattern: &Path,
    options: &DiscoverOptions,
    include: &GlobSet,
    exclude: &GlobSet,
    found: &mut Vec<Discovered>,
    errors: &mut Vec<InputError>,
) {
    let text = pattern.to_string_lossy();
    let matches = match glob::glob(&text) {
        Ok(m) => m,
        Err(e) => {
            errors.push(InputError {
                path: pattern.to_path_buf(),
                message: format!("invalid glob pattern: {e}"),
            });
            return;
        }
    };
    let before = found.len();
    for m in matches {
        match m {
            Ok(p) if p.is_dir() => walk(&p, options, include, exclude, found, errors),
            Ok(p) if !is_excluded(exclude, &p) => found.push(Discovered { path: p }),
            Ok(_) => {}
            Err(e) => {
                errors.push(InputError { path: e.path().to_path_buf(), message: io_message(e.error()) })
            }
        }
    }
    if found.len() == before {
        errors
            .push(InputError { path: pattern.to_path_buf(), message: "no files match this pattern".into() });
    }
}

fn has_glob_chars(path: &Path) -> bool {
    path.to_string_lossy().contains(['*', '?', '['])
}

fn is_excluded(exclude: &GlobSet, path: &Path) -> bool {
    let path = path.strip_prefix("./").unwrap_or(path);
    exclude.is_match(path)
}

/// Builds a glob set. For path globs, a pattern not rooted with `/` or `**/`
/// also matches at any depth, as in `.gitignore`.
fn globset(patterns: &[String], any_depth: bool) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        let glob = |p: &str| -> Result<Glob, String> {
            GlobBuilder::new(p)
                .literal_separator(any_depth)
                .build()
                .map_err(|e| format!("invalid glob `{p}`: {e}"))
        };
        if any_depth {
            if let Some(rooted) = p.strip_prefix('/') {
                builder.add(glob(rooted)?);
                continue;
            }
            builder.add(glob(&format!("**/{p}"))?);
            builder.add(glob(&format!("**/{p}/**"))?);
        }
        builder.add(glob(p)?);
    }
    builder.build().map_err(|e| e.to_string())
}

/// An I/O error as a short lowercase message, without Rust's `(os error 2)`.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        _ => {
            // "Too many levels of symbolic links (os error 40)" -> "too many levels of symbolic links"
            let s = e.to_string();
            let s = s.split(" (os error").next().unwrap_or(&s);
            let mut chars = s.chars();
            match (chars.next(), chars.clone().next()) {
                (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
                    first.to_lowercase().chain(chars).collect()
                }
                _ => s.to_string(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(found: &[Discovered], root: &Path) -> Vec<String> {
        found.iter().map(|d| d.path.strip_prefix(root).unwrap().display().to_string()).collect()
    }

    #[test]
    fn walks_directories_with_includes_excludes_and_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in ["a.txt", "b.md", "c.json", ".hidden.txt", "drafts/d.txt", "sub/e.txt", "sub/drafts/f.txt"] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let options = DiscoverOptions { exclude: vec!["drafts".into()], ..DiscoverOptions::default() };
        let (found, errors) = discover(&[root.to_path_buf()], &options).unwrap();
        assert!(errors.is_empty());
        assert_eq!(names(&found, root), ["a.txt", "b.md", "sub/e.txt"]);
    }

    #[test]
    fn explicit_files_ignore_excludes_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.json");
        std::fs::write(&file, "x").unwrap();
        let mut options = DiscoverOptions { exclude: vec!["*.json".into()], ..DiscoverOptions::default() };
        assert_eq!(discover(std::slice::from_ref(&file), &options).unwrap().0.len(), 1);
        options.force_exclude = true;
        assert!(discover(&[file], &options).unwrap().0.is_empty());
    }

    #[test]
    fn missing_paths_and_empty_globs_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let (found, errors) = discover(
            &[dir.path().join("nope.txt"), dir.path().join("*.nothing")],
            &DiscoverOptions::default(),
        )
        .unwrap();
        assert!(found.is_empty());
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].message, "no such file or directory");
        assert_eq!(errors[1].message, "no files match this pattern");
    }

    #[test]
    fn globs_expand() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["x1.txt", "x2.txt", "y.txt"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let (found, _) = discover(&[dir.path().join("x*.txt")], &DiscoverOptions::default()).unwrap();
        assert_eq!(names(&found, dir.path()), ["x1.txt", "x2.txt"]);
    }
}
