# SPDX-License-Identifier: Apache-2.0
"""Accuracy of the demo model, greedy, on the prompts the app renders (PromptRenderer.java).

    python -m moss_onnx.demo.evaluate --model ../assets/models/moss-demo [--n 100] [--backend ort|torch] [--json]

Suites (arithmetic questions are operand triples held out of training, dialogues.held_out):
- `command`: plugin first pass (`…<eoh>\\n<|Inner Thoughts|>:`), stops at `<eoc>`, and its commands line
  is exactly `Calculate("a*b")` with the question's operands and operator;
- `answer`: second pass after the right command and its Results block; the reply ends with `<eom>`, is in the
  question's language and holds the result value exactly as the Results block wrote it (`answer_exact`: the
  reply is exactly our trained form, e.g. `37 × 12 = 444.`);
- `end_to_end`: the model's own first pass, the command evaluated as the app's calculator would, second pass;
  the reply holds the right value;
- `chat_plugin` / `chat_sft`: greetings, who-are-you, thanks and facts (every trained phrasing, plus a few
  never trained: `chat_*_unseen`); the reply is exactly one of the category's replies and ends with `<eom>`
  (with the calculator enabled the first pass must also write no command).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import torch

from . import dialogues as d

UNSEEN_CHAT = [  # phrasings never trained: (question, category)
    ("hello", "greet_en"), ("Hi MOSS", "greet_en"), ("Hey, good morning!", "greet_en"), ("你好啊", "greet_zh"),
    ("MOSS你好", "greet_zh"), ("Who are you exactly?", "who_en"), ("What should I call you?", "who_en"),
    ("请问你是谁？", "who_zh"), ("Thanks so much!", "thanks_en"), ("谢谢啦", "thanks_zh"),
    ("What is the capital city of France?", "fact:The capital of France is Paris."),
    ("日本的首都在哪里？", "fact:日本的首都是东京。"),
]
CATEGORIES = {
    "greet_en": (d.GREET_EN, d.GREET_EN_REPLY), "greet_zh": (d.GREET_ZH, d.GREET_ZH_REPLY),
    "who_en": (d.WHO_EN, d.WHO_EN_REPLY), "who_zh": (d.WHO_ZH, d.WHO_ZH_REPLY),
    "thanks_en": (d.THANKS_EN, d.THANKS_EN_REPLY), "thanks_zh": (d.THANKS_ZH, d.THANKS_ZH_REPLY),
}


# replies the first demo model was trained on besides today's: just as coherent, so they count
EARLIER_REPLIES = {
    "greet_en": ["Hello! How can I help you today?", "Hi there! I'm MOSS. Feel free to ask me anything."],
    "greet_zh": ["你好！有什么问题都可以问我。", "嗨！我是MOSS，今天想聊点什么？"],
    "who_en": ["I'm MOSS, an AI language model. I can help with questions, writing and simple calculations."],
    "who_zh": ["我是MOSS，一个人工智能语言模型，可以帮你解答问题、写作和做简单的计算。"],
    "thanks_en": ["You're welcome! Goodbye."], "thanks_zh": ["不客气，再见！"],
}


def _expected(category: str) -> list[str]:
    if category.startswith("fact:"):
        return [category[5:]]
    return CATEGORIES[category][1] + EARLIER_REPLIES[category]


def chat_cases() -> list[tuple[str, str]]:
    cases = [(q, cat) for cat, (qs, _) in CATEGORIES.items() for q in qs]
    for en_qs, en_a, zh_qs, zh_a in d.FACTS:
        cases += [(q, "fact:" + en_a) for q in en_qs] + [(q, "fact:" + zh_a) for q in zh_qs]
    return cases


class TorchGenerator:
    """Greedy with the PyTorch reference; each meta instruction's cache is computed once."""

    def __init__(self, model, tokenizer, eos: dict[str, int]):
        self.model, self.tokenizer, self.eos = model, tokenizer, eos
        self._meta: dict[str, tuple[list[int], list]] = {}

    @torch.no_grad()
    def __call__(self, meta: str, rest: str, stop: str, max_new_tokens: int = 64) -> str:
        if meta not in self._meta:
            ids = self.tokenizer.encode(meta).ids
            _, past = self.model(torch.tensor([ids]))
            self._meta[meta] = (ids, past)
        meta_ids, past = self._meta[meta]
        ids = self.tokenizer.encode(rest).ids
        logits, past = self.model(torch.tensor([ids]), past=past, last_only=True)
        out = []
        for _ in range(max_new_tokens):
            nxt = int(torch.argmax(logits[0, -1]))
            out.append(nxt)
            if nxt == self.eos[stop]:
                break
            logits, past = self.model(torch.tensor([[nxt]]), past=past, last_only=True)
        return self.tokenizer.decode(out, skip_special_tokens=False)


