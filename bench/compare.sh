#!/usr/bin/env bash
# Times the whole `softstart --jsonl` process against write-good and alex
# (from npm) on the same lines, in one run, and prints a markdown table.
#
#   bench/compare.sh BUILD_DIR [--data DIR] [--runs N] [--wg-every N] [--alex-every N]
#
# Builds nothing: BUILD_DIR must already hold `softstart`. The input is the
# SMS + Tatoeba + DailyDialog lines three times over. write-good and alex are
# far slower, so by default they see a sample spread over the same file (every
# Nth line); --wg-every 1 --alex-every 1 runs them on all of it. npm packages
# go to BUILD_DIR/bench-npm (kept as a cache); everything else is a temp dir
# removed on exit. Network: the npm registry only, on the first run.
set -euo pipefail

readonly kWriteGood="write-good@1.0.8"
readonly kAlex="alex@11.0.1"  # ESM; runs on Node 20 through lint_driver.mjs.

die() { echo "compare.sh: error: $*" >&2; exit 2; }

[[ $# -ge 1 ]] || die "usage: compare.sh BUILD_DIR [--data DIR] [--runs N] [--wg-every N] [--alex-every N]"
build_dir=$(cd "$1" && pwd) || die "no build dir '$1'"
shift
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data_dir=$(sed -n 's/^SOFTSTART_SHARED_DATA_DIR:PATH=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
[[ -n "$data_dir" ]] || data_dir="$script_dir/../../shared/data"
runs=10
wg_every=3
alex_every=50
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data_dir=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --wg-every) wg_every=$2; shift 2 ;;
    --alex-every) alex_every=$2; shift 2 ;;
    *) die "unknown argument '$1'" ;;
  esac
done

softstart="$build_dir/softstart"
[[ -x "$softstart" ]] || die "$softstart not found: build target softstart_cli first"
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found (apt-get install time)"
command -v node >/dev/null || die "node not found (apt-get install nodejs npm)"
corpora=(sms_spam_collection/sms_spam_collection.txt tatoeba_eng/tatoeba_eng.txt dailydialog/dailydialog.txt)
for corpus in "${corpora[@]}"; do
  [[ -r "$data_dir/$corpus" ]] || die "cannot read $data_dir/$corpus (pass --data DIR)"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# (a) The input: the three corpora, three times over.
input="$tmp/input.txt"
for _ in 1 2 3; do
  for corpus in "${corpora[@]}"; do cat "$data_dir/$corpus"; done
done >"$input"
lines=$(wc -l <"$input")

# Median of numbers on stdin, one a line.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# "WALL CPU": median wall seconds of a shell command over $runs runs, and its
# CPU seconds (user + system). The machine's 2 cores are shared, so wall time
# includes waiting for a core; CPU time does not.
time_command() {
  local command=$1
  if command -v hyperfine >/dev/null; then
    hyperfine --style none --warmup 2 --runs "$runs" --export-json "$tmp/hf.json" "$command" >/dev/null 2>&1 ||
      die "hyperfine failed on: $command"
    node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1])).results[0];
             console.log(r.median, r.user + r.system)' "$tmp/hf.json"
  else
    for _ in $(seq "$runs"); do
      /usr/bin/time -f '%e %U %S' -o "$tmp/t" bash -c "$command" >/dev/null
      cat "$tmp/t"
    done >"$tmp/runs"
    echo "$(cut -d' ' -f1 "$tmp/runs" | median) $(awk '{ print $2 + $3 }' "$tmp/runs" | median)"
  fi
}

# Peak RSS in MiB of a shell command.
peak_mib() {
  /usr/bin/time -v -o "$tmp/v" bash -c "$1" >/dev/null
  awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$tmp/v"
}

# (b) softstart: the whole process, its cold start, its memory.
timer=$(command -v hyperfine >/dev/null && echo "hyperfine, median of $runs" || echo "/usr/bin/time, median of $runs")
read -r whole_s whole_cpu_s <<<"$(time_command "'$softstart' --jsonl <'$input' >/dev/null")"
read -r one_s one_cpu_s <<<"$(time_command "'$softstart' --jsonl --threads 1 <'$input' >/dev/null")"
read -r cold_s cold_cpu_s <<<"$(time_command "'$softstart' --jsonl </dev/null >/dev/null")"
whole_mib=$(peak_mib "'$softstart' --jsonl <'$input' >/dev/null")
cold_mib=$(peak_mib "'$softstart' --jsonl </dev/null >/dev/null")
per_line() { awk -v s="$1" -v n="$lines" 'BEGIN { printf "%.3f", s * 1e6 / n }'; }
softstart_us=$(per_line "$whole_s")
softstart_cpu_us=$(per_line "$whole_cpu_s")
one_us=$(per_line "$one_s")
one_cpu_us=$(per_line "$one_cpu_s")
warm_us=$(per_line "$(awk -v s="$whole_s" -v c="$cold_s" 'BEGIN { print s - c }')")

