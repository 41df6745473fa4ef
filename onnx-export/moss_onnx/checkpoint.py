# SPDX-License-Identifier: Apache-2.0
"""Reading a MOSS (CodeGen-architecture) Hugging Face checkpoint directory, one tensor at a time.

Weights are never loaded whole: `.bin` files are opened with `torch.load(mmap=True)` and safetensors with
`safe_open`, so asking for one tensor touches only its bytes. That is what lets the exporter stream a 33 GB
fp16 checkpoint stage by stage.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from pathlib import Path

import torch

SUPPORTED_MODEL_TYPES = ("moss", "codegen")
MP_NUM = 4  # MOSS/CodeGen fuse q, v, k in 4 shards (MOSS.md §1.3)


class CheckpointError(Exception):
    """A problem with the input checkpoint that the user can fix; the CLI prints it and exits non-zero."""


@dataclasses.dataclass(frozen=True)
class MossConfig:
    n_layer: int
    n_embd: int
    n_head: int
    rotary_dim: int
    n_inner: int
    vocab_size: int
    n_positions: int
    layer_norm_epsilon: float
    model_type: str = "moss"
    torch_dtype: str | None = None

    @property
    def head_dim(self) -> int:
        return self.n_embd // self.n_head

    @staticmethod
    def from_dict(cfg: dict) -> "MossConfig":
        model_type = cfg.get("model_type")
        if model_type not in SUPPORTED_MODEL_TYPES:
            raise CheckpointError(
                f"config.json has model_type {model_type!r}; only MOSS checkpoints (model_type \"moss\", "
                f"or the same architecture as \"codegen\") can be exported"
            )
        act = cfg.get("activation_function", "gelu_new")
        if act != "gelu_new":
            raise CheckpointError(f"activation_function {act!r} is not supported (MOSS uses gelu_new)")
        try:
            n_embd, n_head = int(cfg["n_embd"]), int(cfg["n_head"])
            c = MossConfig(
                n_layer=int(cfg["n_layer"]),
                n_embd=n_embd,
                n_head=n_head,
                rotary_dim=int(cfg.get("rotary_dim") or n_embd // n_head),
                n_inner=int(cfg.get("n_inner") or 4 * n_embd),
                vocab_size=int(cfg["vocab_size"]),
                n_positions=int(cfg.get("n_positions") or cfg.get("n_ctx") or 2048),
                layer_norm_epsilon=float(cfg.get("layer_norm_epsilon", 1e-5)),
                model_type=model_type,
                torch_dtype=cfg.get("torch_dtype"),
            )
        except KeyError as e:
            raise CheckpointError(f"config.json lacks {e.args[0]!r}") from None
        if n_embd % n_head or n_head % MP_NUM:
            raise CheckpointError(f"n_embd {n_embd} / n_head {n_head}: need n_embd % n_head == 0 and n_head % 4 == 0")
        if c.rotary_dim % 2 or c.rotary_dim > c.head_dim:
            raise CheckpointError(f"rotary_dim {c.rotary_dim} must be even and at most head_dim {c.head_dim}")
        return c

    def to_dict(self) -> dict:
        """The `architecture` object of the manifest (docs/MODEL-FORMAT.md)."""
        return {
            "model_type": "moss",
            "n_layer": self.n_layer,
            "n_embd": self.n_embd,
            "n_head": self.n_head,
            "head_dim": self.head_dim,
            "rotary_dim": self.rotary_dim,
            "n_inner": self.n_inner,
            "vocab_size": self.vocab_size,
            "n_positions": self.n_positions,
            "layer_norm_epsilon": self.layer_norm_epsilon,
        }

    def hf_config(self) -> dict:
        """A MOSS `config.json` for this shape (used when we write checkpoints ourselves)."""
        return {
            "model_type": "moss",
            "architectures": ["MossForCausalLM"],
            "n_layer": self.n_layer,
            "n_embd": self.n_embd,
            "n_head": self.n_head,
            "rotary_dim": self.rotary_dim,
            "n_inner": self.n_inner,
            "vocab_size": self.vocab_size,
            "n_positions": self.n_positions,
            "n_ctx": self.n_positions,
            "layer_norm_epsilon": self.layer_norm_epsilon,
            "activation_function": "gelu_new",
            "tie_word_embeddings": False,
            "torch_dtype": self.torch_dtype or "float32",
        }


def layer_param_names(i: int) -> list[str]:
    p = f"transformer.h.{i}."
    return [
        p + "ln_1.weight", p + "ln_1.bias",
        p + "attn.qkv_proj.weight", p + "attn.out_proj.weight",
        p + "mlp.fc_in.weight", p + "mlp.fc_in.bias",
        p + "mlp.fc_out.weight", p + "mlp.fc_out.bias",
    ]


EMBEDDING_NAMES = ["transformer.wte.weight"]
HEAD_NAMES = ["transformer.ln_f.weight", "transformer.ln_f.bias", "lm_head.weight", "lm_head.bias"]


def split_qkv(qkv_weight: torch.Tensor, n_embd: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Undo MOSS's fused layout: rows are 4 shards of [Q_s | V_s | K_s] (MOSS.md §1.3).

    Returns q, k, v weights, each [n_embd out, n_embd in], heads in natural order.
    """
    w = qkv_weight.reshape(MP_NUM, 3, n_embd // MP_NUM, n_embd)
    q, v, k = w[:, 0], w[:, 1], w[:, 2]
    return q.reshape(n_embd, n_embd), k.reshape(n_embd, n_embd), v.reshape(n_embd, n_embd)


def fuse_qkv(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """The inverse of split_qkv: natural q, k, v [E, E] to MOSS's fused [3E, E]."""
    e = q.shape[0]
    parts = [t.reshape(MP_NUM, 1, e // MP_NUM, e) for t in (q, v, k)]
    return torch.cat(parts, dim=1).reshape(3 * e, e)


_SHARD_BIN = re.compile(r"pytorch_model-\d+-of-\d+\.bin$")
_SHARD_ST = re.compile(r"model-\d+-of-\d+\.safetensors$")


class Checkpoint:
    """A MOSS checkpoint directory: config, tokenizer files and lazily read weights."""

    def __init__(self, directory: str | Path):
        self.dir = Path(directory)
        if not self.dir.is_dir():
            raise CheckpointError(f"checkpoint directory {self.dir} does not exist")
        cfg_path = self.dir / "config.json"
        if not cfg_path.is_file():
            raise CheckpointError(f"{self.dir} has no config.json; is it a MOSS checkpoint directory?")
        self.raw_config = json.loads(cfg_path.read_text(encoding="utf-8"))
        self.config = MossConfig.from_dict(self.raw_config)
        self._open_path: Path | None = None
        self._open: object = None
        self.weight_files, self._where = self._index_weights()

    def _index_weights(self) -> tuple[list[Path], dict[str, Path]]:
        d = self.dir
        for index_name in ("model.safetensors.index.json", "pytorch_model.bin.index.json"):
            idx = d / index_name
            if idx.is_file():
                weight_map = json.loads(idx.read_text(encoding="utf-8"))["weight_map"]
                where = {name: d / f for name, f in weight_map.items()}
                files = sorted(set(where.values()), key=lambda p: p.name)
                missing = [str(f.name) for f in files if not f.is_file()]
                if missing:
                    raise CheckpointError(f"{index_name} names missing weight files: {', '.join(missing[:3])}")
                return files, where
        for single in ("model.safetensors", "pytorch_model.bin"):
            if (d / single).is_file():
                f = d / single
                return [f], {name: f for name in self._names_in(f)}
        shards = sorted(p for p in d.iterdir() if _SHARD_BIN.match(p.name) or _SHARD_ST.match(p.name))
        if shards:
            where = {}
            for f in shards:
                where.update({name: f for name in self._names_in(f)})
            return shards, where
        raise CheckpointError(
            f"{d} has no weights: expected pytorch_model.bin, sharded pytorch_model-*.bin with "
            f"pytorch_model.bin.index.json, or (sharded) safetensors"
        )

    def _load_file(self, f: Path):
        if self._open_path != f:
            self._open = None  # let the previous shard's mapping go first
            if f.suffix == ".safetensors":
                from safetensors import safe_open

                self._open = safe_open(str(f), framework="pt")
            else:
                try:
                    self._open = torch.load(f, map_location="cpu", mmap=True, weights_only=True)
                except RuntimeError:  # legacy (non-zip) pickle files cannot be mapped
                    self._open = torch.load(f, map_location="cpu", weights_only=True)
            self._open_path = f
        return self._open

    def _names_in(self, f: Path) -> list[str]:
        opened = self._load_file(f)
        return list(opened.keys())

    def has(self, name: str) -> bool:
        return name in self._where

    def tensor(self, name: str) -> torch.Tensor:
        f = self._where.get(name)
        if f is None:
            raise CheckpointError(f"checkpoint lacks weight {name!r}")
        opened = self._load_file(f)
        if f.suffix == ".safetensors":
            return opened.get_tensor(name)
        return opened[name]

    def close(self) -> None:
        self._open = None
        self._open_path = None

    def check_names(self) -> None:
        """Fails early, with a clear message, when a weight the export needs is missing."""
        needed = EMBEDDING_NAMES + HEAD_NAMES
        for i in range(self.config.n_layer):
            needed += layer_param_names(i)
        missing = [n for n in needed if n not in self._where]
        if missing:
            raise CheckpointError(
                f"checkpoint lacks {len(missing)} weights the MOSS architecture needs, e.g. {missing[:3]}"
            )

    def sha256(self, progress=None) -> str:
        """sha256 over the weight files, sorted by name, concatenated (docs/MODEL-FORMAT.md)."""
        h = hashlib.sha256()
        for f in sorted(self.weight_files, key=lambda p: p.name):
            with open(f, "rb") as fh:
                while chunk := fh.read(1 << 24):
                    h.update(chunk)
            if progress:
                progress(f"hashed {f.name}")
        return h.hexdigest()