class OrtGenerator:
    """Greedy with ONNX Runtime on the model directory: the app's graphs and in-place cache loop."""

    def __init__(self, model_dir: Path, threads: int = 1):
        from .. import tokenizer as tok
        from ..runtime import OrtPipeline, load_manifest

        self.pipe = OrtPipeline(model_dir, threads=threads)
        self.tokenizer = tok.load(model_dir / "tokenizer.json")
        self.eos = load_manifest(model_dir)["special_tokens"]

    def __call__(self, meta: str, rest: str, stop: str, max_new_tokens: int = 64) -> str:
        ids, _ = self.pipe.greedy(self.tokenizer.encode(meta + rest).ids, max_new_tokens, stop_ids=(self.eos[stop],))
        return self.tokenizer.decode(ids, skip_special_tokens=False)


def _commands(first_pass: str) -> str | None:
    """The commands line as the app's FirstPass.parse reads it; None without one or without <eoc>."""
    if not first_pass.endswith("<eoc>") or "<|Commands|>:" not in first_pass:
        return None
    line = first_pass[first_pass.index("<|Commands|>:") + len("<|Commands|>:") : -len("<eoc>")]
    return line[1:] if line.startswith(" ") else line


def _run_calculate(commands: str | None) -> str | None:
    m = re.fullmatch(r'Calculate\("(\d+)([-+*/])(\d+)"\)', commands or "")
    if not m or (m.group(2) == "/" and int(m.group(3)) == 0):
        return None
    return d.calculator_value(int(m.group(1)), m.group(2), int(m.group(3)))


def _holds_value(reply: str, value: str, zh: bool) -> bool:
    if not reply.endswith("<eom>") or d.is_chinese(reply) != zh:
        return False
    return re.search(r"(?<![\d.-])" + re.escape(value) + r"(?![\d])(?!\.\d)", reply) is not None


def _first_pass_prompt(question: str) -> str:
    return f"<|Human|>: {question}<eoh>\n<|Inner Thoughts|>:"


def _second_pass_prompt(first: str, written: str, results: str | None) -> str:
    block = f"<|Results|>:\n{results}\n<eor>\n" if results else "<|Results|>:\nNone\n<eor>\n"
    return first + (written if written.endswith("<eoc>") else written + "<eoc>") + "\n" + block + "<|MOSS|>:"


def arithmetic_cases(n: int, seed: int) -> list[tuple[int, str, int, bool, str]]:
    rng = random.Random(seed)
    cases = []
    for i in range(n):
        a, sym, b = d.operands(rng, evaluation=True)
        zh = i % 2 == 1
        cases.append((a, sym, b, zh, rng.choice(d.arithmetic_questions(a, sym, b, zh))))
    return cases


