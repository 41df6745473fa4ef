# SPDX-License-Identifier: Apache-2.0
"""The demo model's tokenizer: GPT-2's first merges, with two changes that a 4-layer model needs.

1. **Digits are single tokens.** GPT-2's merges make "444" into "44"+"4" in one place and " 4"+"44" in
   another, so copying a number from the question into `Calculate("…")` and from the Results block into the
   reply would need a different token mapping per context. Without the 138 merges that produce a token with a
   digit, every digit is its own token everywhere and copying is token-for-token.
2. **Every non-ASCII character of our dialogues is one token** (Chinese characters, full-width punctuation,
   × and ÷). Byte-level BPE with 4000 merges spells each Chinese character as 3 byte tokens, and a small
   model garbles those; one token each makes Chinese replies 3x shorter. These merges rank first and only
   join the bytes of one character (a lead byte with its continuation bytes), so they never change how
   ASCII text or any other character tokenizes. Characters outside the dialogues stay byte-level.

Written in MOSS's checkpoint format (vocab.json, merges.txt, added_tokens.json), ids compact: the 256 byte
tokens, GPT-2's kept merges in order, our character tokens, `<|endoftext|>`, then the added tokens.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import tokenizer as tok


def _character_merges(chars: list[str], byte_encoder: dict[int, str]) -> list[tuple[str, str]]:
    merges: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for ch in chars:
        pieces = [byte_encoder[b] for b in ch.encode("utf-8")]
        left = pieces[0]
        for right in pieces[1:]:
            if (left, right) not in seen:
                seen.add((left, right))
                merges.append((left, right))
            left += right
    return merges


def write_demo_tokenizer_files(out_dir: str | Path, gpt2_dir: str | Path, num_merges: int, characters: str) -> dict[str, int]:
    """Writes the demo tokenizer in MOSS's checkpoint format; returns the added tokens (name -> id)."""
    out, src = Path(out_dir), Path(gpt2_dir)
    out.mkdir(parents=True, exist_ok=True)
    encoder = json.loads((src / "encoder.json").read_text(encoding="utf-8"))
    byte_tokens = sorted((i, t) for t, i in encoder.items() if i < 256)
    gpt2 = [m for m in tok.read_merges(src / "vocab.bpe")[:num_merges] if not any(c.isdigit() for c in m[0] + m[1])]
    chars = sorted({c for c in characters if ord(c) > 127})
    ours = _character_merges(chars, tok.bytes_to_unicode())
    vocab: dict[str, int] = {}
    for token in [t for _, t in byte_tokens] + [a + b for a, b in gpt2] + [a + b for a, b in ours]:
        vocab.setdefault(token, len(vocab))
    own = set(ours)
    merges = ours + [m for m in gpt2 if m not in own]  # ours first: they decide how a character's bytes join
    return tok.write_checkpoint_files(out, vocab, merges)
