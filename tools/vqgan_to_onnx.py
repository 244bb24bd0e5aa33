#!/usr/bin/env python3
"""Convert a taming-transformers VQ-GAN (VQModel) checkpoint into a TECO tokenizer directory.

The directory (DESIGN.md section 4, "Tokenizer directory") holds:

- ``encoder.onnx``: input ``frames`` uint8 (N,H,W,3) -> output ``codes`` int64 (N,h,w).
  Inside the graph: pixels to [-1,1] (x/127.5 - 1), NHWC -> NCHW, encoder, quant_conv,
  nearest codebook entry by squared L2 distance (argmin, first index on ties, as taming).
- ``decoder.onnx``: input ``codes`` int64 (N,h,w) -> output ``frames`` uint8 (N,H,W,3).
  Inside the graph: codebook lookup, post_quant_conv, decoder, clamp to [-1,1],
  round((x+1)*127.5) as uint8 NHWC.
- ``codebook.npy``: float32 (codes, embedding_dim), the VQ embedding table.
- ``tokenizer.json``: metadata (codes, embedding_dim, latent_h, latent_w, image_size,
  format, format_version, source).

The batch axis N is dynamic in both graphs.

The PyTorch model below is written from taming-transformers' ``taming/models/vqgan.py``
and ``taming/modules/diffusionmodules/model.py`` (Encoder, Decoder, ResnetBlock, AttnBlock,
Downsample, Upsample; GroupNorm(32, eps 1e-6), swish) and ``taming/modules/vqvae/quantize.py``
(VectorQuantizer): its state-dict names are those of a taming checkpoint, so a checkpoint
loads with ``strict=True`` once the training-loss weights (``loss.*``) are dropped.

Usage:
  vqgan_to_onnx.py --checkpoint last.ckpt --config model.yaml --out DIR
  vqgan_to_onnx.py --random-init --config small.yaml --out DIR [--seed 0]

The config is taming's YAML: ``model.params.{n_embed, embed_dim, ddconfig: {ch, ch_mult,
num_res_blocks, attn_resolutions, resolution, z_channels, in_channels, out_ch, double_z,
dropout}}``. Needs torch, onnx, numpy and PyYAML (Debian: python3-torch python3-onnx
python3-yaml).
"""

import argparse
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

FORMAT = "teco-vqgan-onnx"
FORMAT_VERSION = 1
OPSET = 13


# ---------------------------------------------------------------- taming's modules

def nonlinearity(x):
    return x * torch.sigmoid(x)


def Normalize(in_channels):
    return nn.GroupNorm(num_groups=32, num_channels=in_channels, eps=1e-6, affine=True)


class Upsample(nn.Module):
    def __init__(self, in_channels):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, in_channels, kernel_size=3, stride=1, padding=1)

    def forward(self, x):
        x = F.interpolate(x, scale_factor=2.0, mode="nearest")
        return self.conv(x)


class Downsample(nn.Module):
    def __init__(self, in_channels):
        super().__init__()
        # no asymmetric padding in torch conv: pad right/bottom by one, then a stride-2 conv
        self.conv = nn.Conv2d(in_channels, in_channels, kernel_size=3, stride=2, padding=0)

    def forward(self, x):
        x = F.pad(x, (0, 1, 0, 1), mode="constant", value=0)
        return self.conv(x)


class ResnetBlock(nn.Module):
    def __init__(self, in_channels, out_channels, dropout=0.0):
        super().__init__()
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.norm1 = Normalize(in_channels)
        self.conv1 = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=1, padding=1)
        self.norm2 = Normalize(out_channels)
        self.dropout = nn.Dropout(dropout)
        self.conv2 = nn.Conv2d(out_channels, out_channels, kernel_size=3, stride=1, padding=1)
        if in_channels != out_channels:
            self.nin_shortcut = nn.Conv2d(in_channels, out_channels, kernel_size=1, stride=1, padding=0)

    def forward(self, x):
        h = self.conv1(nonlinearity(self.norm1(x)))
        h = self.conv2(self.dropout(nonlinearity(self.norm2(h))))
        if self.in_channels != self.out_channels:
            x = self.nin_shortcut(x)
        return x + h


