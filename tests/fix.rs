//! `--fix`, `--unsafe-fixes` and `--diff` on real files: what changes, what
//! must not (line endings, BOM, final newline, permissions), idempotence,
//! failing writes, and atomicity under SIGKILL.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{fixtures, json, run_in};

/// A fresh copy of the seed corpus in a temporary directory, as `DIR/seeds`.
fn seeds_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures("seeds"), &dir.path().join("seeds"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        files.insert(p.clone(), fs::read(&p).unwrap());
    }
    files
}

/// Safe-fix spans per file (byte ranges into the original text).
fn safe_fix_spans(dir: &Path) -> BTreeMap<String, Vec<(usize, usize)>> {
    let (_, out, _) = run_in(dir, &["--isolated", "--format", "json", "seeds"]);
    let mut spans: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for d in json(&out)["diagnostics"].as_array().unwrap() {
        if d["fix"]["safety"] == "safe" {
            let span = &d["fix"]["span"];
            let path = d["path"].as_str().unwrap().to_string();
            spans
                .entry(path)
                .or_default()
                .push((span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize));
        }
    }
    spans
}

/// The byte ranges of `old` that differ from `new` (char-level diff).
fn changed_ranges(old: &str, new: &str) -> Vec<(usize, usize)> {
    let offsets: Vec<usize> = old.char_indices().map(|(i, _)| i).chain([old.len()]).collect();
    let diff = similar::TextDiff::from_chars(old, new);
    diff.ops()
        .iter()
        .filter(|op| op.tag() != similar::DiffTag::Equal)
        .map(|op| {
            let r = op.old_range();
            (offsets[r.start], offsets[r.end])
        })
        .collect()
}

#[test]
fn fix_removes_every_safe_fixable_diagnostic_changes_only_flagged_spans_and_is_idempotent() {
    let dir = seeds_copy();
    let seeds = dir.path().join("seeds");
    let before = snapshot(&seeds);
    let spans = safe_fix_spans(dir.path());
    let fixable: usize = spans.values().map(Vec::len).sum();
    assert!(fixable > 0, "the seeds have safe fixes");

    let (code, out, err) = run_in(dir.path(), &["--isolated", "--fix", "seeds"]);
    assert!(code == 0 || code == 1, "{out}{err}");
    assert!(out.contains(&format!("Fixed {fixable} diagnostic")), "{out}");

    // No safe fix is left.
    let (_, out, _) = run_in(dir.path(), &["--isolated", "--format", "json", "seeds"]);
    assert_eq!(json(&out)["summary"]["fixable"], 0, "{out}");

    // Only bytes inside the fixes' spans changed.
    let after = snapshot(&seeds);
    let mut changed_files = 0;
    for (path, old) in &before {
        let new = &after[path];
        let name = format!("seeds/{}", path.file_name().unwrap().to_string_lossy());
        let allowed = spans.get(&name).cloned().unwrap_or_default();
        if old == new {
            continue;
        }
        changed_files += 1;
        let (old, new) = (std::str::from_utf8(old).unwrap(), std::str::from_utf8(new).unwrap());
        for (a, b) in changed_ranges(old, new) {
            assert!(
                allowed.iter().any(|&(s, e)| s <= a && b <= e),
                "{name}: change at {a}..{b} ({:?}) is outside every fix span {allowed:?}",
                &old[a..b]
            );
        }
    }
    assert_eq!(changed_files, spans.len());

    // A second run changes nothing, and --diff agrees.
    let (_, out, _) = run_in(dir.path(), &["--isolated", "--fix", "seeds"]);
    assert!(!out.contains("Fixed"), "{out}");
    assert_eq!(snapshot(&seeds), after);
    let (code, out, _) = run_in(dir.path(), &["--isolated", "--diff", "seeds"]);
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn diff_shows_what_fix_would_do_and_changes_nothing() {
    let dir = seeds_copy();
    let seeds = dir.path().join("seeds");
    let before = snapshot(&seeds);
    let (code, diff, err) = run_in(dir.path(), &["--isolated", "--diff", "seeds"]);
    assert_eq!(code, 1, "{err}");
    assert!(diff.starts_with("--- a/seeds/"), "{diff}");
    assert!(diff.contains("\n+++ b/seeds/") && diff.contains("\n@@ -"), "{diff}");
    assert!(err.contains("would be changed by --fix"), "{err}");
    assert_eq!(snapshot(&seeds), before, "--diff writes nothing");

    // Applying the diff with a real patch tool gives exactly what --fix writes.
    let patched = seeds_copy();
    let status = std::process::Command::new("patch")
        .current_dir(patched.path())
        .args(["-p1", "--quiet", "--no-backup-if-mismatch"])
        .stdin(
            fs::File::open({
                let p = dir.path().join("fix.diff");
                fs::write(&p, &diff).unwrap();
                p
            })
            .unwrap(),
        )
        .status()
        .expect("patch runs");
    assert!(status.success());
    run_in(dir.path(), &["--isolated", "--fix", "seeds"]);
    let fixed: Vec<_> = snapshot(&seeds).into_values().collect();
    let via_patch: Vec<_> = snapshot(&patched.path().join("seeds")).into_values().collect();
    assert_eq!(fixed, via_patch);
}

const QUOTES: &str = "He said “ we will stay” and left.";

#[test]
fn line_endings_bom_final_newline_and_permissions_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, String); 3] = [
        ("crlf_bom.txt", format!("\u{feff}Title\r\n\r\n{QUOTES}\r\nEnd.\r\n")),
        ("no_final_newline.txt", format!("Title\n\n{QUOTES}")),
        ("cr_only.txt", format!("Title\r\r{QUOTES}\rEnd.\r")),
    ];
    for (name, text) in &cases {
        fs::write(dir.path().join(name), text).unwrap();
    }
    #[cfg(unix)]
    let mode =
        |p: &Path| std::os::unix::fs::PermissionsExt::mode(&fs::metadata(p).unwrap().permissions()) & 0o7777;
    #[cfg(unix)]
    fs::set_permissions(dir.path().join("crlf_bom.txt"), std::os::unix::fs::PermissionsExt::from_mode(0o640))
        .unwrap();
    let (code, out, err) = run_in(dir.path(), &["--isolated", "--fix", "."]);
    assert_eq!(code, 0, "{out}{err}");
    for (name, text) in &cases {
        let fixed = fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(fixed, text.replace("“ we", "“we"), "{name}");
        assert_ne!(&fixed, text, "{name} was fixed");
    }
    #[cfg(unix)]
    assert_eq!(mode(&dir.path().join("crlf_bom.txt")), 0o640);
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 3, "no temporary files left: {names:?}");
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    let text = "The council meets in Brussels - the first time in years.\n";
    fs::write(&path, text).unwrap();
    let (_, out, _) =
        run_in(dir.path(), &["--isolated", "--select", "dash-misuse", "--format", "json", "a.txt"]);
    let doc = json(&out);
    let fix = &doc["diagnostics"][0]["fix"];
    assert_eq!(fix["safety"], "unsafe", "{out}");
    run_in(dir.path(), &["--isolated", "--select", "dash-misuse", "--fix", "a.txt"]);
    assert_eq!(fs::read_to_string(&path).unwrap(), text, "--fix leaves unsafe fixes alone");
    run_in(dir.path(), &["--isolated", "--select", "dash-misuse", "--fix", "--unsafe-fixes", "a.txt"]);
    assert_ne!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn human_output_marks_fixable_diagnostics_and_counts_them() {
    let (_, out, _) = common::run(&["--isolated", "--select", "quote-spacing", "fixtures/seeds"]);
    assert!(out.contains(" [*]"), "{out}");
    let last = out.trim_end().lines().last().unwrap();
    assert!(last.ends_with("fixable with --fix.") || last.contains("fixable with --fix ("), "{last}");
}

