#!/usr/bin/env bash
# The Python test tools (requirements-test.txt: Schemathesis for test/fuzz) in a virtual environment
# of the project's own, .cache/test-python (Debian's Python refuses system-wide pip installs).
# Idempotent: installs only when the environment is missing or the requirements changed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.cache/test-python
stamp="$venv/requirements.sha256"
wanted="$(sha256sum requirements-test.txt | cut -d' ' -f1)"
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then exit 0; fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet -r requirements-test.txt
echo "$wanted" > "$stamp"
