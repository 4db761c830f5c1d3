/*
 * gen.c -- a synthetic clinic network for benchmarks: participants, their
 * appointments and attendance, deterministic by seed.  Every name is made
 * up; notes contain commas, quotes and newlines on purpose.
 *
 * usage: gen [-jp] [-s seed] -n rows dir
 *   -p: plain notes (no commas, quotes or newlines), for tools that
 *   cannot read RFC 4180 quoting
 *   writes dir/participants.csv, dir/appointments.csv, dir/attendance.csv
 *   (or .jsonl with -j); attendance has about `rows` rows.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint64_t	state = 88172645463325252ULL;

static uint64_t
rnd(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static const char *const types[] = { "group_therapy", "life_skills",
	"relapse_prevention" };
static const int mins[] = { 90, 60, 30 };
static const char *const statuses[] = { "present", "present", "present",
	"present", "present", "present", "late", "left_early", "absent",
	"excused", "telehealth" };
static const char *const notes[] = { "", "", "", "", "ok",
	"arrived late, bus delay", "said \"hard week\"",
	"left early: childcare\nwill make up Friday", "telehealth, camera off",
	"" };

static void
date_of(long day, char *out)
{
	/* Days after 2026-01-05 (a Monday), weekdays only. */
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	long d = 4 + (day / 5) * 7 + day % 5;	/* day of year, 0-based */
	int y = 2026, m = 0;

	for (;;) {
		int ylen = (y % 4 == 0) ? 366 : 365;

		if (d < ylen)
			break;
		d -= ylen;
		y++;
	}
	while (d >= mdays[m] + (m == 1 && y % 4 == 0)) {
		d -= mdays[m] + (m == 1 && y % 4 == 0);
		m++;
	}
	sprintf(out, "%04d-%02d-%02d", y, m + 1, (int)d + 1);
}

static void
csvq(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\n") == NULL) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static void
jsq(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(fp, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", fp);
		else
			fputc(*s, fp);
	}
	fputc('"', fp);
}

int
main(int argc, char *argv[])
{
	char path[4096], date[16];
	FILE *pf, *af, *tf;
	long rows = 1000000, people, p, n = 0, day;
	int ch, json = 0, plain = 0, k, track;
	const char *ext;

	while ((ch = getopt(argc, argv, "jn:ps:")) != -1) {
		switch (ch) {
		case 'p':
			plain = 1;
			break;
		case 'j':
			json = 1;
			break;
		case 'n':
			rows = atol(optarg);
			break;
		case 's':
			state ^= (uint64_t)atoll(optarg) * 0x9e3779b97f4a7c15ULL;
			break;
		default:
			fprintf(stderr, "usage: gen [-jp] [-s seed] -n rows dir\n");
			return 2;
		}
	}
	if (optind != argc - 1 || rows < 1) {
		fprintf(stderr, "usage: gen [-jp] [-s seed] -n rows dir\n");
		return 2;
	}
	ext = json ? "jsonl" : "csv";
	/* About 36 appointments a person: 12 weeks, step-down, 3 a day. */
	people = rows / 150 + 1;
#define OPEN(fp, name) do { \
	snprintf(path, sizeof(path), "%s/%s.%s", argv[optind], name, ext); \
	if ((fp = fopen(path, "w")) == NULL) { \
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno)); \
		return 1; \
	} } while (0)
	OPEN(pf, "participants");
	OPEN(af, "appointments");
	OPEN(tf, "attendance");
	if (!json) {
		fputs("participant_id,first_name,last_name,dob,focus,track,"
		    "admission_date,payer,status\n", pf);
		fputs("session_id,participant_id,date,start,end,minutes,type,"
		    "topic,group_id,track,staff_id,room,week,phase\n", af);
		fputs("session_id,participant_id,date,status,minutes,"
		    "recorded_at,recorded_by,note\n", tf);
	}
	for (p = 1; n < rows; p++) {
		long start = (long)(rnd() % 200);
		char pid[24];

		snprintf(pid, sizeof(pid), "P%07ld", p);
		track = (int)(rnd() % 2);
		date_of(start, date);
		if (json)
			fprintf(pf, "{\"participant_id\":\"%s\",\"first_name\":"
			    "\"Test%ld\",\"last_name\":\"Example\",\"dob\":"
			    "\"1980-01-01\",\"focus\":\"substance_use\","
			    "\"track\":\"%s\",\"admission_date\":\"%s\","
			    "\"payer\":\"Payer%d\",\"status\":\"active\"}\n",
			    pid, p, track ? "evening" : "morning", date,
			    (int)(rnd() % 5));
		else
			fprintf(pf, "%s,Test%ld,Example,1980-01-01,"
			    "substance_use,%s,%s,Payer%d,active\n", pid, p,
			    track ? "evening" : "morning", date,
			    (int)(rnd() % 5));
		for (day = start; day < start + 50 && n < rows; day++) {
			for (k = 0; k < 3 && n < rows; k++, n++) {
				const char *st = statuses[rnd() % 11];
				const char *note = notes[rnd() % 10];

				if (plain && strpbrk(note, ",\"\n") != NULL)
					note = "see chart";
				int m = mins[k], got;
				char sid[64];

				date_of(day, date);
				snprintf(sid, sizeof(sid), "S%.4s%.2s%.2s-%s-G%ld-%d",
				    date, date + 5, date + 8,
				    track ? "evening" : "morning", p % 40 + 1, k);
				got = strcmp(st, "absent") == 0 ||
				    strcmp(st, "excused") == 0 ? 0 :
				    strcmp(st, "late") == 0 ? m - 15 :
				    strcmp(st, "left_early") == 0 ? m / 2 : m;
				if (json) {
					fprintf(af, "{\"session_id\":\"%s\","
					    "\"participant_id\":\"%s\",\"date\":"
					    "\"%s\",\"start\":\"%s\",\"end\":\"%s\","
					    "\"minutes\":%d,\"type\":\"%s\","
					    "\"topic\":\"\",\"group_id\":\"G%ld\","
					    "\"track\":\"%s\",\"staff_id\":\"S%02ld\","
					    "\"room\":\"R%d\",\"week\":%ld,"
					    "\"phase\":1}\n", sid, pid, date,
					    "09:00", "10:30", m, types[k],
					    p % 40 + 1, track ? "evening" :
					    "morning", p % 30 + 1, k + 1,
					    (day - start) / 5 + 1);
					fprintf(tf, "{\"session_id\":\"%s\","
					    "\"participant_id\":\"%s\",\"date\":"
					    "\"%s\",\"status\":\"%s\",\"minutes\":"
					    "%d,\"recorded_at\":\"%sT21:00\","
					    "\"recorded_by\":\"S%02ld\",\"note\":",
					    sid, pid, date, st, got, date,
					    p % 30 + 1);
					jsq(tf, note);
					fputs("}\n", tf);
				} else {
					fprintf(af, "%s,%s,%s,09:00,10:30,%d,%s,,"
					    "G%ld,%s,S%02ld,R%d,%ld,1\n", sid, pid,
					    date, m, types[k], p % 40 + 1,
					    track ? "evening" : "morning",
					    p % 30 + 1, k + 1,
					    (day - start) / 5 + 1);
					fprintf(tf, "%s,%s,%s,%s,%d,%sT21:00,S%02ld,",
					    sid, pid, date, st, got, date,
					    p % 30 + 1);
					csvq(tf, note);
					fputc('\n', tf);
				}
			}
		}
	}
	people = p - 1;
	(void)people;
	if (fclose(pf) != 0 || fclose(af) != 0 || fclose(tf) != 0) {
		fprintf(stderr, "gen: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
