/* test_import.c — the lead importer: distribution, rejects with their
 * lines, GB18030 cut across read chunks, dry runs, re-imports. */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

struct rej {
	int n;
	int64_t lines[16];
	char reasons[16][256];
};

static void on_rej(void *ctx, int64_t line, const char *reason, const char *const *fields,
                   size_t n)
{
	struct rej *r = ctx;
	(void)fields;
	(void)n;
	if (r->n < 16) {
		r->lines[r->n] = line;
		snprintf(r->reasons[r->n], sizeof r->reasons[0], "%s", reason);
	}
	r->n++;
}

static sr_status run(const char *text, size_t len, const sr_import_options *o,
                     sr_import_summary *s, struct rej *r)
{
	FILE *f = fmemopen((void *)text, len, "rb");
	CHECK(f != NULL);
	sr_status st = sr_import_csv(unit_db, o, f, s, on_rej, r, NULL, NULL);
	fclose(f);
	return st;
}

static sr_status run_text(const char *text, const char *source, sr_import_summary *s,
                          struct rej *r)
{
	sr_import_options o = { .name = "t.csv", .source = source };
	return run(text, strlen(text), &o, s, r);
}

TEST(import_round_robin_continues_across_imports)
{
	fx_open();
	fx_as("mgr");
	sr_import_summary s;
	struct rej r = { 0 };
	CHECK_OK(run_text("姓名,手机\nA,13900000001\nB,13900000002\nC,13900000003\n", "autohome",
	                  &s, &r));
	CHECK_EQ_INT(s.filed, 3);
	CHECK_OK(run_text("姓名,手机\nD,13900000004\n", "autohome", &s, &r));
	char owners[64];
	fx_qs(owners, sizeof owners, "SELECT group_concat(login) FROM (SELECT u.login FROM cards c"
	      " JOIN users u ON u.id = c.owner_id ORDER BY c.id)");
	CHECK_EQ_STR(owners, "d1,d2,d1,d2");
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM assignments WHERE reason = 'import'"), 4);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE action = 'import'"), 2);
	CHECK_EQ_INT(r.n, 0);
}

TEST(import_refused_without_assign_right)
{
	fx_open();
	fx_as("d1");
	sr_import_summary s;
	struct rej r = { 0 };
	CHECK_REFUSED(run_text("姓名,手机\nA,13900000001\n", "autohome", &s, &r), SR_PERM,
	              "permission");
}

TEST(import_without_phone_column_reads_nothing)
{
	fx_open();
	fx_as("mgr");
	sr_import_summary s;
	struct rej r = { 0 };
	CHECK_REFUSED(run_text("姓名,地址\nA,x\n", "autohome", &s, &r), SR_BADINPUT,
	              "no phone column");
	CHECK_REFUSED(run_text("", "autohome", &s, &r), SR_BADINPUT, "no header");
}

TEST(import_rejects_name_lines_physically)
{
	fx_open();
	fx_as("mgr");
	sr_import_summary s;
	struct rej r = { 0 };
	/* Line 3 holds a quoted newline: the next record starts on line 4. */
	CHECK_OK(run_text("name,phone,note\r\n"
	                  "A,13900000001,\"one\r\ntwo\"\r\n"
	                  "B,,x\r\n"
	                  "\r\n"
	                  "C,13900000003,\"unterminated\r\n", "autohome", &s, &r));
	CHECK_EQ_INT(s.filed, 1);
	CHECK_EQ_INT(r.n, 2);
	CHECK_EQ_INT(r.lines[0], 4);
	CHECK(unit_contains(r.reasons[0], "no phone"));
	CHECK_EQ_INT(r.lines[1], 6);
	CHECK(unit_contains(r.reasons[1], "broken quoting"));
	CHECK(s.broken);
}

TEST(import_unknown_source_rejects_the_row)
{
	fx_open();
	fx_as("mgr");
	sr_import_summary s;
	struct rej r = { 0 };
	CHECK_OK(run_text("姓名,手机,来源\nA,13900000001,nowhere\nB,13900000002,易车网\n", NULL,
	                  &s, &r));
	CHECK_EQ_INT(s.filed, 1);
	CHECK_EQ_INT(r.n, 1);
	CHECK(unit_contains(r.reasons[0], "nowhere"));
}

TEST(import_dry_run_writes_nothing)
{
	fx_open();
	fx_as("mgr");
	sr_import_summary s;
	struct rej r = { 0 };
	sr_import_options o = { .name = "t.csv", .source = "autohome", .dry_run = true };
	const char *t = "姓名,手机\nA,13900000001\nB,13900000002\n";
	uint64_t h = fx_hash();
	CHECK_OK(run(t, strlen(t), &o, &s, &r));
	CHECK_EQ_INT(s.filed, 2);
	CHECK_EQ_INT(s.import_id, 0);
	CHECK(fx_hash() == h);
}

