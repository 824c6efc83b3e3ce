#!/usr/bin/env bash
# A build that runs out of disk space must fail with a clear message and leave the
# previous output exactly as it was. Needs root (it mounts a small tmpfs).
set -euo pipefail
kyodo="$1"
work=$(mktemp -d)
mnt="$work/disk"
mkdir -p "$mnt" "$work/site"
cp -r examples/nasushiobara/content "$work/site/"
"$kyodo" build --root "$work/site" --out "$work/reference" 2>/dev/null
size_kb=$(( $(du -sk "$work/reference" | cut -f1) + 64 ))
mount -t tmpfs -o "size=${size_kb}k" tmpfs "$mnt"
trap 'umount "$mnt" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$work/reference" "$mnt/public"
# Fill what is left of the disk.
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null || true
if "$kyodo" build --root "$work/site" --out "$mnt/public" 2> "$work/stderr"; then
  echo "the build succeeded on a full disk?" >&2
  exit 1
fi
grep -q "No space left on device" "$work/stderr" || { cat "$work/stderr" >&2; echo "no disk-full message" >&2; exit 1; }
diff -r "$work/reference" "$mnt/public" > /dev/null || { echo "public/ changed after a failed build" >&2; exit 1; }
leftovers=$(find "$mnt" -maxdepth 1 -name '.public*' | wc -l)
[ "$leftovers" -eq 0 ] || { echo "staging folders left behind" >&2; exit 1; }
echo "disk full: build failed cleanly, previous output unchanged"
grep "^error:" "$work/stderr"
