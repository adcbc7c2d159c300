#!/usr/bin/env bash
# Builds the fuzz targets and runs each for SECONDS (default 20) from the committed seeds.
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the stable toolchain provide them.
# Usage: fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-20}
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
cargo fuzz build -O
for target in parse_article load_rules load_config fix_loop; do
    mkdir -p "corpus/$target"
    echo "== fuzz $target for ${seconds}s"
    cargo fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 2>&1 | grep -E "stat::|Done|ERROR|panicked|SUMMARY" || true
    # A crash leaves an artifact and fails the run.
    if [ -n "$(ls -A "artifacts/$target" 2>/dev/null)" ]; then
        echo "fuzz target $target found a crash: see fuzz/artifacts/$target" >&2
        exit 1
    fi
done