/* Thousands of Chinese rows in GB18030: two-byte sequences fall across the
 * 64 KiB read chunks and must still convert. */
TEST(import_gb18030_across_chunks)
{
	fx_open();
	fx_as("mgr");
	size_t cap = 1 << 20, len = 0;
	char *utf = malloc(cap), *gb = malloc(cap);
	CHECK(utf && gb);
	len += (size_t)snprintf(utf, cap, "姓名,手机,留言\n");
	for (int i = 0; i < 3000; i++)
		len += (size_t)snprintf(utf + len, cap - len, "客户%d,139%08d,想看英朗，周末来店试驾\n",
		                        i, i);
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	CHECK(cd != (iconv_t)-1);
	char *in = utf, *out = gb;
	size_t il = len, ol = cap;
	CHECK(iconv(cd, &in, &il, &out, &ol) != (size_t)-1);
	iconv_close(cd);
	sr_import_summary s;
	struct rej r = { 0 };
	sr_import_options o = { .name = "gb.csv", .source = "autohome" };
	sr_status st = run(gb, (size_t)(out - gb), &o, &s, &r);
	free(utf);
	free(gb);
	CHECK_OK(st);
	CHECK_EQ_STR(s.encoding, "gb18030");
	CHECK_EQ_INT(s.filed, 3000);
	CHECK_EQ_INT(s.batches, (3000 + SR_IMPORT_BATCH - 1) / SR_IMPORT_BATCH);
	CHECK_EQ_INT(r.n, 0);
	char name[64];
	fx_qs(name, sizeof name, "SELECT name FROM cards WHERE phone = '13900002999'");
	CHECK_EQ_STR(name, "客户2999");
}

/* A batch writes its cards' name pieces itself, with the trigger set aside
 * (import.c): the same pieces the trigger writes, and the trigger is back
 * afterwards, after a dry run too. */
TEST(import_writes_the_name_pieces_the_trigger_would)
{
	fx_open();
	fx_as("mgr");
	sr_import_summary s;
	struct rej r = { 0 };
	CHECK_OK(run_text("姓名,手机\n张三丰,13900000001\n王,13900000002\nAnna Li,13900000003\n"
	                  "李四,13900000004\n",
	                  "autohome", &s, &r));
	CHECK_EQ_INT(s.filed, 4);
	/* every piece of every name, and nothing else */
	static const char EXPECTED[] =
		"SELECT count(*) FROM (SELECT DISTINCT lower(substr(c.name, p.n, 2)) AS gram, c.id"
		" FROM cards c JOIN gram_pos p ON p.n <= length(c.name))";
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM card_grams"), fx_q(EXPECTED));
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM (SELECT DISTINCT lower(substr(c.name, p.n, 2)) AS gram,"
	                  " c.id AS id FROM cards c JOIN gram_pos p ON p.n <= length(c.name)) e"
	                  " JOIN card_grams g ON g.gram = e.gram AND g.card_id = e.id"),
	             fx_q(EXPECTED));
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM card_grams WHERE gram IN ('张三', '三丰', '丰', '王',"
	                  " 'an', 'a ', 'li', 'i', '李四', '四')"), 10);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM sqlite_master WHERE name = 'cards_grams_insert'"), 1);
	/* the same names filed through the core get the same pieces from the
	 * trigger (cards 5-8 mirror cards 1-4) */
	static const char *const names[] = {"张三丰", "王", "Anna Li", "李四"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		sr_card_filing f;
		fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
		f.name = names[i];
		fx_as("c1");
		int64_t id;
		CHECK_OK(sr_card_file(unit_db, &f, &id));
		char imported[256], filed[256];
		fx_qs(imported, sizeof imported, "SELECT group_concat(gram, '|') FROM (SELECT gram"
		      " FROM card_grams WHERE card_id = %lld ORDER BY gram)", (long long)(id - 4));
		fx_qs(filed, sizeof filed, "SELECT group_concat(gram, '|') FROM (SELECT gram"
		      " FROM card_grams WHERE card_id = %lld ORDER BY gram)", (long long)id);
		CHECK_EQ_STR(imported, filed);
	}
	fx_as("mgr");
	sr_import_options o = { .name = "t.csv", .source = "autohome", .dry_run = true };
	const char *more = "姓名,手机\n赵六,13900000005\n";
	CHECK_OK(run(more, strlen(more), &o, &s, &r));
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM sqlite_master WHERE name = 'cards_grams_insert'"), 1);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM card_grams WHERE gram = '赵六'"), 0);
	/* a card filed afterwards through the core still gets its pieces */
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	CHECK(fx_q("SELECT count(*) FROM card_grams WHERE card_id = %lld", (long long)id) > 0);
	CHECK_EQ_INT(r.n, 0);
}

