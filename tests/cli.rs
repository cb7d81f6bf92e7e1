//! The command line, one case per behaviour: exit codes, formats, selection,
//! configuration and bad input.

mod common;

use common::{fixtures, json, run, run_in};

#[test]
fn seeds_have_findings_and_exit_1() {
    let (code, out, _) = run(&["--isolated", "fixtures/seeds"]);
    assert_eq!(code, 1);
    assert!(out.contains("warning[quote-spacing]"), "{out}");
    assert!(out.contains("┌─ fixtures/seeds/002_519e2195c9da8160.txt:"), "{out}");
    assert!(out.contains("Found "), "{out}");
}

#[test]
fn clean_fixtures_exit_0() {
    let (code, out, err) = run(&["--isolated", "fixtures/clean"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("All clean: 1571 files checked"), "{out}");
}

#[test]
fn exit_zero_and_fail_on_control_the_exit_code() {
    assert_eq!(run(&["--isolated", "--exit-zero", "fixtures/seeds"]).0, 0);
    assert_eq!(run(&["--isolated", "--fail-on", "error", "fixtures/seeds"]).0, 0);
    assert_eq!(run(&["--isolated", "--severity", "info", "fixtures/seeds"]).0, 1);
}

#[test]
fn missing_path_exits_2_with_a_message() {
    let (code, _, err) = run(&["--isolated", "no/such/dir"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/dir: no such file or directory"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["--format", "yaml", "fixtures/seeds"]).0, 2);
    assert_eq!(run(&["--no-such-flag"]).0, 2);
}

#[test]
fn json_output_is_one_parseable_document_with_exact_spans() {
    let (code, out, _) = run(&["--isolated", "--format", "json", "fixtures/seeds"]);
    assert_eq!(code, 1);
    let doc = json(&out);
    assert_eq!(doc["version"], 1);
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        let path = d["path"].as_str().unwrap();
        let bytes = std::fs::read(common::root().join(path)).unwrap();
        let (start, end) =
            (d["span"]["start"].as_u64().unwrap() as usize, d["span"]["end"].as_u64().unwrap() as usize);
        assert!(start < end && end <= bytes.len(), "{d}");
        assert!(std::str::from_utf8(&bytes[start..end]).is_ok(), "span on char boundaries: {d}");
        for key in
            ["rule", "category", "severity", "message", "line", "column", "end_line", "end_column", "fix"]
        {
            assert!(d.get(key).is_some(), "missing {key}: {d}");
        }
    }
    let summary = &doc["summary"];
    assert_eq!(summary["files"], 5);
    assert_eq!(summary["diagnostics"].as_u64().unwrap() as usize, diagnostics.len());
}

#[test]
fn json_line_and_column_count_unicode_scalars() {
    let (_, out, _) = run(&["--isolated", "--format", "json", "--select", "quote-spacing", "fixtures/seeds"]);
    let doc = json(&out);
    let d = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("assault"))
        .expect("the `assault ”` diagnostic");
    let path = common::root().join(d["path"].as_str().unwrap());
    let text = std::fs::read_to_string(path).unwrap();
    let line = text.lines().nth(d["line"].as_u64().unwrap() as usize - 1).unwrap();
    let col = d["column"].as_u64().unwrap() as usize;
    let rest: String = line.chars().skip(col - 1).collect();
    assert!(rest.starts_with("assault ”"), "{rest}");
}

#[test]
fn concise_output_is_one_line_per_diagnostic() {
    let (code, out, _) = run(&["--isolated", "--format", "concise", "--quiet", "fixtures/seeds"]);
    assert_eq!(code, 1);
    let re = regex::Regex::new(
        r"^fixtures/seeds/\S+\.txt:\d+:\d+: (error|warning|info)\[[a-z0-9-]+\]:( \[\*\])? .+$",
    )
    .unwrap();
    for line in out.lines() {
        assert!(re.is_match(line), "{line}");
    }
    assert!(out.lines().count() > 10);
}

#[test]
fn select_and_ignore_take_rule_ids_and_categories() {
    let (_, out, _) = run(&["--isolated", "--format", "json", "--select", "typography", "fixtures/seeds"]);
    let doc = json(&out);
    for d in doc["diagnostics"].as_array().unwrap() {
        assert_eq!(d["category"], "typography");
    }
    let (_, out, _) =
        run(&["--isolated", "--format", "json", "--ignore", "typography,site-chrome", "fixtures/seeds"]);
    for d in json(&out)["diagnostics"].as_array().unwrap() {
        assert_ne!(d["category"], "typography");
        assert_ne!(d["rule"], "site-chrome");
    }
    let (code, _, err) = run(&["--isolated", "--select", "quote-spacingg", "fixtures/seeds"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule or category `quote-spacingg`"), "{err}");
    assert!(err.contains("did you mean `quote-spacing`"), "{err}");
}

#[test]
fn statistics_count_per_rule() {
    let (code, out, _) = run(&["--isolated", "--statistics", "fixtures/seeds"]);
    assert_eq!(code, 1);
    let row = out.lines().find(|l| l.ends_with("  site-chrome")).expect("a site-chrome row");
    assert!(row.split_whitespace().next().unwrap().parse::<usize>().unwrap() > 5, "{out}");
    assert!(!out.contains("┌─"), "statistics replace the diagnostics: {out}");
}

/// `--timings` prints a table to stderr, one row per rule that ran (and
/// the shared scans), and changes nothing on stdout.
#[test]
fn timings_table_per_rule() {
    let (code, plain, _) = run(&["--isolated", "--format", "json", "fixtures/seeds"]);
    let (timed_code, out, err) = run(&["--isolated", "--format", "json", "--timings", "fixtures/seeds"]);
    assert_eq!((code, timed_code), (1, 1));
    assert_eq!(json(&plain)["diagnostics"], json(&out)["diagnostics"], "stdout must not change");
    let (_, ids, _) = run(&["rules", "--isolated"]);
    let ids: Vec<&str> = ids.lines().skip(1).filter_map(|l| l.split_whitespace().next()).collect();
    let mut lines = err.lines().skip_while(|l| !l.starts_with("Rule "));
    assert!(lines.next().is_some_and(|h| h.contains("Time (ms)")), "{err}");
    let rows: Vec<(&str, f64, f64)> = lines
        .by_ref()
        .take_while(|l| !l.starts_with("total"))
        .map(|l| {
            let cols: Vec<&str> = l.rsplitn(3, ' ').filter(|c| !c.is_empty()).collect();
            let share = cols[0].trim_end_matches('%').parse().expect("a share");
            let rest = l[..l.len() - cols[0].len()].trim_end();
            let (label, ms) = rest.rsplit_once(' ').expect("label and time");
            (label.trim_end(), ms.parse().expect("milliseconds"), share)
        })
        .collect();
    assert!(rows.iter().any(|r| r.0 == "site-chrome"), "{err}");
    assert!(rows.iter().any(|r| r.0 == "(shared prefilter scans)"), "{err}");
    for (label, ms, _) in &rows {
        assert!(ids.contains(label) || label.starts_with('('), "unknown row {label}: {err}");
        assert!(*ms >= 0.0);
    }
    assert!(rows.windows(2).all(|w| w[0].1 >= w[1].1), "slowest first: {err}");
    let shares: f64 = rows.iter().map(|r| r.2).sum();
    assert!((shares - 100.0).abs() < 1.0, "shares add up to {shares}: {err}");
    let (_, _, quiet) = run(&["--isolated", "--format", "json", "fixtures/seeds"]);
    assert!(!quiet.contains("Time (ms)"));
}

#[test]
fn color_follows_flag_and_no_color() {
    let (_, out, _) = run(&["--isolated", "--color", "always", "fixtures/seeds"]);
    assert!(out.contains("\u{1b}["), "ANSI colour expected");
    let (_, out, _) = run(&["--isolated", "--color", "never", "fixtures/seeds"]);
    assert!(!out.contains("\u{1b}["));
    let out =
        common::newslint().env("NO_COLOR", "1").args(["--isolated", "fixtures/seeds"]).output().unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains("\u{1b}["));
}

#[test]
fn stdin_is_linted_with_its_filename() {
    let out = common::newslint()
        .args(["--isolated", "--format", "concise", "--stdin-filename", "wire/story.txt", "-"])
        .write_stdin("Talks\n\nLeave a Reply\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("wire/story.txt:3:1: warning[site-chrome]"), "{stdout}");
}

#[test]
fn invalid_utf8_is_a_diagnostic_and_other_files_are_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"Headline\n\nCaf\xe9 owners said.\n").unwrap();
    std::fs::write(dir.path().join("good.txt"), "Headline\n\nLeave a Reply\n").unwrap();
    let (code, out, _) = run_in(dir.path(), &["--isolated", "--format", "json", "."]);
    assert_eq!(code, 1);
    let doc = json(&out);
    let rules: Vec<_> =
        doc["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["invalid-utf8", "site-chrome"]);
    assert_eq!(doc["diagnostics"][0]["span"]["start"], 13);
    assert_eq!(doc["diagnostics"][0]["severity"], "error");
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.path().join("ok.txt"), "A clean headline\n\nNothing to see here.\n").unwrap();
    let (code, out, err) = run_in(dir.path(), &["--isolated", "."]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("image.txt: skipped: binary file"), "{err}");
    assert!(out.contains("1 file checked"), "{out}");
}

#[test]
fn empty_crlf_and_bom_files_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("blank.txt"), " \n\n\t\n").unwrap();
    std::fs::write(dir.path().join("crlf.txt"), "Headline\r\n\r\nLeave a Reply\r\n").unwrap();
    std::fs::write(dir.path().join("bom.txt"), "\u{feff}Headline\n\nLeave a Reply\n").unwrap();
    let (code, out, _) = run_in(dir.path(), &["--isolated", "--format", "json", "."]);
    assert_eq!(code, 1);
    let doc = json(&out);
    let spans: Vec<_> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["span"]["start"].as_u64().unwrap(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(spans, [("bom.txt".to_string(), 13, 3), ("crlf.txt".to_string(), 12, 3)]);
    assert_eq!(doc["summary"]["files"], 4);
}

