#!/usr/bin/env python3
"""TECO's training step in PyTorch (CPU, float32): the yardstick for `teco bench train`.

The same network (component by component, the same parameter counts as `teco model summary`)
and the same step (forward, backward, AdamW) on the same kind of input (random VQ-GAN codes
looked up in a fixed random codebook, random actions) as TrainingBenchmark.java, so that the
milliseconds per step of the two can be compared on one machine.

    python3 tools/bench/teco_torch.py configs/quickstart.yaml --steps 5 --warmup 2
    python3 tools/bench/teco_torch.py configs/dmlab.yaml --summary

The last line is machine-readable:
    torch: batch B seq_len T params N ms_per_step_median X ms_per_step_min Y peak_rss_mb Z threads T

Not part of the product: nothing in the Java build or its tests runs or needs this file.
See tools/bench/README.md.
"""

import argparse
import math
import os
import resource
import sys
import time

# ---------------------------------------------------------------------------------------------
# Command line and config (no torch yet: the thread settings must be in the environment before
# torch and its BLAS load).
# ---------------------------------------------------------------------------------------------


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Time TECO's training step (forward + backward + AdamW) in PyTorch on random codes, "
                    "at a config's sizes, as `teco bench train CONFIG` does on DL4J.")
    p.add_argument("config", help="the YAML config (for example configs/quickstart.yaml)")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="config override: dotted key, YAML value (repeatable), e.g. --set encoder.depths=[64,128]")
    p.add_argument("--vq-codes", type=int, default=1024, metavar="K", help="VQ-GAN codebook size (default 1024)")
    p.add_argument("--vq-dim", type=int, default=64, metavar="D", help="VQ-GAN code width (default 64)")
    p.add_argument("--latent", type=int, default=16, metavar="N", help="VQ-GAN latent grid side (default 16)")
    p.add_argument("--batch", type=int, default=None, metavar="B", help="override batch_size")
    p.add_argument("--steps", type=int, default=5, metavar="N", help="timed steps; the median counts (default 5)")
    p.add_argument("--warmup", type=int, default=2, metavar="W", help="untimed steps first, at least 1 as ours (default 2)")
    p.add_argument("--threads", type=int, default=os.cpu_count(), metavar="T",
                   help="intra-op threads (default: os.cpu_count() = %d)" % (os.cpu_count() or 1))
    p.add_argument("--seed", type=int, default=0, help="seed of the random inputs and parameters (default 0)")
    p.add_argument("--summary", action="store_true",
                   help="only print the parameter breakdown (allocates nothing: DMLab's 172 M are counted at once)")
    p.add_argument("--exact-layernorm", action="store_true",
                   help="LayerNorm with the variance as E[x^2] - E[x]^2 clamped at 0 (Flax's and ours, several "
                        "element-wise ops) instead of PyTorch's fused layer_norm (same function, other rounding)")
    a = p.parse_args(argv)
    if a.steps < 1 or a.warmup < 0 or a.threads < 1:
        p.error("--steps and --threads must be at least 1, --warmup at least 0")
    a.warmup = max(1, a.warmup)  # as `teco bench train`: the first step (graph set-up) is never timed
    if a.batch is not None and a.batch < 1:
        p.error("--batch must be at least 1")
    return a


def load_config(path, overrides):
    import yaml
    with open(path) as f:
        cfg = yaml.safe_load(f) or {}
    for o in overrides:
        key, eq, value = o.partition("=")
        key = key.strip()
        if not eq or not key or key.startswith(".") or key.endswith(".") or ".." in key:
            sys.exit("--set expects key=value with a dotted key (for example --set batch_size=8), got '%s'" % o)
        node = cfg
        parts = key.split(".")
        for part in parts[:-1]:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        node[parts[-1]] = yaml.safe_load(value) if value.strip() else None
    return cfg


_MISSING = object()


def get(cfg, key, default=_MISSING):
    node = cfg
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            if default is _MISSING:
                sys.exit("config: missing key '%s'" % key)
            return default
        node = node[part]
    return node


