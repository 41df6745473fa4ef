# SPDX-License-Identifier: Apache-2.0
"""`reference-bench` and `make-bench`: the Python reference numbers beside which the Java bench reports.

Runners, all greedy (argmax) on the same weights, batch 1:
- `ort`: Python ONNX Runtime on the model directory's graphs, cache in place through IOBinding (the app's way);
- `ort-concat`: Python ONNX Runtime on optimum-style graphs built from the same weights (past in, present
  out by concatenation, MatMul/Softmax attention), each step's present fed back as the next past;
- `torch`: the PyTorch reference module (moss_onnx/reference.py), eager, with a concatenating KV cache;
- `transformers`: transformers' CodeGenForCausalLM (the same block) with the same weights, eager, its own cache.
"""

from __future__ import annotations

import json
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from . import tokenizer as tok
from .checkpoint import MossConfig
from .graph import build_stage
from .runtime import MANIFEST, OrtPipeline, load_manifest, state_dict_from_model_dir

BENCH_TEXT = ("MOSS is a conversational language model. 复旦大学开发的对话模型可以用中文和英文交流。 "
              "def add(a, b):\n    return a + b\n")


class _StateWeights:
    """What build_stage needs from a checkpoint, over an in-memory MOSS state dict."""

    def __init__(self, config: MossConfig, state: dict[str, torch.Tensor]):
        self.config, self.state = config, state

    def tensor(self, name: str) -> torch.Tensor:
        return self.state[name]

    def close(self) -> None:
        pass


def build_concat_copy(model_dir: Path, out_dir: Path) -> Path:
    """The same model as optimum-style concat graphs (bench only: the app accepts only in-place graphs)."""
    manifest = load_manifest(model_dir)
    cfg, state = state_dict_from_model_dir(model_dir)
    weights = _StateWeights(cfg, state)
    out_dir.mkdir(parents=True)
    for st in manifest["stages"]:
        build_stage(weights, st["first_layer"], st["end_layer"], out_dir, st["index"], manifest["dtype"], "concat")
    manifest["exporter"]["attention"] = "concat"
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    shutil.copy(model_dir / "tokenizer.json", out_dir / "tokenizer.json")
    return out_dir


