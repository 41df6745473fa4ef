# SPDX-License-Identifier: Apache-2.0
"""`verify`: runs the exported stages in ONNX Runtime (in-place KV loop) and checks them.

- Against PyTorch: the reference module on the checkpoint's weights (--checkpoint) or, without it, on the
  weights read back from the stage graphs. Logit errors per step (teacher-forced on ORT's continuation)
  and identical greedy continuations.
- Internal consistency: prefill at once vs token by token vs in chunks, in-place cache vs copied cache.
- The golden file, if given: prompt ids, top-k ids and logits, greedy ids.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from . import tokenizer as tok
from .golden import TOP_K
from .prompts import standard_prompts
from .reference import MossForCausalLM, greedy
from .runtime import OrtPipeline, load_manifest, reference_from_model_dir

# largest |ORT - PyTorch| over the largest |logit|, per dtype
REL_TOLERANCE = {"fp32": 1e-4, "fp16": 2e-2}


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    max_abs: float = 0.0
    max_rel: float = 0.0

    def say(self, msg: str) -> None:
        self.lines.append(msg)

    def fail(self, msg: str) -> None:
        self.failures.append(msg)
        self.lines.append("FAIL " + msg)

    @property
    def ok(self) -> bool:
        return not self.failures


def extra_prompts() -> list[tuple[str, str]]:
    return [
        ("english_code", "def fibonacci(n):\n    if n < 2:\n        return n\n"),
        ("chinese_long", "人工智能是计算机科学的一个分支，它企图了解智能的实质，并生产出一种新的能以人类智能相似的方式做出反应的智能机器。"),
    ]


@torch.no_grad()
def verify(model_dir: str | Path, checkpoint: str | Path | None = None, golden_file: str | Path | None = None,
           max_new_tokens: int = 16, threads: int = 2, log=print) -> Report:
    torch.set_num_threads(threads)
    model_dir = Path(model_dir)
    manifest = load_manifest(model_dir)
    dtype = manifest["dtype"]
    eom = manifest["special_tokens"]["<eom>"]
    tokenizer = tok.load(model_dir / "tokenizer.json")
    r = Report()
    if checkpoint:
        ref = MossForCausalLM.from_checkpoint(checkpoint)
        r.say(f"reference: PyTorch on the checkpoint {checkpoint}")
    else:
        ref = reference_from_model_dir(model_dir)
        r.say("reference: PyTorch on the weights read back from the stage graphs (no --checkpoint)")
    pipe = OrtPipeline(model_dir, threads=threads)
    tol = REL_TOLERANCE[dtype]

    for name, prompt in standard_prompts() + extra_prompts():
        ids = tokenizer.encode(prompt).ids[-(manifest["architecture"]["n_positions"] - max_new_tokens):]
        ort_ids, ort_logits = pipe.greedy(ids, max_new_tokens, stop_ids=(eom,))
        # teacher-forced: the reference's logits at each step of ORT's continuation
        ref_all, _ = ref(torch.tensor([ids + ort_ids[:-1]]))
        ref_steps = ref_all[0, len(ids) - 1 :].numpy()
        abs_err = max(float(np.abs(o - t).max()) for o, t in zip(ort_logits, ref_steps))
        rel_err = abs_err / max(1e-6, float(np.abs(ref_steps).max()))
        r.max_abs, r.max_rel = max(r.max_abs, abs_err), max(r.max_rel, rel_err)
        ref_ids, _ = greedy(ref, ids, max_new_tokens, stop_ids=(eom,))
        same = ref_ids == ort_ids
        r.say(f"{name}: {len(ids)} prompt tokens, {len(ort_ids)} new, max abs err {abs_err:.2e}, rel {rel_err:.2e}, "
              f"greedy {'identical' if same else 'DIFFERENT'}: {tokenizer.decode(ort_ids, skip_special_tokens=False)!r}")
        if rel_err > tol:
            r.fail(f"{name}: logit error {rel_err:.2e} (relative) exceeds {tol:.0e} for {dtype}")
        if not same:
            j = next(i for i, (a, b) in enumerate(zip(ort_ids + [-1], ref_ids + [-2])) if a != b)
            top2 = np.sort(ref_steps[j])[-2:] if j < len(ref_steps) else None
            gap = float(top2[1] - top2[0]) if top2 is not None else 0.0
            if dtype == "fp16" and gap <= 2 * abs_err:
                r.say(f"  {name}: step {j} is a near tie (top-2 gap {gap:.2e} <= 2x error): accepted for fp16")
            else:
                r.fail(f"{name}: greedy continuations differ at step {j} (top-2 gap {gap:.2e})")

    _consistency(model_dir, tokenizer, pipe, threads, tol, r)
    if golden_file:
        _check_golden(pipe, tokenizer, json.loads(Path(golden_file).read_text(encoding="utf-8")), eom, r)
    for line in r.lines:
        log(line)
    log(f"max abs logit error {r.max_abs:.2e}, max relative {r.max_rel:.2e}: {'OK' if r.ok else 'MISMATCH'}")
    return r


def _consistency(model_dir, tokenizer, pipe: OrtPipeline, threads: int, tol: float, r: Report) -> None:
    ids = tokenizer.encode(standard_prompts()[4][1]).ids[:96]
    pipe.reset()
    whole = pipe.forward(ids)
    pipe.reset()
    for t in ids:
        one_by_one = pipe.forward([t])
    pipe.reset()
    for start in range(0, len(ids), 13):
        chunked = pipe.forward(ids[start : start + 13])
    copy = OrtPipeline(model_dir, threads=threads, in_place=False)
    copied = copy.forward(ids)
    scale = float(np.abs(whole).max())
    for label, other in (("token by token", one_by_one), ("chunks of 13", chunked), ("copied cache", copied)):
        err = float(np.abs(other - whole).max()) / scale
        r.say(f"consistency: prefill at once vs {label}: relative {err:.2e}")
        if err > tol:
            r.fail(f"prefill at once and {label} disagree ({err:.2e})")


def _check_golden(pipe: OrtPipeline, tokenizer, golden: dict, eom: int, r: Report) -> None:
    for case in golden["cases"]:
        n = case["name"]
        if tokenizer.encode(case["prompt"]).ids != case["prompt_ids"]:
            r.fail(f"golden {n}: prompt ids differ from tokenizer.json")
        pipe.reset()
        logits = pipe.forward(case["prompt_ids"])
        top = np.argsort(-logits, kind="stable")[:TOP_K]
        if top.tolist() != case["prefill_top_k"]["ids"]:
            r.fail(f"golden {n}: top-{TOP_K} ids differ")
        err = float(np.abs(logits[case["prefill_top_k"]["ids"]] - np.array(case["prefill_top_k"]["logits"])).max())
        ids, _ = pipe.greedy(case["prompt_ids"], len(case["greedy"]["ids"]), stop_ids=(eom,))
        same = ids == case["greedy"]["ids"]
        r.say(f"golden {n}: top-k logit error {err:.2e}, greedy {'identical' if same else 'DIFFERENT'}")
        if err > 1e-3:
            r.fail(f"golden {n}: top-k logits differ by {err:.2e}")
        if not same:
            r.fail(f"golden {n}: greedy ids differ")


def demo_prompts() -> list[tuple[str, str, tuple[str, ...]]]:
    """App-like prompts for the demo model: (name, prompt, stop tokens)."""
    from .prompts import meta_instruction, short_turn, turn

    plain = meta_instruction(inner_thoughts=False)
    calc = meta_instruction(("Calculator",), inner_thoughts=True)
    return [
        ("greeting_en", plain + "<|Human|>: Hello!<eoh>\n", ("<eom>",)),
        ("greeting_zh", plain + "<|Human|>: 你好<eoh>\n", ("<eom>",)),
        ("who_en_moss", plain + turn("Who are you?", None), ("<eom>",)),
        ("fact_zh_short", meta_instruction() + short_turn("中国的首都是哪里？", None), ("<eom>",)),
        ("two_turns_en", plain + turn("Hi", "Hello! How can I help you today?") + "<|Human|>: What is the capital of Japan?<eoh>\n", ("<eom>",)),
        ("calculator_en", calc + "<|Human|>: What is 37 times 12?<eoh>\n", ("<eoc>",)),
        ("calculator_zh", calc + "<|Human|>: 请帮我算一下128加256。<eoh>\n", ("<eoc>",)),
        ("calculator_result", calc + turn("What is 37 times 12?", None, "I need to use the calculator to compute 37*12.",
                                          "Calculate(\"37*12\")", "Calculate(\"37*12\") => '444'"), ("<eom>",)),
    ]


def demo_report(model_dir: str | Path, max_new_tokens: int = 160, log=print) -> list[dict]:
    """Greedy replies of a model directory to app-like prompts (used after make-demo and in tests)."""
    model_dir = Path(model_dir)
    manifest = load_manifest(model_dir)
    tokenizer = tok.load(model_dir / "tokenizer.json")
    pipe = OrtPipeline(model_dir)
    out = []
    for name, prompt, stops in demo_prompts():
        stop_ids = tuple(manifest["special_tokens"][s] for s in stops)
        ids, _ = pipe.greedy(tokenizer.encode(prompt).ids, max_new_tokens, stop_ids=stop_ids)
        text = tokenizer.decode(ids, skip_special_tokens=False)
        out.append({"name": name, "text": text, "stopped": bool(ids) and ids[-1] in stop_ids})
        log(f"{name}: {text!r}")
    return out
