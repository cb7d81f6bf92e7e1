//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The newslint binary, run from the repository root with no config file
/// influence (`--isolated` is added by callers that need it).
pub fn newslint() -> Command {
    let mut cmd = Command::cargo_bin("newslint").expect("binary built");
    cmd.current_dir(root());
    cmd.env_remove("NO_COLOR");
    cmd
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

/// Runs newslint and returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    run_in(&root(), args)
}

pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = newslint().current_dir(dir).args(args).output().expect("newslint runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
        String::from_utf8(out.stderr).expect("utf-8 stderr"),
    )
}

/// Parses `--format json` output with a real JSON parser.
pub fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{stdout}"))
}
