# SPDX-License-Identifier: Apache-2.0
"""A small, readable PyTorch MOSS, faithful to MOSS's models/modeling_moss.py (the CodeGen block).

It is the yardstick for the ONNX export: verify, golden and reference-bench all run it. Parameter names
and the fused qkv layout are MOSS's own, so `state_dict()` is a MOSS checkpoint.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch
from torch import nn

from .checkpoint import MP_NUM, Checkpoint, MossConfig


def gelu_new(x: torch.Tensor) -> torch.Tensor:
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def sinusoidal_positions(num_pos: int, dim: int) -> torch.Tensor:
    """[num_pos, dim]: sin in the first half, cos in the second (create_sinusoidal_positions)."""
    inv_freq = 1.0 / (10000 ** (torch.arange(0, dim, 2, dtype=torch.float32) / dim))
    sinusoid = torch.einsum("i,j->ij", torch.arange(num_pos, dtype=torch.float32), inv_freq)
    return torch.cat((torch.sin(sinusoid), torch.cos(sinusoid)), dim=1)


def rotate_every_two(x: torch.Tensor) -> torch.Tensor:
    x1 = x[:, :, :, ::2]
    x2 = x[:, :, :, 1::2]
    return torch.stack((-x2, x1), dim=-1).flatten(-2)


def apply_rotary_pos_emb(x: torch.Tensor, sin: torch.Tensor, cos: torch.Tensor) -> torch.Tensor:
    sin = torch.repeat_interleave(sin[:, :, None, :], 2, 3)
    cos = torch.repeat_interleave(cos[:, :, None, :], 2, 3)
    return (x * cos) + (rotate_every_two(x) * sin)


class MossAttention(nn.Module):
    def __init__(self, cfg: MossConfig):
        super().__init__()
        self.n_head, self.head_dim, self.rotary_dim = cfg.n_head, cfg.head_dim, cfg.rotary_dim
        self.qkv_proj = nn.Linear(cfg.n_embd, 3 * cfg.n_embd, bias=False)
        self.out_proj = nn.Linear(cfg.n_embd, cfg.n_embd, bias=False)
        self.register_buffer("embed_positions", sinusoidal_positions(cfg.n_positions, cfg.rotary_dim), persistent=False)

    def _split_heads(self, x: torch.Tensor) -> torch.Tensor:
        # [B,S,mp,local] -> [B,S,H,D]: shard s holds heads s*H/mp .. (s+1)*H/mp-1
        x = x.reshape(x.shape[:-1] + (self.n_head // MP_NUM, self.head_dim))
        return x.reshape(x.shape[:-3] + (-1,) + x.shape[-1:])

    def forward(self, h, position_ids, layer_past=None):
        b, s, e = h.shape
        qkv = self.qkv_proj(h).reshape(b, s, MP_NUM, -1)
        local_dim = e // MP_NUM
        query, value, key = torch.split(qkv, local_dim, dim=-1)  # MOSS order: Q, V, K
        query, value, key = self._split_heads(query), self._split_heads(value), self._split_heads(key)
        value = value.permute(0, 2, 1, 3)

        sincos = self.embed_positions[position_ids]
        sin, cos = torch.split(sincos, sincos.shape[-1] // 2, dim=-1)
        rd = self.rotary_dim
        k_rot = apply_rotary_pos_emb(key[..., :rd].float(), sin, cos)
        q_rot = apply_rotary_pos_emb(query[..., :rd].float(), sin, cos)
        key = torch.cat([k_rot.to(key.dtype), key[..., rd:]], dim=-1).permute(0, 2, 1, 3)
        query = torch.cat([q_rot.to(query.dtype), query[..., rd:]], dim=-1).permute(0, 2, 1, 3)

        if layer_past is not None:
            key = torch.cat((layer_past[0], key), dim=-2)
            value = torch.cat((layer_past[1], value), dim=-2)
        present = (key, value)

        # _attn: fp32 scores, causal mask aligned to the end, softmax in fp32
        q_len, k_len = query.shape[-2], key.shape[-2]
        scores = torch.matmul(query.float(), key.float().transpose(-1, -2)) / math.sqrt(self.head_dim)
        causal = torch.ones(q_len, k_len, dtype=torch.bool, device=scores.device).tril(k_len - q_len)
        scores = scores.masked_fill(~causal, torch.finfo(torch.float32).min)
        probs = torch.softmax(scores, dim=-1).to(value.dtype)
        out = torch.matmul(probs, value).permute(0, 2, 1, 3).reshape(b, s, e)
        return self.out_proj(out), present


class MossMLP(nn.Module):
    def __init__(self, cfg: MossConfig):
        super().__init__()
        self.fc_in = nn.Linear(cfg.n_embd, cfg.n_inner)
        self.fc_out = nn.Linear(cfg.n_inner, cfg.n_embd)

    def forward(self, h):
        return self.fc_out(gelu_new(self.fc_in(h)))


class MossBlock(nn.Module):
    def __init__(self, cfg: MossConfig):
        super().__init__()
        self.ln_1 = nn.LayerNorm(cfg.n_embd, eps=cfg.layer_norm_epsilon)
        self.attn = MossAttention(cfg)
        self.mlp = MossMLP(cfg)

    def forward(self, x, position_ids, layer_past=None):
        h = self.ln_1(x)
        attn, present = self.attn(h, position_ids, layer_past)
        return x + attn + self.mlp(h), present  # parallel residual, one shared LayerNorm


class MossTransformer(nn.Module):
    def __init__(self, cfg: MossConfig):
        super().__init__()
        self.wte = nn.Embedding(cfg.vocab_size, cfg.n_embd)
        self.h = nn.ModuleList(MossBlock(cfg) for _ in range(cfg.n_layer))
        self.ln_f = nn.LayerNorm(cfg.n_embd, eps=cfg.layer_norm_epsilon)


class MossForCausalLM(nn.Module):
    """forward(input_ids, past) -> (fp32 logits [B,S,V], present): MossForCausalLM with use_cache."""

    def __init__(self, cfg: MossConfig):
        super().__init__()
        self.config = cfg
        self.transformer = MossTransformer(cfg)
        self.lm_head = nn.Linear(cfg.n_embd, cfg.vocab_size)

    def forward(self, input_ids: torch.Tensor, past=None, position_ids=None, last_only: bool = False):
        past_len = 0 if past is None else past[0][0].shape[-2]
        if position_ids is None:
            position_ids = torch.arange(past_len, past_len + input_ids.shape[1], device=input_ids.device).unsqueeze(0).expand_as(input_ids)
        x = self.transformer.wte(input_ids)
        presents = []
        for i, block in enumerate(self.transformer.h):
            x, present = block(x, position_ids, None if past is None else past[i])
            presents.append(present)
        if last_only:
            x = x[:, -1:]
        logits = self.lm_head(self.transformer.ln_f(x)).to(torch.float32)
        return logits, presents

    @staticmethod
    def from_checkpoint(ckpt: Checkpoint | str | Path, dtype=torch.float32) -> "MossForCausalLM":
        if not isinstance(ckpt, Checkpoint):
            ckpt = Checkpoint(ckpt)
        model = MossForCausalLM(ckpt.config)
        state = {name: ckpt.tensor(name).to(dtype) for name in model.state_dict()}
        model.load_state_dict(state)
        ckpt.close()
        return model.to(dtype).eval()


def random_model(cfg: MossConfig, seed: int = 0, init_std: float = 0.02) -> MossForCausalLM:
    """A MOSS-shaped model with random weights (GPT-style init, non-trivial LayerNorm and biases)."""
    g = torch.Generator().manual_seed(seed)
    model = MossForCausalLM(cfg)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("ln_1.weight") or name.endswith("ln_f.weight"):
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
            elif name.endswith(".bias"):
                p.copy_(0.02 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(init_std * torch.randn(p.shape, generator=g))
    return model.eval()


def save_checkpoint(
    model: MossForCausalLM,
    out_dir: str | Path,
    dtype=torch.float32,
    shards: int = 1,
    fmt: str = "bin",
) -> Path:
    """Writes `model` as a MOSS checkpoint: config.json + pytorch_model.bin (or shards + index, or safetensors).

    Tokenizer files are written separately (tokenizer.write_moss_tokenizer_files).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cfg = model.config.hf_config()
    cfg["torch_dtype"] = {torch.float16: "float16", torch.float32: "float32", torch.bfloat16: "bfloat16"}[dtype]
    (out / "config.json").write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
    state = {k: v.detach().to(dtype).contiguous() for k, v in model.state_dict().items()}
    names = list(state)
    groups = [names] if shards <= 1 else _contiguous_groups(names, shards)
    ext = "bin" if fmt == "bin" else "safetensors"
    if len(groups) == 1:
        files = ["pytorch_model.bin" if ext == "bin" else "model.safetensors"]
    else:
        stem = "pytorch_model" if ext == "bin" else "model"
        files = [f"{stem}-{i + 1:05d}-of-{len(groups):05d}.{ext}" for i in range(len(groups))]
    weight_map = {}
    for fname, group in zip(files, groups):
        part = {n: state[n] for n in group}
        if ext == "bin":
            torch.save(part, out / fname)
        else:
            from safetensors.torch import save_file

            save_file(part, str(out / fname), metadata={"format": "pt"})
        weight_map.update({n: fname for n in group})
    if len(groups) > 1:
        index = {"metadata": {"total_size": sum(t.numel() * t.element_size() for t in state.values())},
                 "weight_map": weight_map}
        index_name = "pytorch_model.bin.index.json" if ext == "bin" else "model.safetensors.index.json"
        (out / index_name).write_text(json.dumps(index, indent=2) + "\n", encoding="utf-8")
    return out


def _contiguous_groups(names: list[str], n: int) -> list[list[str]]:
    size = math.ceil(len(names) / n)
    return [names[i : i + size] for i in range(0, len(names), size)]


@torch.no_grad()
def greedy(model: MossForCausalLM, prompt_ids: list[int], max_new_tokens: int, stop_ids=()) -> tuple[list[int], list[torch.Tensor]]:
    """Greedy decode with a KV cache; argmax, no repetition penalty. Returns new ids and each step's logits."""
    logits, past = model(torch.tensor([prompt_ids]), last_only=True)
    out, all_logits = [], []
    for _ in range(max_new_tokens):
        step = logits[0, -1]
        all_logits.append(step)
        nxt = int(torch.argmax(step))
        out.append(nxt)
        if nxt in stop_ids:
            break
        logits, past = model(torch.tensor([[nxt]]), past=past, last_only=True)
    return out, all_logits
