/* test_userfile.c — files a user names never reach the books (issue 12),
 * and only a missing file becomes a new database. The shared install's
 * own test, with real Unix users, is tests/cli/test_setgid.sh; these
 * check the same rules in one process, without root. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"

static long file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

static int file_mode(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (int)(sb.st_mode & 07777) : -1;
}

/* A file of the user's with this text, at fx_out(name) (copied into path). */
static void user_file(char *path, size_t len, const char *name, const char *text)
{
	snprintf(path, len, "%s", fx_out(name));
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* The names in the output folder that hold "tmp-": leftovers. */
static int temp_files_left(void)
{
	char cmd[700];
	snprintf(cmd, sizeof cmd, "ls -a '%s' | grep -c 'tmp-'", fx_out(""));
	FILE *p = popen(cmd, "r");
	int n = -1;
	if (p) {
		if (fscanf(p, "%d", &n) != 1)
			n = -1;
		pclose(p);
	}
	return n;
}

TEST(userfile_refuses_the_database_folder_and_file)
{
	fx_open();
	fx_card("c1", SR_CHANNEL_WALKIN, 0);
	long before = file_size(fx_path());
	char beside[600], link[600];
	snprintf(beside, sizeof beside, "%s.csv", fx_path());
	fx_as("mgr");
	sr_export_options o = { 0 };
	CHECK_REFUSED(sr_export_file(unit_db, SR_EXPORT_CARDS, &o, fx_path(), NULL), SR_PERM,
	              "database");
	CHECK_REFUSED(sr_export_file(unit_db, SR_EXPORT_CARDS, &o, beside, NULL), SR_PERM,
	              "folder");
	CHECK(access(beside, F_OK) != 0);
	CHECK_REFUSED(sr_db_backup(unit_db, fx_path(), NULL), SR_PERM, "database");
	/* A name elsewhere that leads to the database is the database. */
	snprintf(link, sizeof link, "%s", fx_out("books.db"));
	CHECK(symlink(fx_path(), link) == 0);
	CHECK_REFUSED(sr_db_backup(unit_db, link, NULL), SR_PERM, "database itself");
	CHECK_EQ_INT(file_size(fx_path()), before);
	/* Each refusal is in the audit trail. */
	CHECK(fx_q("SELECT count(*) FROM audit WHERE action = 'refused'") >= 4);
}

TEST(userfile_export_checks_the_right_before_touching_a_file)
{
	fx_open();
	char out[600];
	user_file(out, sizeof out, "cards.csv", "the user's own file\n");
	fx_as("c1");
	sr_export_options o = { 0 };
	CHECK_STATUS(sr_export_file(unit_db, SR_EXPORT_CARDS, &o, out, NULL), SR_PERM);
	CHECK_EQ_INT(file_size(out), 20);
	CHECK_EQ_INT(temp_files_left(), 0);
	fx_as("rec");
	CHECK_STATUS(sr_db_backup(unit_db, out, NULL), SR_PERM);
	CHECK_EQ_INT(file_size(out), 20);
	CHECK_EQ_INT(temp_files_left(), 0);
}

TEST(userfile_replaces_a_link_at_the_name_never_writes_through_it)
{
	fx_open();
	fx_card("c1", SR_CHANNEL_WALKIN, 0);
	char victim[600];
	user_file(victim, sizeof victim, "victim.txt", "keep me\n");
	char link[600];
	snprintf(link, sizeof link, "%s", fx_out("out.csv"));
	CHECK(symlink(victim, link) == 0);
	fx_as("mgr");
	sr_export_options o = { 0 };
	long rows = 0;
	CHECK_OK(sr_export_file(unit_db, SR_EXPORT_CARDS, &o, link, &rows));
	CHECK_EQ_INT(rows, 1);
	CHECK_EQ_INT(file_size(victim), 8);
	struct stat sb;
	CHECK(lstat(link, &sb) == 0 && S_ISREG(sb.st_mode));
	CHECK_EQ_INT(temp_files_left(), 0);
}

TEST(userfile_outputs_are_private_whatever_the_umask)
{
	fx_open();
	fx_card("c1", SR_CHANNEL_WALKIN, 0);
	mode_t old = umask(022);
	fx_as("mgr");
	sr_export_options o = { .format = SR_EXPORT_XLSX };
	CHECK_OK(sr_export_file(unit_db, SR_EXPORT_CARDS, &o, fx_out("cards.xlsx"), NULL));
	o.format = SR_EXPORT_CSV;
	CHECK_OK(sr_export_file(unit_db, SR_EXPORT_CARDS, &o, fx_out("cards.csv"), NULL));
	CHECK_OK(sr_db_backup(unit_db, fx_out("b.db"), NULL));
	umask(old);
	CHECK_EQ_INT(file_mode(fx_out("cards.xlsx")), 0600);
	CHECK_EQ_INT(file_mode(fx_out("cards.csv")), 0600);
	CHECK_EQ_INT(file_mode(fx_out("b.db")), 0600);
}

TEST(userfile_failed_export_leaves_no_file_and_the_old_one)
{
	fx_open();
	fx_as("mgr");
	sr_export_options o = { .from = "2026-13-01" };
	char out[600];
	user_file(out, sizeof out, "keep.csv", "old\n");
	CHECK_STATUS(sr_export_file(unit_db, SR_EXPORT_CARDS, &o, out, NULL), SR_BADINPUT);
	CHECK_EQ_INT(file_size(out), 4);
	CHECK_STATUS(sr_export_file(unit_db, SR_EXPORT_CARDS, NULL, fx_out("no/such/x.csv"), NULL),
	             SR_IO);
	CHECK_EQ_INT(temp_files_left(), 0);
}

TEST(userfile_export_audited_after_the_file_is_in_place)
{
	fx_open();
	fx_card("c1", SR_CHANNEL_WALKIN, 0);
	fx_as("dir");
	int64_t before = fx_q("SELECT count(*) FROM audit WHERE action = 'export'");
	sr_export_options o = { 0 };
	CHECK_OK(sr_export_file(unit_db, SR_EXPORT_CARDS, &o, fx_out("c.csv"), NULL));
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE action = 'export'"), before + 1);
	CHECK(file_size(fx_out("c.csv")) > 0);
}

/* --- only a missing file becomes a database ------------------------------------------------------ */

static sr_status open_path(const char *path, int flags, char *err, size_t len)
{
	sr_db *db = NULL;
	sr_status st = sr_db_open(path, flags, &db, err, len);
	sr_db_close(db);
	return st;
}

TEST(open_refuses_an_empty_file_even_for_init)
{
	char path[600], err[512] = "";
	fx_open();
	snprintf(path, sizeof path, "%s", fx_out("empty.db"));
	int fd = open(path, O_CREAT | O_WRONLY, 0600);
	CHECK(fd >= 0);
	close(fd);
	CHECK_EQ_INT(open_path(path, SR_OPEN_MIGRATE, err, sizeof err), SR_IO);
	CHECK(strstr(err, "not a showroom database") != NULL);
	CHECK(strstr(err, "empty") != NULL);
	CHECK_EQ_INT(open_path(path, SR_OPEN_CREATE | SR_OPEN_MIGRATE, err, sizeof err), SR_IO);
	CHECK(strstr(err, "not a showroom database") != NULL);
	CHECK_EQ_INT(file_size(path), 0);
}

TEST(open_refuses_foreign_files)
{
	char path[600], err[512] = "";
	fx_open();
	user_file(path, sizeof path, "text.db", "name,phone\n张三,13800138000\n");
	CHECK_EQ_INT(open_path(path, SR_OPEN_CREATE | SR_OPEN_MIGRATE, err, sizeof err), SR_IO);
	CHECK(strstr(err, "not an SQLite file") != NULL);
	snprintf(path, sizeof path, "%s", fx_out("other.db"));
	sqlite3 *h = NULL;
	CHECK(sqlite3_open(path, &h) == SQLITE_OK);
	CHECK(sqlite3_exec(h, "CREATE TABLE t(x); PRAGMA user_version = 3", NULL, NULL, NULL) ==
	      SQLITE_OK);
	sqlite3_close(h);
	CHECK_EQ_INT(open_path(path, SR_OPEN_MIGRATE, err, sizeof err), SR_IO);
	CHECK(strstr(err, "another program") != NULL);
	/* Nothing was added to it. */
	CHECK(sqlite3_open(path, &h) == SQLITE_OK);
	sqlite3_stmt *q = NULL;
	int tables = -1;
	if (sqlite3_prepare_v2(h, "SELECT count(*) FROM sqlite_master", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		tables = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(h);
	CHECK_EQ_INT(tables, 1);
}

TEST(open_marks_and_knows_its_own_databases)
{
	fx_open();
	CHECK_EQ_INT(fx_q("PRAGMA application_id"), 0x53524442);
	/* A database made before the mark opens, and gets it. */
	CHECK_EQ_INT(fx_sql("PRAGMA application_id = 0", NULL, 0), 0);
	char err[512] = "";
	sr_db *db = NULL;
	CHECK_OK(sr_db_open(fx_path(), SR_OPEN_MIGRATE, &db, err, sizeof err));
	sr_db_close(db);
	CHECK_EQ_INT(fx_q("PRAGMA application_id"), 0x53524442);
}
