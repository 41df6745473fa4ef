# SPDX-License-Identifier: Apache-2.0
import sys
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from moss_onnx import tokenizer as tok  # noqa: E402
from moss_onnx.checkpoint import MossConfig  # noqa: E402
from moss_onnx.reference import random_model, save_checkpoint  # noqa: E402

GPT2_DIR = ROOT / "third_party" / "gpt2"
REPO = ROOT.parent
DEMO_DIR = REPO / "assets" / "models" / "moss-demo"
GOLDEN = REPO / "src" / "test" / "resources" / "org" / "mossdesktop" / "engine" / "demo-golden.json"

torch.set_num_threads(2)


def tiny_config(vocab_size: int) -> MossConfig:
    return MossConfig(n_layer=4, n_embd=32, n_head=4, rotary_dim=4, n_inner=128,
                      vocab_size=(vocab_size + 63) // 64 * 64, n_positions=512, layer_norm_epsilon=1e-5)


def write_checkpoint(directory: Path, shards: int = 1, fmt: str = "bin", seed: int = 0) -> Path:
    """A random MOSS-shaped checkpoint in MOSS's own format, with a MOSS-style tokenizer from GPT-2's files."""
    added = tok.write_moss_tokenizer_files(directory, GPT2_DIR)
    model = random_model(tiny_config(max(added.values()) + 1), seed=seed, init_std=0.1)
    save_checkpoint(model, directory, shards=shards, fmt=fmt)
    return directory


@pytest.fixture(scope="session")
def checkpoint(tmp_path_factory) -> Path:
    return write_checkpoint(tmp_path_factory.mktemp("ckpt") / "moss-tiny", shards=3)


@pytest.fixture(scope="session")
def tokenizer_dir(checkpoint) -> Path:
    return checkpoint