def _prompt(model_dir: Path, n: int) -> list[int]:
    ids = tok.load(model_dir / "tokenizer.json").encode(BENCH_TEXT).ids
    return (ids * (n // len(ids) + 1))[:n]


def _time_ort(pipe: OrtPipeline, prompt: list[int], new_tokens: int) -> tuple[float, list[float]]:
    pipe.reset()
    t0 = time.perf_counter()
    nxt = int(np.argmax(pipe.forward(prompt)))
    ttft = time.perf_counter() - t0
    steps = []
    for _ in range(new_tokens - 1):
        t = time.perf_counter()
        nxt = int(np.argmax(pipe.forward([nxt])))
        steps.append(time.perf_counter() - t)
    return ttft, steps


@torch.no_grad()
def _time_torch(model, prompt: list[int], new_tokens: int) -> tuple[float, list[float]]:
    t0 = time.perf_counter()
    logits, past = model(torch.tensor([prompt]), last_only=True)
    nxt = int(torch.argmax(logits[0, -1]))
    ttft = time.perf_counter() - t0
    steps = []
    for _ in range(new_tokens - 1):
        t = time.perf_counter()
        logits, past = model(torch.tensor([[nxt]]), past=past, last_only=True)
        nxt = int(torch.argmax(logits[0, -1]))
        steps.append(time.perf_counter() - t)
    return ttft, steps


def _transformers_codegen(model_dir: Path):
    """transformers' CodeGenForCausalLM (MOSS's block under another name) with the model directory's weights."""
    from transformers import CodeGenConfig, CodeGenForCausalLM

    cfg, state = state_dict_from_model_dir(model_dir)
    hf = CodeGenForCausalLM(CodeGenConfig(
        vocab_size=cfg.vocab_size, n_positions=cfg.n_positions, n_ctx=cfg.n_positions, n_embd=cfg.n_embd,
        n_layer=cfg.n_layer, n_head=cfg.n_head, rotary_dim=cfg.rotary_dim, n_inner=cfg.n_inner,
        activation_function="gelu_new", layer_norm_epsilon=cfg.layer_norm_epsilon, resid_pdrop=0.0, embd_pdrop=0.0,
        attn_pdrop=0.0, tie_word_embeddings=False, bos_token_id=0, eos_token_id=0))
    hf.load_state_dict(state, strict=False)
    return hf.eval()


@torch.no_grad()
def _time_transformers(model, prompt: list[int], new_tokens: int) -> tuple[float, list[float]]:
    t0 = time.perf_counter()
    out = model(input_ids=torch.tensor([prompt]), use_cache=True, logits_to_keep=1)
    nxt = int(torch.argmax(out.logits[0, -1]))
    ttft = time.perf_counter() - t0
    steps = []
    for _ in range(new_tokens - 1):
        t = time.perf_counter()
        out = model(input_ids=torch.tensor([[nxt]]), past_key_values=out.past_key_values, use_cache=True, logits_to_keep=1)
        nxt = int(torch.argmax(out.logits[0, -1]))
        steps.append(time.perf_counter() - t)
    return ttft, steps


RUNNERS = ("ort", "ort-concat", "torch", "transformers")


def reference_bench(model_dir: str | Path, prompt_tokens: list[int], new_tokens: int = 32, threads: int = 2,
                    skip: list[str] = (), repeats: int = 3,
                    log=lambda m: print(f"[bench] {m}", file=sys.stderr, flush=True)) -> dict:
    """Runners take turns (round robin, `repeats` rounds, medians reported), so a machine whose load
    drifts, like a shared one, biases none of them."""
    model_dir = Path(model_dir)
    torch.set_num_threads(threads)
    manifest = load_manifest(model_dir)
    n_pos = manifest["architecture"]["n_positions"]
    prompt_tokens = [p for p in prompt_tokens if p + new_tokens <= n_pos]
    runners = {}
    tmp = None
    try:
        for name in RUNNERS:
            if name in skip:
                continue
            if name == "ort":
                runners[name] = (OrtPipeline(model_dir, threads=threads), _time_ort)
            elif name == "ort-concat":
                tmp = Path(tempfile.mkdtemp(prefix="moss-bench-concat-"))
                concat_dir = build_concat_copy(model_dir, tmp / "model")
                runners[name] = (OrtPipeline(concat_dir, threads=threads, in_place=False), _time_ort)
            elif name == "torch":
                from .runtime import reference_from_model_dir

                runners[name] = (reference_from_model_dir(model_dir), _time_torch)
            else:
                runners[name] = (_transformers_codegen(model_dir), _time_transformers)
        for runner, timed in runners.values():
            timed(runner, _prompt(model_dir, 8), 4)  # warm up: session optimisation, allocations
        results = []
        for p in prompt_tokens:
            prompt = _prompt(model_dir, p)
            samples = {name: [] for name in runners}
            for _ in range(repeats):
                for name, (runner, timed) in runners.items():
                    samples[name].append(timed(runner, prompt, new_tokens))
            for name, runs in samples.items():
                ttft = float(np.median([t for t, _ in runs]))
                steps = [s for _, st in runs for s in st]
                row = {"runner": name, "prompt_tokens": p, "new_tokens": new_tokens,
                       "ttft_ms": round(1000 * ttft, 2),
                       "ms_per_token": round(1000 * float(np.median(steps)), 3) if steps else None,
                       "tokens_per_s": round(1.0 / float(np.median(steps)), 2) if steps else None,
                       "mean_ms_per_token": round(1000 * float(np.mean(steps)), 3) if steps else None}
                results.append(row)
                log(f"{name} prompt {p}: TTFT {row['ttft_ms']} ms, {row['ms_per_token']} ms/token")
    finally:
        runners.clear()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return {
        "model": manifest["name"],
        "dtype": manifest["dtype"],
        "parameters": _parameters(manifest),
        "threads": threads,
        "new_tokens": new_tokens,
        "repeats": repeats,
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "onnxruntime": __import__("onnxruntime").__version__,
        "torch": torch.__version__,
        "decoding": "greedy (argmax), batch 1; runners take turns; ttft_ms is the median prefill; ms_per_token "
                    "the median decode step and tokens_per_s = 1 / that; mean_ms_per_token includes outliers",
        "results": results,
    }


def _parameters(manifest: dict) -> int:
    a = manifest["architecture"]
    E, I, V, L = a["n_embd"], a["n_inner"], a["vocab_size"], a["n_layer"]
    return L * (2 * E + 4 * E * E + 2 * E * I + I + E) + 2 * V * E + V + 2 * E


def format_table(result: dict) -> str:
    rows = [f"model {result['model']} ({result['parameters'] / 1e6:.0f}M parameters, {result['dtype']}), "
            f"{result['threads']} threads, {result['new_tokens']} new tokens, greedy",
            f"{'runner':<12} {'prompt':>6} {'TTFT ms':>9} {'ms/token':>9} {'tokens/s':>9}"]
    for r in result["results"]:
        rows.append(f"{r['runner']:<12} {r['prompt_tokens']:>6} {r['ttft_ms']:>9.1f} {r['ms_per_token']:>9.2f} "
                    f"{(r['tokens_per_s'] or 0):>9.1f}")
    return "\n".join(rows)


def make_bench(out: str | Path, layers: int = 12, width: int = 768, heads: int = 12, rotary_dim: int = 32,
               seed: int = 0) -> dict:
    """A random-weight MOSS-shaped model (default ~162M parameters with GPT-2's full 50k vocabulary), fp32."""
    from .demo.train import GPT2_DIR
    from .export import ExportError, export
    from .reference import random_model, save_checkpoint

    out = Path(out)
    if out.exists():
        raise ExportError(f"output directory {out} already exists")
    with tempfile.TemporaryDirectory(prefix="moss-bench-") as work:
        ckpt = Path(work) / "moss-bench"
        added = tok.write_moss_tokenizer_files(ckpt, GPT2_DIR)
        vocab = max(added.values()) + 1
        cfg = MossConfig(n_layer=layers, n_embd=width, n_head=heads, rotary_dim=rotary_dim, n_inner=4 * width,
                         vocab_size=(vocab + 63) // 64 * 64, n_positions=2048, layer_norm_epsilon=1e-5)
        torch.manual_seed(seed)
        save_checkpoint(random_model(cfg, seed=seed), ckpt)
        return export(ckpt, out, stages=2, dtype="fp32", name="moss-bench-random")
