#!/usr/bin/env bash
# Regenerates src/wire/generated from proto/ with buf + the locally installed ts-proto plugin.
# Deterministic: the output folder is wiped first, so running it twice gives no git diff.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf src/wire/generated
npx --no-install buf lint
npx --no-install buf generate