#[test]
fn config_file_is_found_walking_up_and_unknown_keys_point_at_the_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("newslint.toml"), "ignore = [\"site-chrome\"]\n").unwrap();
    let sub = dir.path().join("corpus");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("a.txt"), "Headline\n\nLeave a Reply\n").unwrap();
    let (code, out, _) = run_in(&sub, &["."]);
    assert_eq!(code, 0, "config ignores site-chrome: {out}");
    assert_eq!(run_in(&sub, &["--isolated", "."]).0, 1, "--isolated ignores the config");

    std::fs::write(dir.path().join("newslint.toml"), "language = \"en\"\nignroe = [\"x\"]\n").unwrap();
    let (code, _, err) = run_in(&sub, &["."]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown field `ignroe`"), "{err}");
    assert!(err.contains("newslint.toml:2:"), "{err}");
}

#[test]
fn config_overrides_apply_per_path() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("custom.toml");
    std::fs::write(
        &config,
        "[severity]\nsite-chrome = \"error\"\n\n[[overrides]]\npaths = [\"wire/**\"]\nignore = [\"site-chrome\"]\n",
    )
    .unwrap();
    for sub in ["wire", "local"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("a.txt"), "Headline\n\nLeave a Reply\n").unwrap();
    }
    let (_, out, _) = run_in(dir.path(), &["--config", "custom.toml", "--format", "json", "wire", "local"]);
    let doc = json(&out);
    let d = doc["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{out}");
    assert_eq!(d[0]["path"], "local/a.txt");
    assert_eq!(d[0]["severity"], "error");
}

