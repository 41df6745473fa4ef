# SPDX-License-Identifier: Apache-2.0
"""The committed demo model and its golden file; the demo's tokenizer, dialogues and training forward."""
import json
import random

import pytest
import torch

from conftest import DEMO_DIR, GOLDEN, GPT2_DIR
from moss_onnx import golden as golden_mod
from moss_onnx import tokenizer as tok
from moss_onnx.checkpoint import MossConfig
from moss_onnx.demo import dialogues
from moss_onnx.demo.evaluate import OrtGenerator, evaluate
from moss_onnx.demo.train import DEMO_SHAPE, fast_forward
from moss_onnx.demo.vocab import write_demo_tokenizer_files
from moss_onnx.reference import random_model
from moss_onnx.runtime import load_manifest
from moss_onnx.verify import demo_report, verify

needs_demo = pytest.mark.skipif(not (DEMO_DIR / "moss-onnx.json").is_file(), reason="no demo model committed")


@pytest.fixture(scope="module")
def replies():
    return {r["name"]: r for r in demo_report(DEMO_DIR, log=lambda m: None)}


@needs_demo
def test_golden_file_reproduces(tmp_path):
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    actual = golden_mod.write_golden(DEMO_DIR, tmp_path / "golden.json")
    assert golden_mod.compare(expected, actual, logit_tol=1e-4) == []
    assert [c["greedy"]["text"] for c in actual["cases"]] == [c["greedy"]["text"] for c in expected["cases"]]


@needs_demo
def test_onnx_runtime_agrees_with_pytorch_and_the_golden_file():
    report = verify(DEMO_DIR, golden_file=GOLDEN, max_new_tokens=8, log=lambda m: None)
    assert report.ok, report.failures


@needs_demo
def test_demo_manifest_is_a_small_plugin_demo():
    m = load_manifest(DEMO_DIR)
    assert m["demo"] is True and m["plugin"] is True and m["dtype"] == "fp32" and len(m["stages"]) == 2
    assert m["architecture"]["n_positions"] == 2048
    assert sum(f.stat().st_size for f in DEMO_DIR.iterdir()) < 12 * 2**20
    assert (DEMO_DIR / "LICENSE.md").is_file()


@needs_demo
@pytest.mark.parametrize("name", ["greeting_en", "greeting_zh"])
def test_demo_ends_a_greeting_reply_with_eom(replies, name):
    assert replies[name]["stopped"] and replies[name]["text"].endswith("<eom>")


@needs_demo
def test_demo_replies_to_chinese_in_chinese(replies):
    assert dialogues.is_chinese(replies["greeting_zh"]["text"])


@needs_demo
def test_demo_with_the_calculator_copies_the_question_into_its_command(replies):
    assert replies["calculator_en"]["text"].endswith('<|Commands|>: Calculate("37*12")<eoc>')
    assert replies["calculator_zh"]["text"].endswith('<|Commands|>: Calculate("128+256")<eoc>')


@needs_demo
def test_demo_answers_with_the_value_of_the_results_block(replies):
    assert replies["calculator_result"]["text"] == " 37 × 12 = 444.<eom>"


@needs_demo
def test_demo_copies_numbers_it_never_saw_in_training():
    scores = evaluate(OrtGenerator(DEMO_DIR), n=8, seed=7, chat=False)["scores"]
    assert scores["command"]["correct"] >= 6 and scores["answer"]["correct"] >= 6, scores


@needs_demo
def test_demo_tokenizer_writes_digits_and_chinese_characters_as_single_tokens():
    t = tok.load(DEMO_DIR / "tokenizer.json")
    assert t.encode(" 1234 = 1234.").tokens == ["Ġ", "1", "2", "3", "4", "Ġ=", "Ġ", "1", "2", "3", "4", "."]
    assert len(t.encode("你好！我是MOSS。").ids) == len("你好！我是") + len(t.encode("MOSS").ids) + len("。")


def test_demo_tokenizer_joins_only_whole_characters_and_encodes_like_the_slow_tokenizer(tmp_path):
    write_demo_tokenizer_files(tmp_path, GPT2_DIR, 4000, dialogues.all_text())
    fast, slow = tok.load(tok.convert(tmp_path)), tok.SlowMossTokenizer(tmp_path)
    for text in ["37乘以12等于444。", "日本語 café 😀 ½", "What is 37 times 12?\n\n  x", "你好，MOSS<eom>"]:
        ids = fast.encode(text).ids
        assert ids == slow.encode(text) and fast.decode(ids, skip_special_tokens=False) == text
    assert tok.load(tok.convert(tmp_path)).encode("日本").tokens == ["æĹ¥", "æľ¬"]  # our characters
    assert tok.load(tok.convert(tmp_path)).encode("語").tokens == ["è", "ª", "ŀ"]  # not ours: bytes


def test_dialogues_train_only_on_what_the_model_writes():
    rng = random.Random(3)
    for calculator in (True, False):
        for _ in range(50):
            c = dialogues.conversation(rng, calculator)
            trained = [c.text[a:b] for a, b in c.spans]
            assert all(not t.startswith("<|Human|>") and "<|Results|>:\nCalculate" not in t for t in trained)
            assert all(t.endswith(("<eoc>", "<eom>")) for t in trained)
            assert c.text.startswith(dialogues.plugin_meta() if calculator else dialogues.sft_meta())


def test_dialogues_never_ask_a_held_out_sum():
    rng = random.Random(4)
    seen = 0
    for _ in range(400):
        text = dialogues.conversation(rng, True).text
        for expr in [x.split('")')[0] for x in text.split('<|Commands|>: Calculate("')[1:]]:
            a, sym, b = next((expr.partition(s) for s in "+-*/" if s in expr[1:]), None)
            assert not dialogues.held_out(int(a), sym, int(b))
            seen += 1
    assert seen > 100


def test_training_forward_computes_the_reference_forward():
    cfg = MossConfig(vocab_size=512, **DEMO_SHAPE)
    model = random_model(cfg, init_std=0.1)
    prefix, ids = torch.randint(0, 512, (1, 7)), torch.randint(0, 512, (3, 20))
    _, past = model(prefix)
    expected, _ = model(ids, past=[(k.expand(3, -1, -1, -1), v.expand(3, -1, -1, -1)) for k, v in past])
    _, fast_past = fast_forward(model, prefix, 0)
    actual, _ = fast_forward(model, ids, 7, fast_past, torch.arange(60))
    assert torch.allclose(actual, expected.reshape(60, 512), atol=1e-4)
