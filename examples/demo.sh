#!/usr/bin/env bash
# examples/demo.sh -- the lifecycle of a small synthetic IOP clinic, run
# with the programs in bin/.  Every person here is made up.
#
# Usage: examples/demo.sh [OUTDIR]     (default: build/demo)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
out=${1:-$top/build/demo}
PATH="$top/bin:$PATH"
# Pin the clock so the demo is the same every day.
export IOP_TODAY=${IOP_TODAY:-2026-11-27}
export LC_ALL=C

rm -rf "$out"
mkdir -p "$out"
cd "$out"
say() { printf '\n== %s\n' "$*"; }
have() { [ -x "$top/bin/$1" ]; }

if have iop-fit && [ -f "$here/screenings.csv" ]; then
	say "Screening the referrals (iop-fit)"
	iop-fit < "$here/screenings.csv" > fit.csv || true
	echo "fit.csv: $(($(wc -l < fit.csv) - 1)) screenings scored"
	iop-fit --explain < "$here/screenings.csv" 2>/dev/null | head -12 || true
fi

say "Importing the intake export (iop-enroll import)"
# The export comes from a spreadsheet: BOM, CRLF, US dates, its own
# column names.  One row is a likely duplicate and one has an impossible
# date of birth: both are reported and left out, so the exit status is 1.
if iop-enroll import -f participants.csv --date-order mdy \
    "$here/intake.csv"; then
	echo "all rows imported"
else
	echo "(exit $?: rows above were rejected; the rest were imported)"
fi
echo "participants.csv: $(($(wc -l < participants.csv) - 1)) people"

say "Adding a walk-in (iop-enroll add)"
iop-enroll add -f participants.csv --first-name Sol --last-name Example \
    --dob 1991-03-09 --focus co_occurring --track evening \
    --admitted 2026-11-23 --payer Medicaid --auth-days 60 \
    --goal "Attend all evening groups" --goal "Write a relapse-prevention plan"

say "Status changes"
iop-enroll -f participants.csv goal P0001 "Return to work part-time"
iop-enroll -f participants.csv status P0003 stepped_down --date 2026-11-20 \
    --reason "Stable; moving to weekly outpatient"
iop-enroll -f participants.csv discharge P0004 --reason non_attendance \
    --date 2026-11-24
iop-enroll -f participants.csv discharge P0002 --reason completed \
    --date 2026-11-25 --aftercare "alumni_group;continuing_therapy" \
    --aftercare-note "Thursday alumni group"
iop-enroll -f participants.csv status P0006 transferred --to "Day program" \
    --date 2026-11-18

say "Who is not active"
iop-enroll list -f participants.csv --status stepped_down,discharged,completed,transferred \
    --fields participant_id,track,status,status_date,discharge_reason

say "In care on 2026-11-27, evening track, as JSON Lines"
iop-enroll list -f participants.csv --active-on 2026-11-27 --track evening \
    --json --fields participant_id,admission_date,goals | head -3

say "Checking the whole file (iop-enroll validate)"
iop-enroll validate participants.csv && echo "participants.csv is valid"

if have iop-schedule && [ -f "$here/program.json" ]; then
	say "Scheduling the program (iop-schedule)"
	iop-schedule -p "$here/program.json" participants.csv \
	    > appointments.csv || echo "(exit $?: see the messages above)"
	echo "appointments.csv: $(($(wc -l < appointments.csv) - 1)) appointments"
	head -4 appointments.csv
	say "Calendars for a participant and a counselor (iop-schedule ics)"
	iop-schedule ics -p "$here/program.json" -P P0001 appointments.csv \
	    > P0001.ics
	iop-schedule ics -p "$here/program.json" -S S01 appointments.csv \
	    > S01.ics
	echo "P0001.ics: $(grep -c BEGIN:VEVENT P0001.ics) events;" \
	    "S01.ics: $(grep -c BEGIN:VEVENT S01.ics) events"
	say "Checking the schedule for conflicts (iop-schedule check)"
	if iop-schedule check -p "$here/program.json" appointments.csv \
	    > conflicts.csv; then
		echo "no conflicts"
	else
		echo "(exit $?) $(($(wc -l < conflicts.csv) - 1)) findings:"
		head -5 conflicts.csv
	fi
fi

