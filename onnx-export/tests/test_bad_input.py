# SPDX-License-Identifier: Apache-2.0
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_export(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "moss_onnx", "export", *args], capture_output=True, text=True, env=env)


def copy_checkpoint(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def assert_nothing_left(parent: Path, out: Path) -> None:
    assert not out.exists()
    assert not [p for p in parent.iterdir() if p.name.startswith(f".{out.name}")]


def test_a_non_moss_checkpoint_is_refused(checkpoint, tmp_path):
    ckpt = copy_checkpoint(checkpoint, tmp_path / "llama")
    cfg = json.loads((ckpt / "config.json").read_text())
    cfg["model_type"] = "llama"
    (ckpt / "config.json").write_text(json.dumps(cfg))
    r = run_export("--checkpoint", str(ckpt), "--out", str(tmp_path / "out"))
    assert r.returncode != 0 and "model_type 'llama'" in r.stderr
    assert_nothing_left(tmp_path, tmp_path / "out")


@pytest.mark.parametrize("missing", ["merges.txt", "added_tokens.json", "vocab.json"])
def test_missing_tokenizer_files_are_refused(checkpoint, tmp_path, missing):
    ckpt = copy_checkpoint(checkpoint, tmp_path / "ckpt")
    (ckpt / missing).unlink()
    r = run_export("--checkpoint", str(ckpt), "--out", str(tmp_path / "out"))
    assert r.returncode != 0 and missing in r.stderr
    assert_nothing_left(tmp_path, tmp_path / "out")


@pytest.mark.parametrize("split", ["0", "2,2", "3,1", "4", "1,2,3,4"])
def test_a_split_that_leaves_a_stage_empty_is_refused(checkpoint, tmp_path, split):
    r = run_export("--checkpoint", str(checkpoint), "--out", str(tmp_path / "out"), "--split", split)
    assert r.returncode != 0 and "empty" in r.stderr
    assert_nothing_left(tmp_path, tmp_path / "out")


def test_an_existing_output_directory_is_refused(checkpoint, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    r = run_export("--checkpoint", str(checkpoint), "--out", str(tmp_path / "out"))
    assert r.returncode != 0 and "already exists" in r.stderr
    assert (tmp_path / "out" / "keep.txt").read_text() == "mine"


def test_a_checkpoint_without_weights_is_refused(checkpoint, tmp_path):
    ckpt = copy_checkpoint(checkpoint, tmp_path / "ckpt")
    for f in ckpt.glob("pytorch_model*"):
        f.unlink()
    r = run_export("--checkpoint", str(ckpt), "--out", str(tmp_path / "out"))
    assert r.returncode != 0 and "no weights" in r.stderr
    assert_nothing_left(tmp_path, tmp_path / "out")
