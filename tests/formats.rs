//! The CI formats, each read back with a real client-side parser: SARIF
//! validated against the official OASIS 2.1.0 schema, GitLab and JSONL with
//! serde_json, JUnit with an XML parser, GitHub workflow commands with a
//! parser of the command syntax written here (no regexes).

mod common;

use std::collections::{BTreeMap, HashSet};

use common::{json, root, run};

fn seeds(format: &str) -> (i32, String) {
    let (code, out, err) = run(&["--isolated", "--format", format, "fixtures/seeds"]);
    assert!(err.is_empty(), "{err}");
    (code, out)
}

/// The `--format json` diagnostics of the seeds, for cross-checking.
fn json_diagnostics() -> Vec<serde_json::Value> {
    json(&seeds("json").1)["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let (code, out) = seeds("sarif");
    assert_eq!(code, 1);
    let log = json(&out);
    let schema_text = std::fs::read_to_string(root().join("tests/schemas/sarif-schema-2.1.0.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> =
        validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema violations:\n{}", errors.join("\n"));

    // The schema allows an empty log; check the content is really there.
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for r in rules {
        for key in ["id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration"] {
            assert!(!r[key].is_null(), "rule without {key}: {r}");
        }
        assert!(r["defaultConfiguration"]["level"].is_string());
    }
    let results = run["results"].as_array().unwrap();
    let expected = json_diagnostics();
    assert_eq!(results.len(), expected.len());
    let mut fingerprints = HashSet::new();
    for (r, d) in results.iter().zip(&expected) {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"], "ruleIndex points at the rule");
        assert_eq!(r["ruleId"], d["rule"]);
        assert_eq!(r["message"]["text"], d["message"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], d["line"]);
        assert_eq!(region["startColumn"], d["column"]);
        assert_eq!(region["endLine"], d["end_line"]);
        assert_eq!(region["endColumn"], d["end_column"]);
        assert_eq!(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], d["path"]);
        let fp = r["partialFingerprints"]["newslint/v1"].as_str().unwrap().to_string();
        assert!(fingerprints.insert((d["path"].to_string(), fp)), "fingerprints are unique per file");
    }
}

/// One parsed workflow command: `::name key=value,key=value::message`.
#[derive(Debug)]
struct WorkflowCommand {
    name: String,
    properties: BTreeMap<String, String>,
    message: String,
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let code = rest.get(i + 1..i + 3).expect("an escape has two hex digits");
        out.push(match code {
            "25" => '%',
            "0D" => '\r',
            "0A" => '\n',
            "3A" => ':',
            "2C" => ',',
            other => panic!("unknown escape %{other}"),
        });
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out
}

/// Parses a line the way the Actions runner does: `::`, the command name up
/// to a space or `::`, comma-separated `key=value` properties, `::`, data.
fn parse_command(line: &str) -> WorkflowCommand {
    let body = line.strip_prefix("::").unwrap_or_else(|| panic!("not a command: {line}"));
    let end = body.find("::").unwrap_or_else(|| panic!("no `::` before the message: {line}"));
    let (head, message) = (&body[..end], &body[end + 2..]);
    let (name, props) = head.split_once(' ').unwrap_or((head, ""));
    let mut properties = BTreeMap::new();
    for pair in props.split(',').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or_else(|| panic!("property without `=`: {pair}"));
        assert!(properties.insert(k.to_string(), unescape(v)).is_none(), "repeated property {k}");
    }
    assert!(!message.contains(['\n', '\r']));
    WorkflowCommand { name: name.to_string(), properties, message: unescape(message) }
}

#[test]
fn github_lines_parse_as_workflow_commands() {
    let (code, out) = seeds("github");
    assert_eq!(code, 1);
    let expected = json_diagnostics();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), expected.len());
    for (line, d) in lines.iter().zip(&expected) {
        let c = parse_command(line);
        assert_eq!(c.name, d["severity"].as_str().unwrap().replace("info", "notice"));
        assert_eq!(c.properties["file"], d["path"].as_str().unwrap());
        assert_eq!(c.properties["line"], d["line"].to_string());
        assert_eq!(c.properties["col"], d["column"].to_string());
        assert_eq!(c.properties["endLine"], d["end_line"].to_string());
        assert_eq!(c.properties["endColumn"], d["end_column"].to_string());
        assert_eq!(c.properties["title"], format!("newslint {}", d["rule"].as_str().unwrap()));
        assert_eq!(c.message, d["message"].as_str().unwrap());
    }
}

#[test]
fn github_escapes_newlines_percent_colons_and_commas() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a,b:c%.txt";
    std::fs::write(dir.path().join(name), "He said “ we will stay” and left.\n").unwrap();
    let (_, out, _) = common::run_in(dir.path(), &["--isolated", "--format", "github", name]);
    let c = parse_command(out.lines().next().expect("a command"));
    assert_eq!(c.properties["file"], name, "{out}");
}

#[test]
fn gitlab_report_is_json_with_unique_fingerprints() {
    let (_, out) = seeds("gitlab");
    let issues = json(&out);
    let issues = issues.as_array().unwrap();
    let expected = json_diagnostics();
    assert_eq!(issues.len(), expected.len());
    let mut seen = HashSet::new();
    for (issue, d) in issues.iter().zip(&expected) {
        assert!(seen.insert(issue["fingerprint"].as_str().unwrap().to_string()), "duplicate fingerprint");
        assert_eq!(issue["check_name"], d["rule"]);
        assert!(
            ["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().unwrap())
        );
        assert_eq!(issue["location"]["path"], d["path"]);
        assert_eq!(issue["location"]["lines"]["begin"], d["line"]);
        assert!(issue["description"].as_str().unwrap().contains(d["message"].as_str().unwrap()));
    }
    let (code, out, _) = run(&["--isolated", "--format", "gitlab", "fixtures/clean"]);
    assert_eq!((code, json(&out)), (0, serde_json::json!([])));
}

#[test]
fn junit_is_well_formed_xml_with_a_case_per_file() {
    let (_, out) = seeds("junit");
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let suite = doc.descendants().find(|n| n.has_tag_name("testsuite")).unwrap();
    let cases: Vec<_> = suite.children().filter(|n| n.has_tag_name("testcase")).collect();
    assert_eq!(suite.attribute("tests"), Some("5"));
    assert_eq!(cases.len(), 5);
    let failures: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("failure")).collect();
    assert_eq!(failures.len(), json_diagnostics().len());
    let failed_cases = cases.iter().filter(|c| c.children().any(|n| n.has_tag_name("failure"))).count();
    assert_eq!(suite.attribute("failures"), Some(failed_cases.to_string().as_str()));
    for f in failures {
        assert!(f.attribute("type").is_some() && f.text().unwrap().starts_with("fixtures/seeds/"));
    }
}

#[test]
fn jsonl_is_one_diagnostic_per_line() {
    let (_, out) = seeds("jsonl");
    let lines: Vec<serde_json::Value> = out.lines().map(json).collect();
    assert_eq!(lines, json_diagnostics());
}

#[test]
fn output_file_receives_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.sarif");
    let (code, out, _) =
        run(&["--isolated", "--format", "sarif", "-o", file.to_str().unwrap(), "fixtures/seeds"]);
    assert_eq!((code, out.as_str()), (1, ""));
    let log = json(&std::fs::read_to_string(&file).unwrap());
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
}
