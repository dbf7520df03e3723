/* fixture.c — a fresh database with the standard staff for each test, and
 * short helpers that build cards in a given state. Helpers act as admin (or
 * as the card's owner where the rule is the owner's) and give the actor back
 * afterwards, so a test reads as "as c1, do X". */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"

static char db_dir[512], out_dir[520], db_path[540];
static unsigned phone_seq;

static const struct {
	const char *login, *name;
	sr_role role;
	sr_team team;
} staff[] = {
	{"mgr", "王经理", SR_ROLE_MANAGER, SR_TEAM_SHOWROOM},
	{"dir", "赵总监", SR_ROLE_DIRECTOR, SR_TEAM_SHOWROOM},
	{"c1", "李顾问", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM},
	{"c2", "陈顾问", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM},
	{"rec", "刘前台", SR_ROLE_RECEPTIONIST, SR_TEAM_SHOWROOM},
	{"d1", "周呼出", SR_ROLE_DCC_OUTBOUND, SR_TEAM_DCC},
	{"d2", "吴呼入", SR_ROLE_DCC_INBOUND, SR_TEAM_DCC},
	{"svc", "郑客服", SR_ROLE_SERVICE, SR_TEAM_SHOWROOM},
};

sr_db *fx_open(void)
{
	char err[512] = "";
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	/* The database alone in its folder, as installed; files the tests
	 * write (exports, backups) go to a folder beside it (fx_out). */
	snprintf(db_dir, sizeof db_dir, "%s/showroom-unit-XXXXXX", dir);
	if (!mkdtemp(db_dir))
		unit_fail(__FILE__, __LINE__, "mkdtemp %s failed", db_dir);
	snprintf(out_dir, sizeof out_dir, "%s.out", db_dir);
	if (mkdir(out_dir, 0700) != 0)
		unit_fail(__FILE__, __LINE__, "mkdir %s failed", out_dir);
	snprintf(db_path, sizeof db_path, "%s/unit.db", db_dir);
	sr_status st = sr_db_open(db_path, SR_OPEN_CREATE | SR_OPEN_MIGRATE, &unit_db, err,
	                          sizeof err);
	if (st != SR_OK)
		unit_fail(__FILE__, __LINE__, "sr_db_open: %s: %s", unit_status_name(st), err);
	fx_now("2026-03-02 10:00");
	fx_as("admin");
	for (size_t i = 0; i < sizeof staff / sizeof staff[0]; i++)
		CHECK_OK(sr_user_add(unit_db, staff[i].login, staff[i].name, staff[i].role,
		                     staff[i].team, NULL, NULL));
	return unit_db;
}

const char *fx_path(void)
{
	return db_path;
}

const char *fx_out(const char *name)
{
	static char path[600];
	snprintf(path, sizeof path, "%s/%s", out_dir, name);
	return path;
}

/* A folder of the fixture and the files in it (it has no subfolders). */
static void remove_folder(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		char p[800];
		while ((e = readdir(d)) != NULL) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(dir);
}

void fx_cleanup(void)
{
	if (unit_db) {
		sr_db_close(unit_db);
		unit_db = NULL;
	}
	if (*db_path) {
		remove_folder(db_dir);
		remove_folder(out_dir);
		*db_path = '\0';
	}
}

void fx_as(const char *login)
{
	CHECK_OK(sr_user_act_as(unit_db, login));
}

void fx_actor(char *out)
{
	sr_user u;
	*out = '\0';
	if (sr_user_actor(unit_db, &u) == SR_OK)
		snprintf(out, SR_LOGIN_MAX, "%s", u.login);
}

/* Act as someone for one helper, then give the actor back. */
#define AS(login, body)                          \
	do {                                     \
		char saved_[SR_LOGIN_MAX];       \
		fx_actor(saved_);                \
		fx_as(login);                    \
		body;                            \
		if (*saved_)                     \
			fx_as(saved_);           \
	} while (0)

void fx_now(const char *when)
{
	sr_time t;
	if (!sr_time_parse(when, &t))
		unit_fail(__FILE__, __LINE__, "fx_now: bad time %s", when);
	sr_db_set_now(unit_db, t);
}

void fx_date(int days, char out[SR_DATE_LEN])
{
	sr_date_format(sr_db_today(unit_db) + days, out);
}

static sqlite3_stmt *prepare(const char *sql)
{
	sqlite3_stmt *st = NULL;
	sqlite3 *h = sr_db_handle(unit_db);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		unit_fail(__FILE__, __LINE__, "SQL error: %s in: %s", sqlite3_errmsg(h), sql);
	return st;
}