class AttnBlock(nn.Module):
    def __init__(self, in_channels):
        super().__init__()
        self.norm = Normalize(in_channels)
        self.q = nn.Conv2d(in_channels, in_channels, kernel_size=1)
        self.k = nn.Conv2d(in_channels, in_channels, kernel_size=1)
        self.v = nn.Conv2d(in_channels, in_channels, kernel_size=1)
        self.proj_out = nn.Conv2d(in_channels, in_channels, kernel_size=1)

    def forward(self, x):
        h_ = self.norm(x)
        q, k, v = self.q(h_), self.k(h_), self.v(h_)
        b, c, h, w = q.shape
        q = q.reshape(b, c, h * w).permute(0, 2, 1)   # b,hw,c
        k = k.reshape(b, c, h * w)                    # b,c,hw
        w_ = torch.bmm(q, k) * (int(c) ** (-0.5))     # b,hw,hw
        w_ = F.softmax(w_, dim=2)
        v = v.reshape(b, c, h * w)
        h_ = torch.bmm(v, w_.permute(0, 2, 1))        # b,c,hw
        h_ = self.proj_out(h_.reshape(b, c, h, w))
        return x + h_


class Encoder(nn.Module):
    def __init__(self, *, ch, ch_mult, num_res_blocks, attn_resolutions, dropout, in_channels,
                 resolution, z_channels, double_z, **ignore):
        super().__init__()
        self.num_resolutions = len(ch_mult)
        self.num_res_blocks = num_res_blocks
        self.conv_in = nn.Conv2d(in_channels, ch, kernel_size=3, stride=1, padding=1)
        curr_res = resolution
        in_ch_mult = (1,) + tuple(ch_mult)
        self.down = nn.ModuleList()
        block_in = ch
        for i_level in range(self.num_resolutions):
            block, attn = nn.ModuleList(), nn.ModuleList()
            block_in = ch * in_ch_mult[i_level]
            block_out = ch * ch_mult[i_level]
            for _ in range(num_res_blocks):
                block.append(ResnetBlock(block_in, block_out, dropout))
                block_in = block_out
                if curr_res in attn_resolutions:
                    attn.append(AttnBlock(block_in))
            down = nn.Module()
            down.block = block
            down.attn = attn
            if i_level != self.num_resolutions - 1:
                down.downsample = Downsample(block_in)
                curr_res = curr_res // 2
            self.down.append(down)
        self.mid = nn.Module()
        self.mid.block_1 = ResnetBlock(block_in, block_in, dropout)
        self.mid.attn_1 = AttnBlock(block_in)
        self.mid.block_2 = ResnetBlock(block_in, block_in, dropout)
        self.norm_out = Normalize(block_in)
        self.conv_out = nn.Conv2d(block_in, 2 * z_channels if double_z else z_channels,
                                  kernel_size=3, stride=1, padding=1)

    def forward(self, x):
        h = self.conv_in(x)
        for i_level in range(self.num_resolutions):
            for i_block in range(self.num_res_blocks):
                h = self.down[i_level].block[i_block](h)
                if len(self.down[i_level].attn) > 0:
                    h = self.down[i_level].attn[i_block](h)
            if i_level != self.num_resolutions - 1:
                h = self.down[i_level].downsample(h)
        h = self.mid.block_2(self.mid.attn_1(self.mid.block_1(h)))
        return self.conv_out(nonlinearity(self.norm_out(h)))


