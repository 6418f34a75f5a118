#!/usr/bin/env bash
# Every test: type-check each process, lint (import zones included), format,
# build, then the whole suite under node's test runner with a real keychain
# and Debian's Chromium. The runner's summary is the last thing printed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build/prepare.sh
npm run --silent check
npm run --silent build
mkdir -p test-results
mapfile -t files < <(find tests -name '*.test.ts' -not -path '*/fixtures/*' | sort)
exec build/with-keyring.sh node --import tsx --test --test-reporter=spec --test-concurrency=1 "${files[@]}"
