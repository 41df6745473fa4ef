# SPDX-License-Identifier: Apache-2.0
"""The committed demo model and its golden file."""
import json

import pytest

from conftest import DEMO_DIR, GOLDEN
from moss_onnx import golden as golden_mod
from moss_onnx.runtime import load_manifest
from moss_onnx.verify import demo_report, verify

pytestmark = pytest.mark.skipif(not (DEMO_DIR / "moss-onnx.json").is_file(), reason="no demo model committed")


@pytest.fixture(scope="module")
def replies():
    return {r["name"]: r for r in demo_report(DEMO_DIR, log=lambda m: None)}


def test_golden_file_reproduces(tmp_path):
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    actual = golden_mod.write_golden(DEMO_DIR, tmp_path / "golden.json")
    assert golden_mod.compare(expected, actual, logit_tol=1e-4) == []
    assert [c["greedy"]["text"] for c in actual["cases"]] == [c["greedy"]["text"] for c in expected["cases"]]


def test_onnx_runtime_agrees_with_pytorch_and_the_golden_file():
    report = verify(DEMO_DIR, golden_file=GOLDEN, max_new_tokens=8, log=lambda m: None)
    assert report.ok, report.failures


def test_demo_manifest_is_a_small_plugin_demo():
    m = load_manifest(DEMO_DIR)
    assert m["demo"] is True and m["plugin"] is True and m["dtype"] == "fp32" and len(m["stages"]) == 2
    assert sum(f.stat().st_size for f in DEMO_DIR.iterdir()) < 15 * 2**20
    assert (DEMO_DIR / "LICENSE.md").is_file()


@pytest.mark.parametrize("name", ["greeting_en", "greeting_zh"])
def test_demo_ends_a_greeting_reply_with_eom(replies, name):
    assert replies[name]["stopped"] and replies[name]["text"].endswith("<eom>")


def test_demo_replies_to_chinese_in_chinese(replies):
    assert any("\u4e00" <= ch <= "\u9fff" for ch in replies["greeting_zh"]["text"])


def test_demo_with_the_calculator_emits_a_command_and_stops_at_eoc(replies):
    text = replies["calculator_en"]["text"]
    assert replies["calculator_en"]["stopped"] and text.endswith("<eoc>") and "Calculate(" in text
