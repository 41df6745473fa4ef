# SPDX-License-Identifier: Apache-2.0
"""Builds one pipeline stage of MOSS as an ONNX graph with onnx.helper (docs/MODEL-FORMAT.md).

Weights are streamed: each tensor is converted, appended to the stage's external data file and dropped,
so the graph proto stays small and no stage sits in memory twice.

Attention is `com.microsoft.GroupQueryAttention` over a preallocated cache updated in place
(docs/decisions/0001-in-place-kv-cache.md). Rotary (GPT-J interleaved, first rotary_dim dims) is done with
ordinary ops on the new tokens' q and k, reading sin/cos tables by `position_ids`.

`attention="concat"` builds the optimum-style alternative instead (past [B,H,P,D] in, present
[B,H,P+S,D] out by concatenation, attention with MatMul/Softmax): only for the reference benchmark.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

from .checkpoint import Checkpoint, MossConfig, split_qkv
from .reference import sinusoidal_positions

OPSET = 18
IR_VERSION = 10  # onnx 1.23 writes 14 by default; ONNX Runtime 1.29/1.30 read up to 10/11
DTYPES = {"fp32": (TensorProto.FLOAT, torch.float32), "fp16": (TensorProto.FLOAT16, torch.float16)}
_ALIGN_LARGE = 65536  # page/allocation granularity, so ORT can map big tensors straight from the file


class ExternalData:
    """Appends tensors to one `.onnx.data` file and returns initializers that point into it."""

    def __init__(self, path: Path):
        self.path = path
        self.fh = open(path, "wb")
        self.offset = 0
        self.weight_bytes = 0

    def add(self, name: str, array: np.ndarray, elem_type: int) -> TensorProto:
        data = np.ascontiguousarray(array)
        nbytes = data.nbytes
        align = _ALIGN_LARGE if nbytes >= (1 << 20) else 64
        pad = (-self.offset) % align
        if pad:
            self.fh.write(b"\0" * pad)
            self.offset += pad
        self.fh.write(data.reshape(-1).view(np.uint8))
        t = TensorProto()
        t.name = name
        t.data_type = elem_type
        t.dims.extend(data.shape)
        t.data_location = TensorProto.EXTERNAL
        for k, v in (("location", self.path.name), ("offset", str(self.offset)), ("length", str(nbytes))):
            entry = t.external_data.add()
            entry.key, entry.value = k, v
        self.offset += nbytes
        self.weight_bytes += nbytes
        return t

    def close(self) -> None:
        self.fh.close()


class _Graph:
    """A tiny helper around onnx.helper: unique names, constants, node list."""

    def __init__(self, data: ExternalData, elem_type: int, torch_dtype: torch.dtype):
        self.data, self.elem, self.tdtype = data, elem_type, torch_dtype
        self.nodes: list = []
        self.initializers: list = []
        self.n = 0

    def name(self, hint: str) -> str:
        self.n += 1
        return f"{hint}_{self.n}"

    def op(self, op_type: str, inputs: list[str], n_out: int = 1, domain: str | None = None, out: list[str] | None = None, **attrs):
        outs = out or [self.name(op_type.lower()) for _ in range(n_out)]
        self.nodes.append(helper.make_node(op_type, inputs, outs, name=self.name(op_type), domain=domain, **attrs))
        return outs[0] if len(outs) == 1 else outs

    def weight(self, name: str, t: torch.Tensor, dtype: torch.dtype | None = None) -> str:
        dtype = dtype or self.tdtype
        arr = t.detach().to(dtype).contiguous().numpy()
        elem = DTYPES["fp16"][0] if dtype == torch.float16 else TensorProto.FLOAT
        self.initializers.append(self.data.add(name, arr, elem))
        return name

    def const(self, values, dtype=np.int64) -> str:
        name = self.name("const")
        self.initializers.append(numpy_helper.from_array(np.array(values, dtype=dtype), name))
        return name


def build_stage(
    ckpt: Checkpoint,
    first_layer: int,
    end_layer: int,
    out_dir: Path,
    index: int,
    dtype: str = "fp32",
    attention: str = "gqa",
    progress=None,
) -> tuple[str, str, int]:
    """Writes stage-{index}.onnx (+ .onnx.data) for layers [first_layer, end_layer). Returns file names and weight bytes."""
    cfg: MossConfig = ckpt.config
    elem, tdtype = DTYPES[dtype]
    has_embedding = first_layer == 0
    has_head = end_layer == cfg.n_layer
    onnx_name, data_name = f"stage-{index}.onnx", f"stage-{index}.onnx.data"
    data = ExternalData(out_dir / data_name)
    g = _Graph(data, elem, tdtype)
    g.first_layer = first_layer
    E, H, D, rd = cfg.n_embd, cfg.n_head, cfg.head_dim, cfg.rotary_dim

    inputs, outputs = [], []
    if has_embedding:
        inputs.append(helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]))
        wte = g.weight("transformer.wte.weight", ckpt.tensor("transformer.wte.weight"))
        hidden = g.op("Gather", [wte, "input_ids"], axis=0)
    else:
        inputs.append(helper.make_tensor_value_info("hidden_states_in", elem, ["batch", "sequence", E]))
        hidden = "hidden_states_in"
    inputs.append(helper.make_tensor_value_info("position_ids", TensorProto.INT64, ["batch", "sequence"]))
    if attention == "gqa":
        inputs.append(helper.make_tensor_value_info("seqlens_k", TensorProto.INT32, ["batch"]))
        inputs.append(helper.make_tensor_value_info("total_sequence_length", TensorProto.INT32, []))
        cache_dim, present_dim = "cache_capacity", "present_capacity"
    else:
        cache_dim, present_dim = "past_sequence", "total_sequence"

    # sin/cos of the new tokens' positions, shaped to broadcast over [B,S,H,rd/2,1]
    table = sinusoidal_positions(cfg.n_positions, rd)
    sin_t = g.weight("rotary.sin", table[:, : rd // 2], torch.float32)
    cos_t = g.weight("rotary.cos", table[:, rd // 2 :], torch.float32)
    axes = g.const([2, 4])
    sin = g.op("Unsqueeze", [g.op("Gather", [sin_t, "position_ids"], axis=0), axes])
    cos = g.op("Unsqueeze", [g.op("Gather", [cos_t, "position_ids"], axis=0), axes])
    shape_bshd = g.const([0, 0, H, D])
    shape_pairs = g.const([0, 0, H, rd // 2, 2])
    shape_bshr = g.const([0, 0, H, rd])
    shape_bse = g.const([0, 0, E])
    split_rot = g.const([rd, D - rd]) if rd < D else None
    split_pair = g.const([1, 1])

    def rotary(x: str) -> str:
        heads = g.op("Reshape", [x, shape_bshd])
        if rd < D:
            rot, keep = g.op("Split", [heads, split_rot], n_out=2, axis=-1)
        else:
            rot, keep = heads, None
        if elem != TensorProto.FLOAT:
            rot = g.op("Cast", [rot], to=TensorProto.FLOAT)
        x0, x1 = g.op("Split", [g.op("Reshape", [rot, shape_pairs]), split_pair], n_out=2, axis=-1)
        y0 = g.op("Sub", [g.op("Mul", [x0, cos]), g.op("Mul", [x1, sin])])
        y1 = g.op("Add", [g.op("Mul", [x1, cos]), g.op("Mul", [x0, sin])])
        y = g.op("Reshape", [g.op("Concat", [y0, y1], axis=-1), shape_bshr])
        if elem != TensorProto.FLOAT:
            y = g.op("Cast", [y], to=elem)
        if keep is not None:
            y = g.op("Concat", [y, keep], axis=-1)
        return g.op("Reshape", [y, shape_bse])

    if attention == "concat":
        mask = _causal_mask(g)

    for i in range(first_layer, end_layer):
        p = f"transformer.h.{i}."
        past_k, past_v = f"past_key_values.{i}.key", f"past_key_values.{i}.value"
        pres_k, pres_v = f"present.{i}.key", f"present.{i}.value"
        inputs += [helper.make_tensor_value_info(n, elem, ["batch", H, cache_dim, D]) for n in (past_k, past_v)]

        ln = g.op("LayerNormalization", [hidden, g.weight(p + "ln_1.weight", ckpt.tensor(p + "ln_1.weight")),
                                          g.weight(p + "ln_1.bias", ckpt.tensor(p + "ln_1.bias"))],
                  axis=-1, epsilon=cfg.layer_norm_epsilon)
        wq, wk, wv = split_qkv(ckpt.tensor(p + "attn.qkv_proj.weight"), E)
        w_qkv = g.weight(p + "attn.qkv.weight", torch.cat([wq, wk, wv], dim=0).t())
        del wq, wk, wv
        q, k, v = g.op("Split", [g.op("MatMul", [ln, w_qkv]), g.const([E, E, E])], n_out=3, axis=-1)
        q, k = rotary(q), rotary(k)
        if attention == "gqa":
            attn = g.op("GroupQueryAttention", [q, k, v, past_k, past_v, "seqlens_k", "total_sequence_length"],
                        out=[g.name("attn"), pres_k, pres_v], domain="com.microsoft",
                        num_heads=H, kv_num_heads=H, scale=float(1.0 / np.sqrt(D)))[0]
        else:
            attn = _concat_attention(g, q, k, v, past_k, past_v, pres_k, pres_v, mask, H, D, E)
        attn = g.op("MatMul", [attn, g.weight(p + "attn.out_proj.weight", ckpt.tensor(p + "attn.out_proj.weight").t())])
        fc_in = g.op("MatMul", [ln, g.weight(p + "mlp.fc_in.weight", ckpt.tensor(p + "mlp.fc_in.weight").t())])
        act = g.op("FastGelu", [fc_in, g.weight(p + "mlp.fc_in.bias", ckpt.tensor(p + "mlp.fc_in.bias"))],
                   domain="com.microsoft")  # tanh approximation = gelu_new
        mlp = g.op("Add", [g.op("MatMul", [act, g.weight(p + "mlp.fc_out.weight", ckpt.tensor(p + "mlp.fc_out.weight").t())]),
                           g.weight(p + "mlp.fc_out.bias", ckpt.tensor(p + "mlp.fc_out.bias"))])
        last = i == end_layer - 1 and not has_head
        hidden = g.op("Add", [g.op("Add", [hidden, attn]), mlp], out=["hidden_states_out"] if last else None)
        outputs += [helper.make_tensor_value_info(n, elem, ["batch", H, present_dim, D]) for n in (pres_k, pres_v)]
        if progress:
            progress(f"layer {i}")

    if has_head:
        last_pos = g.op("Slice", [hidden, g.const([-1]), g.const([np.iinfo(np.int64).max]), g.const([1])])
        normed = g.op("LayerNormalization", [last_pos, g.weight("transformer.ln_f.weight", ckpt.tensor("transformer.ln_f.weight")),
                                              g.weight("transformer.ln_f.bias", ckpt.tensor("transformer.ln_f.bias"))],
                      axis=-1, epsilon=cfg.layer_norm_epsilon)
        logits_out = ["logits"] if elem == TensorProto.FLOAT else None
        logits = g.op("Add", [g.op("MatMul", [normed, g.weight("lm_head.weight", ckpt.tensor("lm_head.weight").t())]),
                              g.weight("lm_head.bias", ckpt.tensor("lm_head.bias"))], out=logits_out)
        if elem != TensorProto.FLOAT:
            g.op("Cast", [logits], out=["logits"], to=TensorProto.FLOAT)
        outputs.insert(0, helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 1, cfg.vocab_size]))
    else:
        outputs.insert(0, helper.make_tensor_value_info("hidden_states_out", elem, ["batch", "sequence", E]))

    graph = helper.make_graph(g.nodes, f"moss_stage_{index}", inputs, outputs, g.initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid("com.microsoft", 1)],
                              producer_name="moss_onnx")
    model.ir_version = IR_VERSION
    data.close()
    onnx.save(model, str(out_dir / onnx_name))
    return onnx_name, data_name, data.weight_bytes


def _causal_mask(g: _Graph) -> str:
    """Additive mask [S, P+S] (0 or -inf) from the shapes of the new tokens and the past (concat graphs)."""
    S = g.op("Gather", [g.op("Shape", ["position_ids"]), g.const(1)], axis=0)
    pos0 = g.op("Gather", [g.op("Shape", ["past_key_values.{}.key".format(g.first_layer)]), g.const(2)], axis=0)
    total = g.op("Add", [S, pos0])
    rows = g.op("Add", [g.op("Range", [g.const(0), S, g.const(1)]), pos0])
    cols = g.op("Range", [g.const(0), total, g.const(1)])
    future = g.op("Greater", [g.op("Unsqueeze", [cols, g.const([0])]), g.op("Unsqueeze", [rows, g.const([1])])])
    return g.op("Where", [future, g.const(-np.inf, np.float32), g.const(0.0, np.float32)])


def _concat_attention(g: _Graph, q, k, v, past_k, past_v, pres_k, pres_v, mask, H, D, E) -> str:
    to_bhsd = g.const([0, 0, H, D])
    def heads(x):
        return g.op("Transpose", [g.op("Reshape", [x, to_bhsd])], perm=[0, 2, 1, 3])
    kh = g.op("Concat", [past_k, heads(k)], axis=2, out=[pres_k])
    vh = g.op("Concat", [past_v, heads(v)], axis=2, out=[pres_v])
    qh = heads(q)
    if g.elem != TensorProto.FLOAT:
        qh, kf = g.op("Cast", [qh], to=TensorProto.FLOAT), g.op("Cast", [kh], to=TensorProto.FLOAT)
    else:
        kf = kh
    scores = g.op("Mul", [g.op("MatMul", [qh, g.op("Transpose", [kf], perm=[0, 1, 3, 2])]), g.const(1.0 / np.sqrt(D), np.float32)])
    probs = g.op("Softmax", [g.op("Add", [scores, mask])], axis=-1)
    if g.elem != TensorProto.FLOAT:
        probs = g.op("Cast", [probs], to=g.elem)
    out = g.op("Transpose", [g.op("MatMul", [probs, vh])], perm=[0, 2, 1, 3])
    return g.op("Reshape", [out, g.const([0, 0, E])])
