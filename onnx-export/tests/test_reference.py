# SPDX-License-Identifier: Apache-2.0
"""The PyTorch reference against transformers' CodeGen, which shares MOSS's block and fused-qkv layout."""
import torch
from transformers import CodeGenConfig, CodeGenForCausalLM

from moss_onnx.checkpoint import MossConfig, fuse_qkv, split_qkv
from moss_onnx.reference import greedy, random_model


def test_reference_matches_transformers_codegen_on_the_same_weights():
    cfg = MossConfig(n_layer=2, n_embd=64, n_head=8, rotary_dim=4, n_inner=256, vocab_size=128, n_positions=128,
                     layer_norm_epsilon=1e-5)
    ours = random_model(cfg, seed=3, init_std=0.2)
    theirs = CodeGenForCausalLM(CodeGenConfig(
        vocab_size=128, n_positions=128, n_ctx=128, n_embd=64, n_layer=2, n_head=8, rotary_dim=4, n_inner=256,
        activation_function="gelu_new", resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0, tie_word_embeddings=False,
        bos_token_id=0, eos_token_id=0)).eval()
    theirs.load_state_dict(ours.state_dict(), strict=True)
    ids = torch.randint(0, 128, (1, 20), generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        assert (ours(ids)[0] - theirs(ids).logits).abs().max() < 1e-4


def test_cached_decoding_equals_a_full_forward():
    cfg = MossConfig(n_layer=2, n_embd=32, n_head=4, rotary_dim=4, n_inner=64, vocab_size=64, n_positions=64,
                     layer_norm_epsilon=1e-5)
    model = random_model(cfg, seed=1, init_std=0.3)
    prompt = [1, 5, 9, 13]
    new, steps = greedy(model, prompt, 6)
    with torch.no_grad():
        full, _ = model(torch.tensor([prompt + new[:-1]]))
    assert torch.allclose(torch.stack(steps), full[0, len(prompt) - 1 :], atol=1e-5)


def test_split_qkv_undoes_the_mp4_q_v_k_layout():
    q, k, v = (torch.randn(16, 16) for _ in range(3))
    fused = fuse_qkv(q, k, v)
    assert torch.equal(fused[0:4], q[0:4]) and torch.equal(fused[4:8], v[0:4]) and torch.equal(fused[8:12], k[0:4])
    assert all(torch.equal(a, b) for a, b in zip(split_qkv(fused, 16), (q, k, v)))
