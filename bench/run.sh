#!/usr/bin/env bash
# newslint throughput and memory against ripgrep, on the shared benchmark corpus.
#
#   bench/run.sh [WORKDIR]            # default: 1 GiB corpus in /tmp/newslint-bench-1024
#   BENCH_MB=200 bench/run.sh         # smaller corpus while iterating
#   BENCH_THREADS=1 bench/run.sh      # thread count for both tools (default: all cores)
#   BENCH_RECIPE=0 bench/run.sh       # skip the shared recipe's NL_* modes
#
# 1. installs rg and hyperfine when missing (apt-get, else cargo install into target/bench-tools);
# 2. builds the corpus with ../shared/bench/make_corpus.py: one big file ($W/one), a tree of
#    ~5 KiB files ($W/many), one JSONL shard of 1.5-9 KB records ($W/jsonl) and the
#    phrase/regex lists ($W/lists), the layout the shared recipe expects, plus the
#    site-chrome phrase list taken from rules/site-chrome.toml;
# 3. times newslint's default rule set against `rg -F -f site-chrome-phrases` (same threads)
#    and prints MB/s, the time ratio and peak RSS;
# 4. runs ../shared/bench/bench_recipe.sh with the NL_PHRASES / NL_REGEX / NL_EMPTY / NL_DEFAULT
#    modes (`--no-rules --phrases-file` / `--regex-file` measure the matchers alone).
# Every number is printed with the load average: the numbers are only as good as the machine is idle.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MB=${BENCH_MB:-1024}
W=${1:-/tmp/newslint-bench-$MB}
THREADS=${BENCH_THREADS:-$(nproc)}
RUNS=${BENCH_RUNS:-3}
SHARED=${NEWSLINT_SHARED:-$ROOT/../shared}
GEN=$SHARED/bench/make_corpus.py
RECIPE=$SHARED/bench/bench_recipe.sh
TOOLS=$ROOT/target/bench-tools
export PATH="$TOOLS/bin:$PATH"

apt() {  # apt DEB-PACKAGE: install with apt-get when we can, quietly; never fatal
  [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null || return 0
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "$1" > /dev/null 2>&1 \
    || { apt-get update -qq > /dev/null 2>&1 && apt-get install -y -qq "$1" > /dev/null 2>&1; } || true
}
need() {  # need COMMAND DEB-PACKAGE CRATE: apt-get, else cargo install into target/bench-tools
  command -v "$1" > /dev/null && return 0
  echo "== installing $1"
  apt "$2"
  command -v "$1" > /dev/null || cargo install --locked --quiet --root "$TOOLS" "$3"
  command -v "$1" > /dev/null
}
need rg ripgrep ripgrep@14.1.1   # pinned: newer releases may need a newer rustc
need hyperfine hyperfine hyperfine@1.20.0   # 2.0 needs rustc 1.97
[ -x /usr/bin/time ] || apt time   # peak RSS; without it a python fallback measures it

echo "== building newslint (release)"
cargo build --release --quiet
NL=$ROOT/target/release/newslint

echo "== corpus: $MB MiB in $W"
mkdir -p "$W"
FILES=$(python3 -c "print(max(2, round($MB * 200000 / 1024)))")   # ~5 KiB per file, as the recipe
[ -f "$W/one.MANIFEST.json" ] || python3 "$GEN" --out "$W/one" --mb "$MB" --files 1 --lists "$W/lists" > /dev/null
[ -f "$W/many.MANIFEST.json" ] || python3 "$GEN" --out "$W/many" --mb "$MB" --files "$FILES" > /dev/null
[ -f "$W/jsonl.MANIFEST.json" ] || python3 "$GEN" --out "$W/jsonl" --mb "$MB" --files 1 --format jsonl > /dev/null
python3 - "$ROOT/rules/site-chrome.toml" "$W/lists/site_chrome.txt" <<'EOF'
import sys
try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib
rules = tomllib.load(open(sys.argv[1], "rb"))["rule"]
phrases = next(r["phrases"] for r in rules if r["id"] == "site-chrome")
open(sys.argv[2], "w").write("\n".join(phrases) + "\n")
EOF
ONE=$W/one/corpus.txt
MANY=$W/many
JSONL=$W/jsonl/corpus.jsonl
cat "$ONE" "$JSONL" > /dev/null
find "$MANY" -type f -print0 | xargs -0 cat > /dev/null

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB RAM; threads $THREADS"

# peak RSS (KiB) of a command, output discarded
rss() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M "$@" > /dev/null 2> "$W/rss.err" || true
    tail -1 "$W/rss.err"
  else
    python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
  fi
}

