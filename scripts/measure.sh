#!/usr/bin/env bash
# Wall time (median of N runs, warm cache) and peak memory of copydesk on the BBC corpus and on
# one article. Usage: scripts/measure.sh [CORPUS_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpora/bbc}
runs=${2:-5}
cargo build --release --quiet
bin=target/release/copydesk
single=$(find "$corpus" -name '*.txt' | sort | sed -n 1p)

measure() { # label, then the command
    local label=$1; shift
    "$@" >/dev/null 2>&1 || true # warm the cache
    python3 - "$label" "$runs" "$@" <<'PY'
import resource, statistics, subprocess, sys, time
label, runs, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
walls = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    walls.append(time.perf_counter() - start)
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{label}: median wall {statistics.median(walls) * 1000:.1f} ms over {runs} runs "
      f"(min {min(walls) * 1000:.1f}, max {max(walls) * 1000:.1f}); peak RSS {peak_kib / 1024:.1f} MiB")
PY
}

bytes=$(find "$corpus" -type f -name '*.txt' -print0 | xargs -0 cat | wc -c)
echo "corpus: $corpus, $(find "$corpus" -type f -name '*.txt' | wc -l) files, $((bytes / 1024)) KiB; $(nproc) cores"
measure "whole corpus (--format short)" "$bin" check --no-config "$corpus" --format short
measure "one article ($single)" "$bin" check --no-config "$single" --format short
