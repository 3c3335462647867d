#!/bin/sh
# measure.sh: peak memory (maximum resident set size) and time of
# pamphlet on large generated inputs, as a Markdown table.
#
#   bench/measure.sh [CASE...]      from the repository root; all cases by default
#
# Cases: seed (the corpus article the speed targets use), text50 (a 50 MB
# text), tiny1m (a million one-word paragraphs), tinycap (as many as the
# plain-text cap of 6 million lines lets in, 3 million), line20 (one 20 MB line),
# book100 and book1000 (books of generated 2–8 KB articles, both formats),
# image6400 (an article showing a 6400×6400 RGBA PNG, PDF), bomb (a
# 65535×65535 PNG given to --cover). Inputs are generated once in
# $BENCH_DIR (default /tmp/pamphlet-bench). $PAMPHLET names a binary to
# measure instead of building this tree's. GOGC and GOMEMLIMIT pass
# through to pamphlet, to compare collector settings. Needs GNU time.
set -eu
dir=${BENCH_DIR:-/tmp/pamphlet-bench}
corpus=${PAMPHLET_CORPUS:-../shared/corpus}
mkdir -p "$dir/out"
bin=${PAMPHLET:-$dir/pamphlet}
[ -n "${PAMPHLET:-}" ] || go build -o "$bin" .
gen() { [ -e "$3" ] || go run ./bench/gen "$@"; }
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}

# run NAME ARGS...: one row of the table.
run() {
	name=$1
	shift
	if /usr/bin/time -f '%e %U %M' -o "$dir/time" "$bin" "$@" >/dev/null 2>"$dir/err"; then
		status=ok
	else
		status="exit $? ($(tail -n 1 "$dir/err"))"
	fi
	set -- $(tail -n 1 "$dir/time")
	printf '| %s | %s s | %s s | %d MB | %s |\n' "$name" "$1" "$2" $(($3 / 1024)) "$status"
}

echo "| input | time | user CPU | peak memory | result |"
echo "| --- | --- | --- | --- | --- |"
for c in ${*:-seed text50 tiny1m tinycap line20 book100 book1000 image6400 bomb}; do
	case $c in
	seed)
		run "seed article → PDF" convert -o "$dir/out/seed.pdf" "$corpus/000_a9ffa14dafb5799f.txt"
		run "seed article → EPUB" convert -o "$dir/out/seed.epub" "$corpus/000_a9ffa14dafb5799f.txt" ;;
	text50)
		gen text 50000000 "$dir/text50.txt"
		run "50 MB text → PDF" convert -o "$dir/out/text50.pdf" "$dir/text50.txt"
		run "50 MB text → EPUB" convert -o "$dir/out/text50.epub" "$dir/text50.txt" ;;
	tiny1m)
		gen tiny 1000000 "$dir/tiny1m.txt"
		run "1M tiny paragraphs → PDF" convert -o "$dir/out/tiny1m.pdf" "$dir/tiny1m.txt"
		run "1M tiny paragraphs → EPUB" convert -o "$dir/out/tiny1m.epub" "$dir/tiny1m.txt" ;;
	tinycap)
		gen tiny 2999999 "$dir/tinycap3m.txt"
		run "3M tiny paragraphs (46 MB) → PDF" convert -o "$dir/out/tinycap.pdf" "$dir/tinycap3m.txt"
		run "3M tiny paragraphs (46 MB) → EPUB" convert -o "$dir/out/tinycap.epub" "$dir/tinycap3m.txt" ;;
	line20)
		gen line 20000000 "$dir/line20.txt"
		run "20 MB line → PDF" convert -o "$dir/out/line20.pdf" "$dir/line20.txt"
		run "20 MB line → EPUB" convert -o "$dir/out/line20.epub" "$dir/line20.txt" ;;
	book100 | book1000)
		n=${c#book}
		gen book "$n" "$dir/book$n"
		run "$n-article book (both formats)" book --quiet --title "A Book" -o "$dir/out/book$n" "$dir/book$n" ;;
	image6400)
		gen image 6400 "$dir/image6400"
		run "6400×6400 RGBA PNG → PDF" convert -o "$dir/out/image.pdf" "$dir/image6400/picture.md" ;;
	bomb)
		[ -e "$dir/bomb.png" ] || python3 -c '
import struct, sys, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
z = zlib.compressobj(9)
data = b"".join(z.compress(bytes(1 + 65535 * 4)) for _ in range(2000)) + z.flush()
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 65535, 65535, 8, 6, 0, 0, 0)) + chunk(b"IDAT", data) + chunk(b"IEND", b""))
' >"$dir/bomb.png"
		gen text 20000 "$dir/short.txt"
		run "65535×65535 PNG as --cover" convert --cover "$dir/bomb.png" -o "$dir/out/bomb.epub" "$dir/short.txt" ;;
	*) echo "measure.sh: unknown case $c" >&2; exit 2 ;;
	esac
done
