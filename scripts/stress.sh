#!/usr/bin/env bash
# Stress runs too slow for every `cargo test`, with the release build:
#   scripts/stress.sh files [N] [WORKDIR]    N tiny files (default 1,000,000) in one tree:
#                                            every file counted, every defect found, peak RSS
#   scripts/stress.sh memory [WORKDIR]       peak RSS on a 1 GiB single file and on a
#                                            1 GiB corpus of 200,000 small files
#   scripts/stress.sh huge-line              the 200 MB single-line test, in release
# Corpora are built under WORKDIR (default /tmp/newslint-stress), never in the repo.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-files}
cargo build --release --quiet
BIN=$PWD/target/release/newslint

measure() { # label, then the command; prints wall time and peak RSS
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %M KB peak RSS, exit %x" "$@"
}

case $mode in
files)
  N=${2:-1000000}
  W=${3:-/tmp/newslint-stress}/files-$N
  if [ ! -f "$W/.done" ]; then
    rm -rf "$W"
    python3 - "$W" "$N" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, f"d{i // 1000:04d}")
    if i % 1000 == 0:
        os.makedirs(d, exist_ok=True)
    body = "Headline\n\nLeave a Reply\n" if i % 100 == 0 else "Headline\n\nA quiet day.\n"
    with open(os.path.join(d, f"f{i:07d}.txt"), "w") as f:
        f.write(body)
open(os.path.join(root, ".done"), "w").close()
PY
  fi
  measure "$N files" "$BIN" --isolated --format concise "$W" > /tmp/newslint-stress-files.out 2>&1 || true
  found=$(grep -c 'site-chrome' /tmp/newslint-stress-files.out || true)
  tail -1 /tmp/newslint-stress-files.out
  echo "site-chrome findings: $found (expected $((N / 100)))"
  [ "$found" -eq $((N / 100)) ]
  ;;
memory)
  W=${2:-/tmp/newslint-stress}
  GEN=../shared/bench/make_corpus.py
  [ -n "$(ls -A "$W/one" 2>/dev/null)" ] ||
    python3 "$GEN" --out "$W/one" --mb 1024 --files 1 > /dev/null
  [ -n "$(ls -A "$W/many" 2>/dev/null)" ] ||
    python3 "$GEN" --out "$W/many" --mb 1024 --files 200000 > /dev/null
  measure "1 GiB single file" "$BIN" --isolated --quiet --format concise "$W/one" > /dev/null || true
  measure "1 GiB in 200,000 files" "$BIN" --isolated --quiet --format concise "$W/many" > /dev/null || true
  ;;
huge-line)
  cargo test --release --test robustness -- --ignored a_single_200_mb_line
  ;;
*)
  echo "usage: $0 files [N] [WORKDIR] | memory [WORKDIR] | huge-line" >&2
  exit 2
  ;;
esac