if have iop-attend && [ -s appointments.csv ]; then
	say "Attendance: three weeks of sign-in sheets (iop-attend import)"
	# Synthetic sheets, one a week, made from the schedule: mostly
	# present, some late, left early, excused, telehealth and absent;
	# P0003 and P0014 stop coming in the last week.
	for wk in 2026-11-09:2026-11-13 2026-11-16:2026-11-20 2026-11-23:2026-11-25; do
		from=${wk%:*} to=${wk#*:}
		awk -F, -v from="$from" -v to="$to" 'BEGIN { OFS = ","
		    print "Session,Client ID,Mark,Mins" }
		NR > 1 && $3 >= from && $3 <= to {
			n = substr($2, 2) + 0; d = substr($3, 9, 2) + 0
			r = (n * 31 + d * 17 + substr($4, 1, 2) * 7) % 40
			m = "P"; mins = ""
			if ((n == 3 || n == 14) && $3 >= "2026-11-23") r = 0
			if (r < 2) m = "A"; else if (r == 2) m = "E"
			else if (r < 5) { m = "late"; mins = $6 - 20 }
			else if (r == 5) { m = "LE"; mins = int($6 / 2) }
			else if (r < 8) m = "T"
			print $1, $2, m, mins }' appointments.csv > "signin-$from.csv"
		iop-attend -s appointments.csv -f attendance.csv import \
		    --by coordinator --at "${to}T20:00" "signin-$from.csv"
	done
	echo "attendance.csv: $(($(wc -l < attendance.csv) - 1)) records"

	say "A messy sheet from a spreadsheet: BOM, CRLF, odd marks, empty rows"
	awk -F, 'BEGIN { printf "\357\273\277\"Session\",\"Client ID\",\"Attendance\",\"Mins\",\"Comments\"\r\n" }
	NR > 1 && $3 == "2026-11-26" {
		n = substr($2, 2) + 0
		m = n % 9 == 0 ? "x" : n % 9 == 1 ? " Present " : n % 9 == 2 ? "yes" : \
		    n % 9 == 3 ? "" : n % 9 == 4 ? "Virtual" : n % 9 == 5 ? "\342\234\223" : "P"
		if (n == 14) m = "absent"
		printf "%s,%s,%s,,\r\n", $1, $2, m
		if (!extra++) printf "%s,P0999,P,,walk-in\r\n", $1 }
	END { printf ",,,,\r\n,,,,\r\n" }' appointments.csv > signin-2026-11-26.csv
	iop-attend -s appointments.csv -f attendance.csv import \
	    --by "front desk" --at 2026-11-26T21:00 signin-2026-11-26.csv ||
	    echo "(exit $?: the row above was rejected; the rest were recorded)"

	say "A counselor records today's first group (iop-attend record)"
	grp=$(awk -F, '$3 == "2026-11-27" && $7 == "group_therapy" { print $1; exit }' appointments.csv)
	who=$(awk -F, -v s="$grp" '$1 == s { print $2 }' appointments.csv)
	first=$(echo "$who" | sed -n 1p) second=$(echo "$who" | sed -n 2p)
	iop-attend -s appointments.csv -f attendance.csv record "$grp" \
	    --present "$first" --late "$second=60" --rest present --by S01 \
	    --at 2026-11-27T10:40
	say "... and corrects it: $second left early, it was not a late arrival"
	iop-attend -s appointments.csv -f attendance.csv record "$grp" \
	    --left-early "$second=45" --note "left for a court date" --by S01 \
	    --at 2026-11-27T11:05
	grep "^$grp,$second," attendance.csv

	say "Sessions over with attendance still missing (iop-attend missing)"
	iop-attend -s appointments.csv --since 2026-11-09 missing attendance.csv | head -8

	say "The morning call list (iop-attend flags)"
	iop-attend -s appointments.csv -p "$here/program.json" flags attendance.csv
fi

if have iop-report && [ -f attendance.csv ]; then
	say "Reports (iop-report)"
	# Screenings at intake and a follow-up, keyed to participants through
	# the intake export's referral ID (a column iop-enroll passed through).
	if have iop-fit; then
		iop-fit < "$here/screenings-followup.csv" > fit-followup.csv || true
		awk -F, 'NR == FNR { if (FNR > 1) id[$(NF - 1)] = $1; next }
		    FNR == 1 { print "participant_id," $0; next }
		    ($1 in id) { print id[$1] "," $0 }' participants.csv \
		    fit.csv > screenings-linked.csv
		awk -F, 'NR == FNR { if (FNR > 1) id[$(NF - 1)] = $1; next }
		    FNR == 1 { next } ($1 in id) { print id[$1] "," $0 }' \
		    participants.csv fit-followup.csv >> screenings-linked.csv
	fi
	export IOP_DEID_KEY=demo-clinic-key-not-a-secret
	iop-report hours --program "$here/program.json" \
	    --participants participants.csv --from 2026-11-16 --to 2026-11-22 \
	    --format table < attendance.csv | head -8 || true
	iop-report summary --participants participants.csv \
	    --schedule appointments.csv --program "$here/program.json" \
	    --screenings screenings-linked.csv --format html \
	    -o director.html < attendance.csv || true
	iop-report hours --program "$here/program.json" \
	    --participants participants.csv --format xlsx \
	    -o payer-hours.xlsx < attendance.csv || true
	iop-report billing --spreadsheet --deidentify \
	    --program "$here/program.json" --participants participants.csv \
	    -o billing-export.csv < attendance.csv || true
	echo "director.html, payer-hours.xlsx and billing-export.csv (de-identified):"
	head -4 billing-export.csv
fi

say "Done; the files are in $out"
ls -l "$out"
