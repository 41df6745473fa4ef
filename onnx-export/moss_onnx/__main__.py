# SPDX-License-Identifier: Apache-2.0
"""python -m moss_onnx <command> --help"""

from __future__ import annotations

import argparse
import json
import sys

from .checkpoint import CheckpointError
from .export import ExportError


def _int_list(text: str) -> list[int]:
    try:
        return [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers, got {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m moss_onnx", description="MOSS checkpoint to MOSS Desktop model directory.")
    sub = p.add_subparsers(dest="cmd", required=True)

    e = sub.add_parser("export", help="convert a MOSS checkpoint directory into a model directory")
    src = e.add_mutually_exclusive_group(required=True)
    src.add_argument("--checkpoint", help="MOSS HF checkpoint: config.json, weights, vocab.json, merges.txt, added_tokens.json")
    src.add_argument("--from-model", help="an exported model directory, to export again with other stages or dtype")
    e.add_argument("--out", required=True, help="model directory to create (must not exist)")
    e.add_argument("--stages", type=int, help="number of pipeline stages, balanced by bytes (default 2)")
    e.add_argument("--split", type=_int_list, help="explicit stage boundaries as layer numbers, e.g. 17 or 10,20,27")
    e.add_argument("--dtype", choices=["fp16", "fp32"], help="weight dtype (default: the checkpoint's; fp16 for MOSS)")
    e.add_argument("--plugin", action="store_true", help="mark as a plugin model (moss-moon-003-sft-plugin)")
    e.add_argument("--name", help="model name in the manifest (default: the checkpoint folder's name)")

    v = sub.add_parser("verify", help="run the model in ONNX Runtime and compare with the PyTorch reference")
    v.add_argument("--model", required=True)
    v.add_argument("--checkpoint", help="the checkpoint it came from (else: reference on the weights in the graphs)")
    v.add_argument("--golden", help="also check this golden file")
    v.add_argument("--new-tokens", type=int, default=16)
    v.add_argument("--threads", type=int, default=2)

    d = sub.add_parser("make-demo", help="train and export the tiny bundled demo model")
    d.add_argument("--out", required=True)
    d.add_argument("--steps", type=int, default=4000)
    d.add_argument("--batch-size", type=int, default=16)
    d.add_argument("--seed", type=int, default=0)
    d.add_argument("--device", default="cpu", help="torch device for training (cpu; cuda if you have one)")
    d.add_argument("--work", help="keep the training folder here (tokenizer files, snapshot.pt); default: a temporary one")

    g = sub.add_parser("golden", help="write reference outputs of the PyTorch reference for the Java tests")
    g.add_argument("--model", required=True)
    g.add_argument("--out", required=True)

    b = sub.add_parser("reference-bench", help="time greedy decoding: ORT in place, ORT concat-style, PyTorch eager (reference and transformers CodeGen)")
    b.add_argument("--model", required=True)
    b.add_argument("--prompt-tokens", type=_int_list, default=[32, 1000])
    b.add_argument("--new-tokens", type=int, default=32)
    b.add_argument("--threads", type=int, default=2)
    b.add_argument("--skip", type=lambda s: s.split(","), default=[], help="runners to skip: ort,ort-concat,torch,transformers")
    b.add_argument("--repeats", type=int, default=3, help="rounds; runners take turns and medians are reported")
    b.add_argument("--json", action="store_true", help="print one JSON object instead of a table")

    m = sub.add_parser("make-bench", help="create a random-weight MOSS-shaped model (~160M parameters) for benchmarks")
    m.add_argument("--out", required=True)
    m.add_argument("--layers", type=int, default=12)
    m.add_argument("--width", type=int, default=768)
    m.add_argument("--heads", type=int, default=12)
    m.add_argument("--rotary-dim", type=int, default=32)

    args = p.parse_args(argv)
    try:
        if args.cmd == "export":
            from .export import export, export_from_model

            if args.from_model:
                export_from_model(args.from_model, args.out, stages=args.stages, split=args.split, dtype=args.dtype)
            else:
                export(args.checkpoint, args.out, stages=args.stages, split=args.split, dtype=args.dtype,
                       plugin=args.plugin, name=args.name)
        elif args.cmd == "verify":
            from .verify import verify

            return 0 if verify(args.model, args.checkpoint, args.golden, args.new_tokens, args.threads).ok else 1
        elif args.cmd == "make-demo":
            from .demo.train import make_demo
            from .verify import demo_report

            make_demo(args.out, steps=args.steps, seed=args.seed, batch_size=args.batch_size, device=args.device,
                      work=args.work)
            demo_report(args.out)
        elif args.cmd == "golden":
            from .golden import write_golden

            data = write_golden(args.model, args.out)
            for c in data["cases"]:
                print(f"{c['name']}: {c['greedy']['text']!r}", file=sys.stderr)
        elif args.cmd == "reference-bench":
            from .bench import format_table, reference_bench

            result = reference_bench(args.model, args.prompt_tokens, args.new_tokens, args.threads, args.skip, args.repeats)
            print(json.dumps(result) if args.json else format_table(result))
        elif args.cmd == "make-bench":
            from .bench import make_bench

            make_bench(args.out, args.layers, args.width, args.heads, args.rotary_dim)
    except (CheckpointError, ExportError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
