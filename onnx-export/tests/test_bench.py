# SPDX-License-Identifier: Apache-2.0
import json
import os
import subprocess
import sys
from pathlib import Path

from moss_onnx.bench import make_bench

ROOT = Path(__file__).resolve().parents[1]


def test_reference_bench_prints_one_json_object_for_every_runner(tmp_path):
    make_bench(tmp_path / "bench", layers=2, width=64, heads=4, rotary_dim=8)
    r = subprocess.run([sys.executable, "-m", "moss_onnx", "reference-bench", "--model", str(tmp_path / "bench"),
                        "--prompt-tokens", "8,40", "--new-tokens", "4", "--repeats", "1", "--json"],
                       capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), check=True)
    result = json.loads(r.stdout)
    assert {(x["runner"], x["prompt_tokens"]) for x in result["results"]} == {
        (n, p) for n in ("ort", "ort-concat", "torch", "transformers") for p in (8, 40)}
    assert all(x["ttft_ms"] > 0 and x["tokens_per_s"] > 0 for x in result["results"])