class Decoder(nn.Module):
    def __init__(self, *, ch, out_ch, ch_mult, num_res_blocks, attn_resolutions, dropout,
                 resolution, z_channels, **ignore):
        super().__init__()
        self.num_resolutions = len(ch_mult)
        self.num_res_blocks = num_res_blocks
        block_in = ch * ch_mult[self.num_resolutions - 1]
        curr_res = resolution // 2 ** (self.num_resolutions - 1)
        self.conv_in = nn.Conv2d(z_channels, block_in, kernel_size=3, stride=1, padding=1)
        self.mid = nn.Module()
        self.mid.block_1 = ResnetBlock(block_in, block_in, dropout)
        self.mid.attn_1 = AttnBlock(block_in)
        self.mid.block_2 = ResnetBlock(block_in, block_in, dropout)
        self.up = nn.ModuleList()
        for i_level in reversed(range(self.num_resolutions)):
            block, attn = nn.ModuleList(), nn.ModuleList()
            block_out = ch * ch_mult[i_level]
            for _ in range(num_res_blocks + 1):
                block.append(ResnetBlock(block_in, block_out, dropout))
                block_in = block_out
                if curr_res in attn_resolutions:
                    attn.append(AttnBlock(block_in))
            up = nn.Module()
            up.block = block
            up.attn = attn
            if i_level != 0:
                up.upsample = Upsample(block_in)
                curr_res = curr_res * 2
            self.up.insert(0, up)
        self.norm_out = Normalize(block_in)
        self.conv_out = nn.Conv2d(block_in, out_ch, kernel_size=3, stride=1, padding=1)

    def forward(self, z):
        h = self.conv_in(z)
        h = self.mid.block_2(self.mid.attn_1(self.mid.block_1(h)))
        for i_level in reversed(range(self.num_resolutions)):
            for i_block in range(self.num_res_blocks + 1):
                h = self.up[i_level].block[i_block](h)
                if len(self.up[i_level].attn) > 0:
                    h = self.up[i_level].attn[i_block](h)
            if i_level != 0:
                h = self.up[i_level].upsample(h)
        return self.conv_out(nonlinearity(self.norm_out(h)))


class VectorQuantizer(nn.Module):
    def __init__(self, n_e, e_dim):
        super().__init__()
        self.n_e, self.e_dim = n_e, e_dim
        self.embedding = nn.Embedding(n_e, e_dim)
        self.embedding.weight.data.uniform_(-1.0 / n_e, 1.0 / n_e)

    def codes(self, z, h, w):
        """Nearest codebook index per position of z (N,C,h,w), as taming: ||z||^2 + ||e||^2 - 2 z.e.
        h and w are Python ints, so the exported graph's output has static latent dims."""
        zf = z.permute(0, 2, 3, 1).reshape(-1, self.e_dim)
        e = self.embedding.weight
        d = torch.sum(zf ** 2, dim=1, keepdim=True) + torch.sum(e ** 2, dim=1) - 2 * torch.matmul(zf, e.t())
        return torch.argmin(d, dim=1).reshape(-1, h, w)

    def lookup(self, codes):
        """Embeddings (N,C,h,w) of codes (N,h,w)."""
        return self.embedding(codes).permute(0, 3, 1, 2)


class VQModel(nn.Module):
    """taming's VQModel without its training loss: encoder, decoder, quantize, quant_conv, post_quant_conv."""

    def __init__(self, ddconfig, n_embed, embed_dim):
        super().__init__()
        if ddconfig.get("double_z", False):
            raise ValueError("ddconfig.double_z must be false for a VQ model")
        self.ddconfig = dict(ddconfig)
        self.encoder = Encoder(**ddconfig)
        self.decoder = Decoder(**ddconfig)
        self.quantize = VectorQuantizer(n_embed, embed_dim)
        self.quant_conv = nn.Conv2d(ddconfig["z_channels"], embed_dim, 1)
        self.post_quant_conv = nn.Conv2d(embed_dim, ddconfig["z_channels"], 1)

    @property
    def image_size(self):
        return self.ddconfig["resolution"]

    @property
    def latent_size(self):
        return self.ddconfig["resolution"] // 2 ** (len(self.ddconfig["ch_mult"]) - 1)

    def encode_latents(self, x):
        """Pre-quantisation latents (N,embed_dim,h,w) of images x in [-1,1] NCHW."""
        return self.quant_conv(self.encoder(x))

    def decode_float(self, codes):
        """Decoder output (N,3,H,W) of codes (N,h,w), before clamping."""
        return self.decoder(self.post_quant_conv(self.quantize.lookup(codes)))


