#!/usr/bin/env bash
# Times TECO's training step on our DL4J implementation (`teco bench train CONFIG`) and on the
# PyTorch one (tools/bench/teco_torch.py), alternately, with the same arguments, and prints the
# ratios ours/PyTorch of the median ms/step and of the peak RSS. See tools/bench/README.md.
#
#   tools/bench/compare_train_step.sh CONFIG [--rounds R] [--torch-threads T] [-- ARGS...]
#
# ARGS go to both sides unchanged: --batch B, --steps N, --warmup W, --set KEY=VALUE,
# --vq-codes K, --vq-dim D, --latent N.
# Environment: TECO_HOME (default distribution/target/teco), PYTHON (default: the first of
# python3, /usr/bin/python3 that can import torch), TORCH_LD_LIBRARY_PATH (prepended to
# LD_LIBRARY_PATH for the PyTorch side only, e.g. a directory holding OpenBLAS's libblas.so.3),
# KEEP_LOGS=1 to keep every run's output.
set -euo pipefail

usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

die() {
    echo "compare_train_step: $*" >&2
    exit 2
}

[ $# -ge 1 ] || usage 2
case "$1" in -h|--help) usage 0 ;; esac
CONFIG=$1
shift
ROUNDS=3
TORCH_THREADS=
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) [ $# -ge 2 ] || die "--rounds needs a value"; ROUNDS=$2; shift 2 ;;
        --rounds=*) ROUNDS=${1#*=}; shift ;;
        --torch-threads) [ $# -ge 2 ] || die "--torch-threads needs a value"; TORCH_THREADS=$2; shift 2 ;;
        --torch-threads=*) TORCH_THREADS=${1#*=}; shift ;;
        --) shift; break ;;
        -h|--help) usage 0 ;;
        *) die "unknown option '$1' (arguments for both sides go after --)" ;;
    esac
done
ARGS=("$@")
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive integer, got '$ROUNDS'"
[ -f "$CONFIG" ] || die "no config file '$CONFIG'"

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TECO_HOME=${TECO_HOME:-$ROOT/distribution/target/teco}
TECO=$TECO_HOME/bin/teco
[ -x "$TECO" ] || die "no launcher at $TECO (build the distribution or set TECO_HOME)"

if [ -z "${PYTHON:-}" ]; then
    for candidate in python3 /usr/bin/python3; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import torch, yaml' >/dev/null 2>&1; then
            PYTHON=$candidate
            break
        fi
    done
fi
[ -n "${PYTHON:-}" ] || die "no python3 that can import torch and yaml (apt-get install python3-torch python3-yaml, or set PYTHON)"

TORCH_EXTRA=()
[ -z "$TORCH_THREADS" ] || TORCH_EXTRA=(--threads "$TORCH_THREADS")

LOGS=$(mktemp -d "${TMPDIR:-/tmp}/compare_train_step.XXXXXX")
if [ "${KEEP_LOGS:-0}" != 1 ]; then
    trap 'rm -rf "$LOGS"' EXIT
fi

# ours: the figures line under the "ms/step  min ms ..." header of `teco bench train CONFIG`.
# Prints: median min peak_rss_mb gflop_per_step batch seq_len params
parse_ours() {
    awk '
        /^teco bench train .*: TECO, batch/ {
            s = $0
            sub(/.*TECO, batch /, "", s); split(s, a, /[ ,]+/); batch = a[1]
            s = $0; sub(/.*seq_len /, "", s); split(s, a, /[ ,]/); seq = a[1]
            s = $0; sub(/.*seq_len [0-9]+, /, "", s); sub(/ parameters.*/, "", s); gsub(/,/, "", s); params = s
        }
        header { med = $1; low = $2; rss = $(NF - 1); header = 0 }
        /ms\/step +min ms +steps\/s/ { header = 1 }
        /GFLOP\/step/ { s = $0; sub(/ GFLOP\/step.*/, "", s); n = split(s, a, / /); gflop = a[n] }
        END {
            if (med == "") exit 1
            print med, low, rss, (gflop == "" ? "nan" : gflop), batch, seq, params
        }' "$1"
}

# PyTorch: the "torch: key value ..." line. Prints: median min peak_rss_mb batch seq_len params threads
parse_torch() {
    awk '
        /^torch: / {
            for (i = 2; i < NF; i += 2) v[$i] = $(i + 1)
            found = 1
        }
        END {
            if (!found) exit 1
            print v["ms_per_step_median"], v["ms_per_step_min"], v["peak_rss_mb"], v["batch"], v["seq_len"], v["params"], v["threads"]
        }' "$1"
}

fail() {
    echo "compare_train_step: $1 failed (exit $2); the end of its output:" >&2
    tail -n 25 "$3" >&2
    exit 1
}

median() {
    printf '%s\n' "$@" | sort -g | awk '{ x[NR] = $1 } END { if (NR % 2) print x[(NR + 1) / 2]; else print (x[NR / 2] + x[NR / 2 + 1]) / 2 }'
}

