#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Real-shape check: export a MOSS-16B-shaped checkpoint (fewer layers) and time it.

Builds a random checkpoint with MOSS-moon-003's shapes (6144 wide, 24 heads x 256, rotary 64, MLP 24576,
vocab 107008, fp16) but only --layers layers, saved sharded in MOSS's format (pytorch_model-*.bin + index),
exports it stage by stage with moss_onnx, and checks one stage against PyTorch. Prints seconds and peak RSS
per phase as a table; every phase runs in its own process so its peak is its own.

Needs: Python 3.10+, torch, numpy and onnx. onnxruntime is optional: without it the check stops after the
export (phase "verify" is skipped). No network, no GPU needed (the GPU is not used).

    python onnx-export/scripts/real_shape_check.py --work /data/rsc            # 34 -> 2 layers, ~5 GB disk
    python onnx-export/scripts/real_shape_check.py --work /tmp/rsc --width 512 --heads 8 --vocab 8000  # small
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def phase_make(args) -> dict:
    import torch

    from moss_onnx import tokenizer as tok
    from moss_onnx.checkpoint import EMBEDDING_NAMES, HEAD_NAMES, MossConfig, layer_param_names

    ckpt = Path(args.work) / "checkpoint"
    shutil.rmtree(ckpt, ignore_errors=True)
    tok.write_moss_tokenizer_files(ckpt, ROOT / "third_party" / "gpt2")
    cfg = MossConfig(n_layer=args.layers, n_embd=args.width, n_head=args.heads, rotary_dim=args.rotary_dim,
                     n_inner=4 * args.width, vocab_size=args.vocab, n_positions=2048, layer_norm_epsilon=1e-5,
                     torch_dtype="float16")
    (ckpt / "config.json").write_text(json.dumps(cfg.hf_config(), indent=2))
    E, I, V = cfg.n_embd, cfg.n_inner, cfg.vocab_size
    shapes = {"transformer.wte.weight": (V, E), "transformer.ln_f.weight": (E,), "transformer.ln_f.bias": (E,),
              "lm_head.weight": (V, E), "lm_head.bias": (V,)}
    for i in range(cfg.n_layer):
        p = f"transformer.h.{i}."
        shapes.update({p + "ln_1.weight": (E,), p + "ln_1.bias": (E,), p + "attn.qkv_proj.weight": (3 * E, E),
                       p + "attn.out_proj.weight": (E, E), p + "mlp.fc_in.weight": (I, E), p + "mlp.fc_in.bias": (I,),
                       p + "mlp.fc_out.weight": (E, I), p + "mlp.fc_out.bias": (E,)})
    # one shard for the embedding, one per layer, one for the head: like MOSS's 4 GB shards, streamed
    groups = [EMBEDDING_NAMES] + [layer_param_names(i) for i in range(cfg.n_layer)] + [HEAD_NAMES]
    g = torch.Generator().manual_seed(0)
    weight_map, total = {}, 0
    for n, names in enumerate(groups):
        fname = f"pytorch_model-{n + 1:05d}-of-{len(groups):05d}.bin"
        part = {}
        for name in names:
            shape = shapes[name]
            if name.endswith(("ln_1.weight", "ln_f.weight")):
                t = 1.0 + 0.1 * torch.randn(shape, generator=g)
            else:
                t = (0.02 * torch.randn(shape, generator=g))
            part[name] = t.to(torch.float16)
            total += part[name].numel() * 2
            weight_map[name] = fname
        torch.save(part, ckpt / fname)
        del part
    index = {"metadata": {"total_size": total}, "weight_map": weight_map}
    (ckpt / "pytorch_model.bin.index.json").write_text(json.dumps(index, indent=1))
    return {"note": f"{len(groups)} shards, {total / 2**30:.2f} GiB fp16"}


def phase_export(args) -> dict:
    from moss_onnx.export import export

    out = Path(args.work) / "model"
    shutil.rmtree(out, ignore_errors=True)
    m = export(Path(args.work) / "checkpoint", out, stages=args.stages, dtype="fp16", name="real-shape-check")
    sizes = ", ".join(f"stage {s['index']} {s['weight_bytes'] / 2**30:.2f} GiB" for s in m["stages"])
    return {"note": sizes}


