/* fault.c — showroom under faults: many writers at once, writers killed,
 * power lost, the disk full. Each test prints what it did and PASS or FAIL;
 * the run ends with "N passed, N failed".
 *
 *   fault-tests [DIR] [concurrency|crash|powerloss|diskfull ...]
 *
 * Writers use the core library directly (no shell in between), each in its
 * own process with its own connection, as staff at twenty terminals would.
 * Every write a writer got an id for ("acknowledged") goes to its log file
 * with write(2) at once, so a SIGKILL loses at most the log line of a write
 * that committed, never claims one that did not. Afterwards every logged
 * write must be in the database and the database must be sound. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "showroom.h"
#include "test_hooks.h" /* sr_db_handle */

static int passed, failed;
static char workdir[512];

static void result(const char *name, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void result(const char *name, bool ok, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s %s: ", ok ? "PASS" : "FAIL", name);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
	if (ok)
		passed++;
	else
		failed++;
}

static void path_in(char *out, size_t len, const char *name)
{
	snprintf(out, len, "%s/%s", workdir, name);
}

static void remove_db(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	char p[700];
	for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++) {
		snprintf(p, sizeof p, "%s%s", path, sfx[i]);
		unlink(p);
	}
}

static sr_db *open_as(const char *path, const char *login, int flags)
{
	sr_db *db = NULL;
	char err[512] = "";
	if (sr_db_open(path, flags, &db, err, sizeof err) != SR_OK) {
		fprintf(stderr, "open %s: %s\n", path, err);
		return NULL;
	}
	if (login && sr_user_act_as(db, login) != SR_OK) {
		fprintf(stderr, "act as %s: %s\n", login, sr_db_message(db));
		sr_db_close(db);
		return NULL;
	}
	return db;
}

/* A fresh database with managers m01.. and consultants c01.., one card
 * for each consultant (cards[i] belongs to c<i+1>). */
static bool setup(const char *path, int writers, int64_t *cards)
{
	remove_db(path);
	sr_db *db = open_as(path, "admin", SR_OPEN_CREATE | SR_OPEN_MIGRATE);
	if (!db)
		return false;
	bool ok = true;
	for (int i = 0; i < writers && ok; i++) {
		char m[16], c[16], phone[16];
		snprintf(m, sizeof m, "m%02d", i + 1);
		snprintf(c, sizeof c, "c%02d", i + 1);
		snprintf(phone, sizeof phone, "1390000%04d", i + 1);
		ok = sr_user_add(db, m, "经理", SR_ROLE_MANAGER, SR_TEAM_SHOWROOM, NULL, NULL) ==
		             SR_OK &&
		     sr_user_add(db, c, "顾问", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM, NULL, NULL) ==
		             SR_OK;
		sr_card_filing f = { .name = "客户", .phone = phone, .channel = SR_CHANNEL_PHONE,
		                     .owner = c };
		ok = ok && sr_card_file(db, &f, &cards[i]) == SR_OK;
	}
	if (!ok)
		fprintf(stderr, "setup: %s\n", sr_db_message(db));
	sr_db_close(db);
	return ok;
}

/* --- the writer ---------------------------------------------------------------- */

/* Log one acknowledged write: "F id n", "T id n" or "E card n". */
static void ack(int fd, char kind, int64_t id, int n)
{
	char line[64];
	int len = snprintf(line, sizeof line, "%c %lld %d\n", kind, (long long)id, n);
	if (write(fd, line, (size_t)len) != len)
		_exit(3);
}

/* Writer w (0-based) as manager m<w+1> on card `card`: follow-ups, traffic
 * and card edits in turn, ops of them (forever when ops < 0). Exit 0 when
 * every call succeeded, 1 at the first error (printed). */
