# SPDX-License-Identifier: Apache-2.0
"""MOSS's slow tokenizer (vocab.json + merges.txt + added_tokens.json) to a HF `tokenizer.json`.

MOSS's tokenizer is GPT-2's byte-level BPE with added tokens: runs of whitespace and the control tokens.
The converted file:
- encodes like MOSS's slow tokenizer (no prefix space, no BOS), except that it never loses characters:
  the slow tokenizer stripped whitespace around plain-string added tokens (MOSS issue #315), we don't;
- lists the six control tokens only under `added_tokens` with `"special": true` and removes them from the
  BPE vocabulary, so a caller that drops those entries encodes a user's "<eom>" as plain text;
- uses only fields that tokenizers 0.21 (the Rust library inside DJL 0.38) reads.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from .checkpoint import CheckpointError

CONTROL_TOKENS = ("<eoh>", "<eot>", "<eoc>", "<eor>", "<eom>", "<|endoftext|>")
GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
TOKENIZER_FILES = ("vocab.json", "merges.txt", "added_tokens.json")


@functools.lru_cache(maxsize=1)
def bytes_to_unicode() -> dict[int, str]:
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


def read_merges(path: Path) -> list[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[0].startswith("#version"):
        lines = lines[1:]
    merges = []
    for line in lines:
        if not line.strip():
            continue
        a, b = line.split(" ")
        merges.append((a, b))
    return merges


def read_moss_tokenizer_files(directory: Path) -> tuple[dict[str, int], list[tuple[str, str]], dict[str, int]]:
    missing = [f for f in TOKENIZER_FILES if not (directory / f).is_file()]
    if missing:
        raise CheckpointError(
            f"{directory} lacks tokenizer file(s) {', '.join(missing)}; a MOSS checkpoint ships vocab.json, "
            f"merges.txt and added_tokens.json beside config.json"
        )
    vocab = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
    merges = read_merges(directory / "merges.txt")
    added = json.loads((directory / "added_tokens.json").read_text(encoding="utf-8"))
    smap_path = directory / "special_tokens_map.json"
    if smap_path.is_file():
        # special tokens may be declared only there (bos/eos/unk, additional_special_tokens)
        smap = json.loads(smap_path.read_text(encoding="utf-8"))
        for value in smap.values():
            for tok in value if isinstance(value, list) else [value]:
                content = tok.get("content") if isinstance(tok, dict) else tok
                if content and content not in added and content not in vocab:
                    raise CheckpointError(f"special_tokens_map.json names {content!r}, which has no id")
    return vocab, merges, added


def convert(directory: str | Path) -> dict:
    """Builds the tokenizer.json object from a MOSS checkpoint's tokenizer files."""
    vocab, merges, added = read_moss_tokenizer_files(Path(directory))
    ids: dict[str, int] = {}
    for tok in CONTROL_TOKENS:
        if tok in added:
            ids[tok] = added[tok]
        elif tok in vocab:
            ids[tok] = vocab[tok]
        else:
            raise CheckpointError(f"the tokenizer has no {tok!r} token (looked in added_tokens.json and vocab.json)")
    model_vocab = {t: i for t, i in vocab.items() if t not in CONTROL_TOKENS}
    merged = {a + b for a, b in merges}
    clash = merged & set(CONTROL_TOKENS)
    if clash:
        raise CheckpointError(f"a merge produces the control token {clash.pop()!r}; cannot keep it out of the BPE")
    all_added = dict(added)
    all_added.update(ids)
    added_tokens = []
    for content, idx in sorted(all_added.items(), key=lambda kv: kv[1]):
        if content in model_vocab and model_vocab[content] != idx:
            raise CheckpointError(f"added token {content!r} has id {idx} but vocab.json says {model_vocab[content]}")
        added_tokens.append({
            "id": idx,
            "content": content,
            "single_word": False,
            "lstrip": False,  # never strip neighbours: MOSS issue #315 lost newlines that way
            "rstrip": False,
            "normalized": False,
            "special": content in CONTROL_TOKENS,
        })
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added_tokens,
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": None,
            "continuing_subword_prefix": None,
            "end_of_word_suffix": None,
            "fuse_unk": False,
            "byte_fallback": False,
            "ignore_merges": False,
            "vocab": model_vocab,
            "merges": [f"{a} {b}" for a, b in merges],
        },
    }


def special_token_ids(tokenizer_json: dict) -> dict[str, int]:
    """The manifest's `special_tokens`, read from the converted tokenizer."""
    found = {t["content"]: t["id"] for t in tokenizer_json["added_tokens"] if t["special"]}
    return {tok: found[tok] for tok in CONTROL_TOKENS}


