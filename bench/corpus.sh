#!/usr/bin/env bash
# The corpus pass on N short synthetic documents (default 50,000): wall time
# and peak memory with the corpus rules only, then without the corpus pass,
# with the release build.
#   bench/corpus.sh [N] [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-50000}
W=${2:-/tmp/newslint-bench-corpus}
cargo build --release --quiet
if [ ! -d "$W/docs-$N" ]; then
  python3 bench/make_corpus_docs.py "$N" "$W/docs-$N"
fi
BYTES=$(du -sb --apparent-size "$W/docs-$N" | cut -f1)
RULES=name-variant,repeated-boilerplate,near-duplicate-document,place-variant
measure() {
  /usr/bin/time -f "%e s wall, %U s user, %M KB max RSS" ./target/release/newslint --isolated --quiet --statistics \
    --exit-zero "$@" "$W/docs-$N" 2>&1 >/tmp/newslint-bench-corpus.out | tail -1
}
echo "$N documents, $((BYTES / 1000000)) MB"
echo "corpus rules only:        $(measure --select "$RULES")"
cat /tmp/newslint-bench-corpus.out
echo "all rules:                $(measure)"
echo "all rules, --no-corpus:   $(measure --no-corpus)"
