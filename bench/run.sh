#!/usr/bin/env bash
# Benchmarks kyodo against Hugo on the same synthetic content, and against the floor of
# copying the built files. Writes a Markdown table to stdout (and bench/results.md).
#
#   bash bench/run.sh                 N = 1000 10000 (and 100000 with BENCH_LARGE=1)
#   BENCH_SIZES="1000" bash bench/run.sh
#
# Needs: the Rust toolchain, Debian's `hugo` and GNU `time` (apt-get install hugo time).
# Each figure is the median of BENCH_RUNS runs (default 3; 1 for N = 100000).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${BENCH_SIZES:-"1000 10000"}
[ "${BENCH_LARGE:-0}" = "1" ] && sizes="$sizes 100000"
runs=${BENCH_RUNS:-3}
work=${BENCH_DIR:-/tmp/kyodo-bench}
mkdir -p "$work"
command -v hugo >/dev/null || { echo "hugo is needed: apt-get install hugo" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
cargo build --release --quiet --bin kyodo --bin kyodo-bench
kyodo=$PWD/target/release/kyodo
bench=$PWD/target/release/kyodo-bench

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Runs a command $runs times (after removing $out); prints "seconds max_rss_kb" of the median run.
measure() {
  local out=$1; shift
  local times=() rss=()
  for _ in $(seq "$runs"); do
    rm -rf "$out"
    sync
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null 2>&1
    read -r t m < "$work/time.txt"
    times+=("$t"); rss+=("$m")
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)"
}

{
echo "| N projects | kyodo pages | kyodo time (s) | kyodo pages/s | kyodo peak RSS (MiB) | output (MiB) | copy floor (s) | kyodo ÷ floor | Hugo pages | Hugo time (s) | Hugo peak RSS (MiB) | Hugo ÷ kyodo |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $sizes; do
  [ "$n" -ge 100000 ] && runs=1
  site="$work/kyodo-$n"; hugo_site="$work/hugo-$n"
  [ -d "$site/content" ] || "$bench" generate --projects "$n" --out "$site"
  [ -d "$hugo_site/content" ] || "$bench" hugo --projects "$n" --out "$hugo_site"
  read -r kt km < <(measure "$site/public" "$kyodo" build --root "$site")
  pages=$(find "$site/public" -name '*.html' | wc -l)
  size=$(du -sm "$site/public" | cut -f1)
  read -r ft _ < <(measure "$work/floor" cp -r "$site/public" "$work/floor")
  rm -rf "$work/floor"
  read -r ht hm < <(cd "$hugo_site" && measure "$hugo_site/public" hugo --quiet --destination "$hugo_site/public")
  hpages=$(find "$hugo_site/public" -name '*.html' | wc -l)
  awk -v n="$n" -v p="$pages" -v kt="$kt" -v km="$km" -v s="$size" -v ft="$ft" -v hp="$hpages" -v ht="$ht" -v hm="$hm" 'BEGIN {
    printf "| %d | %d | %.2f | %.0f | %.0f | %d | %.2f | %.1f | %d | %.2f | %.0f | %.2f |\n", n, p, kt, p / kt, km / 1024, s, ft, kt / ft, hp, ht, hm / 1024, ht / kt }'
done
} | tee bench/results.md
if [ -d "$work/kyodo-10000/content" ]; then
  echo
  echo "Live preview at N = 10000 (kyodo-bench rebuild):"
  "$bench" rebuild --root "$work/kyodo-10000"
fi
