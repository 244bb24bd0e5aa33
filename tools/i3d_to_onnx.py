#!/usr/bin/env python3
"""Converts the TorchScript I3D that StyleGAN-V and most PyTorch FVD code use into a TECO `fvd` model folder.

Usage (Debian: apt-get install python3-torch python3-onnx python3-numpy; run with /usr/bin/python3):

    python3 tools/i3d_to_onnx.py --torchscript i3d_torchscript.pt --out models/i3d

Input: ``i3d_torchscript.pt``, the TorchScript port of the TF-Hub I3D (deepmind/i3d-kinetics-400/1)
that universome/stylegan-v's src/metrics/frechet_video_distance.py loads with ``torch.jit.load`` and
calls as ``detector(videos, rescale=..., resize=..., return_features=True)`` on (B, 3, T, H, W)
videos; ``return_features=True`` gives the 400 Kinetics logits averaged over time (the TF-Hub
graph's ``RGB/inception_i3d/Mean:0``, which teco/fvd.py embeds).

The graph is exported with ``rescale=False, resize=False``: TECO does the original's preprocessing
itself (teco/fvd.py fvd_preprocess: tf.image.resize to 224x224, bilinear, half-pixel centres, no
antialiasing; then 2x/255 - 1), so the graph takes float32 (1, 3, T, 224, 224) in [-1, 1] and gives
``features`` (1, 400). T is dynamic.

Writes into --out: ``i3d.onnx`` and ``model.json`` (format, the graph's SHA-256, the source's name and
SHA-256, feature width, input size, smallest T, preprocessing). With --compare-resize it also measures
how far the TorchScript's own resize (``resize=True, rescale=True``) is from TF's on a random video and
prints the largest feature difference.
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn

FORMAT = "teco-i3d"
FORMAT_VERSION = 1
OPSET = 13
SIZE = 224


class Features(nn.Module):
    """The TorchScript detector with the preprocessing left to the caller."""

    def __init__(self, detector):
        super().__init__()
        self.detector = detector

    def forward(self, video):
        return self.detector(video, rescale=False, resize=False, return_features=True)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def tf_resize_bilinear(frames, size):
    """tf.image.resize(method='bilinear', antialias=False) of (N, H, W, C) float32 frames: TF2's
    ResizeBilinear with half_pixel_centers=True (in = (out + 0.5) * in/out - 0.5, lower index
    floor(in) clamped at 0, upper ceil(in) clamped at size-1, weight in - floor(in)), in float32."""
    n, h, w, c = frames.shape
    out_h, out_w = size

    def weights(in_size, out_size):
        scale = np.float32(in_size / out_size)
        src = (np.arange(out_size, dtype=np.float32) + np.float32(0.5)) * scale - np.float32(0.5)
        f = np.floor(src)
        lo = np.maximum(f, 0).astype(np.int64)
        hi = np.minimum(np.ceil(src), in_size - 1).astype(np.int64)
        return lo, hi, (src - f).astype(np.float32)

    ylo, yhi, yl = weights(h, out_h)
    xlo, xhi, xl = weights(w, out_w)
    top_left = frames[:, ylo][:, :, xlo]
    top_right = frames[:, ylo][:, :, xhi]
    bottom_left = frames[:, yhi][:, :, xlo]
    bottom_right = frames[:, yhi][:, :, xhi]
    xl = xl[None, None, :, None]
    yl = yl[None, :, None, None]
    top = top_left + (top_right - top_left) * xl
    bottom = bottom_left + (bottom_right - bottom_left) * xl
    return (top + (bottom - top) * yl).astype(np.float32)


def preprocess(video_u8):
    """teco/fvd.py for one (T, H, W, 3) uint8 video -> (1, 3, T, 224, 224) float32: compute_fvd.py's
    convert (uint8 -> float32 / 255), fvd_preprocess (* 255, tf.image.resize, 2 * x / 255 - 1)."""
    x = video_u8.astype(np.float32) / np.float32(255.0)
    x = x * np.float32(255.0)
    x = tf_resize_bilinear(x, (SIZE, SIZE))
    x = np.float32(2.0) * x / np.float32(255.0) - np.float32(1.0)
    return np.ascontiguousarray(x.transpose(3, 0, 1, 2)[None])


def smallest_frames(model):
    """The fewest frames the graph takes (the final temporal average pool needs enough of them)."""
    for t in range(1, 64):
        try:
            with torch.no_grad():
                model(torch.zeros(1, 3, t, SIZE, SIZE))
            return t
        except RuntimeError:
            continue
    sys.exit("the I3D takes no video of fewer than 64 frames at 224x224")


def compare_resize(detector, model, frames=16, height=64, width=64, seed=0):
    rng = np.random.default_rng(seed)
    video = rng.integers(0, 256, size=(frames, height, width, 3), dtype=np.uint8)
    with torch.no_grad():
        ours = model(torch.from_numpy(preprocess(video))).numpy()
        theirs = detector(torch.from_numpy(video).permute(3, 0, 1, 2)[None].contiguous(), rescale=True, resize=True,
                          return_features=True).numpy()
    return float(np.abs(ours - theirs).max()), float(np.abs(ours).max())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--torchscript", required=True, help="i3d_torchscript.pt (StyleGAN-V's FVD detector)")
    ap.add_argument("--out", required=True, help="model folder to write")
    ap.add_argument("--compare-resize", action="store_true",
                    help="measure the TorchScript's own resize/rescale against TF's on a random 64x64 video")
    args = ap.parse_args(argv)
    import onnx
    detector = torch.jit.load(args.torchscript, map_location="cpu").eval()
    # Scripted, so the exporter takes the TorchScript graph as it is (a traced wrapper cannot call a
    # loaded ScriptModule), with the constant flags folded away.
    model = torch.jit.script(Features(detector).eval())
    min_frames = smallest_frames(model)
    probe_t = max(min_frames, 16)
    with torch.no_grad():
        feats = model(torch.zeros(1, 3, probe_t, SIZE, SIZE))
    if feats.dim() != 2 or feats.shape[0] != 1:
        sys.exit(f"{args.torchscript}: return_features=True gave shape {tuple(feats.shape)}, expected (1, features)")
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "i3d.onnx")
    with torch.no_grad():
        torch.onnx.export(model, (torch.zeros(1, 3, probe_t, SIZE, SIZE),), path, input_names=["video"],
                          output_names=["features"], dynamic_axes={"video": {2: "frames"}}, opset_version=OPSET,
                          do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path), full_check=True)
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "graph": "i3d.onnx",
        "graph_sha256": sha256(path),
        "features": int(feats.shape[1]),
        "input_size": SIZE,
        "min_frames": min_frames,
        "inputs": {"video": [1, 3, "frames", SIZE, SIZE]},
        "output": {"features": [1, int(feats.shape[1])]},
        "preprocessing": {
            "caller": "every frame, context included: uint8 -> float32/255 -> *255 -> tf.image.resize 224x224 "
                      "bilinear (half-pixel centres, no antialias) -> 2x/255-1, layout (1,3,T,224,224)",
            "in_graph": "none (exported with rescale=False, resize=False, return_features=True)",
        },
        "sources": [{"role": "i3d_torchscript", "file": os.path.basename(args.torchscript),
                     "sha256": sha256(args.torchscript)}],
        "converter": "tools/i3d_to_onnx.py",
    }
    if args.compare_resize:
        diff, scale = compare_resize(detector, model)
        meta["resize_check"] = {"max_abs_feature_difference": diff, "max_abs_feature": scale,
                                "video": "16 random frames 64x64 -> 224x224"}
        print(f"TorchScript resize+rescale vs TF-style preprocessing: max |feature difference| {diff:.3e} "
              f"(features up to {scale:.3g})", file=sys.stderr)
    with open(os.path.join(args.out, "model.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    print(f"wrote {args.out}: {meta['features']} features, videos of at least {min_frames} frames", file=sys.stderr)


if __name__ == "__main__":
    main()
