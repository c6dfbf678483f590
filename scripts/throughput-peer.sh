#!/usr/bin/env bash
# tstar beside PyTorch on the two workloads of `tstar bench throughput`, one thread each, interleaved round by round
# (tstar on the ND4J build it chooses at launch, tstar on the other build — AVX2 where the CPU has it — then PyTorch;
# three rounds) so all see the same machine. Installs Debian's python3-torch and OpenBLAS if
# absent (Debian's torch calls whatever libblas.so.3 points to: the reference BLAS by default, about six times
# slower than the OpenBLAS a pip wheel would bring). Writes reports/benchmark/throughput-peer.csv (every round) and
# throughput-peer.md (medians and the ratio, the table docs/benchmarks.md shows). Needs MNIST (scripts/fetch-data.sh)
# and the built jar (mvn -B -q -DskipTests package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${ROUNDS:-3}"
python=/usr/bin/python3

if ! "$python" -c "import torch" 2>/dev/null || [ ! -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ]; then
  echo "installing Debian's python3-torch and libopenblas0-pthread"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3-torch libopenblas0-pthread >/dev/null
fi
[ -f data/mnist/train-images-idx3-ubyte ] || { echo "throughput-peer: MNIST is missing; run: bash scripts/fetch-data.sh" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds: tstar"
  # three epochs per timed trial, so building the network is not a third of what is timed
  bin/tstar bench throughput --threads 1 --workloads bn-linear,mnist-mlp --epochs 3 --repeats 3 \
    --out "$work/tstar-$round.csv" >/dev/null
  # the CSV's records end in CRLF (Commons CSV's default)
  if tr -d '\r' < "$work/tstar-$round.csv" | grep -q ',generic$'; then other=avx2; else other=generic; fi
  if [ "$other" = generic ] || { grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; }; then
    echo "round $round of $rounds: tstar on ND4J's $other build"
    TSTAR_ND4J_BUILD=$other bin/tstar bench throughput --threads 1 --workloads bn-linear,mnist-mlp --epochs 3 --repeats 3 \
      --out "$work/tstar-other-$round.csv" >/dev/null
  fi
  echo "round $round of $rounds: PyTorch"
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$python" scripts/throughput_peer.py --threads 1 --repeats 3 > "$work/torch-$round.csv"
done
"$python" scripts/throughput_peer.py --summarize "$work" --rounds "$rounds" --out reports/benchmark