#[test]
fn jsonl_fixes_are_not_written_back_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shard.jsonl");
    let text = format!("{}\n", serde_json::json!({"id": "a", "text": QUOTES}));
    fs::write(&path, &text).unwrap();
    let (code, _, err) = run_in(dir.path(), &["--isolated", "--fix", "shard.jsonl"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("shard.jsonl: 1 fix not applied: fixes inside JSONL records are not written back"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

/// Runs newslint as an unprivileged user when the tests run as root (root
/// ignores directory permissions); as the current user otherwise.
fn unprivileged(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let root =
        std::process::Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n").unwrap_or(false);
    let bin = assert_cmd::cargo::cargo_bin("newslint");
    let mut cmd = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    let out = cmd.current_dir(dir).args(args).output().expect("newslint runs");
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[cfg(unix)]
#[test]
fn a_failing_write_is_an_error_and_leaves_the_file_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    let text = format!("{QUOTES}\n");
    fs::write(ro.join("a.txt"), &text).unwrap();
    fs::write(ro.join("b.txt"), "Clean text.\n").unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(ro.join("a.txt"), fs::Permissions::from_mode(0o666)).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    let (code, out, err) = unprivileged(dir.path(), &["--isolated", "--fix", "ro"]);
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("ro/a.txt: cannot write fixes: permission denied (file left unchanged)"), "{err}");
    assert!(out.contains("quote-spacing"), "the unfixed diagnostic is still reported: {out}");
    assert_eq!(fs::read_to_string(ro.join("a.txt")).unwrap(), text);
    assert_eq!(fs::read_dir(&ro).unwrap().count(), 2, "no temporary file left");
}

#[test]
fn stdin_is_never_written_back() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("named.txt");
    fs::write(&name, "Original.\n").unwrap();
    let out = common::newslint()
        .current_dir(dir.path())
        .args(["--isolated", "--fix", "--stdin-filename", "named.txt", "-"])
        .write_stdin(format!("{QUOTES}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--fix cannot write standard input back"));
    assert_eq!(fs::read_to_string(&name).unwrap(), "Original.\n");
    let out = common::newslint()
        .current_dir(dir.path())
        .args(["--isolated", "--diff", "--stdin-filename", "named.txt", "-"])
        .write_stdin(format!("{QUOTES}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("+He said “we will stay”"));
    assert_eq!(fs::read_to_string(&name).unwrap(), "Original.\n");
}