#[test]
fn rules_and_explain_describe_rules() {
    let (code, out, _) = run(&["rules"]);
    assert_eq!(code, 0);
    assert!(out.contains("quote-spacing") && out.contains("invalid-utf8"), "{out}");
    let (code, out, _) = run(&["rules", "--json"]);
    assert_eq!(code, 0);
    assert!(json(&out).as_array().unwrap().iter().any(|r| r["id"] == "site-chrome"));
    let (code, out, _) = run(&["explain", "quote-spacing"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("## What it flags") && out.contains("## Why it matters") && out.contains("assault"),
        "{out}"
    );
    let (code, _, err) = run(&["explain", "no-such-rule"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule `no-such-rule`"));
}

const USER_RULE: &str = r#"
[[rule]]
id = "house-style-percent"
category = "style"
severity = "warning"
message = "write `per cent`, not `{match}`"
what = "House style spells out per cent."
why = "Consistency."
pattern = '\bpercent\b'
fix = { replacement = "per cent", safety = "safe" }

[[rule.example]]
text = "Growth was 3 percent."
flags = ["percent"]
fixed = "Growth was 3 per cent."

[[rule.example]]
text = "Growth was 3 per cent."
flags = []
"#;

#[test]
fn user_rules_load_from_a_directory_and_test_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("house");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(rules.join("percent.toml"), USER_RULE).unwrap();
    std::fs::write(dir.path().join("a.txt"), "Headline\n\nGrowth was 3 percent.\n").unwrap();
    let (code, out, _) =
        run_in(dir.path(), &["--isolated", "--rules", "house", "--format", "concise", "a.txt"]);
    assert_eq!(code, 1);
    assert!(out.contains("warning[house-style-percent]"), "{out}");

    let (code, out, _) = run_in(dir.path(), &["test-rules", "house"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 rules, 2 examples, 0 failed"), "{out}");

    std::fs::write(
        rules.join("percent.toml"),
        USER_RULE.replace("flags = [\"percent\"]", "flags = [\"Growth\"]"),
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), &["test-rules", "house"]);
    assert_eq!(code, 1);
    assert!(err.contains("percent.toml:12:"), "points at the example: {err}");
    let (code, _, err) = run_in(dir.path(), &["--isolated", "--rules", "house", "a.txt"]);
    assert_eq!(code, 2, "a failing example is a load error");
    assert!(err.contains("expected flags"), "{err}");
}

#[test]
fn rules_that_will_be_slow_are_warned_about_and_still_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Headline\n\nGrowth was 3 percent.\n").unwrap();
    std::fs::write(
        dir.path().join("r.toml"),
        USER_RULE.replace("fix =", "unicode-word-boundary = true\nfix ="),
    )
    .unwrap();
    let (code, out, err) =
        run_in(dir.path(), &["--isolated", "--rules", "r.toml", "--format", "concise", "a.txt"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("[house-style-percent]"), "{out}");
    assert!(err.contains("warning: rule `house-style-percent` will be slow"), "{err}");
    assert!(err.contains("r.toml:9:"), "{err}");

    // A detector's params from the config: 17 web phrases outgrow the fast search.
    let phrases: Vec<String> = (0..17).map(|i| format!("\"visit page {i}\"")).collect();
    let config = format!("[params.truncated-sentence]\nweb-phrases = [{}]\n", phrases.join(", "));
    std::fs::write(dir.path().join("newslint.toml"), config).unwrap();
    std::fs::write(dir.path().join("b.txt"), "Headline\n\nReaders can visit page 16 for the full results.\n")
        .unwrap();
    let (code, out, err) = run_in(dir.path(), &["--format", "concise", "b.txt"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("[truncated-sentence]"), "the 17th phrase still counts: {out}");
    assert!(err.contains("warning: rule `truncated-sentence` will be slow: 17 `web-phrases`"), "{err}");
    assert!(err.contains("newslint.toml:1:"), "{err}");

    // Calque phrases under 8 bytes in three lengths: a filter check each at every word.
    let calques = "[[rule]]\nid = \"my-calques\"\ncategory = \"mt-wording\"\nseverity = \"info\"\n\
        message = \"calque `{match}`\"\nwhat = \"w\"\nwhy = \"w\"\ndetector = \"calque\"\n\n[rule.params]\n\
        [[rule.params.calque]]\nphrase = [\"the ANO\", \"EU top\", \"EU ax\"]\nreplacement = \"x\"\n\n\
        [[rule.example]]\ntext = \"The EU top met.\"\nflags = [\"EU top\"]\n\n\
        [[rule.example]]\ntext = \"The summit ended.\"\nflags = []\n";
    std::fs::write(dir.path().join("c.toml"), calques).unwrap();
    std::fs::write(dir.path().join("c.txt"), "Headline\n\nThe EU top met in Brussels.\n").unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &["--isolated", "--no-rules", "--rules", "c.toml", "--format", "concise", "c.txt"],
    );
    assert_eq!(code, 0, "an info finding does not fail the run: {err}");
    assert!(out.contains("[my-calques]"), "{out}");
    assert!(err.contains("warning: rule `my-calques` will be slow: phrases shorter than 8 bytes"), "{err}");
    assert!(err.contains("c.toml:10:"), "{err}");
}

#[test]
fn broken_rule_files_point_into_the_toml() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            USER_RULE.replace("severity = \"warning\"", "severity = \"warning\"\nseverty = 1"),
            "unknown field `severty`",
            6,
        ),
        (USER_RULE.replace(r"'\bpercent\b'", r"'(percent'"), "invalid regex", 9),
        (USER_RULE.replace("id = \"house-style-percent\"", "id = \"House\""), "kebab-case", 3),
        (format!("{USER_RULE}\n{USER_RULE}"), "duplicate rule id", 23),
        (USER_RULE.replace("[[rule]]", "[[rule]\n"), "", 2),
    ];
    assert_load_errors(dir.path(), &cases);
}