# ---------------------------------------------------------------- the two exported graphs

class FrameEncoder(nn.Module):
    """uint8 NHWC frames -> int64 codes (N,h,w)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, frames):
        x = frames.to(torch.float32) / 127.5 - 1.0
        x = x.permute(0, 3, 1, 2)
        lat = self.model.latent_size
        return self.model.quantize.codes(self.model.encode_latents(x), lat, lat)


class FrameDecoder(nn.Module):
    """int64 codes (N,h,w) -> uint8 NHWC frames."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, codes):
        x = torch.clamp(self.model.decode_float(codes), -1.0, 1.0)
        x = torch.round((x + 1.0) * 127.5)
        return x.permute(0, 2, 3, 1).to(torch.uint8)


def to_uint8(x):
    """The decoder graph's pixel mapping, for the float output of VQModel.decode_float."""
    x = torch.clamp(x, -1.0, 1.0)
    return torch.round((x + 1.0) * 127.5).permute(0, 2, 3, 1).to(torch.uint8)


# ---------------------------------------------------------------- config and checkpoint

DDCONFIG_KEYS = ("ch", "ch_mult", "num_res_blocks", "attn_resolutions", "resolution", "z_channels",
                 "in_channels", "out_ch")


def read_config(path):
    import yaml
    with open(path) as f:
        cfg = yaml.safe_load(f)
    try:
        params = cfg["model"]["params"]
        dd = dict(params["ddconfig"])
        n_embed, embed_dim = int(params["n_embed"]), int(params["embed_dim"])
    except (KeyError, TypeError) as e:
        raise SystemExit(f"{path}: expected model.params.{{ddconfig,n_embed,embed_dim}} (taming's VQModel config), missing {e}")
    missing = [k for k in DDCONFIG_KEYS if k not in dd]
    if missing:
        raise SystemExit(f"{path}: model.params.ddconfig lacks {', '.join(missing)}")
    if dd.get("double_z", False):
        raise SystemExit(f"{path}: model.params.ddconfig.double_z must be false for a VQ model")
    if dd["in_channels"] != 3 or dd["out_ch"] != 3:
        raise SystemExit(f"{path}: expected in_channels 3 and out_ch 3 (RGB frames), found {dd['in_channels']} and {dd['out_ch']}")
    dd.setdefault("dropout", 0.0)
    dd["dropout"] = 0.0  # inference
    dd["double_z"] = False
    return dd, n_embed, embed_dim


def load_checkpoint(model, path):
    ckpt = torch.load(path, map_location="cpu")
    sd = ckpt.get("state_dict", ckpt) if isinstance(ckpt, dict) else ckpt
    sd = {k: v for k, v in sd.items() if not k.startswith("loss.")}
    expected = model.state_dict()
    missing = [k for k in expected if k not in sd]
    unexpected = [k for k in sd if k not in expected]
    wrong = [f"{k}: checkpoint {tuple(sd[k].shape)}, config {tuple(v.shape)}"
             for k, v in expected.items() if k in sd and tuple(sd[k].shape) != tuple(v.shape)]
    if missing or unexpected or wrong:
        lines = [f"{path} does not match the config:"]
        lines += [f"  missing {k}" for k in missing[:20]]
        lines += [f"  unexpected {k}" for k in unexpected[:20]]
        lines += [f"  shape {w}" for w in wrong[:20]]
        raise SystemExit("\n".join(lines))
    model.load_state_dict(sd, strict=True)


def random_model(dd, n_embed, embed_dim, seed):
    torch.manual_seed(seed)
    model = VQModel(dd, n_embed, embed_dim)
    # Random GroupNorm affine parameters too, so a wrong scale/shift mapping would show.
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.GroupNorm):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    return model