class Sizes:
    """Every size of the network, from the original TECO keys (as TecoConfig and MaskGitConfig read them)."""

    def __init__(self, cfg, vq_codes, vq_dim, latent, batch):
        def bad(msg):
            sys.exit("TECO config: " + msg)

        for key in ("z_tfm_kwargs.dropout", "z_tfm_kwargs.attention_dropout",
                    "z_git.tfm_kwargs.dropout", "z_git.tfm_kwargs.attention_dropout"):
            if float(get(cfg, key, 0) or 0) != 0:
                bad("%s must be 0 (no dropout layers; every TECO config uses 0)" % key)
        self.batch = int(batch if batch is not None else get(cfg, "batch_size"))
        self.seq_len = int(get(cfg, "seq_len"))
        self.n_cond = int(get(cfg, "n_cond"))
        self.enc_depths = [int(d) for d in get(cfg, "encoder.depths")]
        self.enc_blocks = int(get(cfg, "encoder.blocks"))
        self.dec_depths = [int(d) for d in get(cfg, "decoder.depths")]
        self.dec_blocks = int(get(cfg, "decoder.blocks"))
        self.embedding_dim = int(get(cfg, "embedding_dim"))
        self.codes = int(get(cfg, "codebook.n_codes"))
        self.proj_dim = int(get(cfg, "codebook.proj_dim"))
        self.z_ds = int(get(cfg, "z_ds"))
        self.tfm_dim = int(get(cfg, "z_tfm_kwargs.embed_dim"))
        self.tfm_mlp = int(get(cfg, "z_tfm_kwargs.mlp_dim"))
        self.tfm_heads = int(get(cfg, "z_tfm_kwargs.num_heads"))
        self.tfm_layers = int(get(cfg, "z_tfm_kwargs.num_layers"))
        self.use_actions = bool(get(cfg, "use_actions"))
        self.action_dim = int(get(cfg, "action_dim"))
        self.action_embed_dim = int(get(cfg, "action_embed_dim"))
        self.dropout_actions = bool(get(cfg, "dropout_actions"))
        rate = get(cfg, "drop_loss_rate", None)
        self.drop_loss_rate = 0.0 if rate is None else float(rate)
        self.vocab_dim = int(get(cfg, "z_git.vocab_dim"))
        self.mask_schedule = str(get(cfg, "z_git.mask_schedule")).strip().lower()
        self.git_dim = int(get(cfg, "z_git.tfm_kwargs.embed_dim"))
        self.git_mlp = int(get(cfg, "z_git.tfm_kwargs.mlp_dim"))
        self.git_heads = int(get(cfg, "z_git.tfm_kwargs.num_heads"))
        self.git_layers = int(get(cfg, "z_git.tfm_kwargs.num_layers"))
        self.lr = float(get(cfg, "lr"))
        self.weight_decay = float(get(cfg, "weight_decay", 0) or 0)
        self.vq_codes, self.vq_dim, self.latent = vq_codes, vq_dim, latent

        if self.n_cond < 1 or self.n_cond >= self.seq_len:
            bad("n_cond must be in [1, seq_len), found %d" % self.n_cond)
        for key, depths in (("encoder.depths", self.enc_depths), ("decoder.depths", self.dec_depths)):
            if not depths or any(d <= 0 or d % 32 for d in depths):
                bad("%s entries must be positive multiples of 32 (GroupNorm groups), found %s" % (key, depths))
        if len(self.dec_depths) != len(self.enc_depths):
            bad("decoder.depths must have as many entries as encoder.depths")
        if self.tfm_dim % self.tfm_heads or self.tfm_dim % 2:
            bad("z_tfm_kwargs.embed_dim must be even and divisible by num_heads")
        if self.git_dim % self.git_heads or self.git_dim < 2:
            bad("z_git.tfm_kwargs.embed_dim must be at least 2 and divisible by num_heads")
        if not 0 <= self.drop_loss_rate < 1:
            bad("drop_loss_rate must be in [0, 1), found %s" % self.drop_loss_rate)
        ds = 1 << (len(self.enc_depths) - 1)
        if latent % ds:
            bad("latent grid %d is not divisible by the encoder's downsampling %d" % (latent, ds))
        self.z_h = latent // ds
        if self.z_h % self.z_ds:
            bad("latent grid %d / %d = %d is not divisible by z_ds %d" % (latent, ds, self.z_h, self.z_ds))
        self.tfm_h = self.z_h // self.z_ds
        self.tokens_per_frame = self.tfm_h * self.tfm_h
        self.predicted = self.seq_len - self.n_cond
        # TecoConfig.lossFrames: max(1, (int) ((1 - rate) * (T - n_cond))), all predicted frames when rate is 0.
        self.loss_frames = self.predicted if self.drop_loss_rate <= 0 else \
            max(1, int((1 - self.drop_loss_rate) * self.predicted))
        self.no_action = self.action_dim
        self.grid = self.z_h * self.z_h  # MaskGit's L


