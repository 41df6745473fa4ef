# SPDX-License-Identifier: Apache-2.0
"""Export MOSS checkpoints to the MOSS Desktop model directory (ONNX stages + tokenizer.json + manifest)."""

__version__ = "0.1.0"
