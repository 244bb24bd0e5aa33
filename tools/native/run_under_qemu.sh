#!/usr/bin/env bash
# Runs the assembled teco on an emulated CPU (Debian's qemu-user), to check that the native build
# the launcher would choose for that CPU really runs there. Not part of the tests: emulation is slow.
#
#   apt-get install qemu-user
#   tools/native/run_under_qemu.sh Nehalem             # SSE4.2, no AVX: expects the onednn build to run
#   TECO_ND4J_BUILD=avx2 tools/native/run_under_qemu.sh Nehalem   # a build this CPU lacks: refused (exit 2)
#
# Under qemu-user /proc/cpuinfo still shows the host's flags, so the launcher is shown a recorded
# flag set for the emulated model instead (-Dteco.cpuinfo): qemu64-sse2.txt for CPUs without AVX.
# The job: the quickstart's first three stages on a tiny maze (ND4J trains the tokenizer, ONNX Runtime
# tokenizes).
set -euo pipefail
cpu="${1:-Nehalem}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
dist="${TECO_DIST:-$root/distribution/target/teco}"
flags="${CPUINFO:-$root/platform/launcher/src/test/resources/cpuinfo/qemu64-sse2.txt}"
java_bin="$(readlink -f "$(command -v java)")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/jdk/bin"
cat > "$work/jdk/bin/java" <<WRAP
#!/bin/sh
exec qemu-x86_64 -cpu $cpu "$java_bin" "\$@"
WRAP
chmod +x "$work/jdk/bin/java"

export JAVA_HOME="$work/jdk" TECO_CACHE="$work/cache" TECO_JAVA_OPTS="-Dteco.cpuinfo=$flags ${TECO_JAVA_OPTS:-}"
"$dist/bin/teco" --version
"$dist/bin/teco" run "$dist/configs/quickstart.yaml" -o "$work/run" \
  --set maze.train_episodes=2 --set maze.test_episodes=1 --set maze.episode_length=8 \
  --set train_tokenizer.steps=2 --set train_tokenizer.batch_size=2 --set train_tokenizer.channels=8 \
  --set train_tokenizer.eval_frames=2 --set train_tokenizer.warmup=1 --set tokenize.workers=1 \
  --set 'pipeline.stages=[data, train_tokenizer, tokenize]'
grep -h "ND4J native build" "$work/run/teco.log" || true
echo "ran on emulated $cpu"
