#!/usr/bin/env bash
# Lints a directory of N seed-sized articles (default 10,000) with the release
# build and prints the wall time and throughput. Uses the shared corpus
# generator so every run sees byte-identical input.
#   bench/files.sh [N] [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
W=${2:-/tmp/newslint-bench-files}
GEN=../shared/bench/make_corpus.py
cargo build --release --quiet
if [ ! -f "$W/files-$N.MANIFEST.json" ]; then
  MB=$(python3 -c "print($N * 4.2 / 1024)")   # ~4.2 KiB per article, like the seeds
  python3 "$GEN" --out "$W/files-$N" --mb "$MB" --files "$N" > /dev/null
fi
BYTES=$(du -sb --apparent-size "$W/files-$N" | cut -f1)
cat $(find "$W/files-$N" -type f | head -2000) > /dev/null   # warm the page cache a little
best=""
for run in 1 2 3; do
  start=$(date +%s.%N)
  ./target/release/newslint --isolated --quiet --format concise "$W/files-$N" > /dev/null || true
  end=$(date +%s.%N)
  t=$(python3 -c "print(f'{$end - $start:.3f}')")
  echo "run $run: ${t}s"
  best=$(python3 -c "print(min(x for x in [$t, ${best:-1e9}]))")
done
python3 -c "print(f'$N files, {$BYTES/1e6:.1f} MB: best {$best:.3f}s, {$BYTES/1e6/$best:.1f} MB/s, {$N/$best:.0f} files/s')"
