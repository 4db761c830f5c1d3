#!/bin/sh
# tests/run.sh -- the iop test runner.
#
# Runs the lib/ unit tests (the binary given as $1), every end-to-end case
# under tests/<tool>/<nnn-name>/, and lints the man pages.  A case directory
# holds `cmd` (a sh script run with the case directory as the working
# directory, bin/ first on PATH, $T a fresh scratch directory), optional
# `stdin`, and `expected-stdout`, `expected-stderr`, `expected-status`.
# All three are compared exactly.  The last line is "N passed, N failed".
#
# Environment: VALGRIND=1 runs every program under valgrind; CASES=pattern
# runs only the cases whose path matches.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
unit=${1:-}
LC_ALL=C
export LC_ALL
TZ=UTC
export TZ
IOP_TODAY=2026-11-27
export IOP_TODAY
PATH="$top/bin:$PATH"
export PATH
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export ASAN_OPTIONS
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export UBSAN_OPTIONS

work=$(mktemp -d "${TMPDIR:-/tmp}/iop-test.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

pass=0
fail=0

if [ "${VALGRIND:-0}" = 1 ]; then
	mkdir -p "$work/vgbin"
	for p in "$top"/bin/iop-*; do
		n=$(basename "$p")
		cat > "$work/vgbin/$n" <<VG
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "$p" "\$@"
VG
		chmod +x "$work/vgbin/$n"
	done
	PATH="$work/vgbin:$PATH"
fi

# Unit tests: the binary prints "ok N - name" or "not ok N - name".
if [ -n "$unit" ]; then
	if "$top/$unit" > "$work/unit.out" 2>&1; then :; fi
	p=$(grep -c '^ok ' "$work/unit.out" || true)
	f=$(grep -c '^not ok ' "$work/unit.out" || true)
	if ! grep -q '^# unit tests done' "$work/unit.out"; then
		echo "FAIL unit: the unit test binary did not finish"
		tail -20 "$work/unit.out"
		f=$((f + 1))
	fi
	grep '^not ok ' "$work/unit.out" | sed 's/^/FAIL unit: /' || true
	pass=$((pass + p))
	fail=$((fail + f))
fi

# End-to-end cases.
for dir in "$top"/tests/*/[0-9]*/; do
	[ -f "$dir/cmd" ] || continue
	case_name=${dir%/}
	case_name=${case_name#"$top"/tests/}
	if [ -n "${CASES:-}" ]; then
		case $case_name in *${CASES}*) ;; *) continue ;; esac
	fi
	T="$work/case"
	rm -rf "$T"
	mkdir -p "$T"
	export T
	in=/dev/null
	[ -f "$dir/stdin" ] && in="$dir/stdin"
	set +e
	# A hung case fails instead of blocking the whole run.
	(cd "$dir" && timeout "${CASE_TIMEOUT:-120}" sh ./cmd) < "$in" \
	    > "$work/out" 2> "$work/err"
	status=$?
	set -e
	ok=1
	want_status=0
	[ -f "$dir/expected-status" ] && want_status=$(cat "$dir/expected-status")
	if [ "$status" != "$want_status" ]; then
		ok=0
		echo "FAIL $case_name: exit status $status, expected $want_status"
	fi
	for s in stdout stderr; do
		exp="$dir/expected-$s"
		got="$work/out"
		[ $s = stderr ] && got="$work/err"
		if [ -f "$exp" ]; then
			if ! cmp -s "$exp" "$got"; then
				ok=0
				echo "FAIL $case_name: $s differs"
				diff -u "$exp" "$got" | head -30 || true
			fi
		elif [ -s "$got" ]; then
			ok=0
			echo "FAIL $case_name: unexpected $s"
			head -10 "$got"
		fi
	done
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done

# Man pages: each must lint cleanly and render.
if command -v mandoc > /dev/null 2>&1; then
	for m in "$top"/man/*.[157]; do
		[ -f "$m" ] || continue
		if [ -n "${CASES:-}" ]; then
			case $m in *${CASES}*) ;; *) continue ;; esac
		fi
		if out=$(mandoc -Tlint -W warning "$m" 2>&1) && [ -z "$out" ]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL man: $(basename "$m")"
			echo "$out" | head -10
		fi
	done
else
	echo "note: mandoc not installed; man pages not linted"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
