/* bench.c — the core's figures for `make bench` (issue 7): one action,
 * run RUNS times on an open connection, timed around the core call only.
 *
 *	bench DB LOGIN ACTION [ARG] [RUNS]
 *	bench --run RUNS PROGRAM ARG...    (a whole process, RUNS times)
 *
 * Built as build/srbench. Actions: card ID (read the card and its whole history), today, overdue,
 * calls (the actor's work lists), search TEXT, page TEXT (the first 50
 * cards of a search, a screenful), kpi FROM:TO, file (a new
 * card by phone), followup ID (a phone follow-up on a card). Prints one
 * line: "MEDIAN_MS MAX_MS ROWS PEAK_KB" (peak memory of this process).
 * Writes (file, followup) commit each run with synchronous=FULL, as the
 * program does. Not part of make test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include "showroom.h"
#include "test_hooks.h" /* sr_db_handle */

enum { RUNS_MAX = 200 };

struct bench {
	sr_db *db;
	const char *action, *arg;
	long rows;
	int seq;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int count_card(void *ctx, const sr_card *c)
{
	(void)c;
	((struct bench *)ctx)->rows++;
	return 0;
}

/* Each event rendered, as the card screen and `card show` do. */
static int count_entry(void *ctx, const sr_history_event *e)
{
	static char line[SR_HISTORY_LINE_MAX];
	sr_history_render(e, line, sizeof line);
	((struct bench *)ctx)->rows++;
	return 0;
}

static int count_item(void *ctx, const sr_work_item *it)
{
	(void)it;
	((struct bench *)ctx)->rows++;
	return 0;
}

static sr_status do_card(struct bench *b)
{
	sr_card *c = malloc(sizeof *c);
	if (!c)
		return SR_IO;
	int64_t id = atoll(b->arg);
	sr_status st = sr_card_get(b->db, id, c);
	free(c);
	if (st == SR_OK)
		st = sr_history_each(b->db, id, count_entry, b);
	return st;
}

static sr_status do_search(struct bench *b, int limit)
{
	sr_card_filter f;
	sr_card_filter_init(&f);
	f.text = b->arg;
	f.limit = limit;
	return sr_card_search(b->db, &f, count_card, b);
}

static sr_status do_kpi(struct bench *b)
{
	char from[16] = "", to[16] = "";
	if (sscanf(b->arg, "%10[0-9-]:%10[0-9-]", from, to) != 2)
		return SR_USAGE;
	sr_kpi_query q = {.from = from, .to = to};
	sr_kpi k;
	sr_status st = sr_kpi_compute(b->db, &q, &k);
	b->rows = (long)k.base;
	return st;
}

static sr_status do_file(struct bench *b)
{
	char phone[16];
	snprintf(phone, sizeof phone, "199%08ld", (long)(time(NULL) * 37 + b->seq++) % 100000000);
	sr_card_filing in = {.name = "测试客户", .phone = phone, .channel = SR_CHANNEL_PHONE,
	                     .level = 'B', .new_opportunity = true};
	int64_t id;
	b->rows = 1;
	return sr_card_file(b->db, &in, &id);
}

static sr_status do_followup(struct bench *b)
{
	sr_followup_input in = {.card_id = atoll(b->arg), .method = SR_METHOD_PHONE,
	                        .content = "电话回访，客户仍在对比车型", .result = "继续跟进"};
	int64_t id;
	b->rows = 1;
	return sr_followup_add(b->db, &in, &id);
}

static sr_status run_once(struct bench *b)
{
	const char *a = b->action;
	b->rows = 0;
	if (!strcmp(a, "card"))
		return do_card(b);
	if (!strcmp(a, "search"))
		return do_search(b, 0);
	if (!strcmp(a, "page"))
		return do_search(b, 50);
	if (!strcmp(a, "kpi"))
		return do_kpi(b);
	if (!strcmp(a, "file"))
		return do_file(b);
	if (!strcmp(a, "followup"))
		return do_followup(b);
	sr_list_kind k;
	if (sr_list_parse(a, &k))
		return sr_worklist(b->db, k, NULL, count_item, b);
	return SR_USAGE;
}

/* BENCH_TRACE=1: each statement's time on stderr, to see where it goes. */
static int trace(unsigned type, void *ctx, void *p, void *x)
{
	(void)type;
	(void)ctx;
	char *sql = sqlite3_expanded_sql(p);
	fprintf(stderr, "%8.2f ms  %s\n", (double)*(sqlite3_int64 *)x / 1e6, sql ? sql : "?");
	sqlite3_free(sql);
	return 0;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* Whole processes: wall time of each run (fork to exit, output to
 * /dev/null) and the largest peak memory of any run. */
static int run_processes(int runs, char **argv)
{
	double ms[RUNS_MAX];
	long peak = 0;
	runs = runs < 1 ? 1 : runs > RUNS_MAX ? RUNS_MAX : runs;
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms();
		pid_t pid = fork();
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);
			dup2(null, 1);
			execvp(argv[0], argv);
			_exit(127);
		}
		int status;
		struct rusage ru;
		if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
			return 1;
		ms[i] = now_ms() - t0;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "bench: %s exited with %d\n", argv[0], WEXITSTATUS(status));
			return 1;
		}
		peak = ru.ru_maxrss > peak ? ru.ru_maxrss : peak;
	}
	qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
	printf("%.2f %.2f 0 %ld\n", ms[runs / 2], ms[runs - 1], peak);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "--run"))
		return run_processes(atoi(argv[2]), argv + 3);
	if (argc < 4) {
		fprintf(stderr, "usage: bench DB LOGIN ACTION [ARG] [RUNS]\n");
		return 1;
	}
	struct bench b = {.action = argv[3], .arg = argc > 4 ? argv[4] : ""};
	int runs = argc > 5 ? atoi(argv[5]) : 11;
	runs = runs < 1 ? 1 : runs > RUNS_MAX ? RUNS_MAX : runs;
	char err[512];
	if (sr_db_open(argv[1], 0, &b.db, err, sizeof err) != SR_OK) {
		fprintf(stderr, "bench: %s\n", err);
		return 1;
	}
	if (sr_user_act_as(b.db, argv[2]) != SR_OK) {
		fprintf(stderr, "bench: %s\n", sr_db_message(b.db));
		return 1;
	}
	if (getenv("BENCH_TRACE"))
		sqlite3_trace_v2(sr_db_handle(b.db), SQLITE_TRACE_PROFILE, trace, NULL);
	double ms[RUNS_MAX];
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms();
		sr_status st = run_once(&b);
		ms[i] = now_ms() - t0;
		if (st != SR_OK) {
			fprintf(stderr, "bench: %s: %s\n", b.action, sr_db_message(b.db));
			return 1;
		}
	}
	qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("%.2f %.2f %ld %ld\n", ms[runs / 2], ms[runs - 1], b.rows, ru.ru_maxrss);
	sr_db_close(b.db);
	return 0;
}