echo "compare_train_step: $CONFIG, $ROUNDS round(s), arguments to both: ${ARGS[*]:-(none)}"
echo "  ours:    $TECO bench train $CONFIG ${ARGS[*]:-}"
echo "  PyTorch: $PYTHON $HERE/teco_torch.py $CONFIG ${ARGS[*]:-} ${TORCH_EXTRA[*]:-}"
echo "  $(nproc 2>/dev/null || echo '?') cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

OURS_MS=()
OURS_RSS=()
TORCH_MS=()
TORCH_RSS=()
GFLOP=nan
for r in $(seq 1 "$ROUNDS"); do
    o=$LOGS/ours_$r.txt
    t=$LOGS/torch_$r.txt
    rc=0
    "$TECO" bench train "$CONFIG" ${ARGS[@]+"${ARGS[@]}"} >"$o" 2>&1 || rc=$?
    [ "$rc" = 0 ] || fail "teco bench train (round $r)" "$rc" "$o"
    read -r om omin orss ogflop obatch oseq oparams < <(parse_ours "$o") || fail "parsing teco bench train's output (round $r)" 0 "$o"
    rc=0
    LD_LIBRARY_PATH="${TORCH_LD_LIBRARY_PATH:+$TORCH_LD_LIBRARY_PATH${LD_LIBRARY_PATH:+:}}${LD_LIBRARY_PATH:-}" \
        "$PYTHON" "$HERE/teco_torch.py" "$CONFIG" ${ARGS[@]+"${ARGS[@]}"} ${TORCH_EXTRA[@]+"${TORCH_EXTRA[@]}"} >"$t" 2>&1 || rc=$?
    [ "$rc" = 0 ] || fail "teco_torch.py (round $r)" "$rc" "$t"
    read -r tm tmin trss tbatch tseq tparams tthreads < <(parse_torch "$t") || fail "parsing teco_torch.py's output (round $r)" 0 "$t"

    if [ "$r" = 1 ]; then
        GFLOP=$ogflop
        echo "  batch $obatch, seq_len $oseq; parameters: ours $oparams, PyTorch $tparams; PyTorch threads $tthreads"
        grep -m1 '^  BLAS ' "$t" | sed 's/^  /  PyTorch /' || true
        grep -m1 'WARNING' "$t" | sed 's/^  /  PyTorch /' || true
        if [ "$oparams" != "$tparams" ] || [ "$obatch" != "$tbatch" ] || [ "$oseq" != "$tseq" ]; then
            echo "  WARNING: the two sides do not describe the same model (parameters, batch or seq_len differ)"
        fi
        printf '  %-7s %-7s %12s %12s %10s\n' round side "ms/step" "min ms" "peak RSS"
    fi
    printf '  %-7s %-7s %12.1f %12.1f %7.0f MB\n' "$r" ours "$om" "$omin" "$orss"
    printf '  %-7s %-7s %12.1f %12.1f %7.0f MB\n' "$r" PyTorch "$tm" "$tmin" "$trss"
    OURS_MS+=("$om"); OURS_RSS+=("$orss"); TORCH_MS+=("$tm"); TORCH_RSS+=("$trss")
done

om=$(median "${OURS_MS[@]}")
orss=$(median "${OURS_RSS[@]}")
tm=$(median "${TORCH_MS[@]}")
trss=$(median "${TORCH_RSS[@]}")
awk -v om="$om" -v tm="$tm" -v orss="$orss" -v trss="$trss" -v g="$GFLOP" -v rounds="$ROUNDS" 'BEGIN {
    printf "  median over %d round(s) of each side'"'"'s median ms/step:\n", rounds
    if (g != "nan") {
        printf "  %-7s %12.1f ms/step %8.1f GFLOP/s %7.0f MB peak RSS\n", "ours", om, g / (om / 1e3), orss
        printf "  %-7s %12.1f ms/step %8.1f GFLOP/s %7.0f MB peak RSS\n", "PyTorch", tm, g / (tm / 1e3), trss
        printf "  (GFLOP/s of both from our count, %.2f GFLOP/step)\n", g
    } else {
        printf "  %-7s %12.1f ms/step %7.0f MB peak RSS\n", "ours", om, orss
        printf "  %-7s %12.1f ms/step %7.0f MB peak RSS\n", "PyTorch", tm, trss
    }
    printf "  ours/PyTorch: ms/step %.2fx, peak RSS %.2fx\n", om / tm, orss / trss
    printf "compare: rounds %d ours_ms %.1f torch_ms %.1f ratio_ms %.3f ours_rss_mb %.0f torch_rss_mb %.0f ratio_rss %.3f\n", rounds, om, tm, om / tm, orss, trss, orss / trss
}'
if [ "${KEEP_LOGS:-0}" = 1 ]; then
    echo "  every run's output: $LOGS"
fi
