# SPDX-License-Identifier: Apache-2.0
"""`golden`: reference outputs of the PyTorch reference for the Java engine tests (schema in README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import torch

from . import tokenizer as tok
from .prompts import standard_prompts
from .reference import greedy
from .runtime import load_manifest, reference_from_model_dir

SCHEMA = 1
TOP_K = 10
MAX_NEW_TOKENS = 32


def _round(x: float) -> float:
    return float(f"{x:.7g}")


@torch.no_grad()
def golden(model_dir: str | Path, max_new_tokens: int = MAX_NEW_TOKENS) -> dict:
    model_dir = Path(model_dir)
    torch.set_num_threads(2)
    manifest = load_manifest(model_dir)
    tokenizer = tok.load(model_dir / "tokenizer.json")
    model = reference_from_model_dir(model_dir)
    eom = manifest["special_tokens"]["<eom>"]
    cases = []
    for name, prompt in standard_prompts():
        ids = tokenizer.encode(prompt).ids
        logits, _ = model(torch.tensor([ids]), last_only=True)
        top = torch.topk(logits[0, -1], TOP_K)
        new_ids, step_logits = greedy(model, ids, max_new_tokens, stop_ids=(eom,))
        cases.append({
            "name": name,
            "prompt": prompt,
            "prompt_ids": ids,
            "prefill_top_k": {"ids": top.indices.tolist(), "logits": [_round(v) for v in top.values.tolist()]},
            "greedy": {
                "ids": new_ids,
                "text": tokenizer.decode(new_ids, skip_special_tokens=False),
                "finish": "eom" if new_ids and new_ids[-1] == eom else "max_new_tokens",
                "top1_logits": [_round(float(l[i])) for l, i in zip(step_logits, new_ids)],
            },
        })
    return {
        "schema": SCHEMA,
        "model": manifest["name"],
        "model_sha256": manifest["source"]["sha256"],
        "reference": "moss_onnx PyTorch reference (fp32) on the weights of the model directory",
        "decoding": "greedy: argmax of the raw logits at each step; no temperature, top-k/top-p or repetition "
                    "penalty; stops after <eom> or max_new_tokens",
        "tokenization": "prompt text encoded with tokenizer.json as is (control tokens in the text are the "
                        "special tokens); no BOS",
        "top_k": TOP_K,
        "max_new_tokens": max_new_tokens,
        "special_tokens": manifest["special_tokens"],
        "cases": cases,
    }


def write_golden(model_dir: str | Path, out: str | Path) -> dict:
    data = golden(model_dir)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return data


def compare(expected: dict, actual: dict, logit_tol: float = 1e-4) -> list[str]:
    """Differences between two golden objects: ids exactly, logits within logit_tol."""
    problems = []
    for e, a in zip(expected["cases"], actual["cases"]):
        n = e["name"]
        if e["prompt_ids"] != a["prompt_ids"]:
            problems.append(f"{n}: prompt ids differ")
        if e["prefill_top_k"]["ids"] != a["prefill_top_k"]["ids"]:
            problems.append(f"{n}: top-k ids differ")
        diff = max(abs(x - y) for x, y in zip(e["prefill_top_k"]["logits"], a["prefill_top_k"]["logits"]))
        if diff > logit_tol:
            problems.append(f"{n}: top-k logits differ by {diff:.2e}")
        if e["greedy"]["ids"] != a["greedy"]["ids"]:
            problems.append(f"{n}: greedy ids differ")
    if len(expected["cases"]) != len(actual["cases"]):
        problems.append("number of cases differs")
    return problems
