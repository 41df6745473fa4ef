#!/usr/bin/env bash
# Runs the onnx-export test suite in its own virtual environment (made on first use).
set -euo pipefail
cd "$(dirname "$0")"
bash venv.sh
exec .venv/bin/python -m pytest -q tests
