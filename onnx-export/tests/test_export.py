# SPDX-License-Identifier: Apache-2.0
import json

import onnx
import pytest
import torch

from conftest import write_checkpoint
from moss_onnx.export import export
from moss_onnx.reference import MossForCausalLM
from moss_onnx.runtime import OrtPipeline
from moss_onnx.verify import verify


@pytest.fixture(scope="module")
def exported(checkpoint, tmp_path_factory):
    out = {}
    for n in (1, 2, 3):
        out[n] = tmp_path_factory.mktemp(f"stages{n}") / "model"
        export(checkpoint, out[n], stages=n, dtype="fp32", log=lambda m: None)
    return out


@pytest.mark.parametrize("stages", [1, 2, 3])
def test_export_matches_pytorch_logits_and_greedy_ids(exported, checkpoint, stages):
    report = verify(exported[stages], checkpoint, max_new_tokens=8, log=lambda m: None)
    assert report.ok, report.failures
    assert report.max_rel < 1e-5


@pytest.mark.parametrize("stages", [1, 2, 3])
def test_manifest_follows_format_1(exported, checkpoint, stages):
    m = json.loads((exported[stages] / "moss-onnx.json").read_text())
    assert m["format"] == 1 and m["dtype"] == "fp32" and m["demo"] is False and m["plugin"] is False
    assert [s["index"] for s in m["stages"]] == list(range(stages))
    bounds = [s["first_layer"] for s in m["stages"]] + [m["stages"][-1]["end_layer"]]
    assert bounds[0] == 0 and bounds[-1] == m["architecture"]["n_layer"] and bounds == sorted(set(bounds))
    assert m["stages"][0]["has_embedding"] and m["stages"][-1]["has_head"]
    assert sum(s["has_head"] for s in m["stages"]) == 1
    assert set(m["special_tokens"]) == {"<eoh>", "<eot>", "<eoc>", "<eor>", "<eom>", "<|endoftext|>"}
    assert m["generation_defaults"] == {"temperature": 0.7, "top_p": 0.8, "top_k": 40,
                                        "repetition_penalty": 1.02, "max_new_tokens": 512}
    assert len(m["source"]["sha256"]) == 64
    for s in m["stages"]:
        assert (exported[stages] / s["data_file"]).stat().st_size >= s["weight_bytes"]


def test_stage_graphs_have_the_contract_interface(exported):
    d = exported[3]
    first, middle, last = (onnx.load(str(d / f"stage-{k}.onnx"), load_external_data=False) for k in range(3))
    assert first.ir_version == 10
    assert {o.domain: o.version for o in first.opset_import} == {"": 18, "com.microsoft": 1}
    names = lambda vs: [v.name for v in vs]  # noqa: E731
    assert names(first.graph.input)[:4] == ["input_ids", "position_ids", "seqlens_k", "total_sequence_length"]
    assert names(middle.graph.input)[0] == "hidden_states_in" and names(middle.graph.output)[0] == "hidden_states_out"
    assert names(last.graph.output)[0] == "logits"
    assert last.graph.output[0].type.tensor_type.elem_type == onnx.TensorProto.FLOAT
    layer = int(names(middle.graph.input)[4].split(".")[1])
    assert f"past_key_values.{layer}.key" in names(middle.graph.input)
    assert f"present.{layer}.value" in names(middle.graph.output)
    assert not (d.parent / ".model.partial").exists()


def test_default_split_is_balanced_by_bytes(exported):
    m = json.loads((exported[2] / "moss-onnx.json").read_text())
    sizes = [s["weight_bytes"] for s in m["stages"]]
    assert max(sizes) / min(sizes) < 2.5  # the embedding and the head each weigh more than a layer here


@pytest.mark.parametrize("shards,fmt", [(1, "bin"), (1, "safetensors"), (2, "safetensors")])
def test_reads_every_checkpoint_layout(tmp_path, shards, fmt):
    ckpt = write_checkpoint(tmp_path / "ckpt", shards=shards, fmt=fmt, seed=1)
    export(ckpt, tmp_path / "model", split=[1], log=lambda m: None)
    ids = list(range(200, 230))
    logits = OrtPipeline(tmp_path / "model").forward(ids)
    ref, _ = MossForCausalLM.from_checkpoint(ckpt)(torch.tensor([ids]))
    assert abs(logits - ref[0, -1].detach().numpy()).max() < 1e-4


def test_fp16_export_is_close_to_fp32_reference(checkpoint, tmp_path):
    export(checkpoint, tmp_path / "model", dtype="fp16", log=lambda m: None)
    report = verify(tmp_path / "model", checkpoint, max_new_tokens=4, log=lambda m: None)
    assert report.ok, report.failures


def test_cache_capacity_limits_the_context(exported):
    pipe = OrtPipeline(exported[2], capacity=40)
    pipe.forward(list(range(100, 130)))
    with pytest.raises(ValueError, match="context full"):
        pipe.forward(list(range(100, 120)))


def test_a_model_directory_exports_again_with_other_stages_and_the_same_outputs(exported, checkpoint, tmp_path):
    from moss_onnx.export import export_from_model

    again = tmp_path / "three"
    m = export_from_model(exported[1], again, stages=3, log=lambda m: None)
    original = json.loads((exported[1] / "moss-onnx.json").read_text())
    assert len(m["stages"]) == 3
    assert m["source"] == original["source"] and m["special_tokens"] == original["special_tokens"]
    assert (again / "tokenizer.json").read_text() == (exported[1] / "tokenizer.json").read_text()
    report = verify(again, checkpoint, max_new_tokens=8, log=lambda m: None)
    assert report.ok, report.failures
