#!/usr/bin/env bash
# Builds actionlint, the linter of GitHub Actions workflows, at its pinned version from the Go module
# proxy into .engine/bin (git-ignored, beside the Pulumi engine), and prints the binary's path.
# Idempotent: a binary of the pinned version is kept. Used by test/engine/actionlint.engine.test.ts
# (`npm run test:engine`); `npm test` needs no Go.
set -euo pipefail

MODULE=github.com/rhysd/actionlint
VERSION=v1.7.12

root="$(cd "$(dirname "$0")/../.." && pwd)"
bin_dir="$root/.engine/bin"
bin="$bin_dir/actionlint"

if [[ -x "$bin" ]] && [[ "$("$bin" -version 2>/dev/null | head -n 1)" == "$VERSION" ]]; then
  echo "$bin"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "error: Go is not installed: it builds actionlint $VERSION ($MODULE)" >&2
  exit 2
fi
mkdir -p "$bin_dir"
# The machine's Go, never a downloaded toolchain; progress to stderr, the path alone to stdout.
GOTOOLCHAIN=local GOBIN="$bin_dir" go install "$MODULE/cmd/actionlint@$VERSION" >&2
echo "$bin"
