# tests/safety/common.sh -- helpers for the fault-injection cases (sourced
# by their cmd; the runner only runs the numbered directories).

# delays N MAXMS SEED: N random delays of 0 to MAXMS milliseconds, in
# seconds, one a line (POSIX sh has no $RANDOM).
delays() {
	awk -v n="$1" -v max="$2" -v seed="$3" 'BEGIN { srand(seed)
		for (i = 0; i < n; i++) printf "%.4f\n", rand() * max / 1000 }'
}

# temps FILE: how many temporaries of FILE's safe update are beside it.
temps() {
	ls -a "$(dirname "$1")" | grep -c "^$(basename "$1")\.iop-tmp-......\$" ||
	    true
}

# killed DELAY CMD...: run CMD, SIGKILL it after DELAY seconds, reap it.
killed() {
	d=$1
	shift
	"$@" > /dev/null 2>&1 &
	pid=$!
	sleep "$d"
	kill -9 $pid 2> /dev/null
	wait $pid 2> /dev/null || true
}

# participants N: a participant intake of N rows on standard output.
participants() {
	awk -v n="$1" 'BEGIN {
		print "first_name,last_name,dob,focus,track,admission_date"
		for (i = 1; i <= n; i++)
			printf "F%d,Example,1980-01-01,substance_use,am,2026-11-02\n", i }'
}

# Fixtures of the other suites (absolute: the cases cd to $T).
tests=$(cd .. && cd .. && pwd)
P=$tests/enroll/data/p.csv
APPTS=$tests/attend/data/appts.csv
ATT=$tests/attend/data/att.csv
PEOPLE=$tests/report/data/people.csv
RATT=$tests/report/data/att.csv

# record FILE: iop-attend record, applied in place to FILE.
record() {
	iop-attend -s "$APPTS" -f "$1" record S20261125-0900-G1 \
	    --present P0001 --by S01 --at 2026-11-25T10:31
}

# report FILE [FORMAT]: an iop-report hours report written with -o.
report() {
	iop-report hours --format "${2:-csv}" -o "$1" --participants \
	    "$PEOPLE" < "$RATT"
}