def phase_verify(args) -> dict:
    try:
        import onnxruntime as ort
    except ImportError:
        return {"note": "skipped: onnxruntime is not installed"}
    import numpy as np
    import torch

    from moss_onnx.checkpoint import Checkpoint
    from moss_onnx.reference import MossBlock

    torch.set_num_threads(args.threads)
    model_dir = Path(args.work) / "model"
    manifest = json.loads((model_dir / "moss-onnx.json").read_text())
    stage = manifest["stages"][args.verify_stage]
    if stage["has_embedding"] is False:
        return {"note": "verify stage 0 only (it takes input_ids)"}
    ckpt = Checkpoint(Path(args.work) / "checkpoint")
    cfg = ckpt.config
    blocks = []
    for i in range(stage["first_layer"], stage["end_layer"]):
        b = MossBlock(cfg)
        b.load_state_dict({k: ckpt.tensor(f"transformer.h.{i}.{k}").float() for k in b.state_dict()
                           if not k.endswith("embed_positions")}, strict=False)
        blocks.append(b.eval())
    wte = ckpt.tensor("transformer.wte.weight")
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = args.threads
    sess = ort.InferenceSession(str(model_dir / stage["file"]), opts, providers=["CPUExecutionProvider"])
    H, D, C = cfg.n_head, cfg.head_dim, 64
    caches = {f"{i}.{k}": ort.OrtValue.ortvalue_from_numpy(np.zeros((1, H, C, D), np.float16))
              for i in range(stage["first_layer"], stage["end_layer"]) for k in ("key", "value")}
    rng = np.random.default_rng(0)
    ids = rng.integers(0, 50000, size=20).tolist()
    errors = []
    past, ref_past = 0, [None] * len(blocks)
    for chunk in (ids[:16], ids[16:17], ids[17:18]):  # prefill, then two in-place decode steps
        S = len(chunk)
        b = sess.io_binding()
        b.bind_cpu_input("input_ids", np.array([chunk], np.int64))
        b.bind_cpu_input("position_ids", np.arange(past, past + S, dtype=np.int64)[None])
        b.bind_cpu_input("seqlens_k", np.array([past + S - 1], np.int32))
        b.bind_cpu_input("total_sequence_length", np.array(past + S, np.int32))
        b.bind_output("hidden_states_out")
        for name, buf in caches.items():
            i, kind = name.split(".")
            b.bind_ortvalue_input(f"past_key_values.{i}.{kind}", buf)
            b.bind_ortvalue_output(f"present.{i}.{kind}", buf)
        sess.run_with_iobinding(b)
        got = b.get_outputs()[0].numpy().astype(np.float32)
        with torch.no_grad():
            x = wte[torch.tensor([chunk])].float()
            pos = torch.arange(past, past + S).unsqueeze(0)
            for j, blk in enumerate(blocks):
                x, ref_past[j] = blk(x, pos, ref_past[j])
        ref = x.numpy()
        errors.append((float(np.abs(got - ref).max()), float(np.abs(ref).max())))
        past += S
    worst = max(e for e, _ in errors)
    rel = max(e / s for e, s in errors)
    ok = rel < 2e-2
    return {"note": f"stage {args.verify_stage} fp16 ORT vs fp32 PyTorch: max abs {worst:.3g}, relative {rel:.2e} "
                    f"({'OK' if ok else 'MISMATCH'})", "ok": ok}


PHASES = {"make-checkpoint": phase_make, "export": phase_export, "verify": phase_verify}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--work", required=True, help="scratch folder (needs ~2.2x the checkpoint size on disk)")
    p.add_argument("--layers", type=int, default=2, help="layers (MOSS has 34; default 2)")
    p.add_argument("--width", type=int, default=6144)
    p.add_argument("--heads", type=int, default=24)
    p.add_argument("--rotary-dim", type=int, default=64)
    p.add_argument("--vocab", type=int, default=107008)
    p.add_argument("--stages", type=int, default=2)
    p.add_argument("--verify-stage", type=int, default=0)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--phases", default="make-checkpoint,export,verify")
    p.add_argument("--phase", help=argparse.SUPPRESS)  # internal: run one phase in this process
    args = p.parse_args()
    Path(args.work).mkdir(parents=True, exist_ok=True)
    if args.phase:
        t0 = time.time()
        result = PHASES[args.phase](args)
        result.update(seconds=round(time.time() - t0, 1),
                      peak_rss_gib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2))
        print("RESULT " + json.dumps(result), flush=True)
        return 0
    rows, failed = [], False
    for name in args.phases.split(","):
        cmd = [sys.executable, __file__, "--phase", name] + [a for a in sys.argv[1:]]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
        line = next((l for l in proc.stdout.splitlines() if l.startswith("RESULT ")), None)
        if proc.returncode != 0 or line is None:
            rows.append((name, "-", "-", f"FAILED (exit {proc.returncode}); see the output above"))
            failed = True
            break
        r = json.loads(line[len("RESULT "):])
        failed |= r.get("ok") is False
        rows.append((name, f"{r['seconds']:.1f}", f"{r['peak_rss_gib']:.2f}", r["note"]))
    print(f"\nreal-shape check: {args.layers} layers x {args.width} wide, {args.heads} heads, vocab {args.vocab}, fp16, "
          f"{args.stages} stages")
    print(f"{'phase':<16} {'seconds':>8} {'peak RSS GiB':>13}  note")
    for name, sec, rss, note in rows:
        print(f"{name:<16} {sec:>8} {rss:>13}  {note}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
