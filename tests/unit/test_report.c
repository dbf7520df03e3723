/* test_report.c — the report API (report.h) through the core: the list of
 * reports, a report's cells and their text, the kpi report agreeing with
 * sr_kpi_compute, groupings, permissions, and writing a file (export
 * permission, audit row, nothing left behind on a refusal). The figures of
 * every report are checked on hand-built data in tests/cli/test_reports.sh. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"

static int count_info(void *ctx, const sr_report_info *info)
{
	int *n = ctx;
	CHECK(info->name && *info->name);
	CHECK(info->title && *info->title);
	CHECK(info->by != NULL);
	(*n)++;
	return 0;
}

TEST(report_list_names_every_report)
{
	int n = 0;
	sr_report_each(count_info, &n);
	CHECK_EQ_INT(n, 13);
	CHECK(unit_contains(sr_report_names(), "kpi, collection"));
	CHECK(unit_contains(sr_report_names(), "funnel"));
	CHECK(unit_contains(sr_report_names(), "trend"));
	CHECK(unit_contains(sr_report_names(), "dcc"));
}

/* Two new cards in March: a walk-in from traffic that test-drove and
 * ordered, and a phone card that never came. */
static void build(void)
{
	fx_open();
	fx_now("2026-03-02 10:00");
	int64_t t = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	sr_card_filing f;
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.traffic_id = t;
	int64_t a = fx_file(&f);
	fx_now("2026-03-03 10:00");
	sr_followup_input in = {.card_id = a, .method = SR_METHOD_RECEPTION, .test_drive = true,
	                        .content = "试驾"};
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
	fx_order(a);
	fx_card("c2", SR_CHANNEL_PHONE, 0);
	fx_now("2026-04-01 09:00");
}

static sr_report_query march(void)
{
	sr_report_query q = {.period = {.from = "2026-03-01", .to = "2026-03-31"}};
	return q;
}

TEST(report_funnel_cells)
{
	build();
	sr_report r;
	sr_report_query q = march();
	CHECK_OK(sr_report_run(unit_db, "funnel", &q, &r));
	CHECK_EQ_STR(r.name, "funnel");
	CHECK_EQ_STR(r.from, "2026-03-01");
	CHECK_EQ_STR(r.as_of, "2026-03-31 23:59:59");
	CHECK_EQ_INT(r.nrows, 6);
	CHECK_EQ_INT(sr_report_col_index(&r, "count"), 2);
	CHECK_EQ_INT(sr_report_col_index(&r, "nothing"), -1);
	static const double want[] = {1, 2, 1, 1, 1, 0};
	for (size_t i = 0; i < 6; i++)
		CHECK_EQ_INT(sr_report_num(&r, i, 2), want[i]);
	CHECK_EQ_STR(sr_report_text(&r, 3, 0), "test_drive");
	CHECK(r.cols[1].human);
	/* filed ÷ traffic = 200%: phone cards do not come from traffic */
	char buf[48];
	CHECK_EQ_STR(sr_report_format(&r, 1, 3, false, buf, sizeof buf), "200.0%");
	CHECK_EQ_STR(sr_report_format(&r, 2, 3, true, buf, sizeof buf), "0.5");
	CHECK(sr_report_cell(&r, 0, 3)->empty);
	CHECK_EQ_STR(sr_report_format(&r, 0, 3, true, buf, sizeof buf), "");
	CHECK(sr_report_cell(&r, 6, 0) == NULL);
	sr_report_free(&r);
	CHECK(r.cells == NULL && r.nrows == 0);
}

TEST(report_kpi_is_the_kpi_engine)
{
	build();
	sr_report r;
	sr_report_query q = march();
	sr_kpi k;
	CHECK_OK(sr_kpi_compute(unit_db, &q.period, &k));
	CHECK_OK(sr_report_run(unit_db, "kpi", &q, &r));
	CHECK_EQ_INT(r.nrows, SR_KPI_N);
	for (int i = 0; i < SR_KPI_N; i++) {
		CHECK_EQ_STR(sr_report_text(&r, (size_t)i, 0), sr_kpi_name((sr_kpi_metric)i));
		CHECK(fabs(sr_report_num(&r, (size_t)i, 2) - sr_kpi_value(&k, (sr_kpi_metric)i)) < 1e-12);
	}
	CHECK_EQ_INT(sr_report_cell(&r, SR_KPI_filing_rate, 2)->kind, SR_CELL_RATE);
	CHECK_EQ_INT(sr_report_cell(&r, SR_KPI_base, 2)->kind, SR_CELL_COUNT);
	sr_report_free(&r);
}

