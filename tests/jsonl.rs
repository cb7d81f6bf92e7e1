//! JSONL corpora, `newslint filter`, and huge files read in chunks.

mod common;

use std::io::Write;

use common::{fixtures, json, newslint, run_in};

/// The seed articles as JSONL records, plus a malformed line in the middle.
fn seed_records() -> Vec<String> {
    let mut lines = Vec::new();
    let mut paths: Vec<_> =
        std::fs::read_dir(fixtures("seeds")).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for (i, p) in paths.iter().enumerate() {
        let text = std::fs::read_to_string(p).unwrap();
        lines.push(
            serde_json::json!({"id": format!("doc-{i}"), "url": "https://example.org", "text": text})
                .to_string(),
        );
        if i == 1 {
            lines.push("{\"id\": \"broken\", \"text\": ".to_string());
        }
    }
    lines
}

fn write_shard(dir: &std::path::Path, name: &str, lines: &[String]) -> std::path::PathBuf {
    let data = lines.join("\n") + "\n";
    let path = dir.join(name);
    let bytes = if name.ends_with(".gz") {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(data.as_bytes()).unwrap();
        gz.finish().unwrap()
    } else if name.ends_with(".zst") {
        zstd::encode_all(data.as_bytes(), 3).unwrap()
    } else {
        data.into_bytes()
    };
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn jsonl_shards_are_linted_record_by_record_with_spans_into_the_record_text() {
    let dir = tempfile::tempdir().unwrap();
    let lines = seed_records();
    for name in ["shard.jsonl", "shard.jsonl.gz", "shard.jsonl.zst"] {
        write_shard(dir.path(), name, &lines);
        let (code, out, err) = run_in(dir.path(), &["--isolated", "--format", "json", name]);
        assert_eq!(code, 1, "{err}");
        let doc = json(&out);
        assert_eq!(doc["summary"]["records"], 6, "{name}");
        assert_eq!(doc["summary"]["files"], 1, "{name}");
        let diagnostics = doc["diagnostics"].as_array().unwrap();
        let malformed: Vec<_> = diagnostics.iter().filter(|d| d["rule"] == "malformed-record").collect();
        assert_eq!(malformed.len(), 1);
        assert_eq!(malformed[0]["record_line"], 3);
        for d in diagnostics.iter().filter(|d| d["rule"] != "malformed-record") {
            let line = d["record_line"].as_u64().unwrap() as usize;
            let record: serde_json::Value = serde_json::from_str(&lines[line - 1]).unwrap();
            assert_eq!(d["record_id"], record["id"]);
            let text = record["text"].as_str().unwrap();
            let (s, e) =
                (d["span"]["start"].as_u64().unwrap() as usize, d["span"]["end"].as_u64().unwrap() as usize);
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e) && s < e, "{d}");
        }
        // The seed defects are found inside records exactly as in files.
        assert!(diagnostics.iter().any(|d| d["record_id"] == "doc-2" && d["rule"] == "name-misspelling"));
    }
    let (_, out, _) = run_in(dir.path(), &["--isolated", "--format", "concise", "shard.jsonl"]);
    assert!(out.contains("shard.jsonl#doc-2:"), "human names show the record: {out}");
}

