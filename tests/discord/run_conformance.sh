#!/usr/bin/env bash
# The Discord conformance check for CI: installs Prism if needed, then runs the whole Discord
# suite through it (every REST request and response checked against Discord's OpenAPI spec);
# any violation not explained in tests/discord/prism_allowlist.py fails the test that caused it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bash "$here/install_prism.sh"
cd "$root"
STORYWATCH_DISCORD_PRISM=require python -m pytest tests/discord -q "$@"
