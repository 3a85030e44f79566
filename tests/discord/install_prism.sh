#!/usr/bin/env bash
# Installs Stoplight Prism (npm) into tests/discord/.prism (gitignored) for the conformance run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -x "$here/.prism/node_modules/.bin/prism" ]; then
  echo "prism already installed in $here/.prism"
  exit 0
fi
npm install --prefix "$here/.prism" --no-audit --no-fund --loglevel=error "@stoplight/prism-cli@5"
"$here/.prism/node_modules/.bin/prism" --version