/* When the batch's statements are refused (here by a trigger a stray
 * session added), the savepoint gives the name-piece trigger back and the
 * rows are filed one by one: the refused one is rejected with its line,
 * the others are filed with their pieces. */
TEST(import_refused_batch_files_rows_one_by_one)
{
	fx_open();
	fx_as("mgr");
	CHECK_EQ_INT(fx_sql("CREATE TRIGGER no_bad BEFORE INSERT ON cards WHEN NEW.name = '坏人'"
	                    " BEGIN SELECT RAISE(ABORT, 'no bad names'); END",
	                    NULL, 0),
	             SQLITE_OK);
	sr_import_summary s;
	struct rej r = { 0 };
	CHECK_OK(run_text("姓名,手机\n张三,13900000001\n坏人,13900000002\n李四,13900000003\n",
	                  "autohome", &s, &r));
	CHECK_EQ_INT(s.filed, 2);
	CHECK_EQ_INT(r.n, 1);
	CHECK_EQ_INT(r.lines[0], 3);
	CHECK(unit_contains(r.reasons[0], "no bad names"));
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM sqlite_master WHERE name = 'cards_grams_insert'"), 1);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM card_grams WHERE gram IN ('张三', '三', '李四', '四')"),
	             4);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM import_rows"), 2);
}

/* Issue 12 item 13: libcsv hands over a field's length; a NUL inside a
 * field used to cut the name short ("王"), now the row is rejected. */
TEST(import_nul_in_a_field_rejects_the_row)
{
	fx_open();
	fx_as("mgr");
	static const char text[] = "姓名,手机\n王\0芳,13900000001\n李娜,13900000002\n";
	sr_import_options o = { .name = "t.csv", .source = "autohome" };
	sr_import_summary s;
	struct rej r = { 0 };
	CHECK_OK(run(text, sizeof text - 1, &o, &s, &r));
	CHECK_EQ_INT(s.filed, 1);
	CHECK_EQ_INT(s.rejected, 1);
	CHECK_EQ_INT(r.lines[0], 2);
	CHECK(unit_contains(r.reasons[0], "name holds a NUL byte"));
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM cards WHERE name LIKE '王%%'"), 0);
}

/* Issue 12 item 16: one bad byte near the start of a UTF-8 file no longer
 * makes the whole file GB18030 ("no phone column"): the file is read as
 * UTF-8 and only the row holding the byte is rejected, naming the field. */
TEST(import_utf8_with_a_bad_byte_stays_utf8)
{
	fx_open();
	fx_as("mgr");
	sr_import_summary s;
	struct rej r = { 0 };
	CHECK_OK(run_text("姓名,手机,城市\n张\xff伟,13900000001,北京\n李娜,13900000002,上海\n"
	                  "王芳,13900000003,广\xe5\n",
	                  "autohome", &s, &r));
	CHECK_EQ_STR(s.encoding, "utf-8");
	CHECK_EQ_INT(s.filed, 1);
	CHECK_EQ_INT(s.rejected, 2);
	CHECK_EQ_INT(r.lines[0], 2);
	CHECK(unit_contains(r.reasons[0], "name holds the byte 0xFF"));
	CHECK_EQ_INT(r.lines[1], 4);
	CHECK(unit_contains(r.reasons[1], "region holds the byte 0xE5"));
}

/* GB18030 read as UTF-8 is mostly bad bytes: still detected. */
TEST(import_gb18030_still_detected)
{
	fx_open();
	fx_as("mgr");
	static const char utf8[] = "姓名,手机,城市\n张伟,13900000001,北京\n欧阳明月,13900000002,上海\n";
	char gb[256], *in = (char *)utf8, *out = gb;
	size_t il = sizeof utf8 - 1, ol = sizeof gb;
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	CHECK(cd != (iconv_t)-1);
	CHECK(iconv(cd, &in, &il, &out, &ol) != (size_t)-1);
	iconv_close(cd);
	sr_import_options o = { .name = "t.csv", .source = "autohome" };
	sr_import_summary s;
	struct rej r = { 0 };
	CHECK_OK(run(gb, (size_t)(out - gb), &o, &s, &r));
	CHECK_EQ_STR(s.encoding, "gb18030");
	CHECK_EQ_INT(s.filed, 2);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM cards WHERE name = '欧阳明月'"), 1);
}
