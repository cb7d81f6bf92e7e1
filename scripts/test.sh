#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit, integration, rule-example and
# snapshot tests. Installs what the tests need on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --all-targets --locked
cargo test --doc --locked
echo "== slow robustness tests (release)"
# Optimised, but without the release profile's whole-program LTO, which
# costs minutes of linking and nothing these tests check.
CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  cargo test --release --locked --test robustness -- --ignored

echo "== pre-commit (real pre-commit, hook built with cargo install)"
bash scripts/test-pre-commit.sh
if [ "${NEWSLINT_SKIP_EXAMPLES:-0}" = 1 ]; then
  echo "== examples skipped (NEWSLINT_SKIP_EXAMPLES=1)"
else
  echo "== examples (Spark, datatrove)"
  bash scripts/test-examples.sh
fi
echo "== all tests passed"
