//! Snapshots of the rendered output on the fixture corpora. A change in what
//! newslint reports shows up here as a diff to review (`cargo insta review`).

mod common;

use common::run;

fn snapshot(name: &str, args: &[&str]) {
    let (_, out, err) = run(args);
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"in \d+ ms", "in [TIME] ms");
    settings.add_filter(r#""elapsed_ms":\d+"#, r#""elapsed_ms":0"#);
    settings.bind(|| insta::assert_snapshot!(name, format!("{out}{err}")));
}

#[test]
fn human_output_on_seeds() {
    snapshot("human_seeds", &["--isolated", "--color", "never", "fixtures/seeds"]);
}

#[test]
fn json_output_on_seeds() {
    snapshot("json_seeds", &["--isolated", "--format", "json", "fixtures/seeds"]);
}

#[test]
fn human_output_on_defects() {
    snapshot("human_defects", &["--isolated", "--color", "never", "fixtures/defects"]);
}

#[test]
fn concise_output_on_clean() {
    snapshot("concise_clean", &["--isolated", "--format", "concise", "fixtures/clean"]);
}
