# SPDX-License-Identifier: Apache-2.0
"""Runs an exported model directory in Python ONNX Runtime, the way the app does.

In place (the default): one cache buffer [1,H,C,D] per layer and key/value, bound through IOBinding as
both `past_key_values.*` input and `present.*` output. Otherwise ("copy"): compact past tensors, and each
step's present outputs become the next step's past, as optimum-style loops do.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch

from .checkpoint import MossConfig, fuse_qkv

MANIFEST = "moss-onnx.json"
NP_DTYPES = {"fp32": np.float32, "fp16": np.float16}


def load_manifest(model_dir: str | Path) -> dict:
    path = Path(model_dir) / MANIFEST
    if not path.is_file():
        raise FileNotFoundError(f"{model_dir} has no {MANIFEST}; is it a model directory?")
    return json.loads(path.read_text(encoding="utf-8"))


def config_of(manifest: dict) -> MossConfig:
    a = manifest["architecture"]
    return MossConfig(n_layer=a["n_layer"], n_embd=a["n_embd"], n_head=a["n_head"], rotary_dim=a["rotary_dim"],
                      n_inner=a["n_inner"], vocab_size=a["vocab_size"], n_positions=a["n_positions"],
                      layer_norm_epsilon=a["layer_norm_epsilon"])


class OrtPipeline:
    def __init__(self, model_dir: str | Path, threads: int = 2, capacity: int | None = None, in_place: bool = True,
                 optimization: str = "all"):
        self.dir = Path(model_dir)
        self.manifest = load_manifest(self.dir)
        self.config = config_of(self.manifest)
        self.np_dtype = NP_DTYPES[self.manifest["dtype"]]
        self.capacity = capacity or self.config.n_positions
        self.in_place = in_place
        import onnxruntime as ort

        self._ort = ort
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = {"all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL,
                                         "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC}[optimization]
        opts.log_severity_level = 3
        # no busy-waiting between runs: spinning worker threads starve whatever runs next on a 2-core
        # machine (PyTorch in the reference bench got 25x slower beside idle-spinning sessions)
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.stages = []
        for st in self.manifest["stages"]:
            sess = ort.InferenceSession(str(self.dir / st["file"]), opts, providers=["CPUExecutionProvider"])
            self.stages.append((st, sess, {i.name for i in sess.get_inputs()}))
        self.reset()

    def reset(self) -> None:
        H, D = self.config.n_head, self.config.head_dim
        length = self.capacity if self.in_place else 0
        self.cache = {}
        for i in range(self.config.n_layer):
            for kind in ("key", "value"):
                self.cache[f"{i}.{kind}"] = self._ort.OrtValue.ortvalue_from_numpy(np.zeros((1, H, length, D), self.np_dtype))
        self.past = 0

    def forward(self, ids: list[int]) -> np.ndarray:
        """Feeds `ids` after what came before; returns the last position's logits [V] (float32)."""
        S = len(ids)
        if self.past + S > self.capacity or self.past + S > self.config.n_positions:
            raise ValueError(f"context full: {self.past} + {S} > {min(self.capacity, self.config.n_positions)}")
        positions = np.arange(self.past, self.past + S, dtype=np.int64)[None]
        x = self._ort.OrtValue.ortvalue_from_numpy(np.array([ids], dtype=np.int64))
        for st, sess, names in self.stages:
            b = sess.io_binding()
            b.bind_ortvalue_input("input_ids" if st["has_embedding"] else "hidden_states_in", x)
            b.bind_cpu_input("position_ids", positions)
            if "seqlens_k" in names:
                b.bind_cpu_input("seqlens_k", np.array([self.past + S - 1], dtype=np.int32))
                b.bind_cpu_input("total_sequence_length", np.array(self.past + S, dtype=np.int32))
            main_out = "logits" if st["has_head"] else "hidden_states_out"
            b.bind_output(main_out)
            layers = range(st["first_layer"], st["end_layer"])
            for i in layers:
                for kind in ("key", "value"):
                    buf = self.cache[f"{i}.{kind}"]
                    b.bind_ortvalue_input(f"past_key_values.{i}.{kind}", buf)
                    if self.in_place:
                        b.bind_ortvalue_output(f"present.{i}.{kind}", buf)
                    else:
                        b.bind_output(f"present.{i}.{kind}")
            sess.run_with_iobinding(b)
            outs = b.get_outputs()
            x = outs[0]
            if not self.in_place:
                for j, (i, kind) in enumerate((i, k) for i in layers for k in ("key", "value")):
                    self.cache[f"{i}.{kind}"] = outs[1 + j]
        self.past += S
        return x.numpy()[0, -1].astype(np.float32)

    def greedy(self, prompt_ids: list[int], max_new_tokens: int, stop_ids=(), chunk: int | None = None) -> tuple[list[int], list[np.ndarray]]:
        """Prefill (in chunks of `chunk` tokens if given), then argmax decode. Returns new ids and step logits."""
        self.reset()
        chunk = chunk or len(prompt_ids)
        for start in range(0, len(prompt_ids), chunk):
            logits = self.forward(prompt_ids[start : start + chunk])
        out, all_logits = [], []
        for _ in range(max_new_tokens):
            all_logits.append(logits)
            nxt = int(np.argmax(logits))
            out.append(nxt)
            if nxt in stop_ids or self.past >= self.capacity:
                break
            logits = self.forward([nxt])
        return out, all_logits


def state_dict_from_model_dir(model_dir: str | Path) -> tuple[MossConfig, dict[str, torch.Tensor]]:
    """Reads the stage graphs' initializers back into MOSS checkpoint names and layouts (float32)."""
    import onnx
    from onnx import numpy_helper

    model_dir = Path(model_dir)
    manifest = load_manifest(model_dir)
    cfg = config_of(manifest)
    state: dict[str, torch.Tensor] = {}
    for st in manifest["stages"]:
        m = onnx.load(str(model_dir / st["file"]), load_external_data=True)
        for init in m.graph.initializer:
            name = init.name
            if not (name.startswith("transformer.") or name.startswith("lm_head.")):
                continue
            t = torch.from_numpy(numpy_helper.to_array(init).astype(np.float32).copy())
            if name.endswith("attn.qkv.weight"):
                q, k, v = t.t().split(cfg.n_embd, dim=0)
                state[name.replace("attn.qkv.weight", "attn.qkv_proj.weight")] = fuse_qkv(q, k, v)
            elif name.endswith(("out_proj.weight", "fc_in.weight", "fc_out.weight")) or name == "lm_head.weight":
                state[name] = t.t().contiguous()
            else:
                state[name] = t
    return cfg, state


def reference_from_model_dir(model_dir: str | Path):
    """The PyTorch reference (fp32) carrying the weights of an exported model directory."""
    from .reference import MossForCausalLM

    cfg, state = state_dict_from_model_dir(model_dir)
    model = MossForCausalLM(cfg)
    model.load_state_dict(state)
    return model.eval()