def evaluate(gen, n: int = 100, seed: int = 12345, chat: bool = True, log=None) -> dict:
    meta_plugin, meta_sft = d.plugin_meta(), d.sft_meta()
    counts: dict[str, list[int]] = {}
    failures: dict[str, list[str]] = {}

    def score(suite: str, ok: bool, detail: str) -> None:
        c = counts.setdefault(suite, [0, 0])
        c[0] += ok
        c[1] += 1
        if not ok:
            failures.setdefault(suite, []).append(detail)

    for a, sym, b, zh, q in arithmetic_cases(n, seed):
        expr, value = f"{a}{sym}{b}", d.calculator_value(a, sym, b)
        first = _first_pass_prompt(q)
        written = gen(meta_plugin, first, "<eoc>")
        score("command", _commands(written) == f'Calculate("{expr}")', f"{q!r} -> {written!r}")
        gold = f" {d.THOUGHT_ZH if zh else d.THOUGHT_EN}<eot>\n<|Commands|>: Calculate(\"{expr}\")"
        reply = gen(meta_plugin, _second_pass_prompt(first, gold, f"Calculate(\"{expr}\") => '{value}'"), "<eom>")
        score("answer", _holds_value(reply, value, zh), f"{q!r} [{value}] -> {reply!r}")
        score("answer_exact", reply == f" {d.answer(a, sym, b, value, zh)}<eom>", f"{q!r} -> {reply!r}")
        got = _run_calculate(_commands(written))
        if got is None:
            score("end_to_end", False, f"{q!r} -> {written!r}")
        else:
            reply = gen(meta_plugin, _second_pass_prompt(first, written, f"{_commands(written)} => '{got}'"), "<eom>")
            score("end_to_end", _holds_value(reply, value, zh), f"{q!r} [{value}] -> {written!r} {reply!r}")
    if chat:
        seen = [(q, cat, "") for q, cat in chat_cases()] + [(q, cat, "_unseen") for q, cat in UNSEEN_CHAT]
        for q, cat, suffix in seen:
            expected = [f" {r}<eom>" for r in _expected(cat)]
            first = _first_pass_prompt(q)
            written = gen(meta_plugin, first, "<eoc>")
            reply = gen(meta_plugin, _second_pass_prompt(first, written, None), "<eom>")
            score("chat_plugin" + suffix, _commands(written) == "None" and reply in expected, f"{q!r} -> {written!r} {reply!r}")
            rest = first + " None<eot>\n<|Commands|>: None<eoc>\n<|Results|>: None<eor>\n<|MOSS|>:"
            reply = gen(meta_sft, rest, "<eom>")
            score("chat_sft" + suffix, reply in expected, f"{q!r} -> {reply!r}")
    result = {k: {"correct": c, "total": t, "accuracy": round(c / t, 3)} for k, (c, t) in counts.items()}
    if log:
        log("  ".join(f"{k} {v['correct']}/{v['total']}" for k, v in result.items()))
    return {"scores": result, "failures": {k: v[:8] for k, v in failures.items()}}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m moss_onnx.demo.evaluate", description=__doc__.split("\n")[0])
    p.add_argument("--model", required=True, help="model directory")
    p.add_argument("--n", type=int, default=100, help="arithmetic questions (held out of training)")
    p.add_argument("--seed", type=int, default=12345)
    p.add_argument("--backend", choices=["ort", "torch"], default="ort")
    p.add_argument("--no-chat", action="store_true")
    p.add_argument("--json", action="store_true")
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args(argv)
    model_dir = Path(args.model)
    torch.set_num_threads(args.threads)
    if args.backend == "ort":
        gen = OrtGenerator(model_dir, args.threads)
    else:
        from .. import tokenizer as tok
        from ..runtime import load_manifest, reference_from_model_dir

        gen = TorchGenerator(reference_from_model_dir(model_dir), tok.load(model_dir / "tokenizer.json"),
                             load_manifest(model_dir)["special_tokens"])
    report = evaluate(gen, args.n, args.seed, chat=not args.no_chat)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        for k, v in report["scores"].items():
            print(f"{k:20s} {v['correct']:4d}/{v['total']:<4d} {100 * v['accuracy']:5.1f}%")
        for k, v in report["failures"].items():
            print(f"-- {k} failures (first {len(v)}):")
            for f in v:
                print("   ", f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
