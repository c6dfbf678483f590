#!/usr/bin/env bash
# A real Prometheus scrapes a running `tstar compare`: the run serves its metrics on a free loopback port and
# lingers, Prometheus (Debian's package, installed if absent) scrapes it every second, and the values its HTTP
# query API returns must equal the run's own reports. Also checks the compose scrape config with promtool.
# Everything started here is stopped on exit, pass or fail. Needs src/core/target/tstar.jar (mvn package or verify).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
home="$(pwd)"

if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
  echo "installing Debian's prometheus package"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
# The package's service would hold :9090; only the binaries are wanted.
command -v systemctl >/dev/null && systemctl stop prometheus 2>/dev/null || true

promtool check config docker/prometheus/prometheus.yml

work="$(mktemp -d)"
pids=()
cleanup() {
  local code=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$code" -ne 0 ]; then
    echo "--- tstar output"; cat "$work/tstar.log" 2>/dev/null || true
    echo "--- prometheus output (last 20 lines)"; tail -20 "$work/prometheus.log" 2>/dev/null || true
    echo "prometheus scrape test: FAILED" >&2
  fi
  rm -rf "$work"
  exit "$code"
}
trap cleanup EXIT INT TERM

sed -e 's/^name: digits-linear/name: scrape-test/' -e 's/epochs: 20/epochs: 2/' -e "s/grid: 25/grid: 15/" \
  search-spaces/digits-linear.yaml > "$work/space.yaml"

CI=true bin/tstar compare --space "$work/space.yaml" --out "$work/run" \
  --metrics-port 0 --metrics-linger 120 > "$work/tstar.log" 2>&1 &
pids+=($!)

# The run prints its endpoint before the first trial.
target=""
for _ in $(seq 1 120); do
  target="$(sed -n 's|^metrics: http://\([^/]*\)/metrics$|\1|p' "$work/tstar.log")"
  [ -n "$target" ] && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "tstar compare exited before serving metrics" >&2; exit 1; }
  sleep 1
done
[ -n "$target" ] || { echo "tstar compare did not print its metrics endpoint within 120 s" >&2; exit 1; }

prom_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat > "$work/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: tstar
    static_configs:
      - targets: ["$target"]
EOF
promtool check config "$work/prometheus.yml" >/dev/null
prometheus --config.file="$work/prometheus.yml" --web.listen-address="127.0.0.1:$prom_port" \
  --storage.tsdb.path="$work/tsdb" > "$work/prometheus.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 600); do
  [ -f "$work/run/summary.md" ] && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "tstar compare ended without a summary.md" >&2; exit 1; }
  sleep 1
done
[ -f "$work/run/summary.md" ] || { echo "tstar compare did not finish within 600 s" >&2; exit 1; }

# Poll the query API until the scraped values equal the reports (scrapes are 1 s apart; allow 30 s).
python3 - "$prom_port" "$work/run" <<'EOF'
import csv, json, sys, time, urllib.parse, urllib.request

port, run = sys.argv[1], sys.argv[2]

def query(expr):
    url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    with urllib.request.urlopen(url, timeout=5) as r:
        body = json.load(r)
    if body["status"] != "success":
        raise SystemExit(f"query {expr} failed: {body}")
    return {tuple(sorted(s["metric"].items())): float(s["value"][1]) for s in body["data"]["result"]}

with open(f"{run}/trials.csv", newline="") as f:
    trials = list(csv.DictReader(f))
with open(f"{run}/comparison.csv", newline="") as f:
    comparison = {r["measure"]: r for r in csv.DictReader(f)}

expected = {}
for strategy in ("grid", "analytical"):
    n = sum(1 for r in trials if r["strategy"] == strategy and r["status"] == "completed")
    expected[("tstar_trials_total", strategy)] = n
for measure in ("trials", "epochs", "sample_passes", "flops"):
    expected[("tstar_compute_saved_ratio", measure)] = float(comparison[measure]["comparison"])

def observed():
    got = {}
    for labels, v in query('tstar_trials_total{job="tstar",status="completed"}').items():
        got[("tstar_trials_total", dict(labels)["strategy"])] = v
    for labels, v in query('tstar_compute_saved_ratio{job="tstar"}').items():
        got[("tstar_compute_saved_ratio", dict(labels)["measure"])] = v
    return got

deadline = time.time() + 30
while True:
    got = observed()
    wrong = {k: (v, got.get(k)) for k, v in expected.items() if got.get(k) is None or abs(got[k] - v) > 1e-9}
    if not wrong:
        break
    if time.time() > deadline:
        raise SystemExit("Prometheus has not the run's values after 30 s (key: expected, scraped): " + repr(wrong))
    time.sleep(1)

spaces = {dict(l).get("space") for l in query("tstar_trials_total").keys()}
if spaces != {"scrape-test"}:
    raise SystemExit(f"space tag: expected {{'scrape-test'}}, scraped {spaces}")
for (name, key), v in sorted(expected.items()):
    print(f"prometheus scraped {name}{{{key}}} = {got[(name, key)]:g} (report: {v:g})")
EOF
echo "prometheus scrape test: passed"
