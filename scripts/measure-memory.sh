#!/usr/bin/env bash
# Peak memory (max RSS, GNU time) of the default compare and of the MNIST MLP compare, with bin/tstar's default heap
# and with TSTAR_JAVA_OPTS=-Xmx1g, and whether the smaller heap trains the same trials (timing columns aside).
# Writes reports/memory.md. Needs src/core/target/tstar.jar and, for MNIST, data/mnist (bash scripts/fetch-data.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# trials.csv without its seconds column (7th), sorted (parallel trials end in either order), to compare two runs
trials() { awk -F, -v OFS=, '{ $7 = ""; print }' "$1" | sort; }

row() {  # name, space, heap option or "", out
  local name=$1 space=$2 heap=$3 out=$4
  TSTAR_JAVA_OPTS="${heap:--Xmx4g}" /usr/bin/time -v bin/tstar compare --space "$space" --out "$work/$out" \
    > "$work/$out.log" 2> "$work/$out.time"
  local rss elapsed
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$out.time")
  elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$out.time")
  printf '| %s | `%s` | %s kB (%.1f GiB) | %s |\n' "$name" "${heap:--Xmx4g (bin/tstar default)}" "$rss" \
    "$(echo "$rss / 1048576" | bc -l)" "$elapsed"
}

{
  echo "# Peak memory of compare"
  echo
  echo "Maximum resident set size from GNU time, OMP_NUM_THREADS=1, JavaCPP caps as in bin/tstar; $(date -u +%F)."
  echo
  echo "| run | heap | peak RSS | wall time |"
  echo "|---|---|---:|---:|"
  row "digits-linear (default compare)" search-spaces/digits-linear.yaml "" digits
  row "digits-linear (default compare)" search-spaces/digits-linear.yaml "-Xmx1g" digits1g
  row "mnist-mlp" search-spaces/mnist-mlp.yaml "" mnist
  row "mnist-mlp" search-spaces/mnist-mlp.yaml "-Xmx1g" mnist1g
  echo
  for pair in digits mnist; do
    if diff -q <(trials "$work/$pair/trials.csv") <(trials "$work/${pair}1g/trials.csv") >/dev/null; then
      echo "- $pair: the -Xmx1g run's trials equal the default heap's (seconds aside)."
    else
      echo "- $pair: the -Xmx1g run's trials DIFFER from the default heap's."
    fi
  done
  echo
  echo "Made by: \`bash scripts/measure-memory.sh\`"
} > "$work/memory.md"
mv "$work/memory.md" reports/memory.md
cat reports/memory.md
