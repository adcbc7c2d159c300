#!/usr/bin/env bash
# Whole-run benchmarks of copydesk beside ripgrep, on this machine, warm cache. Prints each case's
# figures and its ratio to the target in docs/performance.md.
#
#   scripts/bench.sh [CORPUS] [RUNS]     # default: ../shared/corpora/bbc, 5 runs a case
#
# Cases: the whole corpus with the default rule sets against `rg -U -f` with the same patterns;
# one article (start-up included), and one in eleven of the corpus each alone; a rule set of
# 1,000 substitutions against one of 10; a 50 MB
# article against a 5 MB one; peak memory for the corpus against ten copies of it; a 100 MB
# article on one line; every output format on a 21 MB line of 500,000 findings. Needs python3,
# and ripgrep (installed with cargo into target/bench-tools if it is not on PATH). Scratch data
# goes to target/bench-data.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpora/bbc}
runs=${2:-5}
data=target/bench-data
mkdir -p "$data"

cargo build --release --quiet
bin=$PWD/target/release/copydesk
if command -v rg >/dev/null 2>&1; then
    rg=$(command -v rg)
else
    cargo install --quiet --locked --root target/bench-tools ripgrep
    rg=$PWD/target/bench-tools/bin/rg
fi

# Median wall time (ms) of a command over $runs runs, after one warm-up run, and its peak RSS
# (MiB) from GNU time (`n/a` without it: a child started from Python reports Python's memory).
# Timed with hyperfine when it is installed (it starts the command itself, without a shell, so
# a run of a few milliseconds is not inflated by the harness), else with Python, whose own
# start of a child adds about a millisecond.
measure() {
    local wall rss=n/a
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N --warmup 1 --runs "$runs" -i --export-json "$data/hyperfine.json" \
            "$(printf '%q ' "$@")" >/dev/null 2>&1
        wall=$(python3 -c "import json, statistics, sys; \
print(f'{statistics.median(json.load(open(sys.argv[1]))[\"results\"][0][\"times\"]) * 1000:.1f}')" \
            "$data/hyperfine.json")
    else
        wall=$(python3 - "$runs" "$@" <<'PY'
import os, statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
def run():
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
run()
print(f"{statistics.median(run() for _ in range(runs)) * 1000:.1f}")
PY
)
    fi
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%M' -o "$data/rss" "$@" >/dev/null 2>&1 || true
        rss=$(python3 -c "print(f'{$(tail -1 "$data/rss") / 1024:.1f}')")
    fi
    echo "$wall $rss"
}
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
report() { # label, wall ms, rss MiB
    printf '  %-58s %9s ms  %7s MiB\n' "$1" "$2" "$3"
}

files=$(find "$corpus" -type f -name '*.txt' | wc -l)
bytes=$(find "$corpus" -type f -name '*.txt' -print0 | xargs -0 cat | wc -c)
echo "machine: $(nproc) cores; corpus $corpus: $files files, $((bytes / 1024)) KiB; $runs runs a case"
echo "copydesk $($bin --version | cut -d' ' -f2); $($rg --version | awk 'NR == 1')"
if command -v hyperfine >/dev/null 2>&1; then
    echo "timed with $(hyperfine --version)"
else
    echo "timed with python3 (install hyperfine for runs of a few milliseconds)"
fi

echo
echo "1. Whole corpus, default rule sets (target: at most 1.5x ripgrep with the same patterns; under 50 MiB)"
"$bin" rules --no-config --patterns >"$data/patterns.txt"
# The same patterns with ASCII word boundaries: ripgrep at its fastest, though not the same
# search on text with letters outside ASCII.
sed 's/\\b/(?-u:\\b)/g' "$data/patterns.txt" >"$data/patterns-ascii.txt"
read -r cd_ms cd_mib < <(measure "$bin" check --no-config --quiet --format short "$corpus")
read -r rg_ms rg_mib < <(measure "$rg" -U -c -f "$data/patterns.txt" "$corpus")
read -r rga_ms rga_mib < <(measure "$rg" -U -c -f "$data/patterns-ascii.txt" "$corpus")
report "copydesk check" "$cd_ms" "$cd_mib"
report "rg -U -f patterns ($(wc -l <"$data/patterns.txt") patterns)" "$rg_ms" "$rg_mib"
report "rg -U -f patterns, ASCII word boundaries" "$rga_ms" "$rga_mib"
echo "  ratio copydesk / rg: $(ratio "$cd_ms" "$rg_ms"); / rg with ASCII boundaries: $(ratio "$cd_ms" "$rga_ms")"

