#!/usr/bin/env bash
# Optuna (Debian's python3-optuna 3.1, installed if absent) replayed on a suite report's recorded grid curves at
# the epochs tstar's seeded successive halving spent: writes peer.csv and peer.md into the suite folder.
# Usage: bash scripts/optuna-peer.sh reports/benchmark/full
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
suite="${1:?usage: bash scripts/optuna-peer.sh SUITE_REPORT_FOLDER}"
[ -f "$suite/tasks.csv" ] || { echo "optuna-peer: $suite/tasks.csv: no such suite report" >&2; exit 2; }
if ! /usr/bin/python3 -c "import optuna, yaml" 2>/dev/null; then
  echo "installing Debian's python3-optuna"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3-optuna python3-yaml >/dev/null
fi
exec /usr/bin/python3 scripts/optuna_peer.py "$suite"
