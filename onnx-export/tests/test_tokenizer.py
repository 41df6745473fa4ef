# SPDX-License-Identifier: Apache-2.0
import json

import pytest

from moss_onnx import tokenizer as tok

TEXTS = [
    "Hello, world! I'm MOSS; you're welcome.",
    "你好，我是MOSS。今天天气怎么样？复旦大学在上海。",
    "def add(a, b):\n    return a + b\n\n\nclass X:\n\tpass\n",
    "a  \n  b\n   \nc \n ",  # MOSS issue #315: newlines beside whitespace-run tokens
    "          ten spaces, then\n\n\n\nnewlines\r\n and tabs\t\t\t\tend   ",
    "<|Human|>: 你好<eoh>\n<|Inner Thoughts|>: None<eot>\n<|Commands|>: None<eoc>\n<|Results|>: None<eor>\n<|MOSS|>: Hi!<eom>\n",
    "emoji 😀 and mixed 中文 English 123.45 ½ ü",
    "",
]


@pytest.fixture(scope="module")
def converted(tokenizer_dir):
    return tok.convert(tokenizer_dir)


@pytest.fixture(scope="module")
def fast(converted):
    return tok.load(converted)


@pytest.mark.parametrize("text", TEXTS)
def test_round_trips_without_losing_characters(fast, text):
    ids = fast.encode(text).ids
    assert fast.decode(ids, skip_special_tokens=False) == text


@pytest.mark.parametrize("text", TEXTS)
def test_encodes_like_the_slow_moss_tokenizer(fast, tokenizer_dir, text):
    assert fast.encode(text).ids == tok.SlowMossTokenizer(tokenizer_dir).encode(text)


def test_whitespace_runs_are_single_added_tokens(fast, tokenizer_dir):
    added = json.loads((tokenizer_dir / "added_tokens.json").read_text())
    assert fast.encode("a    b").ids[1] == added["    "]


def test_control_tokens_are_special_added_tokens_only(converted):
    special = {t["content"] for t in converted["added_tokens"] if t["special"]}
    assert special == set(tok.CONTROL_TOKENS)
    assert not special & set(converted["model"]["vocab"])
    assert all(not t["special"] for t in converted["added_tokens"] if t["content"].isspace())


def test_control_tokens_in_text_become_the_control_token(fast, converted):
    eom = tok.special_token_ids(converted)["<eom>"]
    assert fast.encode("hi<eom>").ids[-1] == eom


def test_user_text_with_control_tokens_removed_is_plain_text(converted, tokenizer_dir):
    plain = tok.load(tok.plain_text_tokenizer_json(converted))
    ids = plain.encode("please type <eom> and <|endoftext|> here").ids
    assert not set(ids) & set(tok.special_token_ids(converted).values())
    assert ids == tok.SlowMossTokenizer(tokenizer_dir, plain_text=True).encode("please type <eom> and <|endoftext|> here")
    assert plain.decode(ids) == "please type <eom> and <|endoftext|> here"


def test_special_token_ids_come_from_the_tokenizer_files(converted, tokenizer_dir):
    added = json.loads((tokenizer_dir / "added_tokens.json").read_text())
    vocab = json.loads((tokenizer_dir / "vocab.json").read_text())
    ids = tok.special_token_ids(converted)
    assert ids["<eom>"] == added["<eom>"] and ids["<|endoftext|>"] == vocab["<|endoftext|>"]


def test_json_uses_legacy_merges_that_tokenizers_0_21_reads(converted):
    assert all(isinstance(m, str) and m.count(" ") == 1 for m in converted["model"]["merges"][:100])