def mask_ratio(schedule, r, total):
    """MaskSchedule.ratio: the original's schedule(ratio, total_unknown, method), clipped to [1e-6, 1]."""
    if schedule == "cosine":
        v = math.cos(math.pi / 2 * r)
    elif schedule == "uniform":
        v = 1 - r
    elif schedule.startswith("pow"):
        v = 1 - r ** float(schedule[3:])
    elif schedule == "log":
        v = -math.log(r) / math.log(total) if r > 0 else math.inf
    elif schedule == "exp":
        v = 1 - 2 ** (-math.log2(total) * (1 - r))
    else:
        sys.exit("z_git.mask_schedule must be cosine, uniform, pow<N>, log or exp, found '%s'" % schedule)
    return 1.0 if math.isnan(v) else min(1.0, max(1e-6, v))


# ---------------------------------------------------------------------------------------------
# The network (built after torch is imported; see main).
# ---------------------------------------------------------------------------------------------


def build(torch, s, device, exact_layernorm):
    nn = torch.nn
    F = torch.nn.functional
    init = device.type != "meta"

    def param(*shape, std=None, fill=None):
        t = torch.empty(*shape, device=device)
        if init:
            if std is not None:
                nn.init.normal_(t, std=std)
            else:
                nn.init.constant_(t, fill)
        return nn.Parameter(t)

    class Dense(nn.Module):
        """Flax nn.Dense on the last axis: kernel [in, out] (stored [out, in]), lecun_normal, bias zeros."""

        def __init__(self, n_in, n_out, bias=True, std=None):
            super().__init__()
            self.weight = param(n_out, n_in, std=std if std is not None else 1 / math.sqrt(n_in))
            self.bias = param(n_out, fill=0.0) if bias else None

        def forward(self, x):
            return F.linear(x, self.weight, self.bias)

    class Conv(nn.Module):
        """Flax nn.Conv, square kernel, here on NCHW; bias optional."""

        def __init__(self, n_in, n_out, k, stride=1, bias=True):
            super().__init__()
            self.stride = stride
            self.pad = k // 2 if stride == 1 else 0
            self.weight = param(n_out, n_in, k, k, std=1 / math.sqrt(n_in * k * k))
            self.bias = param(n_out, fill=0.0) if bias else None

        def forward(self, x):
            return F.conv2d(x, self.weight, self.bias, self.stride, self.pad)

    class GroupNorm(nn.Module):
        """32 groups, eps 1e-6, on NCHW."""

        def __init__(self, c):
            super().__init__()
            self.scale = param(c, fill=1.0)
            self.bias = param(c, fill=0.0)

        def forward(self, x):
            return F.group_norm(x, 32, self.scale, self.bias, 1e-6)

    class LayerNorm(nn.Module):
        """eps 1e-6 over the last axis; --exact-layernorm: variance E[x^2] - E[x]^2 clamped at 0."""

        def __init__(self, c):
            super().__init__()
            self.scale = param(c, fill=1.0)
            self.bias = param(c, fill=0.0)

        def forward(self, x):
            if not exact_layernorm:
                return F.layer_norm(x, (x.shape[-1],), self.scale, self.bias, 1e-6)
            mean = x.mean(-1, keepdim=True)
            var = torch.relu((x * x).mean(-1, keepdim=True) - mean * mean)
            return (x - mean) * torch.rsqrt(var + 1e-6) * self.scale + self.bias

    def gelu_tanh(x):
        return F.gelu(x, approximate="tanh")

    def quick_gelu(x):
        return x * torch.sigmoid(1.702 * x)

    class ResNetBlock(nn.Module):
        """GroupNorm -> ELU -> conv3x3 -> GroupNorm -> ELU -> conv3x3 (no bias) + AddBias; skip + 0.1 x."""

        def __init__(self, n_in, depth):
            super().__init__()
            self.skip = Conv(n_in, depth, 1, bias=False) if n_in != depth else None
            self.norm0 = GroupNorm(n_in)
            self.conv0 = Conv(n_in, depth, 3, bias=True)
            self.norm1 = GroupNorm(depth)
            self.conv1 = Conv(depth, depth, 3, bias=False)
            self.add_bias = param(depth, fill=0.0)

        def forward(self, x):
            skip = x if self.skip is None else self.skip(x)
            h = self.conv0(F.elu(self.norm0(x)))
            # conv without bias, then AddBias: one conv with that bias.
            h = F.conv2d(F.elu(self.norm1(h)), self.conv1.weight, self.add_bias, 1, 1)
            return skip + 0.1 * h

    class Attention(nn.Module):
        """q/k/v with bias (one fused dense), dot-product attention with an additive mask, out + out_bias."""

        def __init__(self, d, heads):
            super().__init__()
            self.heads = heads
            self.qkv = Dense(d, 3 * d, bias=True)
            self.out = Dense(d, d, bias=True)

        def forward(self, x, mask_bias):
            b, n, d = x.shape
            hd = d // self.heads
            q, k, v = self.qkv(x).view(b, n, 3, self.heads, hd).permute(2, 0, 3, 1, 4)
            logits = torch.matmul(q / math.sqrt(hd), k.transpose(-1, -2))
            if mask_bias is not None:
                logits = logits + mask_bias
            y = torch.matmul(torch.softmax(logits, -1), v)
            return self.out(y.transpose(1, 2).reshape(b, n, d))

    class TransformerLayer(nn.Module):
        def __init__(self, d, heads, mlp):
            super().__init__()
            self.norm0 = LayerNorm(d)
            self.attn = Attention(d, heads)
            self.norm1 = LayerNorm(d)
            self.wi = Dense(d, mlp, bias=True)
            self.wo = Dense(mlp, d, bias=True)  # wo (no bias) + wo_bias

        def forward(self, x, mask_bias):
            y = x + self.attn(self.norm0(x), mask_bias)
            return y + self.wo(quick_gelu(self.wi(self.norm1(y))))

    class Transformer(nn.Module):
        """Dense in, position bias, pre-LN layers, Dense -> GELU (tanh) -> LayerNorm."""

        def __init__(self, n_in, d, heads, layers, mlp, positions, shape):
            super().__init__()
            self.fc_in = Dense(n_in, d, bias=True)
            self.positions = positions
            length = 1
            for x in shape:
                length *= x
            if positions == "sinusoidal":
                half = d // 2
                inv_freq = 1.0 / (10000.0 ** (torch.arange(half, dtype=torch.float32) * 2.0 / d))
                arg = torch.arange(length, dtype=torch.float32)[:, None] * inv_freq[None, :]
                self.register_buffer("pos", torch.cat([torch.sin(arg), torch.cos(arg)], 1), persistent=False)
            else:  # broadcast: per-axis tables, each token's bias the concatenation of its rows
                self.shape = list(shape)
                chunks = [d // len(shape) + (1 if i < d % len(shape) else 0) for i in range(len(shape))]
                self.pos_tables = nn.ParameterList([param(shape[i], chunks[i], std=0.02) for i in range(len(shape))])
            self.layers = nn.ModuleList([TransformerLayer(d, heads, mlp) for _ in range(layers)])
            self.fc_out = Dense(d, d, bias=True)
            self.norm = LayerNorm(d)

        def position_table(self):
            if self.positions == "sinusoidal":
                return self.pos
            h, w = self.shape
            d0, d1 = self.pos_tables
            return torch.cat([d0[:, None, :].expand(h, w, d0.shape[1]),
                              d1[None, :, :].expand(h, w, d1.shape[1])], -1).reshape(h * w, -1)

        def forward(self, x, mask_bias=None):
            x = self.fc_in(x) + self.position_table()
            for layer in self.layers:
                x = layer(x, mask_bias)
            return self.norm(gelu_tanh(self.fc_out(x)))

    class Encoder(nn.Module):
        """conv3x3 + one block at depths[0]; per further depth: avg pool 2 and `blocks` blocks; dense."""

        def __init__(self):
            super().__init__()
            d = s.enc_depths
            self.conv_in = Conv(2 * s.vq_dim, d[0], 3, bias=True)
            blocks = [ResNetBlock(d[0], d[0])]
            self.pool_before = [False]
            c = d[0]
            for depth in d[1:]:
                for j in range(s.enc_blocks):
                    blocks.append(ResNetBlock(c, depth))
                    self.pool_before.append(j == 0)
                    c = depth
            self.blocks = nn.ModuleList(blocks)
            self.dense = Dense(c, s.embedding_dim, bias=True)

        def forward(self, x):  # [N, 2 D_vq, H, W] -> [N, h, w, E]
            x = self.conv_in(x)
            for pool, block in zip(self.pool_before, self.blocks):
                x = block(F.avg_pool2d(x, 2) if pool else x)
            return self.dense(x.permute(0, 2, 3, 1))

    class Decoder(nn.Module):
        """conv3x3 to depths[0]; reversed depths: blocks and x2 nearest upsampling; LayerNorm; dense to K_vq."""

        def __init__(self):
            super().__init__()
            rev = list(reversed(s.dec_depths))
            self.conv_in = Conv(2 * s.embedding_dim, s.dec_depths[0], 3, bias=True)
            blocks = []
            self.upsample_after = []
            c = s.dec_depths[0]
            for i, depth in enumerate(rev):
                for j in range(s.dec_blocks):
                    blocks.append(ResNetBlock(c, depth))
                    self.upsample_after.append(i < len(rev) - 1 and j == s.dec_blocks - 1)
                    c = depth
            self.blocks = nn.ModuleList(blocks)
            self.norm = LayerNorm(c)
            self.dense = Dense(c, s.vq_codes, bias=True)

        def forward(self, x):  # [N, 2E, h, w] -> logits [N, H, W, K_vq]
            x = self.conv_in(x)
            for up, block in zip(self.upsample_after, self.blocks):
                x = block(x)
                if up:
                    x = F.interpolate(x, scale_factor=2, mode="nearest")
            return self.dense(self.norm(x.permute(0, 2, 3, 1)))

    class Codebook(nn.Module):
        def __init__(self):
            super().__init__()
            self.codebook = param(s.codes, s.proj_dim, std=0.02)
            self.proj_in = Dense(s.embedding_dim, s.proj_dim, bias=False)
            self.proj_out = Dense(s.proj_dim, s.embedding_dim, bias=False)

    class MaskGit(nn.Module):
        def __init__(self):
            super().__init__()
            self.token_embed = param(s.codes + 1, s.vocab_dim, std=0.02)  # last row: MASK
            self.net = Transformer(s.vocab_dim + s.embedding_dim, s.git_dim, s.git_heads, s.git_layers, s.git_mlp,
                                   "broadcast", (s.z_h, s.z_h))
            self.mlm_dense = Dense(s.git_dim, s.vocab_dim, bias=True, std=0.02)
            self.mlm_norm = LayerNorm(s.vocab_dim)
            self.mlm_bias = param(s.codes, fill=0.0)

        def loss(self, tokens, deter, mask):
            """tokens [N, h, w] in [0, n_codes), deter [N, h, w, E], mask [N, L] bool -> the masked CE x L."""
            n = tokens.shape[0]
            length = s.grid
            inp = torch.where(mask.view(tokens.shape), torch.full_like(tokens, s.codes), tokens)
            x = torch.cat([F.embedding(inp, self.token_embed), deter], -1).reshape(n, length, -1)
            x = self.net(x)
            x = self.mlm_norm(gelu_tanh(self.mlm_dense(x)))
            logits = F.linear(x, self.token_embed[:s.codes], self.mlm_bias)  # tied to the table without MASK
            ce = F.cross_entropy(logits.reshape(-1, s.codes), tokens.reshape(-1), reduction="none").view(n, length)
            m = mask.to(ce.dtype)
            return (ce * length * m).sum() / m.sum()

    class Teco(nn.Module):
        def __init__(self):
            super().__init__()
            e, d, k = s.embedding_dim, s.tfm_dim, s.z_ds
            self.sos_post = param(s.latent, s.latent, s.vq_dim, std=0.02)
            self.encoder = Encoder()
            self.codebook = Codebook()
            self.action_embeds = param(s.action_dim + 1, s.action_embed_dim, std=1 / math.sqrt(s.action_embed_dim))
            self.z_proj = Conv(e + s.action_embed_dim, d, k, stride=k, bias=False)
            self.sos = param(s.tfm_h, s.tfm_h, d, std=0.02)
            self.z_tfm = Transformer(d, d, s.tfm_heads, s.tfm_layers, s.tfm_mlp, "sinusoidal",
                                     (s.seq_len, s.tfm_h, s.tfm_h))
            self.z_unproj = param(d, e, k, k, std=1 / math.sqrt(d * k * k))  # transposed conv, no bias
            self.decoder = Decoder()
            self.z_git = MaskGit()
            n = s.tokens_per_frame
            frame = torch.arange(s.seq_len * n) // n
            causal = frame[None, :] <= frame[:, None]  # a token sees its own and earlier frames
            self.register_buffer("mask_bias", torch.where(causal, 0.0, -1e10), persistent=False)

        def forward(self, codes, vq_table, actions, drop_idx, git_mask):
            """codes [B, T, H, W], actions [B, T] in [0, action_dim], drop_idx [n], git_mask [B n, L] bool."""
            b, t, hh, ww = codes.shape
            nc, e = s.n_cond, s.embedding_dim
            zh = s.z_h

            # 1. VQ look-up (the VQ-GAN is frozen: its codebook is a constant).
            emb = F.embedding(codes, vq_table)  # [B, T, H, W, D_vq]
            # 2. Posterior over (e_{t-1}, e_t), sos_post for e_0.
            prev = torch.cat([self.sos_post.expand(b, 1, hh, ww, s.vq_dim), emb[:, :t - 1]], 1)
            inp = torch.cat([prev, emb], -1).reshape(b * t, hh, ww, 2 * s.vq_dim).permute(0, 3, 1, 2)
            out = self.encoder(inp).reshape(b, t, zh, zh, e)

            # 3. Cosine codebook over every frame (losses cover all of them), straight-through.
            cbk = self.codebook
            flat = F.normalize(cbk.proj_in(out), dim=-1, eps=1e-6).reshape(-1, s.proj_dim)
            codebook = F.normalize(cbk.codebook, dim=-1, eps=1e-6)
            with torch.no_grad():
                ids = torch.matmul(flat, codebook.t()).argmax(-1)
            quantized = F.embedding(ids, codebook)
            commitment = 0.25 * 0.5 * (flat - quantized.detach()).pow(2).mean()
            codebook_loss = 0.5 * (flat.detach() - quantized).pow(2).mean()
            st = flat + (quantized - flat).detach()
            q = cbk.proj_out(st).reshape(b, t, zh, zh, e)
            with torch.no_grad():
                usage = torch.bincount(ids, minlength=s.codes).float() / ids.numel()
                perplexity = torch.exp(-(usage * torch.log(usage + 1e-10)).sum())
            ids = ids.view(b, t, zh, zh)
            cond = out[:, :nc]
            z = q[:, nc:]

            # 4. Temporal transformer: frame t with action t+1, z_proj, sos in front, frame-causal mask.
            frames = torch.cat([cond, z], 1)
            act = F.embedding(actions, self.action_embeds)[:, 1:, None, None, :]
            act = act.expand(b, t - 1, zh, zh, s.action_embed_dim)
            x = torch.cat([frames[:, :t - 1], act], -1).reshape(b * (t - 1), zh, zh, -1).permute(0, 3, 1, 2)
            n, d = s.tokens_per_frame, s.tfm_dim
            tokens = self.z_proj(x).permute(0, 2, 3, 1).reshape(b, t - 1, n, d)
            seq = torch.cat([self.sos.reshape(1, 1, n, d).expand(b, 1, n, d), tokens], 1).reshape(b, t * n, d)
            y = self.z_tfm(seq, self.mask_bias)
            y = y.view(b, t, s.tfm_h, s.tfm_h, d)[:, nc:].reshape(b * (t - nc), s.tfm_h, s.tfm_h, d)
            deter = F.conv_transpose2d(y.permute(0, 3, 1, 2), self.z_unproj, stride=s.z_ds)  # [B(T-nc), E, h, w]
            deter = deter.view(b, t - nc, e, zh, zh)

            # 6./5. Prior and decoder losses on the drop-loss frames only.
            m = drop_idx.numel()
            deter_sel = deter.index_select(1, drop_idx).reshape(b * m, e, zh, zh)
            z_sel = z.index_select(1, drop_idx).reshape(b * m, zh, zh, e)
            z_ids = ids[:, nc:].index_select(1, drop_idx).reshape(b * m, zh, zh)
            targets = codes[:, nc:].index_select(1, drop_idx).reshape(b * m, hh, ww)

            trans = self.z_git.loss(z_ids, deter_sel.permute(0, 2, 3, 1), git_mask)
            logits = self.decoder(torch.cat([deter_sel, z_sel.permute(0, 3, 1, 2)], 1))
            recon = F.cross_entropy(logits.reshape(-1, s.vq_codes), targets.reshape(-1), label_smoothing=0.01,
                                    reduction="sum") / (b * m)
            loss = recon + trans + commitment + codebook_loss
            return loss, {"recon": recon, "trans": trans, "commitment": commitment, "codebook": codebook_loss,
                          "perplexity": perplexity}

    return Teco()


# The components as `teco model summary` lists them (TecoModel.parameterBreakdown, creation order).
COMPONENTS = ["sos", "encoder", "codebook", "action_embeds", "z_proj", "z_tfm", "z_unproj", "decoder", "z_git"]


def breakdown(model):
    counts = {c: 0 for c in COMPONENTS}
    for name, p in model.named_parameters():
        head = name.split(".")[0]
        counts["sos" if head == "sos_post" else head] += p.numel()
    return counts


def print_breakdown(counts, out=sys.stdout):
    for name in COMPONENTS:
        out.write("  %-24s %14s  %8.2f M\n" % (name, format(counts[name], ","), counts[name] / 1e6))
    total = sum(counts.values())
    out.write("  %-24s %14s  %8.2f M\n" % ("total", format(total, ","), total / 1e6))
    return total


def blas_library():
    """The BLAS shared library this process loaded (after a matmul), resolved."""
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                if "blas" in os.path.basename(path).lower():
                    return os.path.realpath(path)
    except OSError:
        pass
    return "unknown"


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def main(argv):
    a = parse_args(argv)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, str(a.threads))
    import torch

    torch.set_num_threads(a.threads)
    cfg = load_config(a.config, a.overrides)
    s = Sizes(cfg, a.vq_codes, a.vq_dim, a.latent, a.batch)
    if get(cfg, "vqvae_ckpt", None):
        sys.stderr.write("teco_torch: the config names vqvae_ckpt; this script cannot open it and uses "
                         "--vq-codes %d --vq-dim %d --latent %d instead\n" % (a.vq_codes, a.vq_dim, a.latent))

    if a.summary:
        model = build(torch, s, torch.device("meta"), a.exact_layernorm)
        print("Tokenizer: %d codes of %d channels, %dx%d per frame; prior: maskgit (PyTorch %s)"
              % (s.vq_codes, s.vq_dim, s.latent, s.latent, torch.__version__))
        print_breakdown(breakdown(model))
        return 0

    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    model = build(torch, s, torch.device("cpu"), a.exact_layernorm)
    counts = breakdown(model)
    total = sum(counts.values())

    # Inputs as TrainingBenchmark.java draws them: codes and actions once, the rest per step.
    vq_table = torch.randn(s.vq_codes, s.vq_dim, generator=gen)
    codes = torch.randint(0, s.vq_codes, (s.batch, s.seq_len, s.latent, s.latent), generator=gen)
    raw = torch.randint(-1, s.action_dim, (s.batch, s.seq_len), generator=gen)  # -1 = no action
    actions = torch.where(raw < 0, raw + s.action_dim + 1, raw)
    if not s.use_actions:
        actions = torch.full_like(actions, s.no_action)

    def feed():
        acts = actions.clone()
        if s.dropout_actions:
            drop = torch.rand(s.batch, generator=gen) < 0.5
            acts[drop] = s.no_action
        if s.drop_loss_rate > 0:
            idx = torch.randint(0, s.predicted, (s.loss_frames,), generator=gen)
        else:
            idx = torch.arange(s.predicted)
        items = s.batch * s.loss_frames
        counts_ = [max(1, min(s.grid, math.floor(mask_ratio(s.mask_schedule, r, s.grid) * s.grid)))
                   for r in torch.rand(items, generator=gen, dtype=torch.float64).tolist()]
        rank = torch.rand(items, s.grid, generator=gen).argsort(1).argsort(1)
        mask = rank < torch.tensor(counts_)[:, None]
        return acts, idx, mask

    opt = torch.optim.AdamW(model.parameters(), lr=s.lr, betas=(0.9, 0.95), eps=1e-8, weight_decay=s.weight_decay)

    torch.matmul(torch.ones(8, 8), torch.ones(8, 8))
    blas = blas_library()
    print("teco_torch %s: TECO, batch %d, seq_len %d, %s parameters, PyTorch %s, %d threads (of %d cores)"
          % (a.config, s.batch, s.seq_len, format(total, ","), torch.__version__, a.threads, os.cpu_count() or 1))
    print("  BLAS %s; oneDNN %s; layernorm %s" % (blas, "on" if torch.backends.mkldnn.is_available() else "off",
                                                  "E[x^2]-E[x]^2 (exact)" if a.exact_layernorm else "fused"))
    if blas.rstrip("0123456789.").endswith("/blas/libblas.so"):
        print("  WARNING: this is Debian's reference BLAS (netlib): matrix products run several times slower than "
              "with OpenBLAS; see tools/bench/README.md")
    print("  %d loss frames of %d predicted, MaskGit over %dx%d, temporal transformer over %d tokens"
          % (s.loss_frames, s.predicted, s.z_h, s.z_h, s.seq_len * s.tokens_per_frame))
    print_breakdown(counts)
    sys.stdout.flush()

    ms = []
    first = None
    parts = None
    for i in range(a.warmup + a.steps):
        acts, idx, mask = feed()
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss, parts = model(codes, vq_table, acts, idx, mask)
        loss.backward()
        opt.step()
        dt = (time.perf_counter() - t0) * 1e3
        if i == 0:
            first = dt
        if i >= a.warmup:
            ms.append(dt)
        sys.stderr.write("  step %d%s: %.1f ms, loss %.3f\n" % (i + 1, " (warm-up)" if i < a.warmup else "", dt,
                                                              loss.item()))
    med = median(ms)
    low = min(ms)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # KiB on Linux; MB = 1e6 bytes as ours
    print("  %9s %9s %9s %9s" % ("ms/step", "min ms", "steps/s", "peak RSS"))
    print("  %9.1f %9.1f %9.3f %6.0f MB" % (med, low, 1e3 / med, rss_mb))
    print("  losses (last step): recon %.3f, trans %.3f, commitment %.5f, codebook %.5f, perplexity %.1f"
          % tuple(parts[k].item() for k in ("recon", "trans", "commitment", "codebook", "perplexity")))
    print("  first step %.1f s; median of %d steps after %d warm-up" % (first / 1e3, len(ms), a.warmup))
    print("torch: batch %d seq_len %d params %d ms_per_step_median %.1f ms_per_step_min %.1f peak_rss_mb %.0f threads %d"
          % (s.batch, s.seq_len, total, med, low, rss_mb, a.threads))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
