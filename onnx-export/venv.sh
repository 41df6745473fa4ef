#!/usr/bin/env bash
# Makes (or updates) onnx-export's virtual environment in onnx-export/.venv from requirements.txt.
set -euo pipefail
cd "$(dirname "$0")"
# The machines here reach no PyPI: use the local package index when there is one, without waiting on pypi.org.
if [ -z "${PIP_INDEX_URL:-}" ] && [ -d /opt/pypi/simple ]; then
  export PIP_INDEX_URL=file:///opt/pypi/simple
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f .venv/.installed ] || [ requirements.txt -nt .venv/.installed ]; then
  .venv/bin/pip install --disable-pip-version-check -q -r requirements.txt
  touch .venv/.installed
fi
