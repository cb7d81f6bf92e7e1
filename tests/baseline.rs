//! Adopting newslint on a corpus with findings: `--write-baseline`, then
//! `--baseline` reports only what is new.

mod common;

use std::fs;

use common::{fixtures, json, run_in};

#[test]
fn baseline_hides_old_findings_and_reports_only_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    fs::create_dir(&seeds).unwrap();
    for e in fs::read_dir(fixtures("seeds")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), seeds.join(e.file_name())).unwrap();
    }
    let (code, _, err) =
        run_in(dir.path(), &["--isolated", "--write-baseline", ".newslint-baseline.json", "seeds"]);
    assert_eq!(code, 0, "{err}");
    let written = json(&fs::read_to_string(dir.path().join(".newslint-baseline.json")).unwrap());
    let total: u64 =
        written["findings"].as_array().unwrap().iter().map(|f| f["count"].as_u64().unwrap()).sum();
    let (_, out, _) = run_in(dir.path(), &["--isolated", "--format", "json", "seeds"]);
    assert_eq!(total, json(&out)["summary"]["diagnostics"].as_u64().unwrap());
    assert!(err.contains(&format!("Wrote {total} findings")), "{err}");

    let base = ["--isolated", "--baseline", ".newslint-baseline.json", "--format", "json", "seeds"];
    let (code, out, _) = run_in(dir.path(), &base);
    assert_eq!(code, 0, "{out}");
    assert_eq!(json(&out)["summary"]["diagnostics"], 0);

    // Shift every line of one file down and add one new defect at the top:
    // old findings stay hidden (no line numbers in the baseline), the new
    // one is the only one reported.
    let victim = seeds.join("003_6dd4256747e60be4.txt");
    let old = fs::read_to_string(&victim).unwrap();
    fs::write(&victim, format!("Update.\n\nThe envoy said talks would go on - at least for now.\n\n{old}"))
        .unwrap();
    let (code, out, _) = run_in(dir.path(), &base);
    assert_eq!(code, 1, "{out}");
    let doc = json(&out);
    let ds = doc["diagnostics"].as_array().unwrap();
    assert_eq!(ds.len(), 1, "{out}");
    assert_eq!(ds[0]["rule"], "dash-misuse");
    assert_eq!(ds[0]["line"], 3);

    // A second copy of an already-baselined defect in the same file is new too.
    let text = fs::read_to_string(seeds.join("002_519e2195c9da8160.txt")).unwrap();
    let line = text.lines().find(|l| l.contains("an assault ”")).unwrap().to_string();
    fs::write(seeds.join("002_519e2195c9da8160.txt"), format!("{text}\n{line}\n")).unwrap();
    let (_, out, _) = run_in(dir.path(), &base);
    let doc = json(&out);
    let quotes: Vec<_> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "quote-spacing")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(quotes.len(), 1, "only the new copy of the assault quote: {out}");
    assert!(quotes.iter().any(|m| m.contains("assault")), "{quotes:?}");
}

#[test]
fn a_broken_baseline_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("b.json"), "{\"nope\": 1}").unwrap();
    fs::write(dir.path().join("a.txt"), "Fine.\n").unwrap();
    let (code, _, err) = run_in(dir.path(), &["--isolated", "--baseline", "b.json", "a.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("b.json: not a newslint baseline"), "{err}");
}