echo
echo "2. One article, start-up included (target: under 10 ms)"
ascii_article=$(grep -L -rP '[^\x00-\x7F]' "$corpus" --include='*.txt' | sort | awk 'NR == 1')
pound_article=$(grep -l -rP '[^\x00-\x7F]' "$corpus" --include='*.txt' | sort | awk 'NR == 1')
runs_before=$runs
runs=40
read -r a_ms a_mib < <(measure "$bin" check --no-config --quiet --format short "$ascii_article")
read -r p_ms p_mib < <(measure "$bin" check --no-config --quiet --format short "$pound_article")
read -r r_ms r_mib < <(measure "$bin" rules --no-config)
read -r v_ms v_mib < <(measure "$bin" --version)
runs=$runs_before
report "check $(basename "$(dirname "$ascii_article")")/$(basename "$ascii_article") (ASCII)" "$a_ms" "$a_mib"
report "check $(basename "$(dirname "$pound_article")")/$(basename "$pound_article") (with a £)" "$p_ms" "$p_mib"
report "rules (loading the rule sets only)" "$r_ms" "$r_mib"
report "--version (process start-up)" "$v_ms" "$v_mib"

echo "  one article in eleven of the corpus, each timed alone:"
python3 - "$bin" "$corpus" "$data" <<'PY'
import json, pathlib, shutil, statistics, subprocess, sys, time
bin, corpus, data = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
files = sorted(corpus.rglob("*.txt"))[10::11]
hyperfine = shutil.which("hyperfine")
def timed(path):
    cmd = [bin, "check", "--no-config", "--quiet", "--format", "short", str(path)]
    if hyperfine:
        subprocess.run([hyperfine, "-N", "-i", "--warmup", "1", "--runs", "7", "--export-json",
                        str(data / "sample.json"), " ".join(cmd)], capture_output=True)
        return json.load(open(data / "sample.json"))["results"][0]["median"] * 1000
    subprocess.run(cmd, capture_output=True)
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)
groups = {"ASCII": [], "with a character outside ASCII": []}
for path in files:
    try:
        ascii_only = path.read_bytes().isascii()
    except OSError:
        continue
    groups["ASCII" if ascii_only else "with a character outside ASCII"].append(timed(path))
for name, times in [("all", sum(groups.values(), []))] + list(groups.items()):
    times.sort()
    if times:
        p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
        over = sum(t >= 10 for t in times)
        print(f"    {name:<32} {len(times):>4} articles: median {statistics.median(times):5.1f} ms,"
              f" 90% {p90:5.1f} ms, slowest {times[-1]:5.1f} ms; {over} at 10 ms or more")
PY

echo
echo "3. Rule count: 1,000 substitutions against 10 (target: at most 1.5x)"
python3 - "$corpus" "$data" <<'PY'
import collections, pathlib, re, sys
corpus, data = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
counts = collections.Counter()
for path in sorted(corpus.rglob("*.txt")):
    try:
        counts.update(re.findall(r"[a-z]{6,}", path.read_text(encoding="utf-8").lower()))
    except UnicodeDecodeError:
        pass
# Words a house style might respell: real words of the corpus, a few occurrences each.
words = sorted(w for w, n in counts.items() if 2 <= n <= 5)[:1000]
for n in (10, 1000):
    lines = ['[ruleset]', 'name = "bench"', '', '[[substitution]]', 'id = "respell"',
             'message = "Write \'{replacement}\'."', '[substitution.swap]']
    lines += [f'"{w}" = "{w[0].upper()}{w[1:]}"' for w in words[:n]]
    (data / f"subst-{n}.toml").write_text("\n".join(lines) + "\n")
