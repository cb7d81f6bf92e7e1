//! Replays every input in `fuzz/regressions/TARGET/` through the invariants
//! of that fuzz target, so a bug a fuzzer found stays fixed.

mod common;
#[path = "common/invariants.rs"]
mod invariants;

fn replay(target: &str, check: impl Fn(&[u8])) -> usize {
    let dir = common::root().join("fuzz/regressions").join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        eprintln!("replaying {}", path.display());
        check(&bytes);
        n += 1;
    }
    n
}

#[test]
fn segment_regressions() {
    replay("segment", |b| invariants::check_document(&String::from_utf8_lossy(b)));
}

#[test]
fn lint_regressions() {
    replay("lint", invariants::check_bytes);
}

#[test]
fn fix_regressions() {
    replay("fix", |b| invariants::check_fix(&String::from_utf8_lossy(b)));
}

#[test]
fn rules_regressions() {
    replay("rules", |b| {
        if let Ok(text) = std::str::from_utf8(b) {
            invariants::check_rule_source(text);
        }
    });
}
