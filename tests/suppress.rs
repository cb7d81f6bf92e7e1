//! Inline suppression comments and `--report-unused-suppressions`, end to end.

mod common;

use std::fs;

use common::{json, run_in};

const BAD: &str = "He said “ we will stay” and left.";

fn rules_of(out: &str) -> Vec<(String, u64)> {
    json(out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap()))
        .collect()
}

#[test]
fn comments_suppress_lines_and_ranges_in_markdown_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "# Title\n\n<!-- newslint-disable-next-line quote-spacing -->\n{BAD}\n\n{BAD}\n\n\
         <!-- newslint-disable -->\n{BAD}\n<!-- newslint-enable -->\n\n{BAD}\n"
    );
    for name in ["a.md", "a.txt"] {
        fs::write(dir.path().join(name), &text).unwrap();
        let (_, out, _) =
            run_in(dir.path(), &["--isolated", "--select", "quote-spacing", "--format", "json", name]);
        assert_eq!(
            rules_of(&out),
            [("quote-spacing".to_string(), 6), ("quote-spacing".to_string(), 12)],
            "{name}"
        );
    }
}

#[test]
fn unused_suppressions_are_reported_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("<!-- newslint-disable-next-line site-chrome -->\n{BAD}\n");
    fs::write(dir.path().join("a.md"), &text).unwrap();
    let args = ["--isolated", "--select", "quote-spacing", "--format", "json", "a.md"];
    let (_, out, _) = run_in(dir.path(), &args);
    assert_eq!(rules_of(&out), [("quote-spacing".to_string(), 2)]);
    let (code, out, _) = run_in(dir.path(), &[&args[..], &["--report-unused-suppressions"]].concat());
    assert_eq!(code, 1);
    assert_eq!(rules_of(&out), [("unused-suppression".to_string(), 1), ("quote-spacing".to_string(), 2)]);
    let (code, out, _) = run_in(dir.path(), &["explain", "unused-suppression", "--isolated"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn suppressed_findings_are_not_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("<!-- newslint-disable-next-line -->\n{BAD}\n{BAD}\n");
    fs::write(dir.path().join("a.md"), &text).unwrap();
    run_in(dir.path(), &["--isolated", "--fix", "a.md"]);
    let fixed = fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert_eq!(
        fixed,
        format!("<!-- newslint-disable-next-line -->\n{BAD}\n{}\n", BAD.replace("“ we", "“we"))
    );
}

#[test]
fn config_overrides_silence_files_that_cannot_hold_comments() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("wire")).unwrap();
    fs::write(dir.path().join("wire/a.txt"), format!("{BAD}\n")).unwrap();
    fs::write(dir.path().join("b.txt"), format!("{BAD}\n")).unwrap();
    fs::write(
        dir.path().join("newslint.toml"),
        "[[overrides]]\npaths = [\"wire/**\"]\nignore = [\"quote-spacing\"]\n",
    )
    .unwrap();
    let (_, out, _) = run_in(dir.path(), &["--select", "quote-spacing", "--format", "json", "."]);
    let paths: Vec<_> = json(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["b.txt"]);
}

#[test]
fn one_line_flagged_by_two_chrome_rules_is_reported_once_until_one_is_suppressed() {
    let dir = tempfile::tempdir().unwrap();
    let body = "The council met on Monday and agreed the budget after a long debate, officials said.";
    fs::write(dir.path().join("a.txt"), format!("Budget passes\n\n{body}\n\nRead more:\n")).unwrap();
    let args = ["--isolated", "--select", "site-chrome,site-chrome-prompt", "--format", "json", "a.txt"];
    let (_, out, _) = run_in(dir.path(), &args);
    assert_eq!(rules_of(&out), [("site-chrome".to_string(), 5)]);
    // Each rule still reports the line on its own.
    let (_, out, _) =
        run_in(dir.path(), &["--isolated", "--select", "site-chrome-prompt", "--format", "json", "a.txt"]);
    assert_eq!(rules_of(&out), [("site-chrome-prompt".to_string(), 5)]);
    // Suppressing the rule that was kept leaves the other's report.
    let suppressed =
        format!("Budget passes\n\n{body}\n\n<!-- newslint-disable-next-line site-chrome -->\nRead more:\n");
    fs::write(dir.path().join("a.txt"), suppressed).unwrap();
    let (_, out, _) = run_in(dir.path(), &args);
    assert_eq!(rules_of(&out), [("site-chrome-prompt".to_string(), 6)]);
}

#[test]
fn a_credit_line_after_the_article_is_reported_once() {
    // Both site-chrome-credit and site-chrome-trailer see the line; the
    // report is one.
    let dir = tempfile::tempdir().unwrap();
    let body = "The council met on Monday and agreed the budget after a long debate, officials said.";
    let text = format!(
        "Budget passes\n\n{body}\n\nPhoto: Jane Doe / Reuters\nKing opens parliament with a speech on housing and rents\n"
    );
    fs::write(dir.path().join("a.txt"), text).unwrap();
    let args =
        ["--isolated", "--select", "site-chrome-credit,site-chrome-trailer", "--format", "json", "a.txt"];
    let (_, out, _) = run_in(dir.path(), &args);
    assert_eq!(
        rules_of(&out),
        [("site-chrome-credit".to_string(), 5), ("site-chrome-trailer".to_string(), 6)]
    );
}