/// Writes each rule file of `cases` to `dir/r.toml` and checks that loading
/// it fails with exit code 2, a message holding the needle, and a pointer
/// to the given line of the file.
fn assert_load_errors(dir: &std::path::Path, cases: &[(String, &str, usize)]) {
    for (text, needle, line) in cases {
        std::fs::write(dir.join("r.toml"), text).unwrap();
        let (code, _, err) = run_in(dir, &["--isolated", "--rules", "r.toml", "."]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(needle), "{needle}: {err}");
        assert!(err.contains(&format!("r.toml:{line}:")), "line {line}: {err}");
    }
}

/// `[rule.define]`: fragments written once, used as `${NAME}` in `pattern`
/// and `unless`; an unknown or unused name points into the TOML.
#[test]
fn rule_fragments_expand_and_their_mistakes_point_into_the_toml() {
    let dir = tempfile::tempdir().unwrap();
    let rule = USER_RULE
        .replace(
            r"pattern = '\bpercent\b'",
            "pattern = ['\\b${UNIT}\\b', '\\bpc of ${UNIT}']\nunless = ['${UNIT} point']",
        )
        .replace("fix = { replacement", "[rule.define]\nUNIT = 'percent|pct'\n\n[rule.fix]\nreplacement")
        .replace(", safety = \"safe\" }", "\nsafety = \"safe\"");
    std::fs::write(dir.path().join("r.toml"), &rule).unwrap();
    std::fs::write(dir.path().join("a.txt"), "Headline\n\nGrowth was 3 pct, up one percent point.\n")
        .unwrap();
    let (code, out, err) =
        run_in(dir.path(), &["--isolated", "--no-rules", "--rules", "r.toml", "--format", "json", "a.txt"]);
    assert_eq!(code, 1, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = "Headline\n\nGrowth was 3 pct, up one percent point.\n";
    let flagged: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "house-style-percent")
        .map(|d| {
            &text[d["span"]["start"].as_u64().unwrap() as usize..d["span"]["end"].as_u64().unwrap() as usize]
        })
        .collect();
    assert_eq!(flagged, ["pct"], "`percent point` is vetoed by `unless`: {out}");

    let cases = [
        (
            rule.replace("'\\b${UNIT}\\b'", "'\\b${UNITS}\\b'"),
            "`${UNITS}` is not in `[rule.define]` (defined: UNIT)",
            9,
        ),
        (
            rule.replace("UNIT = 'percent|pct'", "UNIT = 'percent|pct'\nSPARE = 'x'"),
            "`define.SPARE` is never used",
            13,
        ),
        (rule.replace("UNIT = ", "unit = "), "UPPER_SNAKE_CASE", 12),
    ];
    assert_load_errors(dir.path(), &cases);
}

