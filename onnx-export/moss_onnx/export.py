# SPDX-License-Identifier: Apache-2.0
"""`export`: a MOSS checkpoint directory to the app's model directory (docs/MODEL-FORMAT.md, format 1)."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

from . import __version__
from . import tokenizer as tok
from .checkpoint import Checkpoint, CheckpointError, MossConfig
from .graph import OPSET, build_stage
from .runtime import MANIFEST

GENERATION_DEFAULTS = {"temperature": 0.7, "top_p": 0.8, "top_k": 40, "repetition_penalty": 1.02, "max_new_tokens": 512}
BYTES = {"fp32": 4, "fp16": 2}


class ExportError(Exception):
    """A problem with the export request (arguments, output directory)."""


def layer_bytes(cfg: MossConfig, dtype: str) -> int:
    E, I = cfg.n_embd, cfg.n_inner
    return (2 * E + 4 * E * E + E * I + I + I * E + E) * BYTES[dtype]


def embedding_bytes(cfg: MossConfig, dtype: str) -> int:
    return cfg.vocab_size * cfg.n_embd * BYTES[dtype]


def head_bytes(cfg: MossConfig, dtype: str) -> int:
    return (2 * cfg.n_embd + cfg.vocab_size * cfg.n_embd + cfg.vocab_size) * BYTES[dtype]


def plan_stages(cfg: MossConfig, dtype: str, stages: int | None, split: list[int] | None) -> list[tuple[int, int]]:
    """Layer ranges [first, end) per stage: explicit `split` boundaries, or `stages` balanced by bytes."""
    L = cfg.n_layer
    if split is not None:
        bounds = [0, *split, L]
        if stages is not None and stages != len(bounds) - 1:
            raise ExportError(f"--stages {stages} disagrees with --split, which gives {len(bounds) - 1} stages")
        for a, b in zip(bounds, bounds[1:]):
            if b <= a:
                raise ExportError(
                    f"--split {','.join(map(str, split))} leaves a stage empty: boundaries must rise strictly "
                    f"between 0 and n_layer {L} (exclusive)"
                )
        return list(zip(bounds, bounds[1:]))
    n = 2 if stages is None else stages
    if n < 1 or n > L:
        raise ExportError(f"--stages {n}: need 1 to n_layer ({L}) stages, each with at least one layer")
    lb, eb, hb = layer_bytes(cfg, dtype), embedding_bytes(cfg, dtype), head_bytes(cfg, dtype)

    def cost(a: int, b: int) -> int:
        return (b - a) * lb + (eb if a == 0 else 0) + (hb if b == L else 0)

    # best[k][j]: the smallest possible largest stage when layers [0, j) form k stages
    INF = float("inf")
    best = [[INF] * (L + 1) for _ in range(n + 1)]
    cut = [[0] * (L + 1) for _ in range(n + 1)]
    best[0][0] = 0
    for k in range(1, n + 1):
        for j in range(k, L + 1):
            for i in range(k - 1, j):
                c = max(best[k - 1][i], cost(i, j))
                if c < best[k][j]:
                    best[k][j], cut[k][j] = c, i
    bounds, j = [L], L
    for k in range(n, 0, -1):
        j = cut[k][j]
        bounds.append(j)
    bounds.reverse()
    return list(zip(bounds, bounds[1:]))


def _log(msg: str) -> None:
    print(f"[moss_onnx] {msg}", file=sys.stderr, flush=True)


def export(
    checkpoint: str | Path,
    out: str | Path,
    stages: int | None = None,
    split: list[int] | None = None,
    dtype: str | None = None,
    plugin: bool = False,
    name: str | None = None,
    demo: bool = False,
    attention: str = "gqa",
    log=_log,
    tokenizer_json: dict | None = None,
    source: dict | None = None,
) -> dict:
    """Exports and returns the manifest. Writes into a temporary folder beside `out`, renamed at the end."""
    out = Path(out)
    if out.exists():
        raise ExportError(f"output directory {out} already exists; choose a new one or remove it first")
    ckpt = Checkpoint(checkpoint)
    cfg = ckpt.config
    ckpt.check_names()
    if tokenizer_json is None:
        tokenizer_json = tok.convert(ckpt.dir)  # fails early on missing tokenizer files
    specials = tok.special_token_ids(tokenizer_json)
    too_big = [t for t, i in specials.items() if i >= cfg.vocab_size]
    if too_big:
        raise CheckpointError(f"token {too_big[0]!r} has an id beyond the model's vocab_size {cfg.vocab_size}")
    if dtype is None:
        dtype = "fp32" if cfg.torch_dtype == "float32" else "fp16"
    if dtype not in BYTES:
        raise ExportError(f"--dtype {dtype}: choose fp16 or fp32")
    plan = plan_stages(cfg, dtype, stages, split)

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.partial-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        started = time.time()
        stage_entries = []
        written = 0
        for k, (first, end) in enumerate(plan):
            log(f"stage {k + 1}/{len(plan)}: layers {first}..{end - 1}")
            onnx_name, data_name, nbytes = build_stage(ckpt, first, end, tmp, k, dtype, attention,
                                                       progress=lambda m: None)
            ckpt.close()
            written += nbytes
            log(f"stage {k + 1}/{len(plan)} written: {nbytes / 2**20:.1f} MiB (total {written / 2**20:.1f} MiB, "
                f"{time.time() - started:.0f} s)")
            stage_entries.append({
                "index": k, "file": onnx_name, "data_file": data_name,
                "first_layer": first, "end_layer": end,
                "has_embedding": first == 0, "has_head": end == cfg.n_layer,
                "weight_bytes": nbytes,
            })
        tok.write_tokenizer_json(tokenizer_json, tmp / "tokenizer.json")
        log("hashing the checkpoint's weight files")
        manifest = {
            "format": 1,
            "name": name or ckpt.dir.resolve().name,
            "architecture": cfg.to_dict(),
            "dtype": dtype,
            "stages": stage_entries,
            "special_tokens": specials,
            "plugin": bool(plugin),
            "generation_defaults": dict(GENERATION_DEFAULTS),
            "source": source or {"checkpoint": ckpt.dir.resolve().name, "sha256": ckpt.sha256()},
            "demo": bool(demo),
            "exporter": {"version": __version__, "opset": OPSET},
        }
        if attention != "gqa":
            manifest["exporter"]["attention"] = attention  # bench-only graphs; the app rejects them
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, out)
        log(f"done: {out} ({written / 2**20:.1f} MiB of weights, {time.time() - started:.0f} s)")
        return manifest
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def export_from_model(model_dir: str | Path, out: str | Path, stages: int | None = None,
                      split: list[int] | None = None, dtype: str | None = None, log=_log) -> dict:
    """Re-exports an exported model directory with another split or dtype: same weights, same tokenizer,
    same name, plugin and demo flags and source."""
    import tempfile

    import torch

    from .runtime import load_manifest, state_dict_from_model_dir

    model_dir = Path(model_dir)
    manifest = load_manifest(model_dir)
    cfg, state = state_dict_from_model_dir(model_dir)
    tokenizer_json = json.loads((model_dir / "tokenizer.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="moss-reexport-") as tmp:
        ckpt = Path(tmp) / manifest["name"]
        ckpt.mkdir()
        config = cfg.hf_config()
        config["torch_dtype"] = "float32"
        (ckpt / "config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
        torch.save(state, ckpt / "pytorch_model.bin")
        return export(ckpt, out, stages=stages, split=split, dtype=dtype or manifest["dtype"],
                      plugin=manifest.get("plugin", False), name=manifest["name"], demo=manifest.get("demo", False),
                      log=log, tokenizer_json=tokenizer_json, source=manifest.get("source"))