TEST(report_grouping_and_refusals)
{
	build();
	sr_report r;
	sr_report_query q = march();
	q.by = "channel";
	CHECK_OK(sr_report_run(unit_db, "order-conversion", &q, &r));
	CHECK_EQ_STR(r.by, "channel");
	CHECK_EQ_INT(r.nrows, 3); /* phone, walkin, total */
	CHECK_EQ_STR(sr_report_text(&r, 1, 0), "walkin");
	CHECK_EQ_INT(sr_report_num(&r, 1, 2), 1);
	CHECK_EQ_STR(sr_report_text(&r, 2, 0), "total");
	CHECK_EQ_INT(sr_report_num(&r, 2, 1), 2);
	sr_report_free(&r);
	q.by = NULL;
	CHECK_OK(sr_report_run(unit_db, "followup", &q, &r));
	CHECK_EQ_STR(r.by, "consultant");
	sr_report_free(&r);

	q.by = "colour";
	CHECK_REFUSED(sr_report_run(unit_db, "followup", &q, &r), SR_BADINPUT, "consultant");
	CHECK(r.nrows == 0 && r.cells == NULL);
	q.by = "consultant";
	CHECK_REFUSED(sr_report_run(unit_db, "funnel", &q, &r), SR_BADINPUT, "grouping");
	q.by = NULL;
	CHECK_REFUSED(sr_report_run(unit_db, "dcc-calls", &q, &r), SR_NOTFOUND, "funnel");
	q.period.from = "2026-02-30";
	CHECK_REFUSED(sr_report_run(unit_db, "funnel", &q, &r), SR_BADINPUT, "2026-02-30");
	q = march();
	fx_as("rec");
	CHECK_REFUSED(sr_report_run(unit_db, "funnel", &q, &r), SR_PERM, "permission");
	CHECK(!sr_report_may(unit_db, "funnel"));
}

/* People read names and words; scripts read logins and codes (CSV). */
TEST(report_values_for_people)
{
	build();
	sr_report r;
	sr_report_query q = march();
	char buf[48];
	q.by = "channel";
	CHECK_OK(sr_report_run(unit_db, "order-conversion", &q, &r));
	CHECK_EQ_STR(r.cols[0].label, "filing channel");
	CHECK_EQ_STR(sr_report_format(&r, 1, 0, true, buf, sizeof buf), "walkin");
	CHECK_EQ_STR(sr_report_format(&r, 1, 0, false, buf, sizeof buf), sr_channel_label(SR_CHANNEL_WALKIN));
	CHECK_EQ_STR(sr_report_format(&r, 2, 0, true, buf, sizeof buf), "total");
	CHECK_EQ_INT(sr_report_col_index(&r, "name"), -1);
	sr_report_free(&r);

	/* By consultant: the name for people, and beside the login for CSV. */
	q.by = NULL;
	CHECK_OK(sr_report_run(unit_db, "followup", &q, &r));
	CHECK_EQ_STR(r.cols[0].label, "consultant");
	CHECK_EQ_STR(sr_report_text(&r, 0, 0), "c1");
	CHECK_EQ_STR(sr_report_format(&r, 0, 0, false, buf, sizeof buf), "李顾问");
	CHECK_EQ_INT(sr_report_col_index(&r, "name"), 1);
	CHECK(r.cols[1].csv_only && !r.cols[1].human);
	CHECK_EQ_STR(sr_report_text(&r, 0, 1), "李顾问");
	CHECK(sr_report_cell(&r, r.nrows - 1, 1)->empty); /* the total has no name */
	CHECK_EQ_INT(sr_report_num(&r, 0, 2), 1);         /* the figures moved one on */
	sr_report_free(&r);

	/* A long table: each value by its dimension. */
	CHECK_OK(sr_report_run(unit_db, "structure", &q, &r));
	bool status = false, level = false;
	for (size_t i = 0; i < r.nrows; i++) {
		const char *dim = sr_report_text(&r, i, 0), *v = sr_report_text(&r, i, 1);
		if (!strcmp(dim, "status") && !strcmp(v, "active")) {
			status = true;
			CHECK_EQ_STR(sr_report_format(&r, i, 1, false, buf, sizeof buf), "Active");
			CHECK_EQ_STR(sr_report_format(&r, i, 0, false, buf, sizeof buf), "status");
		}
		if (!strcmp(dim, "level") && !strcmp(v, "O")) {
			level = true;
			CHECK_EQ_STR(sr_report_format(&r, i, 1, false, buf, sizeof buf), "level O");
		}
	}
	CHECK(status && level);
	sr_report_free(&r);

	/* The kpi's metric names are for scripts; people read the labels. */
	CHECK_OK(sr_report_run(unit_db, "kpi", &q, &r));
	CHECK(r.cols[0].csv_only && r.cols[1].human);
	CHECK(r.about && *r.about);
	sr_report_free(&r);

	q.period.channel = "walkin";
	q.period.consultant = "c1";
	CHECK_OK(sr_report_run(unit_db, "funnel", &q, &r));
	CHECK(unit_contains(r.filters, "李顾问"));
	CHECK(unit_contains(r.filters, sr_channel_label(SR_CHANNEL_WALKIN)));
	CHECK(!unit_contains(r.filters, "c1"));
	sr_report_free(&r);
}