# compare NAME PATH RG-COMMAND NEWSLINT-COMMAND: median times, MB/s, ratio, peak RSS
compare() {
  local name=$1 path=$2 rgcmd=$3 nlcmd=$4 bytes
  bytes=$(du -sb --apparent-size "$path" | cut -f1)
  hyperfine -N -i --warmup 1 --runs "$RUNS" --style none --export-json "$W/c_$name.json" "$rgcmd" "$nlcmd" > /dev/null
  local rg_rss nl_rss
  # shellcheck disable=SC2086
  rg_rss=$(rss $rgcmd)
  # shellcheck disable=SC2086
  nl_rss=$(rss $nlcmd)
  python3 - "$W/c_$name.json" "$name" "$bytes" "$rg_rss" "$nl_rss" "$(load)" <<'EOF'
import json, sys, statistics as st
r = json.load(open(sys.argv[1]))["results"]
(a, ua), (b, ub) = ((st.median(x["times"]), x["user"] + x["system"]) for x in r)  # CPU: mean user + sys
mb = int(sys.argv[3]) / 1e6
print(f"{sys.argv[2]:14s} rg {a:7.3f}s {mb/a:7.1f} MB/s {int(sys.argv[4])/1024:6.0f} MB RSS | "
      f"newslint {b:7.3f}s {mb/b:7.1f} MB/s ({mb/ub:6.1f} MB/s per CPU-second) {int(sys.argv[5])/1024:6.0f} MB RSS | "
      f"newslint/rg time {b/a:5.2f}x | load {sys.argv[6]}")
EOF
}

echo "== newslint default rules vs rg -F -i -f <site-chrome phrases> (-j $THREADS)"
SC=$W/lists/site_chrome.txt
compare default_one "$ONE" "rg -j$THREADS -c -F -i -f $SC $ONE" "$NL --isolated --quiet --format concise -j $THREADS $ONE"
compare default_many "$MANY" "rg -j$THREADS -c -F -i -f $SC $MANY" "$NL --isolated --quiet --format concise -j $THREADS $MANY"
compare default_jsonl "$JSONL" "rg -j$THREADS -c -F -i -f $SC $JSONL" "$NL --isolated --quiet --format concise -j $THREADS $JSONL"
echo "== matchers alone: the same list in newslint (--no-rules --phrases-file) and rg"
compare chrome_one "$ONE" "rg -j$THREADS -c -F -i -f $SC $ONE" "$NL --isolated --no-rules --statistics -j $THREADS --phrases-file $SC $ONE"
compare phrases5k_one "$ONE" "rg -j$THREADS -c -F -f $W/lists/phrases_5000.txt $ONE" \
  "$NL --isolated --no-rules --statistics -j $THREADS --phrases-file $W/lists/phrases_5000.txt $ONE"

if [ "${BENCH_RECIPE:-1}" != 0 ]; then
  echo "== shared recipe ($RECIPE), load $(load)"
  NL_PHRASES="$NL --isolated --no-rules --statistics --phrases-file {phrases} {path}" \
  NL_REGEX="$NL --isolated --no-rules --statistics --regex-file {regexes} {path}" \
  NL_EMPTY="$NL --isolated --no-rules --quiet {path}" \
  NL_DEFAULT="$NL --isolated --quiet --format concise {path}" \
    bash "$RECIPE" "$W"
fi
echo "== done, load $(load)"
