#!/usr/bin/env bash
# A profile of one trial: the bn-linear workload of `tstar bench throughput` (3 epochs, 3 timed trials) under Java
# Flight Recorder, summarized into reports/benchmark/trial-profile.md (where the training thread's samples fall, and
# who asks ND4J for native buffers). Needs the built jar (mvn -B -q -DskipTests package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bin/jvm-flags.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -Xmx4g "${java17_opens[@]}" -Dorg.bytedeco.javacpp.maxbytes=6G -Dorg.bytedeco.javacpp.maxphysicalbytes=12G \
  -XX:StartFlightRecording=filename="$work/trial.jfr",settings=profile \
  -cp "src/spark/target/tstar-spark.jar:src/spark/target/lib/*" org.tstar.bench.ThroughputBenchmark 1 bn-linear 20000 3 3 \
  > "$work/row.csv" 2>/dev/null
{
  echo "# Where a trial's time goes"
  echo
  echo "Made by \`bash scripts/profile-trial.sh\` on $(date -u +%F): the bn-linear workload (BN + linear 512 → 100,"
  echo "20,000 × 512, batch 256, Adam, OMP_NUM_THREADS=1, generic linux-x86_64 ND4J build), three trials of 3 epochs"
  echo "under Java Flight Recorder; it trained $(grep "^bn-linear" "$work/row.csv" | cut -d, -f9) samples/s while recorded."
  echo
  python3 scripts/jfr_summary.py "$work/trial.jfr"
} > reports/benchmark/trial-profile.md
cat reports/benchmark/trial-profile.md
