#!/usr/bin/env bash
# Runs the pipeline examples (examples/spark_pipe.py, examples/datatrove_filter.py)
# on a few hundred JSONL records made from the fixtures, and checks that every
# record comes back with the same verdict (pass, and the rules that fired) as a
# direct `newslint filter` run, record for record.
# Needs Java 17+ for Spark; pyspark and datatrove go into a venv cached under
# target/venv-examples. Skip with NEWSLINT_SKIP_EXAMPLES=1.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=target/venv-examples
PY=$VENV/bin/python
if ! { [ -x "$PY" ] && "$PY" -c "import pyspark, datatrove.pipeline.filters, orjson" 2> /dev/null; }; then
  echo "== creating $VENV (pyspark, datatrove, regex, orjson)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet pyspark datatrove regex orjson
fi
command -v java > /dev/null || { echo "error: Spark needs Java 17+ (java not found)"; exit 1; }
cargo build --quiet
NL=$PWD/target/debug/newslint
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/in"

# Records: every fixture article, plus runs of three consecutive paragraphs.
python3 - "$W/in/records.jsonl" <<'PYEOF'
import glob, json, re, sys
records = []
for path in sorted(glob.glob("fixtures/*/*.txt") + glob.glob("fixtures/*/*.md")):
    text = open(path, encoding="utf-8").read()
    records.append(text)
    paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    records.extend("\n\n".join(paras[i:i + 3]) for i in range(0, len(paras), 2))
records = records[:400]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i, text in enumerate(records):
        f.write(json.dumps({"id": "rec-%04d" % i, "text": text}, ensure_ascii=False) + "\n")
print(f"{len(records)} records", file=sys.stderr)
PYEOF

"$NL" filter --isolated "$W/in/records.jsonl" > "$W/direct.jsonl"
echo "== spark"
"$PY" examples/spark_pipe.py "$W/in/records.jsonl" --newslint "$NL" --out "$W/spark.jsonl"
echo "== datatrove"
"$PY" examples/datatrove_filter.py "$W/in" "$W/kept" "$W/excluded" --newslint "$NL" --batch-size 64 \
  --logs "$W/logs" > "$W/datatrove.log" 2>&1 || { tail -30 "$W/datatrove.log"; exit 1; }

python3 - "$W" <<'PYEOF'
import glob, json, sys
w = sys.argv[1]
def lines(pattern):
    return [json.loads(l) for p in sorted(glob.glob(pattern)) for l in open(p, encoding="utf-8") if l.strip()]
direct = {}
for v in lines(w + "/direct.jsonl"):
    direct[v["id"]] = (v["pass"], sorted({d["rule"] for d in v["diagnostics"]}))
ids = [r["id"] for r in lines(w + "/in/records.jsonl")]
assert list(direct) == ids, "direct run: one verdict per record, in order"
failed = sum(not p for p, _ in direct.values())
assert 0 < failed < len(ids), f"the sample must have passing and failing records ({failed}/{len(ids)})"

spark = lines(w + "/spark.jsonl")
assert [v["id"] for v in spark] == ids, "spark: one verdict per record, in order"
for v in spark:
    assert (v["pass"], v["rules"]) == direct[v["id"]], f"spark disagrees on {v['id']}: {v} vs {direct[v['id']]}"

kept = {d["id"] for d in lines(w + "/kept/*")}
excluded = {d["id"]: d["metadata"].get("filter_reason") for d in lines(w + "/excluded/*")}
assert not kept & set(excluded) and kept | set(excluded) == set(ids), "datatrove: every record routed once"
for i in ids:
    passed, rules = direct[i]
    if passed:
        assert i in kept, f"datatrove excluded {i}, which newslint passes"
    else:
        assert excluded.get(i) == "newslint:" + ",".join(rules), f"datatrove: {i}: {excluded.get(i)} vs {rules}"
print(f"examples agree with newslint filter on all {len(ids)} records ({failed} failing)")
PYEOF