/* A consultant reads the figures of their own work, and only those. */
TEST(report_consultant_reads_own_figures)
{
	build();
	sr_report r;
	sr_report_query q = march();
	fx_as("c1");
	CHECK(sr_report_may(unit_db, "funnel"));
	CHECK(sr_report_may(unit_db, "daily"));
	CHECK(!sr_report_may(unit_db, "sources"));
	CHECK(!sr_report_may(unit_db, "dcc"));
	CHECK_OK(sr_report_run(unit_db, "funnel", &q, &r));
	CHECK_EQ_INT(sr_report_num(&r, 0, 2), 1); /* c1's traffic */
	CHECK_EQ_INT(sr_report_num(&r, 1, 2), 1); /* c1's card, not c2's */
	CHECK(unit_contains(r.filters, "李顾问"));
	sr_report_free(&r);
	CHECK_OK(sr_report_run(unit_db, "daily", &q, &r));
	for (size_t i = 0; i < r.nrows; i++)
		CHECK_EQ_STR(sr_report_text(&r, i, 1), "c1");
	sr_report_free(&r);
	CHECK_REFUSED(sr_report_run(unit_db, "sources", &q, &r), SR_PERM, "own work");
	q.period.consultant = "c2";
	CHECK_REFUSED(sr_report_run(unit_db, "funnel", &q, &r), SR_PERM, "own figures");
	sr_kpi k;
	CHECK_REFUSED(sr_kpi_compute(unit_db, &q.period, &k), SR_PERM, "own figures");
	q.period.consultant = "c1";
	CHECK_OK(sr_kpi_compute(unit_db, &q.period, &k));
	CHECK_EQ_INT(k.new_cards, 1);
	fx_as("c2");
	q.period.consultant = NULL;
	CHECK_OK(sr_kpi_compute(unit_db, &q.period, &k));
	CHECK_EQ_INT(k.traffic, 0);
	CHECK_EQ_INT(k.new_cards, 1);
}

/* The dcc report: caller d1 calls her lead twice (answered once), sets an
 * appointment that shows, and the card is received: d1's row and the
 * total; the showroom team made no calls. */
TEST(report_dcc_cells)
{
	fx_open();
	int64_t lead = fx_card("d1", SR_CHANNEL_PHONE, 0);
	fx_as("d1");
	sr_call_input in = {.card_id = lead, .result = SR_CALL_NO_ANSWER};
	CHECK_OK(sr_call_add(unit_db, &in, NULL));
	fx_now("2026-03-03 10:00");
	in.result = SR_CALL_APPOINTMENT;
	CHECK_OK(sr_call_add(unit_db, &in, NULL));
	int64_t appt = 0;
	CHECK_OK(sr_appointment_add(unit_db, lead, "2026-03-05", NULL, &appt));
	fx_now("2026-03-05 10:00");
	CHECK_OK(sr_appointment_showed(unit_db, appt, 0));
	fx_followup(lead, SR_METHOD_RECEPTION);
	fx_now("2026-04-01 09:00");
	fx_as("admin");

	sr_report r;
	sr_report_query q = march();
	CHECK_OK(sr_report_run(unit_db, "dcc", &q, &r));
	CHECK_EQ_STR(r.by, "caller");
	CHECK_EQ_INT(r.nrows, 2);
	CHECK_EQ_STR(sr_report_text(&r, 0, 0), "d1");
	CHECK_EQ_STR(sr_report_text(&r, 0, 1), "周呼出"); /* the caller's name, for CSV */
	CHECK_EQ_STR(sr_report_text(&r, 1, 0), "total");
	/* filed, calls, connected, cards called, set, shown, show rate, visits,
	 * orders, sold, lost */
	static const double want[] = {1, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0};
	for (size_t row = 0; row < 2; row++)
		for (size_t i = 0; i < 11; i++)
			CHECK_EQ_INT(sr_report_num(&r, row, i + 2), want[i]);
	CHECK_EQ_INT(sr_report_cell(&r, 0, 8)->kind, SR_CELL_RATE);
	sr_report_free(&r);
	q.period.team = "showroom";
	CHECK_OK(sr_report_run(unit_db, "dcc", &q, &r));
	CHECK_EQ_INT(r.nrows, 0);
	sr_report_free(&r);
}

/* A call on a card later merged into another counts for the survivor: the
 * survivor's visit is credited to the caller of the merged card. */
