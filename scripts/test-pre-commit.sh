#!/usr/bin/env bash
# Runs the real pre-commit against this repository's .pre-commit-hooks.yaml.
#
# A throw-away git repo uses this repository as a hook repo by local path.
# pre-commit clones hook repos at a committed rev, so the working tree (with
# uncommitted changes, without ignored files) is first copied into a
# temporary repo and committed there. pre-commit itself comes from PyPI into
# a venv cached under target/, and `cargo install` (which language: rust
# runs) builds into a target dir cached there too, so reruns are fast.
#
# Checks: a defective file fails the hook with newslint's diagnostics; an
# excluded defective file is skipped (--force-exclude); a clean file passes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CACHE="$ROOT/target/pre-commit"
mkdir -p "$CACHE"

if [ ! -x "$CACHE/venv/bin/pre-commit" ]; then
  echo "== installing pre-commit into $CACHE/venv"
  python3 -m venv "$CACHE/venv"
  "$CACHE/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
fi
PRE_COMMIT="$CACHE/venv/bin/pre-commit"
"$PRE_COMMIT" --version

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

git_quiet() { git -c user.name=newslint-test -c user.email=test@example.invalid -c commit.gpgsign=false "$@"; }

echo "== snapshot of the working tree as a hook repo"
mkdir "$WORK/hooks"
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf - | tar -xf - -C "$WORK/hooks"
git_quiet -C "$WORK/hooks" init -q
git_quiet -C "$WORK/hooks" add -A
git_quiet -C "$WORK/hooks" commit -q -m snapshot
REV=$(git -C "$WORK/hooks" rev-parse HEAD)

echo "== consumer repo"
C="$WORK/consumer"
mkdir -p "$C/drafts"
git_quiet -C "$C" init -q
cat > "$C/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $WORK/hooks
    rev: $REV
    hooks:
      - id: newslint
YAML
printf 'exclude = ["drafts/**"]\n' > "$C/newslint.toml"
cp fixtures/clean/"$(ls fixtures/clean | head -n 1)" "$C/good.txt"
cp fixtures/seeds/002_519e2195c9da8160.txt "$C/bad.txt"
cp fixtures/seeds/002_519e2195c9da8160.txt "$C/drafts/wip.txt"
git_quiet -C "$C" add -A

export PRE_COMMIT_HOME="$CACHE/home"
export CARGO_TARGET_DIR="$CACHE/cargo-target"
# A quicker release build for the hook: no LTO, more codegen units.
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
export CARGO_PROFILE_RELEASE_DEBUG=false

run_hooks() { (cd "$C" && "$PRE_COMMIT" run --all-files --color never) >"$WORK/out" 2>&1; }

echo "== pre-commit run with a defective file (builds the hook the first time)"
if run_hooks; then
  cat "$WORK/out"; echo "FAIL: the hook passed on a defective file"; exit 1
fi
cat "$WORK/out"
grep -q "newslint.*Failed" "$WORK/out" || { echo "FAIL: hook did not report Failed"; exit 1; }
grep -q "warning\[quote-spacing\]" "$WORK/out" || { echo "FAIL: no newslint diagnostic in the output"; exit 1; }
grep -q "bad.txt" "$WORK/out" || { echo "FAIL: bad.txt not named"; exit 1; }
if grep -q "wip.txt" "$WORK/out"; then echo "FAIL: excluded drafts/wip.txt was linted"; exit 1; fi

echo "== pre-commit run with the defective file removed"
git_quiet -C "$C" rm -q -f bad.txt
if ! run_hooks; then
  cat "$WORK/out"; echo "FAIL: the hook failed on clean files"; exit 1
fi
cat "$WORK/out"
grep -q "newslint.*Passed" "$WORK/out" || { echo "FAIL: hook did not report Passed"; exit 1; }
echo "== pre-commit hook test passed"