# ---------------------------------------------------------------- export

def set_io_shapes(path, shapes):
    import onnx
    m = onnx.load(path)
    for vi in list(m.graph.input) + list(m.graph.output):
        if vi.name in shapes:
            dims = vi.type.tensor_type.shape.dim
            del dims[:]
            for d in shapes[vi.name]:
                if isinstance(d, str):
                    dims.add().dim_param = d
                else:
                    dims.add().dim_value = d
    onnx.save(m, path)


def export(model, out_dir, source):
    import onnx
    model.eval()
    os.makedirs(out_dir, exist_ok=True)
    size, lat = model.image_size, model.latent_size
    frames = torch.zeros(2, size, size, 3, dtype=torch.uint8)
    codes = torch.zeros(2, lat, lat, dtype=torch.int64)
    enc_path = os.path.join(out_dir, "encoder.onnx")
    dec_path = os.path.join(out_dir, "decoder.onnx")
    with torch.no_grad():
        torch.onnx.export(FrameEncoder(model), (frames,), enc_path, input_names=["frames"], output_names=["codes"],
                          dynamic_axes={"frames": {0: "batch"}, "codes": {0: "batch"}}, opset_version=OPSET,
                          do_constant_folding=True)
        torch.onnx.export(FrameDecoder(model), (codes,), dec_path, input_names=["codes"], output_names=["frames"],
                          dynamic_axes={"codes": {0: "batch"}, "frames": {0: "batch"}}, opset_version=OPSET,
                          do_constant_folding=True)
    # The exporter names the reshaped latent dims symbolically; state them (only the batch is dynamic).
    set_io_shapes(enc_path, {"frames": ["batch", size, size, 3], "codes": ["batch", lat, lat]})
    set_io_shapes(dec_path, {"codes": ["batch", lat, lat], "frames": ["batch", size, size, 3]})
    for p in (enc_path, dec_path):
        onnx.checker.check_model(onnx.load(p), full_check=True)
    codebook = model.quantize.embedding.weight.detach().numpy().astype(np.float32)
    np.save(os.path.join(out_dir, "codebook.npy"), codebook)
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "codes": int(codebook.shape[0]),
        "embedding_dim": int(codebook.shape[1]),
        "latent_h": lat,
        "latent_w": lat,
        "image_size": size,
        "source": source,
    }
    with open(os.path.join(out_dir, "tokenizer.json"), "w") as f:
        json.dump(meta, f, indent=2, sort_keys=False)
        f.write("\n")
    return meta


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--checkpoint", help="taming checkpoint (.ckpt with state_dict)")
    ap.add_argument("--config", required=True, help="taming config YAML (model.params.ddconfig, n_embed, embed_dim)")
    ap.add_argument("--out", required=True, help="tokenizer directory to write")
    ap.add_argument("--random-init", action="store_true", help="fixed-seed random weights instead of a checkpoint")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if bool(args.checkpoint) == bool(args.random_init):
        ap.error("give exactly one of --checkpoint and --random-init")
    dd, n_embed, embed_dim = read_config(args.config)
    if args.random_init:
        model = random_model(dd, n_embed, embed_dim, args.seed)
        source = {"random_init_seed": args.seed, "config": os.path.basename(args.config)}
    else:
        model = VQModel(dd, n_embed, embed_dim)
        load_checkpoint(model, args.checkpoint)
        source = {"checkpoint": os.path.basename(args.checkpoint), "config": os.path.basename(args.config)}
    source["converter"] = "tools/vqgan_to_onnx.py"
    meta = export(model, args.out, source)
    print(f"wrote {args.out}: {meta['codes']} codes x {meta['embedding_dim']}, "
          f"{meta['image_size']}px -> {meta['latent_h']}x{meta['latent_w']}", file=sys.stderr)


if __name__ == "__main__":
    main()