static int writer(const char *path, int w, int64_t card, int ops, const char *log, int start)
{
	char login[16];
	snprintf(login, sizeof login, "m%02d", w + 1);
	int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
	sr_db *db = fd >= 0 ? open_as(path, login, 0) : NULL;
	if (!db)
		return 1;
	for (int n = start; ops < 0 || n < start + ops; n++) {
		char text[32];
		snprintf(text, sizeof text, "w%d-%d", w, n);
		int64_t id = 0;
		sr_status st;
		switch (n % 3) {
		case 0: {
			sr_followup_input in = { .card_id = card, .method = SR_METHOD_PHONE,
			                         .content = text };
			st = sr_followup_add(db, &in, &id);
			if (st == SR_OK)
				ack(fd, 'F', id, n);
			break;
		}
		case 1: {
			sr_traffic_input in = { .kind = SR_TRAFFIC_CALL, .note = text };
			st = sr_traffic_add(db, &in, &id);
			if (st == SR_OK)
				ack(fd, 'T', id, n);
			break;
		}
		default: {
			sr_card c;
			st = sr_card_get(db, card, &c);
			sr_card_change ch = { "address", text };
			if (st == SR_OK)
				st = sr_card_edit(db, card, c.version, &ch, 1);
			if (st == SR_OK)
				ack(fd, 'E', card, n);
			break;
		}
		}
		if (st != SR_OK) {
			fprintf(stderr, "writer %d op %d: %s: %s\n", w, n, sr_status_text(st),
			        sr_db_message(db));
			sr_db_close(db);
			return 1;
		}
	}
	sr_db_close(db);
	close(fd);
	return 0;
}

/* --- checking ---------------------------------------------------------------- */

static long count_sql(sqlite3 *h, const char *sql, int64_t id, const char *text)
{
	sqlite3_stmt *q = NULL;
	long n = -1;
	if (sqlite3_prepare_v2(h, sql, -1, &q, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_text(q, 2, text, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(q) == SQLITE_ROW)
			n = sqlite3_column_int64(q, 0);
	}
	sqlite3_finalize(q);
	return n;
}

static bool integrity_ok(sqlite3 *h)
{
	sqlite3_stmt *q = NULL;
	bool ok = false;
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		ok = strcmp((const char *)sqlite3_column_text(q, 0), "ok") == 0;
	sqlite3_finalize(q);
	return ok;
}

struct tally {
	long acked, missing;
	char first_missing[96];
};

/* Every acknowledged write of writer w is in the database. The card's
 * address must be the last acknowledged edit or a later one of the same
 * writer (committed, then killed before its log line). */
static void check_log(sqlite3 *h, const char *log, int w, int64_t card, struct tally *t)
{
	FILE *f = fopen(log, "r");
	if (!f)
		return;
	char kind;
	long long id;
	int n, last_edit = -1;
	while (fscanf(f, " %c %lld %d", &kind, &id, &n) == 3) {
		char text[32];
		snprintf(text, sizeof text, "w%d-%d", w, n);
		long found = 0;
		t->acked++;
		if (kind == 'F')
			found = count_sql(h, "SELECT count(*) FROM followups WHERE id = ?1 AND content = ?2",
			                  id, text);
		else if (kind == 'T')
			found = count_sql(h, "SELECT count(*) FROM traffic WHERE id = ?1 AND note = ?2",
			                  id, text);
		else
			found = 1, last_edit = n;
		if (found != 1 && t->missing++ == 0)
			snprintf(t->first_missing, sizeof t->first_missing, "%c %lld %s", kind, id, text);
	}
	fclose(f);
	if (last_edit < 0)
		return;
	sqlite3_stmt *q = NULL;
	int have = -1, hw = -1;
	if (sqlite3_prepare_v2(h, "SELECT address FROM cards WHERE id = ?1", -1, &q, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_int64(q, 1, card);
		if (sqlite3_step(q) == SQLITE_ROW)
			sscanf((const char *)sqlite3_column_text(q, 0), "w%d-%d", &hw, &have);
	}
	sqlite3_finalize(q);
	if ((hw != w || have < last_edit) && t->missing++ == 0)
		snprintf(t->first_missing, sizeof t->first_missing,
		         "card %lld address w%d-%d, acknowledged w%d-%d", (long long)card, hw, have, w,
		         last_edit);
}

static bool check_all(const char *path, int writers, const int64_t *cards, struct tally *t,
                      bool *sound)
{
	sqlite3 *h = NULL;
	memset(t, 0, sizeof *t);
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return false;
	}
	for (int w = 0; w < writers; w++) {
		char log[600], name[32];
		snprintf(name, sizeof name, "w%02d.log", w);
		path_in(log, sizeof log, name);
		check_log(h, log, w, cards[w], t);
	}
	*sound = integrity_ok(h);
	sqlite3_close(h);
	return true;
}

static void remove_logs(int writers)
{
	for (int w = 0; w < writers; w++) {
		char log[600], name[32];
		snprintf(name, sizeof name, "w%02d.log", w);
		path_in(log, sizeof log, name);
		unlink(log);
	}
}

/* start numbers the writes (round * 100000 in the crash test) so that
 * each write's text is unique over all rounds. */
static pid_t spawn_writer(const char *path, int w, int64_t card, int ops, int start)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		char log[600], name[32];
		snprintf(name, sizeof name, "w%02d.log", w);
		path_in(log, sizeof log, name);
		_exit(writer(path, w, card, ops, log, start));
	}
	return pid;
}

