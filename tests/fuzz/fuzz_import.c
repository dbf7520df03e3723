/* fuzz_import.c — libFuzzer harness for the CSV importer (issue 5).
 *
 * One temp database, opened once, with two DCC callers; each input goes
 * through sr_import_csv in a dry run so the database never grows. The first
 * byte picks the options (encoding, require_model, source or 来源 column);
 * the rest is the file. Any reject must name a line >= 1 and a reason. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "showroom/db.h"
#include "showroom/import.h"
#include "showroom/user.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sr_db *fz_db;

static void fz_die(const char *what, const char *msg)
{
	fprintf(stderr, "fuzz_import: %s: %s\n", what, msg ? msg : "");
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[] = "/tmp/showroom-fuzz-XXXXXX";
	char err[512] = "";
	(void)argc;
	(void)argv;
	/* A new name: the database is made only where no file is. */
	int fd = mkstemp(path);
	if (fd < 0)
		fz_die("mkstemp", path);
	close(fd);
	unlink(path);
	if (sr_db_open(path, SR_OPEN_CREATE | SR_OPEN_MIGRATE, &fz_db, err, sizeof err) != SR_OK)
		fz_die("sr_db_open", err);
	unlink(path);	/* the open handle keeps it; nothing left behind */
	if (sr_user_act_as(fz_db, "admin") != SR_OK)
		fz_die("act as admin", sr_db_message(fz_db));
	if (sr_user_add(fz_db, "d1", "周呼出", SR_ROLE_DCC_OUTBOUND, SR_TEAM_DCC, NULL, NULL) != SR_OK ||
	    sr_user_add(fz_db, "d2", "吴呼入", SR_ROLE_DCC_INBOUND, SR_TEAM_DCC, NULL, NULL) != SR_OK)
		fz_die("sr_user_add", sr_db_message(fz_db));
	return 0;
}

static void fz_reject(void *ctx, int64_t line, const char *reason, const char *const *fields,
                      size_t n)
{
	(void)ctx;
	if (line < 1)
		fz_die("reject line < 1", reason);
	if (!reason || !*reason)
		fz_die("reject without a reason", "");
	for (size_t i = 0; i < n; i++)
		if (!fields[i])
			fz_die("reject with a NULL field", reason);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encodings[] = {"auto", "utf-8", "gb18030", NULL};
	sr_import_options opt = {.name = "fuzz.csv", .source = "汽车之家",
	                         .encoding = "auto", .dry_run = true};
	sr_import_summary sum;

	if (size > 0) {
		/* Split mode: byte 0 picks the options, the rest is the file. */
		uint8_t o = data[0];
		opt.encoding = encodings[o & 3];
		opt.require_model = (o >> 2) & 1;
		if ((o >> 3) & 1)
			opt.source = NULL;	/* take the 来源 column */
		data++;
		size--;
	}
	opt.size = (int64_t)size;
	/* fmemopen refuses a zero-length buffer on some libcs: give it one byte
	 * and read none. */
	static const char empty[1];
	FILE *in = fmemopen(size ? (void *)data : (void *)empty, size ? size : 1, "rb");
	if (!in)
		fz_die("fmemopen", "");
	if (!size)
		fgetc(in);
	memset(&sum, 0, sizeof sum);
	sr_import_csv(fz_db, &opt, in, &sum, fz_reject, NULL, NULL, NULL);
	fclose(in);
	if (sum.import_id != 0)
		fz_die("dry run wrote an import", "");
	return 0;
}