int64_t fx_q(const char *fmt, ...)
{
	char sql[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	sqlite3_stmt *st = prepare(sql);
	int64_t v = 0;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		unit_fail(__FILE__, __LINE__, "SQL step failed: %s", sql);
	return v;
}

void fx_qs(char *out, size_t outlen, const char *fmt, ...)
{
	char sql[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	sqlite3_stmt *st = prepare(sql);
	*out = '\0';
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, outlen, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

int fx_sql(const char *sql, char *err, size_t errlen)
{
	char *msg = NULL;
	int rc = sqlite3_exec(sr_db_handle(unit_db), sql, NULL, NULL, &msg);
	if (err && errlen)
		snprintf(err, errlen, "%s", msg ? msg : "");
	sqlite3_free(msg);
	return rc;
}

/* FNV-1a over every value of every row of every table, with type tags. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ull;
	}
	return h;
}

uint64_t fx_hash(void)
{
	uint64_t h = 14695981039346656037ull;
	/* A table WITHOUT ROWID (card_grams) is ordered by its key. */
	sqlite3_stmt *tables = prepare("SELECT name, sql LIKE '%WITHOUT ROWID%' FROM sqlite_master"
	                               " WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	                               " ORDER BY name");
	while (sqlite3_step(tables) == SQLITE_ROW) {
		char sql[256];
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		h = fnv(h, name, strlen(name) + 1);
		/* A refusal leaves its own audit row (on purpose): the data
		 * it refused to change is what must stay equal. Tables without
		 * a rowid are ordered by their key. */
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"%s ORDER BY %s", name,
		         strcmp(name, "audit") == 0
		                 ? " WHERE action NOT IN ('refused', 'login-failed', 'login-locked')"
		                 : "",
		         sqlite3_column_int(tables, 1) ? "1, 2" : "rowid");
		sqlite3_stmt *rows = prepare(sql);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			int n = sqlite3_column_count(rows);
			for (int i = 0; i < n; i++) {
				unsigned char type = (unsigned char)sqlite3_column_type(rows, i);
				const void *v = sqlite3_column_blob(rows, i);
				int len = sqlite3_column_bytes(rows, i);
				h = fnv(h, &type, 1);
				if (v)
					h = fnv(h, v, (size_t)len);
			}
			h = fnv(h, "\n", 1);
		}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(tables);
	return h;
}

void fx_get(int64_t id, sr_card *out)
{
	AS("admin", CHECK_OK(sr_card_get(unit_db, id, out)));
}

const char *fx_phone(void)
{
	static char ring[64][SR_PHONE_MAX];
	char *p = ring[phone_seq % 64];
	snprintf(p, SR_PHONE_MAX, "139%08u", 10000000u + phone_seq);
	phone_seq++;
	return p;
}

void fx_filing(sr_card_filing *f, const char *owner, sr_channel ch, int days_ago)
{
	static char ats[64][SR_TIME_LEN];
	static unsigned at_seq;
	char *at = ats[at_seq++ % 64];
	char day[SR_DATE_LEN];
	memset(f, 0, sizeof *f);
	f->name = "张三";
	f->phone = fx_phone();
	f->channel = ch;
	f->owner = owner;
	fx_date(-days_ago, day);
	snprintf(at, SR_TIME_LEN, "%s 09:00:00", day);
	f->at = at;
}

int64_t fx_file(const sr_card_filing *f)
{
	int64_t id = 0;
	AS("admin", CHECK_OK(sr_card_file(unit_db, f, &id)));
	CHECK(id > 0);
	return id;
}

int64_t fx_card(const char *owner, sr_channel ch, int days_ago)
{
	sr_card_filing f;
	fx_filing(&f, owner, ch, days_ago);
	return fx_file(&f);
}

void fx_order(int64_t id)
{
	sr_order_input o = {.deposit_cents = 500000};
	AS("admin", CHECK_OK(sr_order_add(unit_db, id, &o, NULL)));
}

void fx_sold(int64_t id)
{
	fx_order(id);
	AS("admin", CHECK_OK(sr_order_deliver(unit_db, id)));
}

void fx_lost(int64_t id)
{
	sr_card c;
	fx_get(id, &c);
	AS(c.owner_login, CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_COMPETITOR, "买了别家")));
	AS("mgr", CHECK_OK(sr_loss_confirm(unit_db, id)));
}

void fx_dormant(int64_t id)
{
	AS("admin", CHECK_OK(sr_card_dormant(unit_db, id)));
}

int64_t fx_followup(int64_t id, sr_method m)
{
	int64_t fid = 0;
	sr_followup_input in = {.card_id = id, .method = m, .content = "联系客户"};
	AS("admin", CHECK_OK(sr_followup_add(unit_db, &in, &fid)));
	return fid;
}

int64_t fx_traffic(sr_traffic_kind kind, const char *consultant)
{
	int64_t tid = 0;
	sr_traffic_input in = {.kind = kind, .consultant = consultant};
	AS("rec", CHECK_OK(sr_traffic_add(unit_db, &in, &tid)));
	CHECK(tid > 0);
	return tid;
}