TEST(report_dcc_merged_card)
{
	fx_open();
	int64_t survivor = fx_card("d1", SR_CHANNEL_PHONE, 0);
	int64_t dup = fx_card("d1", SR_CHANNEL_PHONE, 0);
	fx_as("d1");
	sr_call_input in = {.card_id = dup, .result = SR_CALL_REACHED};
	CHECK_OK(sr_call_add(unit_db, &in, NULL));
	fx_now("2026-03-04 10:00");
	fx_as("mgr");
	CHECK_OK(sr_card_merge(unit_db, survivor, &dup, 1));
	fx_now("2026-03-05 10:00");
	fx_followup(survivor, SR_METHOD_RECEPTION);
	fx_now("2026-04-01 09:00");
	fx_as("admin");

	sr_report r;
	sr_report_query q = march();
	q.by = "channel";
	CHECK_OK(sr_report_run(unit_db, "dcc", &q, &r));
	CHECK_EQ_INT(r.nrows, 2);
	CHECK_EQ_STR(sr_report_text(&r, 0, 0), "phone");
	CHECK_EQ_INT(sr_report_num(&r, 0, sr_report_col_index(&r, "filed")), 1);
	CHECK_EQ_INT(sr_report_num(&r, 0, sr_report_col_index(&r, "calls")), 1);
	CHECK_EQ_INT(sr_report_num(&r, 0, sr_report_col_index(&r, "cards_called")), 1);
	CHECK_EQ_INT(sr_report_num(&r, 0, sr_report_col_index(&r, "visits")), 1);
	sr_report_free(&r);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	static char buf[8192];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

TEST(report_export_csv_audited)
{
	build();
	sr_report r;
	sr_report_query q = march();
	CHECK_OK(sr_report_run(unit_db, "funnel", &q, &r));
	char path[512];
	snprintf(path, sizeof path, "%s", fx_out("funnel.csv"));
	const sr_report *list[] = {&r};
	fx_as("c1");
	CHECK_STATUS(sr_report_export(unit_db, list, 1, SR_REPORT_CSV, path, true), SR_PERM);
	CHECK(access(path, F_OK) != 0);
	fx_as("dir");
	int64_t before = fx_q("SELECT count(*) FROM audit WHERE action = 'export'");
	CHECK_OK(sr_report_export(unit_db, list, 1, SR_REPORT_CSV, path, true));
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE action = 'export' AND entity = 'report'"),
	             before + 1);
	char *text = slurp(path);
	CHECK(text != NULL);
	CHECK_EQ_STR(text, "\xEF\xBB\xBFstep,count,step_rate,overall_rate\r\n"
	                   "traffic,1,,1\r\nfiled,2,2,2\r\nvisited,1,0.5,1\r\n"
	                   "test_drive,1,1,1\r\norder,1,1,1\r\nsold,0,0,0\r\n");
	unlink(path);
	snprintf(path, sizeof path, "%s", fx_out("funnel.xlsx"));
	CHECK_OK(sr_report_export(unit_db, list, 1, SR_REPORT_XLSX, path, false));
	text = slurp(path);
	CHECK(text != NULL && text[0] == 'P' && text[1] == 'K');
	unlink(path);
	snprintf(path, sizeof path, "/nonexistent-dir/x.xlsx");
	CHECK_STATUS(sr_report_export(unit_db, list, 1, SR_REPORT_XLSX, path, false), SR_IO);
	sr_report_free(&r);
}

TEST(report_target_set)
{
	fx_open();
	CHECK_OK(sr_target_set(unit_db, "c1", "2026-03", 0, 40, 20));
	CHECK_OK(sr_target_set(unit_db, "c1", "2026-03", 0, 50, 25));
	CHECK_EQ_INT(fx_q("SELECT traffic * 1000 + cards FROM targets"), 50025);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE action = 'target'"), 2);
	CHECK_REFUSED(sr_target_set(unit_db, "c1", "2026-3", 0, 1, 1), SR_BADINPUT, "YYYY-MM");
	CHECK_REFUSED(sr_target_set(unit_db, "c1", "2026-13", 0, 1, 1), SR_BADINPUT, "YYYY-MM");
	CHECK_REFUSED(sr_target_set(unit_db, "c1", "2026-03", 0, -2, 1), SR_BADINPUT, "0 or more");
	CHECK_REFUSED(sr_target_set(unit_db, "nobody", "2026-03", 0, 1, 1), SR_NOTFOUND, "nobody");
	/* A figure left out keeps its value. */
	CHECK_OK(sr_target_set(unit_db, "c1", "2026-03", 0, SR_TARGET_KEEP, 30));
	CHECK_EQ_INT(fx_q("SELECT traffic * 1000 + cards FROM targets"), 50030);
	fx_as("mgr");
	CHECK_REFUSED(sr_target_set(unit_db, "c1", "2026-03", 0, 1, 1), SR_PERM, "permission");
}