static void check_print(void *ctx, const char *kind, const char *text)
{
	(void)ctx;
	fprintf(stderr, "check: %s: %s\n", kind, text);
}

/* --- concurrency ----------------------------------------------------------------- */

enum { CONC_WRITERS = 16, CONC_OPS = 24 };

static bool backup_sound(const char *backup, const char *target, long *cards_out,
                         long *writes_out)
{
	/* Restore the backup into a fresh database, then check it. */
	int64_t dummy[1];
	if (!setup(target, 1, dummy))
		return false;
	sr_db *db = open_as(target, "admin", 0);
	if (!db)
		return false;
	bool ok = sr_db_restore(db, backup) == SR_OK;
	if (!ok)
		fprintf(stderr, "restore: %s\n", sr_db_message(db));
	long problems = -1;
	if (ok) {
		sr_user_act_as(db, "admin");
		ok = sr_db_check(db, check_print, NULL, &problems) == SR_OK && problems == 0;
	}
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(sr_db_handle(db),
	                       "SELECT (SELECT count(*) FROM cards),"
	                       " (SELECT count(*) FROM followups) + (SELECT count(*) FROM traffic)",
	                       -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW) {
		*cards_out = sqlite3_column_int64(q, 0);
		*writes_out = sqlite3_column_int64(q, 1);
	}
	sqlite3_finalize(q);
	sr_db_close(db);
	return ok;
}

