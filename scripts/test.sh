#!/usr/bin/env bash
# The whole test suite: unit and integration tests through Maven (surefire sets OMP_NUM_THREADS=1 and the
# JavaCPP memory caps), then a real Prometheus scraping a running compare (scripts/prometheus-scrape-test.sh,
# which installs Debian's prometheus package if absent). MNIST tests fetch their data through
# scripts/fetch-data.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq npm >/dev/null; }
mvn -B verify
bash scripts/prometheus-scrape-test.sh