#[test]
fn stdin_can_be_jsonl() {
    let lines = seed_records();
    let out = newslint()
        .args(["--isolated", "--format", "json", "--stdin-format", "jsonl", "-"])
        .write_stdin(lines.join("\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(doc["summary"]["records"], 6);
}

#[test]
fn filter_writes_one_verdict_per_record_in_order_and_exits_0() {
    let mut lines = seed_records();
    lines.push(r#"{"id": "clean", "text": "A calm headline\n\nNothing happened today."}"#.to_string());
    let out = newslint().args(["filter", "--isolated"]).write_stdin(lines.join("\n")).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "findings never fail a pipeline step");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let verdicts: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(verdicts.len(), lines.len());
    for (i, v) in verdicts.iter().enumerate() {
        assert_eq!(v["line"], i + 1);
    }
    assert_eq!(verdicts[0]["id"], "doc-0");
    assert_eq!(verdicts[0]["pass"], false);
    assert_eq!(verdicts[2]["diagnostics"][0]["rule"], "malformed-record");
    assert_eq!(verdicts.last().unwrap()["pass"], true);
}

#[test]
fn filter_honours_suppression_comments_as_check_does() {
    let text =
        "Talks resume\n\n<!-- newslint-disable-next-line -->\nLeave a Reply\n\nThe talks resumed on Monday.";
    let record = serde_json::json!({"id": "quiet", "text": text}).to_string();
    let unsuppressed =
        serde_json::json!({"id": "loud", "text": text.replace("<!-- newslint-disable-next-line -->\n", "")})
            .to_string();
    let input = format!("{record}\n{unsuppressed}\n");
    let out = newslint().args(["filter", "--isolated"]).write_stdin(input.clone()).output().unwrap();
    let verdicts: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(verdicts[0]["pass"], true, "{}", verdicts[0]);
    assert_eq!(verdicts[1]["pass"], false, "the same text without the comment is flagged");
    let check = newslint()
        .args(["check", "--isolated", "--no-corpus", "--format", "json", "--stdin-format", "jsonl", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    let report = json(&String::from_utf8(check.stdout).unwrap());
    let ids: Vec<&str> =
        report["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["record_id"].as_str()).collect();
    assert!(!ids.is_empty() && ids.iter().all(|id| *id == "loud"), "{ids:?}");
}

#[test]
fn filter_can_emit_the_record_with_a_newslint_field() {
    let input = "{\"id\":7,\"meta\":{\"lang\":\"en\"},\"text\":\"Talks\\n\\nLeave a Reply\"}\n{}\n";
    let out =
        newslint().args(["filter", "--isolated", "--emit", "record"]).write_stdin(input).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(lines[0]["meta"]["lang"], "en");
    assert_eq!(lines[0]["newslint"]["pass"], false);
    assert_eq!(lines[0]["newslint"]["diagnostics"][0]["rule"], "site-chrome");
    assert_eq!(lines[1]["pass"], false, "a record without text gets a verdict line");
}

#[test]
fn filter_exits_2_on_unreadable_input() {
    let out = newslint().args(["filter", "--isolated", "no/such.jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn huge_files_are_chunked_without_changing_what_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    let mut paths: Vec<_> =
        std::fs::read_dir(fixtures("seeds")).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for _ in 0..8 {
        for p in &paths {
            text.push_str(&std::fs::read_to_string(p).unwrap());
            text.push_str("\n\n\n");
        }
    }
    std::fs::write(dir.path().join("corpus.txt"), &text).unwrap();
    let run = |chunk: &str| {
        let (_, out, err) = run_in(
            dir.path(),
            &[
                "--isolated",
                "--format",
                "json",
                "--ignore",
                "duplicate-line",
                "--chunk-size",
                chunk,
                "corpus.txt",
            ],
        );
        let doc = json(&out);
        let keys: Vec<(String, u64, u64, u64, u64)> = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] != "metadata-prefix")
            .map(|d| {
                // A misspelled name both name rules catch is reported once,
                // by the gazetteer's rule or by name-drift, and name-drift
                // counts the spellings of the text it is given: of a chunk
                // that holds one copy of `Anthony Blinken` and none of
                // `Antony Blinken` it says nothing. The defect found is the
                // same either way.
                let rule = match d["category"].as_str() {
                    Some("names") => "names",
                    _ => d["rule"].as_str().unwrap(),
                };
                (
                    rule.to_string(),
                    d["span"]["start"].as_u64().unwrap(),
                    d["span"]["end"].as_u64().unwrap(),
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                )
            })
            .collect();
        assert!(err.is_empty(), "{err}");
        keys
    };
    let whole = run("64M");
    let chunked = run("16K");
    assert!(whole.len() > 100);
    assert_eq!(whole, chunked);
    for (rule, start, end, _, _) in &chunked {
        assert!(text.is_char_boundary(*start as usize) && text.is_char_boundary(*end as usize), "{rule}");
    }
}