def write_tokenizer_json(tokenizer_json: dict, path: Path) -> None:
    path.write_text(json.dumps(tokenizer_json, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def plain_text_tokenizer_json(tokenizer_json: dict) -> dict:
    """The same tokenizer with the control tokens removed: how the app encodes user and tool text."""
    out = dict(tokenizer_json)
    out["added_tokens"] = [t for t in tokenizer_json["added_tokens"] if not t["special"]]
    return out


def load(tokenizer_json: dict | str | Path):
    """A `tokenizers.Tokenizer` from a tokenizer.json object or path."""
    from tokenizers import Tokenizer

    if isinstance(tokenizer_json, dict):
        return Tokenizer.from_str(json.dumps(tokenizer_json))
    return Tokenizer.from_file(str(tokenizer_json))


class SlowMossTokenizer:
    """MOSS's slow tokenizer algorithm in plain Python (tokenization_moss.py: GPT-2 BPE + added tokens).

    Added tokens are split out first (longest match, leftmost), the rest goes through the GPT-2 regex and
    BPE. Unlike transformers 4.25 it does not strip whitespace around added tokens (issue #315). Used as
    the behavioural reference in tests.
    """

    def __init__(self, directory: str | Path, plain_text: bool = False):
        self.vocab, merges, added = read_moss_tokenizer_files(Path(directory))
        self.ranks = {m: i for i, m in enumerate(merges)}
        # bos/eos/unk (<|endoftext|>, <eom>) are never split either: the slow tokenizer's special tokens
        added = dict(added)
        added.update({t: self.vocab[t] for t in CONTROL_TOKENS if t in self.vocab and t not in added})
        self.added = {t: i for t, i in added.items() if not (plain_text and t in CONTROL_TOKENS)}
        self.decoder = {i: t for t, i in self.vocab.items()}
        self.decoder.update({i: t for t, i in added.items()})
        self.raw_ids = set(added.values()) | {self.vocab[t] for t in CONTROL_TOKENS if t in self.vocab}
        self.byte_encoder = bytes_to_unicode()
        self.byte_decoder = {v: k for k, v in self.byte_encoder.items()}
        import regex

        self.pat = regex.compile(GPT2_PATTERN)

    @functools.lru_cache(maxsize=100_000)
    def _bpe(self, token: str) -> tuple[str, ...]:
        word = tuple(token)
        while len(word) > 1:
            pairs = {(word[i], word[i + 1]) for i in range(len(word) - 1)}
            best = min(pairs, key=lambda p: self.ranks.get(p, float("inf")))
            if best not in self.ranks:
                break
            new, i = [], 0
            while i < len(word):
                if i < len(word) - 1 and (word[i], word[i + 1]) == best:
                    new.append(word[i] + word[i + 1])
                    i += 2
                else:
                    new.append(word[i])
                    i += 1
            word = tuple(new)
        return word

    def _split_added(self, text: str) -> list[tuple[str, bool]]:
        pieces, i, start = [], 0, 0
        by_len = sorted(self.added, key=len, reverse=True)
        while i < len(text):
            match = next((t for t in by_len if text.startswith(t, i)), None)
            if match:
                if start < i:
                    pieces.append((text[start:i], False))
                pieces.append((match, True))
                i += len(match)
                start = i
            else:
                i += 1
        if start < len(text):
            pieces.append((text[start:], False))
        return pieces

    def encode(self, text: str) -> list[int]:
        ids = []
        for piece, is_added in self._split_added(text):
            if is_added:
                ids.append(self.added[piece])
                continue
            for word in self.pat.findall(piece):
                mapped = "".join(self.byte_encoder[b] for b in word.encode("utf-8"))
                ids.extend(self.vocab[t] for t in self._bpe(mapped))
        return ids

    def decode(self, ids: list[int]) -> str:
        out = bytearray()
        for i in ids:
            tok = self.decoder[i]
            if i in self.raw_ids:
                out += tok.encode("utf-8")
            else:
                out += bytes(self.byte_decoder[c] for c in tok)
        return out.decode("utf-8", errors="replace")


WHITESPACE_RUNS = [" " * n for n in range(31, 1, -1)] + ["\t" * n for n in range(9, 1, -1)]


def write_moss_tokenizer_files(
    out_dir: str | Path,
    gpt2_dir: str | Path,
    num_merges: int | None = None,
    whitespace_runs: list[str] | None = None,
) -> dict[str, int]:
    """Writes a MOSS-style tokenizer (vocab.json, merges.txt, added_tokens.json, special_tokens_map.json)
    from GPT-2's encoder.json + vocab.bpe, optionally truncated to the first `num_merges` merges.

    Ids follow MOSS's layout: BPE vocab, `<|endoftext|>` last in vocab.json, then whitespace runs, then
    `<eoh> <eom> <eot> <eoc> <eor>`. Returns the added tokens.
    """
    out, src = Path(out_dir), Path(gpt2_dir)
    out.mkdir(parents=True, exist_ok=True)
    encoder = json.loads((src / "encoder.json").read_text(encoding="utf-8"))
    merges = read_merges(src / "vocab.bpe")
    if num_merges is not None:
        merges = merges[:num_merges]
    n_base = 256 + len(merges)
    vocab = {t: i for t, i in encoder.items() if i < n_base}
    return write_checkpoint_files(out, vocab, merges, WHITESPACE_RUNS if whitespace_runs is None else whitespace_runs)


def write_checkpoint_files(out: Path, vocab: dict[str, int], merges: list[tuple[str, str]],
                           whitespace_runs: list[str] = WHITESPACE_RUNS) -> dict[str, int]:
    """Writes a BPE vocabulary and merges as a MOSS checkpoint's tokenizer files, with MOSS's special tokens:
    `<|endoftext|>` last in vocab.json, then the whitespace runs and `<eoh> <eom> <eot> <eoc> <eor>` as added
    tokens. Returns the added tokens."""
    n_base = len(vocab)
    vocab = dict(vocab, **{"<|endoftext|>": n_base})
    added: dict[str, int] = {}
    for token in [*whitespace_runs, "<eoh>", "<eom>", "<eot>", "<eoc>", "<eor>"]:
        added[token] = n_base + 1 + len(added)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (out / "merges.txt").write_text("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges), encoding="utf-8")
    (out / "added_tokens.json").write_text(json.dumps(added, ensure_ascii=False), encoding="utf-8")
    eot = {"content": "<|endoftext|>", "lstrip": False, "normalized": True, "rstrip": False, "single_word": False}
    smap = {"bos_token": eot, "eos_token": dict(eot, content="<eom>"), "unk_token": eot}
    (out / "special_tokens_map.json").write_text(json.dumps(smap, indent=2), encoding="utf-8")
    return added