#[test]
fn fixtures_exist_where_tests_expect_them() {
    assert!(fixtures("seeds").join("000_4cdabb826c692084.txt").is_file());
}

#[test]
fn phrase_and_regex_list_files_add_one_rule_each() {
    let dir = tempfile::tempdir().unwrap();
    let phrases = dir.path().join("phrases.txt");
    let regexes = dir.path().join("regexes.txt");
    std::fs::write(&phrases, "Enlarge image\n\nLeave a Reply\n").unwrap();
    std::fs::write(&regexes, "\\bKiev\\b\n").unwrap();
    let seeds = fixtures("seeds");
    let args = ["--isolated", "--no-rules", "--statistics", "--phrases-file"];
    let (code, out, err) = run(&[
        &args[..],
        &[phrases.to_str().unwrap(), "--regex-file", regexes.to_str().unwrap(), seeds.to_str().unwrap()],
    ]
    .concat());
    assert_eq!(code, 1, "{err}");
    let count = |id: &str| {
        let row =
            out.lines().find(|l| l.ends_with(&format!("  {id}"))).unwrap_or_else(|| panic!("{id}: {out}"));
        row.split_whitespace().next().unwrap().parse::<usize>().unwrap()
    };
    assert!(count("phrase-list") >= 2, "{out}");
    assert!(count("regex-list") >= 1, "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with(' ')).count(), 2, "only the two list rules: {out}");
    let (code, _, err) = run(&["--isolated", "--phrases-file", "/nonexistent/list.txt", "fixtures/clean"]);
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/list.txt"), "{err}");
}
