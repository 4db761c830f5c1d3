#!/bin/sh
# tests/fuzz/run.sh -- build every fuzz_*.c with clang's libFuzzer and run
# each for FUZZ_SECONDS (default 60), seeded from the test corpus.  Any
# crash leaves its input in build/fuzz/<name>.crashes/ and fails the run.
# fuzz_pipeline turns the bytes into valid records and runs schedule
# generation and every report on them (FUZZ_ONLY=fuzz_pipeline for it alone).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${FUZZ_SECONDS:-60}
cc=${FUZZ_CC:-clang}
out="$top/build/fuzz"
mkdir -p "$out"
cflags="-g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I$top -fsanitize=address,undefined -fno-sanitize-recover=undefined"
libs="-ljansson -lcsv"
status=0
# The library, instrumented, as an archive so each harness links only
# what it uses.
rm -rf "$out/obj"
mkdir -p "$out/obj"
for c in "$top"/lib/*/*.c; do
	# Named by folder too: lib/cli/report.c and lib/report/report.c.
	o=$(echo "${c#"$top"/lib/}" | tr / _)
	$cc $cflags -fsanitize=fuzzer-no-link -c -o "$out/obj/${o%.c}.o" "$c"
done
rm -f "$out/libiop.a"
ar rcs "$out/libiop.a" "$out"/obj/*.o
for src in "$top"/tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	[ -n "${FUZZ_ONLY:-}" ] && [ "$name" != "$FUZZ_ONLY" ] && continue
	echo "== $name"
	$cc $cflags -fsanitize=fuzzer -o "$out/$name" "$src" "$out/libiop.a" $libs
	corpus="$out/$name.corpus"
	mkdir -p "$corpus" "$out/$name.crashes"
	# Seeds: the edge-case corpus and every test's input.
	for f in "$top"/tests/data/* "$top"/tests/*/*/stdin "$top"/tests/*/*/*.json "$top"/tests/*/data/*.json "$top"/examples/*.csv "$top"/examples/*.json; do
		[ -f "$f" ] && cp "$f" "$corpus/seed-$(echo "$f" | cksum | cut -d' ' -f1)" 2>/dev/null || true
	done
	if ! "$out/$name" -max_total_time="$secs" -max_len=65536 -timeout=10 \
	    -artifact_prefix="$out/$name.crashes/" "$corpus" > "$out/$name.log" 2>&1; then
		echo "FAIL $name: see $out/$name.log"
		tail -30 "$out/$name.log"
		status=1
	else
		tail -1 "$out/$name.log"
	fi
done
exit $status
