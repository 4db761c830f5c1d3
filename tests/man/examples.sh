#!/bin/sh
# tests/man/examples.sh -- run every EXAMPLES block of man/iop-*.1 and
# print a transcript (STYLE rule 32; issue 12 point 6).
#
# Usage: tests/man/examples.sh SCRATCH
#
# The example clinic is the demo's (examples/demo.sh, IOP_TODAY pinned by
# the caller): each page runs in its own directory holding examples/ and
# the demo's outputs, plus tests/man/data/ for files the examples name
# that the demo does not make.  iop-enroll(1) starts from examples/ and
# tests/man/data/ only, since its first example creates the list.  The
# blocks of a page run in order in the same directory, as a reader would
# type them.  In a block with "$ " prompts the commands are the prompted
# lines and their continuations (after a trailing \, | or &&); the other
# lines are the output the page shows, not compared here.  A block
# without prompts is all commands.  For each block the transcript has
# the commands, their standard output, their standard error (each line
# after "! "), the exit status of each command, and each file the block made or changed
# with its line count and checksum (binary files by name only: a
# workbook differs on every run).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
work=$1
mkdir -p "$work/demo"
bash "$top/examples/demo.sh" "$work/demo" > /dev/null 2>&1 || true

# The EXAMPLES blocks of one page, each ended by a line "@@END@@",
# with mdoc's \e turned back into a backslash.
blocks() {
	awk '
	/^\.Sh EXAMPLES/ { ex = 1; next }
	/^\.Sh / { ex = 0 }
	ex && /^\.Bd -literal/ { lit = 1; next }
	ex && lit && /^\.Ed/ { lit = 0; print "@@END@@"; next }
	ex && lit { gsub(/\\e/, "\\"); print }
	' "$1"
}

# The commands of a block (read on stdin); with -v run=FILE, after each
# complete command a line that appends its exit status to FILE.
commands() {
	awk -v run="${1:-}" '
	{ lines[NR] = $0; if ($0 ~ /^\$ /) prompted = 1 }
	END {
		cont = 0
		for (i = 1; i <= NR; i++) {
			l = lines[i]
			if (prompted && !cont) {
				if (l !~ /^\$ /)
					continue
				l = substr(l, 3)
			}
			print l
			cont = (l ~ /(\\|\||&&)[ \t]*$/)
			if (run != "" && !cont)
				print "echo $? >> " run
		}
	}'
}

state() {
	for f in *; do
		[ -f "$f" ] || continue	# examples/ is not looked at
		printf '%s %s\n' "$f" "$(cksum < "$f")"
	done
}

for page in "$top"/man/iop-*.1; do
	name=$(basename "$page")
	dir="$work/$name"
	mkdir -p "$dir"
	# The sign-in sheets are the demo's: examples/signin-messy.csv has
	# another header and would not go with them through signin-*.csv.
	for f in "$top"/examples/*.csv "$top"/examples/*.json; do
		case $f in */signin-*) ;; *) cp "$f" "$dir"/ ;; esac
	done
	# iop-fit(1)'s examples name examples/... as from the source tree.
	mkdir -p "$dir/examples"
	cp "$top"/examples/*.csv "$top"/examples/*.json "$dir/examples"/
	case $name in
	iop-enroll.1) ;;
	*) cp "$work"/demo/*.csv "$dir"/ ;;
	esac
	cp "$top"/tests/man/data/* "$dir"/
	blocks "$page" > "$work/blocks"
	n=0
	: > "$work/block"
	while IFS= read -r line; do
		if [ "$line" != "@@END@@" ]; then
			printf '%s\n' "$line" >> "$work/block"
			continue
		fi
		n=$((n + 1))
		commands < "$work/block" > "$work/script"
		commands "$work/status" < "$work/block" > "$work/run"
		: > "$work/status"
		: > "$work/block"
		echo "## $name example $n"
		sed 's/^/$ /' "$work/script"
		(cd "$dir" && state) > "$work/before"
		set +e
		(cd "$dir" && sh "$work/run") > "$work/out" 2> "$work/err"
		set -e
		cat "$work/out"
		sed 's/^/! /' "$work/err"
		echo "[exit $(tr '\n' ' ' < "$work/status" | sed 's/ $//')]"
		(cd "$dir" && state) > "$work/after"
		comm -13 "$work/before" "$work/after" | while read -r f _; do
			case $f in
			*.xlsx)
				echo "+ $f" ;;
			*)
				echo "+ $f: $(wc -l < "$dir/$f") lines," \
				    "cksum $(cksum < "$dir/$f" | cut -d' ' -f1)" ;;
			esac
		done
	done < "$work/blocks"
done