# (c) write-good and alex from npm, same lines.
npm_dir="$build_dir/bench-npm"
if [[ ! -f "$npm_dir/node_modules/write-good/package.json" || ! -f "$npm_dir/node_modules/alex/package.json" ]]; then
  mkdir -p "$npm_dir"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$npm_dir" --cache "$npm_dir/.npm-cache" \
    "$kWriteGood" "$kAlex" >&2 || die "npm install $kWriteGood $kAlex failed"
fi
driver="$script_dir/lint_driver.mjs"
run_driver() {  # tool every -> JSON line; peak RSS to $tmp/<tool>.mib
  /usr/bin/time -v -o "$tmp/v" node "$driver" "$npm_dir" "$1" "$input" "$2" >"$tmp/$1.json"
  awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$tmp/v" >"$tmp/$1.mib"
}
field() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1]))[process.argv[2]])' "$1" "$2"; }
run_driver write-good "$wg_every"
run_driver alex "$alex_every"

ratio() { awk -v t="$1" -v s="$2" 'BEGIN { printf "%.0f", t / s }'; }
row() {  # tool json
  local us cpu messages median p99
  us=$(field "$2" mean_us); cpu=$(field "$2" cpu_us); messages=$(field "$2" messages)
  median=$(field "$2" median_us); p99=$(field "$2" p99_us)
  printf '| %s | %s | %.1f | %.1f | %.1f | %.1f | %s | %s× | %s× |\n' "$1" "$messages" "$us" "$cpu" "$median" "$p99" \
    "$(cat "$tmp/$1.mib")" "$(ratio "$us" "$softstart_us")" "$(ratio "$cpu" "$softstart_cpu_us")"
}

echo "## softstart vs write-good vs alex ($(date -u +%Y-%m-%d), $(nproc) cores)"
echo
echo "Input: SMS + Tatoeba + DailyDialog ×3 = $lines lines. softstart timed by $timer."
echo "write-good: 1 line in ${wg_every}; alex: 1 line in ${alex_every} (samples of the same file; timed in process, Node start-up and module loading excluded)."
echo "softstart: the whole process (start-up, rule and dictionary loading, JSON output included)."
echo
echo "| tool | messages | µs/message (wall) | µs/message (CPU) | median µs | p99 µs | peak RSS MiB | softstart faster (wall) | softstart faster (CPU) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '| softstart --jsonl, whole process (one thread per core: %s) | %s | %s | %s | | | %s | 1× | 1× |\n' "$(nproc)" \
  "$lines" "$softstart_us" "$softstart_cpu_us" "$whole_mib"
printf '| softstart --jsonl --threads 1, whole process | %s | %s | %s | | | | | |\n' "$lines" "$one_us" "$one_cpu_us"
row write-good "$tmp/write-good.json"
row alex "$tmp/alex.json"
echo
echo "| softstart | value |"
echo "|---|---:|"
printf '| whole process over the input, wall (s) | %.3f |\n' "$whole_s"
printf '| whole process over the input, CPU (s) | %.3f |\n' "$whole_cpu_s"
printf '| the same with --threads 1, wall / CPU (s) | %.3f / %.3f |\n' "$one_s" "$one_cpu_s"
printf '| cold start, --jsonl </dev/null, wall (ms) | %.1f |\n' "$(awk -v c="$cold_s" 'BEGIN { print c * 1000 }')"
printf '| cold start, CPU (ms) | %.1f |\n' "$(awk -v c="$cold_cpu_s" 'BEGIN { print c * 1000 }')"
printf '| per message without the cold start, wall (µs) | %s |\n' "$warm_us"
printf '| peak RSS, cold start (MiB) | %s |\n' "$cold_mib"
echo
for kind in wall CPU; do
  if [[ $kind == wall ]]; then r=$(ratio "$(field "$tmp/write-good.json" mean_us)" "$softstart_us")
  else r=$(ratio "$(field "$tmp/write-good.json" cpu_us)" "$softstart_cpu_us"); fi
  echo "Target: softstart >= 150x faster per message than write-good ($kind): ${r}x, $([[ $r -ge 150 ]] && echo met || echo MISSED)"
done