static void test_concurrency(void)
{
	char path[600], backup[600], target[600];
	path_in(path, sizeof path, "conc.db");
	/* Backups never go into the database's folder (userfile.h). */
	path_in(backup, sizeof backup, "backups/conc-backup.db");
	path_in(target, sizeof target, "conc-restored.db");
	int64_t cards[CONC_WRITERS];
	remove_logs(CONC_WRITERS);
	if (!setup(path, CONC_WRITERS, cards)) {
		result("concurrency", false, "setup failed");
		return;
	}
	pid_t pids[CONC_WRITERS];
	for (int w = 0; w < CONC_WRITERS; w++)
		pids[w] = spawn_writer(path, w, cards[w], CONC_OPS, 0);
	/* A backup while they write. */
	usleep(150000);
	sr_db *db = open_as(path, "admin", 0);
	unlink(backup);
	bool backed = db && sr_db_backup(db, backup, NULL) == SR_OK;
	if (db && !backed)
		fprintf(stderr, "backup: %s\n", sr_db_message(db));
	sr_db_close(db);
	int errors = 0;
	for (int w = 0; w < CONC_WRITERS; w++) {
		int status = 0;
		waitpid(pids[w], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			errors++;
	}
	struct tally t;
	bool sound = false;
	bool read = check_all(path, CONC_WRITERS, cards, &t, &sound);
	result("concurrency", read && errors == 0 && t.missing == 0 && sound &&
	                              t.acked == CONC_WRITERS * CONC_OPS,
	       "%d writers, %ld acknowledged writes (%d expected), %ld missing%s%s, %d writers saw "
	       "an error, integrity %s",
	       CONC_WRITERS, t.acked, CONC_WRITERS * CONC_OPS, t.missing, t.missing ? ": " : "",
	       t.first_missing, errors, sound ? "ok" : "FAILED");
	long restored_cards = 0, restored_writes = 0;
	bool bok = backed && backup_sound(backup, target, &restored_cards, &restored_writes);
	result("backup-during-writes", bok && restored_cards == CONC_WRITERS,
	       "backup taken while %d writers ran restores to a sound database (check ok) with "
	       "%ld cards and %ld follow-ups and traffic rows (of %d at the end)",
	       CONC_WRITERS, restored_cards, restored_writes, CONC_WRITERS * CONC_OPS * 2 / 3);
}

/* --- crash ------------------------------------------------------------------------ */

enum { CRASH_WRITERS = 6, CRASH_ROUNDS = 25 };

static void test_crash(unsigned seed)
{
	char path[600];
	path_in(path, sizeof path, "crash.db");
	int64_t cards[CRASH_WRITERS];
	remove_logs(CRASH_WRITERS);
	if (!setup(path, CRASH_WRITERS, cards)) {
		result("crash", false, "setup failed");
		return;
	}
	srand(seed);
	long missing = 0;
	int unsound = 0;
	struct tally t = { 0 };
	for (int round = 0; round < CRASH_ROUNDS; round++) {
		pid_t pids[CRASH_WRITERS];
		for (int w = 0; w < CRASH_WRITERS; w++)
			pids[w] = spawn_writer(path, w, cards[w], -1, round * 100000);
		/* Let them write, then kill each at its own random moment. */
		for (int w = 0; w < CRASH_WRITERS; w++) {
			usleep((useconds_t)(rand() % 60000));
			kill(pids[w], SIGKILL);
		}
		for (int w = 0; w < CRASH_WRITERS; w++)
			waitpid(pids[w], NULL, 0);
		bool sound = false;
		if (!check_all(path, CRASH_WRITERS, cards, &t, &sound) || !sound)
			unsound++;
		missing = t.missing;
		if (missing) {
			fprintf(stderr, "round %d: first missing %s\n", round, t.first_missing);
			break;
		}
	}
	result("crash", missing == 0 && unsound == 0 && t.acked > 0,
	       "%d rounds of %d writers killed with SIGKILL at random moments; %ld acknowledged "
	       "writes, %ld missing; integrity %s after every round",
	       CRASH_ROUNDS, CRASH_WRITERS, t.acked, missing, unsound ? "FAILED" : "ok");
}

/* --- power loss: a fault-injecting VFS ------------------------------------------------- */

#include "powerloss.h"

static void test_powerloss(unsigned seed)
{
	char path[600];
	path_in(path, sizeof path, "power.db");
	long acked_full = 0, lost_full = 0, bad_full = 0, lost_off = 0, acked_off = 0;
	int rounds = 12;
	for (int r = 0; r < rounds; r++) {
		struct pl_result full = pl_round(path, true, seed + (unsigned)r);
		acked_full += full.acked;
		lost_full += full.lost;
		bad_full += !full.sound || full.error;
	}
	for (int r = 0; r < 4; r++) {
		struct pl_result off = pl_round(path, false, seed + 100u + (unsigned)r);
		acked_off += off.acked;
		lost_off += off.lost;
	}
	result("powerloss", lost_full == 0 && bad_full == 0 && acked_full > 0,
	       "synchronous=FULL: %d power losses at random writes, %ld acknowledged commits, "
	       "%ld lost, %ld unsound or failed rounds",
	       rounds, acked_full, lost_full, bad_full);
	result("powerloss-negative-control", lost_off > 0,
	       "synchronous=OFF: %ld of %ld acknowledged commits lost (the test can fail)", lost_off,
	       acked_off);
}

/* --- disk full --------------------------------------------------------------------- */

static void test_diskfull(void)
{
	char path[600];
	path_in(path, sizeof path, "full.db");
	int64_t cards[1];
	if (!setup(path, 1, cards)) {
		result("diskfull", false, "setup failed");
		return;
	}
	sr_db *db = open_as(path, "m01", 0);
	if (!db) {
		result("diskfull", false, "open failed");
		return;
	}
	sqlite3 *h = sr_db_handle(db);
	/* Room for a few pages more, then no more: as a full disk. */
	sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	sqlite3_stmt *q = NULL;
	long pages = 0;
	if (sqlite3_prepare_v2(h, "PRAGMA page_count", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		pages = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA max_page_count = %ld", pages + 3);
	sqlite3_exec(h, pragma, NULL, NULL, NULL);
	long acked = 0;
	sr_status st = SR_OK;
	int64_t ids[4096];
	static char note[400];
	memset(note, 'x', sizeof note - 1);
	while (st == SR_OK && acked < 4096) {
		sr_traffic_input in = { .kind = SR_TRAFFIC_CALL, .note = note };
		st = sr_traffic_add(db, &in, &ids[acked]);
		if (st == SR_OK)
			acked++;
	}
	char msg[512];
	snprintf(msg, sizeof msg, "%s", sr_db_message(db));
	/* A backup to another disk while this one is full: it stands, and
	 * says that its audit row could not be written. Rows the size of a
	 * backup's audit row fill what room the pages still had. */
	for (int i = 0; i < 100000; i++)
		if (sqlite3_exec(h,
		                 "INSERT INTO audit(at, user_id, action, entity)"
		                 " VALUES ('2026-03-02 10:00:00', 1, 'backup', 'database')",
		                 NULL, NULL, NULL) != SQLITE_OK)
			break;
	char backup[600], bmsg[512];
	path_in(backup, sizeof backup, "backups/full-backup.db");
	bool audited = true;
	sr_user_act_as(db, "m01");
	sr_status bst = sr_db_backup(db, backup, &audited);
	snprintf(bmsg, sizeof bmsg, "%s", sr_db_message(db));
	sr_db_close(db);
	sr_db *copy = open_as(backup, "admin", 0);
	long copy_problems = -1;
	if (copy)
		sr_db_check(copy, check_print, NULL, &copy_problems);
	sr_db_close(copy);
	result("backup-diskfull",
	       bst == SR_OK && !audited && strstr(bmsg, "audit") && copy_problems == 0,
	       "backup while the database's disk is full: %s, audited %s, \"%s\", copy check %s",
	       sr_status_text(bst), audited ? "yes" : "no", bmsg,
	       copy_problems == 0 ? "ok" : "FAILED");
	bool says_full = strstr(msg, "full") != NULL;
	/* Reopen without the limit: everything stored is there and sound. */
	db = open_as(path, "admin", 0);
	long problems = -1, present = 0;
	if (db) {
		sr_db_check(db, check_print, NULL, &problems);
		for (long i = 0; i < acked; i++) {
			sr_traffic tr;
			present += sr_traffic_get(db, ids[i], &tr) == SR_OK;
		}
		/* And the database takes writes again once there is room. */
		sr_traffic_input in = { .kind = SR_TRAFFIC_CALL, .note = "after" };
		int64_t id;
		if (sr_user_act_as(db, "m01") != SR_OK || sr_traffic_add(db, &in, &id) != SR_OK)
			problems++;
	}
	sr_db_close(db);
	result("diskfull", st == SR_IO && says_full && problems == 0 && present == acked,
	       "%ld writes before the database was full; then %s: \"%s\"; %ld of %ld stored "
	       "writes present, check %s",
	       acked, sr_status_text(st), msg, present, acked, problems == 0 ? "ok" : "FAILED");
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : NULL;
	bool own_dir_given = false;
	if (dir && *dir && strchr(dir, '/')) {
		own_dir_given = true;
		snprintf(workdir, sizeof workdir, "%s", dir);
		argc--, argv++;
	} else {
		snprintf(workdir, sizeof workdir, "%s/showroom-fault-XXXXXX",
		         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if (!mkdtemp(workdir)) {
			perror("mkdtemp");
			return 2;
		}
	}
	char backups[600];
	path_in(backups, sizeof backups, "backups");
	mkdir(backups, 0700);
	unsigned seed = (unsigned)time(NULL);
	if (getenv("FAULT_SEED"))
		seed = (unsigned)strtoul(getenv("FAULT_SEED"), NULL, 10);
	printf("fault tests in %s, seed %u (FAULT_SEED=%u to repeat)\n", workdir, seed, seed);
	bool all = argc < 2;
	for (int i = all ? 0 : 1; all ? i < 1 : i < argc; i++) {
		const char *t = all ? NULL : argv[i];
		if (!t || !strcmp(t, "concurrency"))
			test_concurrency();
		if (!t || !strcmp(t, "crash"))
			test_crash(seed);
		if (!t || !strcmp(t, "powerloss"))
			test_powerloss(seed);
		if (!t || !strcmp(t, "diskfull"))
			test_diskfull();
	}
	/* Kept for a look when something failed; removed otherwise. */
	if (!failed && !own_dir_given) {
		static const char *const dbs[] = { "conc.db", "backups/conc-backup.db",
		                                   "conc-restored.db", "crash.db", "power.db",
		                                   "full.db", "backups/full-backup.db" };
		char p[700];
		for (size_t i = 0; i < sizeof dbs / sizeof *dbs; i++) {
			path_in(p, sizeof p, dbs[i]);
			remove_db(p);
		}
		remove_logs(CONC_WRITERS);
		path_in(p, sizeof p, "backups");
		rmdir(p);
		rmdir(workdir);
	} else if (failed) {
		printf("the databases and writer logs are kept in %s\n", workdir);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