PY
# Short runs, so more of them: the ratio of two medians is what the target is about.
runs_before=$runs
runs=$((runs * 3))
read -r s10_ms s10_mib < <(measure "$bin" check --no-config --quiet --format short --rules "$data/subst-10.toml" --select bench "$corpus")
read -r s1k_ms s1k_mib < <(measure "$bin" check --no-config --quiet --format short --rules "$data/subst-1000.toml" --select bench "$corpus")
runs=$runs_before
report "corpus, a set of 10 substitutions alone" "$s10_ms" "$s10_mib"
report "corpus, a set of 1,000 substitutions alone" "$s1k_ms" "$s1k_mib"
echo "  ratio: $(ratio "$s1k_ms" "$s10_ms")"

echo
echo "4. Size: a 50 MB article against a 5 MB one (target: at most 11x)"
python3 - "$corpus" "$data" <<'PY'
import pathlib, sys
corpus, data = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
paragraphs = []
for path in sorted(corpus.rglob("*.txt")):
    try:
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n\n")[1:] if p.strip()]
    except UnicodeDecodeError:
        pass
body = "\n\n".join(paragraphs)
for mb in (5, 50):
    size = mb * 1_000_000
    text = "A very long article\n\n" + (body * (size // len(body) + 1))[:size]
    (data / f"article-{mb}mb.txt").write_text(text[: text.rfind("\n\n")] + "\n", encoding="utf-8")
PY
read -r m5_ms m5_mib < <(measure "$bin" check --no-config --quiet --format short --max-file-size 200MiB "$data/article-5mb.txt")
read -r m50_ms m50_mib < <(measure "$bin" check --no-config --quiet --format short --max-file-size 200MiB "$data/article-50mb.txt")
report "5 MB article" "$m5_ms" "$m5_mib"
report "50 MB article" "$m50_ms" "$m50_mib"
echo "  ratio: $(ratio "$m50_ms" "$m5_ms")"

echo
echo "5. Memory against the number of files: ten copies of the corpus (target: flat)"
rm -rf "$data/corpus-x10"
mkdir -p "$data/corpus-x10"
for i in $(seq 10); do cp -r "$corpus" "$data/corpus-x10/copy-$i"; done
read -r x10_ms x10_mib < <(measure "$bin" check --no-config --quiet --format short "$data/corpus-x10")
report "corpus ($files files)" "$cd_ms" "$cd_mib"
report "ten copies ($((files * 10)) files)" "$x10_ms" "$x10_mib"
echo "  memory ratio: $(ratio "$x10_mib" "$cd_mib"); time ratio: $(ratio "$x10_ms" "$cd_ms")"

echo
echo "6. Hostile: a 100 MB article on one line (no target but linear time; docs/security.md)"
python3 - "$data" <<'PY'
import pathlib, random, sys
words = ("the minister said sources told reporters yesterday that the deal was done "
         "\"we will win\" said the the union £5bn on Monday").split()
random.seed(1)
line = " ".join(random.choice(words) for _ in range(15_000_000))[:100_000_000]
pathlib.Path(sys.argv[1], "one-line-100mb.txt").write_text(line + "\n", encoding="utf-8")
PY
runs_before=$runs
runs=1
read -r l_ms l_mib < <(measure "$bin" check --no-config --quiet --format short --max-file-size 200MiB "$data/one-line-100mb.txt")
runs=$runs_before
report "100 MB on one line" "$l_ms" "$l_mib"

echo
echo "7. Hostile: every --format on 21 MB on one line, 500,000 findings (target: each within 3x of short)"
python3 - "$data" <<'PY'
import pathlib, sys
sentence = 'He said "yes it is" and TK then they met. '
pathlib.Path(sys.argv[1], "one-line-21mb.txt").write_text(sentence * 500_000, encoding="utf-8")
PY
runs_before=$runs
runs=1
read -r short_ms short_mib < <(measure "$bin" check --no-config --quiet --format short --max-file-size 200MiB "$data/one-line-21mb.txt")
report "short" "$short_ms" "$short_mib"
for format in human json sarif github checkstyle gitlab; do
    read -r f_ms f_mib < <(measure "$bin" check --no-config --quiet --format "$format" --max-file-size 200MiB "$data/one-line-21mb.txt")
    report "$format (ratio to short: $(ratio "$f_ms" "$short_ms"))" "$f_ms" "$f_mib"
done
runs=$runs_before
