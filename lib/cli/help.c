/*
 * help.c -- the commands' --help texts, kept here as data so that each
 * program is its table and options; iop_help() prints one and exits.
 */
#include <stdio.h>
#include <stdlib.h>

#include "lib/cli/cli.h"
#include "lib/cli/help.h"

/* The shared options, -h and -V, and the examples' heading. */
#define HELP_END IOP_OUT_HELP \
"  -h, --help       print this help\n" \
"  -V, --version    print the version\n" \
"\n" \
"Example:\n"

void
iop_help(const char *synopsis, const char *text)
{
	printf("usage: %s\n\n", synopsis);
	fputs(text, stdout);
	exit(iop_close_stdout() == 0 ? 0 : 1);
}

const char iop_help_enroll[] =
"Keep the participant list of an intensive outpatient program.\n"
"\n"
"Commands:\n"
"  add              add one person from the options below\n"
"  import [FILE...] add people from intake exports (CSV or JSON Lines)\n"
"  status ID STATUS change status: active, stepped_down, transferred,\n"
"                   completed or discharged (--date, --reason, --to)\n"
"  discharge ID     discharge with --reason (completed, left_against_advice,\n"
"                   non_attendance, higher_level_of_care, other),\n"
"                   --date and an --aftercare plan\n"
"  goal ID TEXT     add a treatment goal\n"
"  aftercare ID LIST  set the aftercare plan (continuing_therapy,\n"
"                   alumni_group, peer_support, community_resources,\n"
"                   medication_management, sober_living, other; --note)\n"
"  list [FILE...]   print participants, filtered\n"
"  validate [FILE...] check every participant record\n"
"\n"
"Where the list is:\n"
"  -f, --file=FILE  update FILE in place (locked, atomic); otherwise the\n"
"                   list is read on standard input and written on output\n"
"      --existing=FILE  import/add: number IDs and find duplicates\n"
"                   against FILE, write only the new people\n"
"  -n, --dry-run    check and report, change nothing\n"
"\n"
"Adding (add; import reads the same fields as columns):\n"
"      --first-name, --last-name, --dob=DATE, --phone, --email,\n"
"      --focus=substance_use|mental_health|co_occurring, --track=NAME,\n"
"      --admitted=DATE, --referral-source, --planned-weeks=N, --level,\n"
"      --payer, --auth-id, --auth-days=N, --auth-start, --auth-end,\n"
"      --goal=TEXT (repeatable)\n"
"      --allow-duplicates  add likely duplicates instead of rejecting them\n"
"      --date-order=ymd|mdy|dmy  how to read slashed dates (12/01/2026)\n"
"      --map=FROM=TO    read intake column FROM as field TO\n"
"\n"
"Filters (list):\n"
"      --status=S[,S...], --track=T, --focus=F, --level=L,\n"
"      --admitted-from=D, --admitted-to=D, --discharged-from=D,\n"
"      --discharged-to=D, --active-on=D (in care on that day),\n"
"      --fields=a,b,c   print only these columns\n"
"\n"
HELP_END
"  iop-enroll import -f participants.csv --date-order mdy intake.csv\n"
"  iop-enroll discharge -f participants.csv P0007 --reason completed \\\n"
"      --aftercare 'alumni_group;continuing_therapy'\n";

const char iop_help_attend[] =
"Record who came to each session of an intensive outpatient program.\n"
"\n"
"Commands:\n"
"  record SESSION   one session's attendance from the options below\n"
"  import [FILE...] sign-in sheets (CSV or JSON Lines), checked against\n"
"                   the schedule; writes normalised attendance records\n"
"  missing [FILE...] sessions that are over with attendance not recorded\n"
"  flags [FILE...]  people to call: absences in a row, a missed\n"
"                   individual session, a week under the minimum hours\n"
"\n"
"Files:\n"
"  -s, --schedule=FILE  the appointments (iop-schedule); required\n"
"  -f, --file=FILE  record, import: apply the records to FILE in place\n"
"                   (locked, atomic; the latest recorded_at of a session\n"
"                   and participant wins); missing, flags: read FILE\n"
"  -H, --no-header  record, import: no CSV header (to append with >>)\n"
"\n"
"Recording (record; import reads the same as columns):\n"
"      --present=LIST, --late=LIST, --left-early=LIST, --absent=LIST,\n"
"      --excused=LIST, --telehealth=LIST\n"
"                   comma-separated participant IDs, each with =MINUTES\n"
"                   to give the minutes attended (P0003=70)\n"
"      --rest=STATUS  everyone else booked into the session\n"
"      --estimate   estimate minutes for late and left early\n"
"      --at=TIME    recorded_at (default now), --by=NAME (default $LOGNAME),\n"
"      --note=TEXT\n"
"      --session=ID  import: the session of rows without one\n"
"      --map=FROM=TO  import: read sheet column FROM as field TO\n"
"\n"
"Checking (missing, flags):\n"
"      --now=YYYY-MM-DDTHH:MM  the time sessions are over by (default now)\n"
"      --since=DATE   only sessions from DATE (flags: default 7 days)\n"
"      --participants  missing: one line per participant, not per session\n"
"  -c, --consecutive=N  flags: program days missed in a row (default 2)\n"
"  -p, --program=FILE  flags: min_weekly_hours from the program\n"
"      --min-hours=N  flags: the weekly minimum in hours\n"
"      --week=YYYY-Www  flags: the week whose hours count (default now's)\n"
"\n"
HELP_END
"  iop-attend record -s appointments.csv -f attendance.csv \\\n"
"      S20261201-0900-morning-G1 --present P0001,P0002 --late P0003=70 \\\n"
"      --rest absent\n"
"  iop-attend flags -s appointments.csv -p program.json attendance.csv\n";

const char iop_help_schedule[] =
"Schedule an intensive outpatient program: every active participant's\n"
"appointments from the admission date, groups filled to capacity, staff\n"
"and rooms without double bookings.\n\n"
"Commands:\n"
"  generate (default)    generate appointments from the participant list\n"
"  check                 report conflicts in an appointments file\n"
"  ics                   write an iCalendar file (RFC 5545)\n\n"
"Options:\n"
"  -p, --program=FILE    the program definition (iop-program(5))\n"
"      --from=DATE       generate only from DATE on\n"
"  -E, --existing=FILE   with --from: keep this file's rows before DATE\n"
"  -P, --participant=ID  ics: one participant's appointments\n"
"  -S, --staff=ID        ics: one staff member's sessions\n"
"  -g, --group=ID        ics: one group's sessions (e.g. morning-G1)\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
IOP_OUT_HELP
"\nExample:\n"
"  iop-schedule -p program.json participants.csv > appointments.csv\n"
"  iop-schedule ics -p program.json -P P0007 appointments.csv > P0007.ics\n";
