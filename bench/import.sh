#!/usr/bin/env bash
# Benchmarks `kyodo export` and `kyodo import` on a synthetic site: N projects (about two
# table rows each: N = 50,000 gives 100,000 rows), exported as .csv and .xlsx, imported into
# an empty site (every record new) and over the site itself (every record unchanged).
# Prints a Markdown table: seconds and peak memory of each step.
#
#   bash bench/import.sh                     N = 50000
#   BENCH_PROJECTS=5000 bash bench/import.sh
#
# Needs GNU time (apt-get install time). Writing 50,000 new records flushes each to disk:
# on a shared disk that step varies most between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${BENCH_PROJECTS:-50000}
work=${BENCH_DIR:-/tmp/kyodo-bench-import}
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
cargo build --release --quiet --bin kyodo --bin kyodo-bench
kyodo=$PWD/target/release/kyodo
bench=$PWD/target/release/kyodo-bench
mkdir -p "$work"
site="$work/site-$n"
[ -d "$site/content" ] || "$bench" generate --projects "$n" --out "$site"

empty() {
  rm -rf "$work/empty"
  mkdir -p "$work/empty/content/projects"
  cp "$site/content/site.toml" "$site/content/vocabulary.toml" "$work/empty/content/"
  sync
}

# Runs a command; prints "seconds peak_rss_kb".
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
  cat "$work/time.txt"
}

row() {
  local what=$1; shift
  read -r t m < <(measure "$@")
  printf '| %s | %.2f | %.0f |\n' "$what" "$t" "$((m / 1024))"
}

echo "N = $n projects"
echo
echo "| step | time (s) | peak RSS (MiB) |"
echo "|---|---:|---:|"
row "export .csv" "$kyodo" export "$work/all.csv" --root "$site"
row "export .xlsx" "$kyodo" export "$work/all.xlsx" --root "$site"
rows=$(($(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding='utf-8-sig'))))" "$work/all.csv") - 1))
empty
row "import .csv into an empty site ($rows rows)" "$kyodo" import "$work/all.csv" --root "$work/empty"
empty
row "import .xlsx into an empty site" "$kyodo" import "$work/all.xlsx" --root "$work/empty"
row "import .csv over the same site (unchanged)" "$kyodo" import "$work/all.csv" --root "$site" --force
echo
echo "files: .csv $(du -m "$work/all.csv" | cut -f1) MiB, .xlsx $(du -m "$work/all.xlsx" | cut -f1) MiB, records $(du -sm "$site/content/projects" | cut -f1) MiB"
