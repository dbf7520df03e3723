/* test_kpi.c — the key management figures (SPEC §5) on hand-built data
 * where every figure is known in advance: the SPEC's filing-rate example,
 * a month with every kind of card, and the same month after repeated
 * visits, a merge and later-dated records, which must change nothing. */
#include <math.h>
#include <stdio.h>
#include "unit.h"

#define CHECK_RATE(got, want)                                                 \
	do {                                                                  \
		double g_ = (got), w_ = (want);                               \
		if (fabs(g_ - w_) > 1e-9)                                     \
			unit_fail(__FILE__, __LINE__, "%s: got %.6f, expected %.6f", \
			          #got, g_, w_);                              \
	} while (0)

static int64_t traffic_at(sr_traffic_kind kind, const char *at, const char *consultant)
{
	int64_t id = 0;
	sr_traffic_input in = {.kind = kind, .at = at, .consultant = consultant};
	fx_now(at);
	CHECK_OK(sr_traffic_add(unit_db, &in, &id));
	return id;
}

static int64_t file_at(const char *owner, sr_channel ch, const char *at, int64_t traffic,
                       sr_file_as as)
{
	sr_card_filing f;
	fx_filing(&f, owner, ch, 0);
	f.at = at;
	f.traffic_id = traffic;
	f.file_as = as;
	fx_now(at);
	return fx_file(&f);
}

static void followup_at(int64_t card, const char *at, sr_method m, bool test_drive,
                        int64_t traffic)
{
	sr_followup_input in = {.card_id = card, .method = m, .test_drive = test_drive,
	                        .content = "联系客户", .traffic_id = traffic};
	fx_now(at);
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
}

static void kpi_month(const char *from, const char *to, sr_kpi *k)
{
	sr_kpi_query q = {.from = from, .to = to};
	CHECK_OK(sr_kpi_compute(unit_db, &q, k));
}

/* SPEC §5: 100 traffic rows, 50 filed, 20 follow-up, 30 no details: new
 * traffic 80, filing rate 50 ÷ 80 = 62.5%. */
TEST(kpi_spec_filing_rate_example)
{
	fx_open();
	int64_t old = file_at("c1", SR_CHANNEL_PHONE, "2026-01-05 09:00:00", 0, SR_FILE_ACTIVE);
	for (int i = 0; i < 100; i++) {
		char at[SR_TIME_LEN];
		snprintf(at, sizeof at, "2026-02-%02d %02d:%02d:00", 1 + i % 28, 9 + i / 28, i % 60);
		int64_t t = traffic_at(SR_TRAFFIC_WALKIN, at, "c1");
		if (i < 50)
			file_at("c1", SR_CHANNEL_WALKIN, at, t, SR_FILE_ACTIVE);
		else if (i < 70)
			followup_at(old, at, SR_METHOD_RECEPTION, false, t);
	}
	fx_now("2026-03-02 10:00");
	sr_kpi k;
	kpi_month("2026-02-01", "2026-02-28", &k);
	CHECK_EQ_INT(k.traffic, 100);
	CHECK_EQ_INT(k.followup_traffic, 20);
	CHECK_EQ_INT(k.new_traffic, 80);
	CHECK_EQ_INT(k.filed_traffic, 50);
	CHECK_RATE(k.filing_rate, 0.625);
	CHECK_RATE(k.daily_traffic, 100.0 / 28);
	CHECK_EQ_INT(k.days, 28);
	/* every batch a first contact but the 20 follow-ups; 50 of 80 kept */
	CHECK_RATE(k.retention_rate, 0.625);
	CHECK_EQ_INT(k.new_cards, 50);
	CHECK_EQ_INT(k.stock_start, 1);
	CHECK_EQ_INT(k.base, 51);
	/* the follow-up card visited 20 times: one visited card, returned */
	CHECK_RATE(k.first_visit_rate, 1.0);
	CHECK_RATE(k.overall_visit_rate, 1.0);
	CHECK_RATE(k.return_visit_rate, 1.0 / 51);
}

/* The month of February 2026, card by card (owner c1 unless said):
 *   stock at start (filed before Feb, following on Feb 1):
 *     S1 walk-in 01-05, reception + test drive 02-10      visits 2
 *     S2 phone 01-10, reception 01-20, order 02-05, sold 02-20
 *     S3 outreach 01-15, lost 02-12
 *     S4 phone 2025-10-01, dormant since 2025-11-01
 *     S5 phone 2025-12-15 (owner c2)
 *   not in the base: X1 lost 01-20, X2 sold 01-25, W1 wholesale,
 *     M1 (walk-in 02-16, merged into N4 02-17)
 *   new: N1 walk-in 02-02 from traffic, 4 receptions (one from traffic),
 *          test drive 02-16                               visits 5
 *        N2 phone 02-04 from a call, reception 02-14, order 02-20
 *        N3 phone 02-06, phone follow-ups only
 *        N4 outreach 02-15, survivor of M1 (its walk-in visit)
 *        N5 walk-in 02-25 from traffic, lost 02-27
 *        N6 walk-in 02-26 from traffic, filed with an order (level O)
 *   traffic in Feb: T1 walk-in filed N1, T2 call filed N2, T3 walk-in
 *     follow-up N1, T4 T5 walk-in none, T6 call none (c2), T7 walk-in filed
 *     N5, T8 walk-in filed N6; and one row each in January and March. */
struct month {
	int64_t s1, s2, s3, s4, s5, n1, n2, n3, n4, n5, n6;
};

static void build_month(struct month *m)
{
	fx_open();
	m->s4 = file_at("c1", SR_CHANNEL_PHONE, "2025-10-01 09:00:00", 0, SR_FILE_ACTIVE);
	fx_now("2025-11-01 09:00");
	fx_dormant(m->s4);
	m->s5 = file_at("c2", SR_CHANNEL_PHONE, "2025-12-15 09:00:00", 0, SR_FILE_ACTIVE);
	int64_t x1 = file_at("c1", SR_CHANNEL_PHONE, "2026-01-02 09:00:00", 0, SR_FILE_ACTIVE);
	int64_t x2 = file_at("c1", SR_CHANNEL_WALKIN, "2026-01-03 09:00:00", 0, SR_FILE_ACTIVE);
	m->s1 = file_at("c1", SR_CHANNEL_WALKIN, "2026-01-05 09:00:00", 0, SR_FILE_ACTIVE);
	m->s2 = file_at("c1", SR_CHANNEL_PHONE, "2026-01-10 09:00:00", 0, SR_FILE_ACTIVE);
	m->s3 = file_at("c1", SR_CHANNEL_OUTREACH, "2026-01-15 09:00:00", 0, SR_FILE_ACTIVE);
	traffic_at(SR_TRAFFIC_WALKIN, "2026-01-18 10:00:00", "c1");
	followup_at(m->s2, "2026-01-20 10:00:00", SR_METHOD_RECEPTION, false, 0);
	fx_lost(x1);
	fx_now("2026-01-25 10:00");
	fx_sold(x2);

	int64_t t1 = traffic_at(SR_TRAFFIC_WALKIN, "2026-02-02 10:00:00", "c1");
	m->n1 = file_at("c1", SR_CHANNEL_WALKIN, "2026-02-02 10:30:00", t1, SR_FILE_ACTIVE);
	sr_card_filing w;
	fx_filing(&w, "c2", SR_CHANNEL_OUTREACH, 0);
	w.at = "2026-02-03 09:00:00";
	w.wholesale = true;
	fx_now(w.at);
	fx_file(&w);
	int64_t t4 = traffic_at(SR_TRAFFIC_WALKIN, "2026-02-03 15:00:00", "c1");
	(void)t4;
	int64_t t2 = traffic_at(SR_TRAFFIC_CALL, "2026-02-04 11:00:00", "c1");
	m->n2 = file_at("c1", SR_CHANNEL_PHONE, "2026-02-04 11:10:00", t2, SR_FILE_ACTIVE);
	fx_now("2026-02-05 10:00");
	fx_order(m->s2);
	m->n3 = file_at("c1", SR_CHANNEL_PHONE, "2026-02-06 09:00:00", 0, SR_FILE_ACTIVE);
	int64_t t3 = traffic_at(SR_TRAFFIC_WALKIN, "2026-02-09 10:00:00", "c1");
	followup_at(m->n1, "2026-02-09 10:10:00", SR_METHOD_RECEPTION, false, t3);
	followup_at(m->s1, "2026-02-10 10:00:00", SR_METHOD_RECEPTION, true, 0);
	followup_at(m->n3, "2026-02-11 10:00:00", SR_METHOD_PHONE, false, 0);
	fx_now("2026-02-12 10:00");
	fx_lost(m->s3);
	followup_at(m->n2, "2026-02-14 10:00:00", SR_METHOD_RECEPTION, false, 0);
	m->n4 = file_at("c1", SR_CHANNEL_OUTREACH, "2026-02-15 09:00:00", 0, SR_FILE_ACTIVE);
	followup_at(m->n1, "2026-02-16 10:00:00", SR_METHOD_RECEPTION, true, 0);
	int64_t m1 = file_at("c1", SR_CHANNEL_WALKIN, "2026-02-16 11:00:00", 0, SR_FILE_ACTIVE);
	fx_now("2026-02-17 10:00");
	CHECK_OK(sr_card_merge(unit_db, m->n4, &m1, 1));
	fx_now("2026-02-20 10:00");
	fx_order(m->n2);
	CHECK_OK(sr_order_deliver(unit_db, m->s2));
	traffic_at(SR_TRAFFIC_WALKIN, "2026-02-20 16:00:00", "c1");
	traffic_at(SR_TRAFFIC_CALL, "2026-02-21 16:00:00", "c2");
	followup_at(m->n3, "2026-02-22 10:00:00", SR_METHOD_PHONE, false, 0);
	followup_at(m->n1, "2026-02-23 10:00:00", SR_METHOD_RECEPTION, false, 0);
	int64_t t7 = traffic_at(SR_TRAFFIC_WALKIN, "2026-02-25 10:00:00", "c1");
	m->n5 = file_at("c1", SR_CHANNEL_WALKIN, "2026-02-25 10:20:00", t7, SR_FILE_ACTIVE);
	int64_t t8 = traffic_at(SR_TRAFFIC_WALKIN, "2026-02-26 10:00:00", "c1");
	m->n6 = file_at("c1", SR_CHANNEL_WALKIN, "2026-02-26 10:20:00", t8, SR_FILE_ORDER);
	followup_at(m->n1, "2026-02-26 15:00:00", SR_METHOD_RECEPTION, false, 0);
	fx_now("2026-02-27 10:00");
	fx_lost(m->n5);
	fx_now("2026-03-01 09:00");
}

/* The figures of February as built above, whatever is added later. */
static void check_month(const sr_kpi *k)
{
	CHECK_EQ_STR(k->from, "2026-02-01");
	CHECK_EQ_STR(k->to, "2026-02-28");
	CHECK_EQ_STR(k->as_of, "2026-02-28 23:59:59");
	CHECK_EQ_INT(k->days, 28);
	CHECK_EQ_INT(k->traffic, 8);
	CHECK_RATE(k->daily_traffic, 8.0 / 28);
	CHECK_EQ_INT(k->followup_traffic, 1);
	CHECK_EQ_INT(k->new_traffic, 7);
	CHECK_EQ_INT(k->filed_traffic, 4);
	CHECK_RATE(k->filing_rate, 4.0 / 7);
	CHECK_EQ_INT(k->stock_start, 5);
	CHECK_EQ_INT(k->new_cards, 6);
	CHECK_EQ_INT(k->base, 11);
	CHECK_RATE(k->overall_visit_rate, 7.0 / 11);     /* S1 S2 N1 N2 N4 N5 N6 */
	CHECK_RATE(k->new_overall_visit_rate, 5.0 / 6);  /* N1 N2 N4 N5 N6 */
	CHECK_RATE(k->first_visit_rate, 3.0 / 7);        /* S2 N2 N4 of S2-S5 N2-N4 */
	CHECK_RATE(k->new_first_visit_rate, 2.0 / 3);    /* N2 N4 of N2 N3 N4 */
	CHECK_RATE(k->return_visit_rate, 2.0 / 7);       /* S1 N1 */
	CHECK_RATE(k->new_return_visit_rate, 1.0 / 5);   /* N1 */
	CHECK_RATE(k->test_drive_rate, 2.0 / 11);        /* S1 N1 */
	CHECK_RATE(k->new_test_drive_rate, 1.0 / 6);     /* N1 */
	CHECK_RATE(k->order_conversion, 3.0 / 11);       /* S2 N2 N6 */
	CHECK_RATE(k->sales_conversion, 1.0 / 11);       /* S2 */
	CHECK_RATE(k->loss_rate, 2.0 / 11);              /* S3 N5 */
	CHECK_EQ_INT(k->sold, 1);
	CHECK_EQ_INT(k->lost, 2);
	CHECK_EQ_INT(k->stock_end, 8);                   /* S1 S4 S5 N1 N2 N3 N4 N6 */
	/* first-contact walk-in batches T1 T4 T5 T7 (T8 ordered at first
	 * contact, T3 a follow-up); T1 and T7 left details */
	CHECK_RATE(k->retention_rate, 2.0 / 4);
	CHECK_EQ_INT(k->age_0_15, 2);     /* N4 13 days, N6 2 */
	CHECK_EQ_INT(k->age_16_30, 3);    /* N1 26, N2 24, N3 22 */
	CHECK_EQ_INT(k->age_31_60, 1);    /* S1 54 */
	CHECK_EQ_INT(k->age_61_90, 1);    /* S5 75 */
	CHECK_EQ_INT(k->age_over_90, 1);  /* S4 150 */
}

TEST(kpi_every_metric_of_a_month)
{
	struct month m;
	build_month(&m);
	sr_kpi k;
	kpi_month("2026-02-01", "2026-02-28", &k);
	check_month(&k);
	/* the name table walks the same values */
	CHECK_EQ_STR(sr_kpi_name(SR_KPI_filing_rate), "filing_rate");
	CHECK_EQ_STR(sr_kpi_label(SR_KPI_filing_rate), "filing rate");
	CHECK(sr_kpi_metric_kind(SR_KPI_filing_rate) == SR_KPI_RATE);
	CHECK(sr_kpi_metric_kind(SR_KPI_base) == SR_KPI_COUNT);
	CHECK_RATE(sr_kpi_value(&k, SR_KPI_filing_rate), 4.0 / 7);
	CHECK_RATE(sr_kpi_value(&k, SR_KPI_stock_end), 8);
	CHECK_EQ_STR(sr_kpi_name(SR_KPI_N - 1), "age_over_90");
}

/* Repeated visits, a merge and later-dated records leave the month alone. */
TEST(kpi_repeats_merges_and_later_records_change_nothing)
{
	struct month m;
	build_month(&m);
	sr_kpi before, after;
	kpi_month("2026-02-01", "2026-02-28", &before);
	check_month(&before);

	/* N1 visits twice more within the month: still one returned card */
	followup_at(m.n1, "2026-02-27 10:00:00", SR_METHOD_RECEPTION, true, 0);
	fx_now("2026-03-01 10:00");
	followup_at(m.n1, "2026-02-28 10:00:00", SR_METHOD_RECEPTION, false, 0);
	/* a duplicate of S1 filed walk-in in the month and merged into it */
	int64_t dup = file_at("c1", SR_CHANNEL_WALKIN, "2026-02-12 09:00:00", 0, SR_FILE_ACTIVE);
	fx_now("2026-03-01 11:00");
	CHECK_OK(sr_card_merge(unit_db, m.s1, &dup, 1));
	/* March: a visit and test drive of N3, S1 orders, N2 delivered, N4
	 * lost, a new card, more traffic */
	followup_at(m.n3, "2026-03-02 10:00:00", SR_METHOD_RECEPTION, true, 0);
	fx_order(m.s1);
	fx_now("2026-03-03 10:00");
	CHECK_OK(sr_order_deliver(unit_db, m.n2));
	fx_now("2026-03-04 10:00");
	fx_lost(m.n4);
	int64_t t = traffic_at(SR_TRAFFIC_WALKIN, "2026-03-04 11:00:00", "c1");
	file_at("c1", SR_CHANNEL_WALKIN, "2026-03-04 11:10:00", t, SR_FILE_ACTIVE);
	fx_now("2026-03-05 10:00");

	kpi_month("2026-02-01", "2026-02-28", &after);
	check_month(&after);
	for (int i = 0; i < SR_KPI_N; i++)
		CHECK_RATE(sr_kpi_value(&after, (sr_kpi_metric)i),
		           sr_kpi_value(&before, (sr_kpi_metric)i));

	/* March itself sees them: S1 ordered, N2 sold, N4 lost, a new card */
	kpi_month("2026-03-01", "2026-03-31", &after);
	CHECK_EQ_STR(after.as_of, "2026-03-05 10:00:00");
	CHECK_EQ_INT(after.days, 5);
	CHECK_EQ_INT(after.stock_start, 8);
	CHECK_EQ_INT(after.new_cards, 1);
	CHECK_EQ_INT(after.sold, 1);
	CHECK_EQ_INT(after.lost, 1);
	CHECK_EQ_INT(after.stock_end, 7);
	CHECK_EQ_INT(after.traffic, 1);
}

TEST(kpi_filters_and_period)
{
	struct month m;
	build_month(&m);
	sr_kpi k;
	sr_kpi_query q = {.from = "2026-02-01", .to = "2026-02-28", .consultant = "c2"};
	CHECK_OK(sr_kpi_compute(unit_db, &q, &k));
	CHECK_EQ_INT(k.base, 1);       /* S5; the wholesale card is not retail */
	CHECK_EQ_INT(k.traffic, 1);    /* T6 */
	q.customer_type = "all";
	CHECK_OK(sr_kpi_compute(unit_db, &q, &k));
	CHECK_EQ_INT(k.base, 2);
	q.customer_type = "wholesale";
	CHECK_OK(sr_kpi_compute(unit_db, &q, &k));
	CHECK_EQ_INT(k.base, 1);
	CHECK_EQ_INT(k.new_cards, 1);
	sr_kpi_query ph = {.from = "2026-02-01", .to = "2026-02-28", .channel = "phone"};
	CHECK_OK(sr_kpi_compute(unit_db, &ph, &k));
	CHECK_EQ_INT(k.base, 5);       /* S2 S4 S5 N2 N3 */
	CHECK_EQ_INT(k.traffic, 8);    /* traffic has no channel */
	sr_kpi_query dcc = {.from = "2026-02-01", .to = "2026-02-28", .team = "dcc"};
	CHECK_OK(sr_kpi_compute(unit_db, &dcc, &k));
	CHECK_EQ_INT(k.base, 0);
	CHECK_EQ_INT(k.traffic, 0);
	CHECK_RATE(k.filing_rate, 0);
	/* as of mid-month: N5 not lost yet, N6 not filed yet */
	sr_kpi_query mid = {.from = "2026-02-01", .to = "2026-02-28",
	                    .as_of = "2026-02-25 23:00"};
	CHECK_OK(sr_kpi_compute(unit_db, &mid, &k));
	CHECK_EQ_INT(k.new_cards, 5);
	CHECK_EQ_INT(k.lost, 1);
	CHECK_EQ_INT(k.days, 25);
	/* the default period: this month up to now */
	fx_now("2026-03-05 10:00");
	CHECK_OK(sr_kpi_compute(unit_db, NULL, &k));
	CHECK_EQ_STR(k.from, "2026-03-01");
	CHECK_EQ_STR(k.to, "2026-03-05");
	CHECK_EQ_INT(k.days, 5);
	CHECK_EQ_INT(k.stock_start, 8);

	sr_kpi_query bad = {.from = "2026-02-30"};
	CHECK_STATUS(sr_kpi_compute(unit_db, &bad, &k), SR_BADINPUT);
	sr_kpi_query back = {.from = "2026-03-01", .to = "2026-02-01"};
	CHECK_STATUS(sr_kpi_compute(unit_db, &back, &k), SR_BADINPUT);
	sr_kpi_query who = {.consultant = "nobody"};
	CHECK_STATUS(sr_kpi_compute(unit_db, &who, &k), SR_NOTFOUND);
	sr_kpi_query src = {.source = "nowhere"};
	CHECK_STATUS(sr_kpi_compute(unit_db, &src, &k), SR_NOTFOUND);
	sr_kpi_query ty = {.customer_type = "fleet"};
	CHECK_STATUS(sr_kpi_compute(unit_db, &ty, &k), SR_BADINPUT);
}

TEST(kpi_needs_the_report_permission)
{
	fx_open();
	sr_kpi k;
	fx_as("rec");
	CHECK_STATUS(sr_kpi_compute(unit_db, NULL, &k), SR_PERM);
	CHECK_MSG("report");
	fx_as("d1");
	CHECK_STATUS(sr_kpi_compute(unit_db, NULL, &k), SR_PERM);
	fx_as("mgr");
	CHECK_OK(sr_kpi_compute(unit_db, NULL, &k));
	fx_as("dir");
	CHECK_OK(sr_kpi_compute(unit_db, NULL, &k));
	fx_as("admin");
	CHECK_OK(sr_user_add(unit_db, "sup", "DCC主管", SR_ROLE_DCC_SUPERVISOR, SR_TEAM_DCC, NULL,
	                     NULL));
	fx_card("c1", SR_CHANNEL_PHONE, 0);
	fx_card("d1", SR_CHANNEL_PHONE, 0);
	fx_as("sup");
	CHECK_OK(sr_kpi_compute(unit_db, NULL, &k));
	CHECK_EQ_INT(k.new_cards, 1);   /* the DCC team's card only */
	sr_kpi_query q = {.team = "showroom"};
	CHECK_STATUS(sr_kpi_compute(unit_db, &q, &k), SR_PERM);
	fx_as("mgr");
	CHECK_OK(sr_kpi_compute(unit_db, NULL, &k));
	CHECK_EQ_INT(k.new_cards, 2);
}
