/* test_catalogue.c — models, sources, follow-up levels and settings. */
#include "unit.h"

TEST(catalogue_model_find)
{
	sr_model m;
	fx_open();
	CHECK_OK(sr_model_find(unit_db, "EXCELLE", &m));
	CHECK_EQ_STR(m.code, "excelle");
	CHECK_EQ_STR(m.series, "英朗");
	CHECK_OK(sr_model_find(unit_db, "英朗", &m));
	CHECK_EQ_STR(m.code, "excelle");
	CHECK_STATUS(sr_model_find(unit_db, "卡罗拉", &m), SR_NOTFOUND);
	CHECK_MSG("model list");
}

TEST(catalogue_model_series_with_two_models_ambiguous)
{
	sr_model m;
	fx_open();
	CHECK_OK(sr_model_add(unit_db, "excelle-gx", "别克", "英朗", "英朗 GX", "", NULL));
	CHECK_REFUSED(sr_model_find(unit_db, "英朗", &m), SR_RULE, "code");
	CHECK_OK(sr_model_find(unit_db, "excelle-gx", &m));
	CHECK_EQ_STR(m.model, "英朗 GX");
}

TEST(catalogue_model_code_exists_refused)
{
	fx_open();
	CHECK_REFUSED(sr_model_add(unit_db, "Excelle", "别克", "英朗", "英朗 2", "", NULL), SR_RULE,
	              "exists");
}

TEST(catalogue_source_add_and_cost)
{
	sr_source s;
	int64_t id = 0;
	fx_open();
	CHECK_OK(sr_source_add(unit_db, "douyin", "抖音", &id));
	CHECK_OK(sr_source_find(unit_db, "抖音", &s));
	CHECK_EQ_INT(s.id, id);
	CHECK_REFUSED(sr_source_add(unit_db, "DOUYIN", "抖音2", NULL), SR_RULE, "exists");
	CHECK_OK(sr_source_set_cost(unit_db, "douyin", "2026-03", 1200000));
	CHECK_EQ_INT(fx_q("SELECT cost_cents FROM source_costs WHERE month = '2026-03'"), 1200000);
	CHECK_OK(sr_source_set_cost(unit_db, "douyin", "2026-03", 1000000));
	CHECK_EQ_INT(fx_q("SELECT cost_cents FROM source_costs WHERE month = '2026-03'"), 1000000);
	CHECK(sr_source_set_cost(unit_db, "douyin", "2026-3", 1) != SR_OK);
}

TEST(catalogue_reference_needs_permission)
{
	fx_open();
	fx_as("mgr");
	CHECK_REFUSED(sr_model_add(unit_db, "new", "别克", "新", "新", "", NULL), SR_PERM,
	              "permission");
	CHECK_REFUSED(sr_source_add(unit_db, "new", "新", NULL), SR_PERM, "permission");
	CHECK_REFUSED(sr_followup_level_set(unit_db, "5", 0, 1, 10), SR_PERM, "permission");
	fx_as("dir");
	CHECK_OK(sr_source_add(unit_db, "new", "新", NULL));
}

TEST(catalogue_followup_level_bounds_drive_next_date)
{
	sr_card_filing f;
	sr_followup_level lv;
	char d[SR_DATE_LEN];
	fx_open();
	CHECK_OK(sr_followup_level_set(unit_db, "5", 0, 2, 10));
	CHECK_OK(sr_followup_level_get(unit_db, "5", &lv));
	CHECK_EQ_INT(lv.min_days, 2);
	CHECK_EQ_INT(lv.max_days, 10);
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	f.followup_level = "5";
	fx_date(11, d);
	f.next_date = d;
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "follow-up level");
	fx_date(1, d);
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "follow-up level");
	fx_date(10, d);
	fx_file(&f);
	CHECK(sr_followup_level_set(unit_db, "5", 0, 10, 2) != SR_OK);
}

TEST(catalogue_followup_level_default_per_intent)
{
	char code[SR_CODE_MAX];
	fx_open();
	CHECK_OK(sr_followup_level_default(unit_db, 'H', code));
	CHECK_EQ_STR(code, "2");
	CHECK_OK(sr_followup_level_default(unit_db, 'N', code));
	CHECK_EQ_STR(code, "5");
}

TEST(catalogue_wholesale_owner_must_own_cards)
{
	char v[64];
	fx_open();
	CHECK_REFUSED(sr_setting_set(unit_db, "wholesale_owner", "rec"), SR_RULE, "receptionist");
	CHECK_OK(sr_setting_set(unit_db, "wholesale_owner", "c2"));
	CHECK_OK(sr_setting_get(unit_db, "wholesale_owner", v, sizeof v));
	CHECK_EQ_STR(v, "c2");
}

TEST(catalogue_callback_offsets_validated)
{
	fx_open();
	CHECK_REFUSED(sr_setting_set(unit_db, "callback_offsets", "soon"), SR_BADINPUT,
	              "callback_offsets");
}
