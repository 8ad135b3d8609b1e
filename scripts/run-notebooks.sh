#!/usr/bin/env bash
# Executes every notebook in notebooks/ with the tslab TypeScript kernel against a fresh generated
# cache; exits non-zero on the first cell that fails. Needs Debian's jupyter-nbconvert,
# jupyter-client and python3-ipykernel (.ci/run installs them); installs the kernel spec if absent.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
if ! command -v jupyter >/dev/null 2>&1; then
  echo "jupyter is not installed; run: apt-get install -y jupyter-nbconvert jupyter-client python3-ipykernel" >&2
  exit 2
fi
if ! jupyter kernelspec list 2>/dev/null | grep -q '^ *tslab '; then
  tslab install --python="$(command -v python3)" >/dev/null
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The notebooks load the public API as .ts files through tsx; the cache is new every run.
export NODE_OPTIONS="--import=tsx ${NODE_OPTIONS:-}"
export TLAB_NOTEBOOK_DB="$work/notebooks.sqlite"
export PYDEVD_DISABLE_FILE_VALIDATION=1
for nb in notebooks/*.ipynb; do
  start=$(date +%s)
  jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=120 \
    --output-dir "$work/out" "$nb" >"$work/log" 2>&1 || {
    grep -v -e 'Debugger warning' -e 'frozen modules' -e 'PYDEVD' "$work/log" | tail -n 30 >&2
    echo "notebook failed: $nb" >&2
    exit 1
  }
  echo "ok $nb ($(($(date +%s) - start)) s)"
done
