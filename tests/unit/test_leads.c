/* test_leads.c — the one choice of who gets a lead (dcc.c): round robin
 * among the active DCC callers after the last one, a source's fixed owner
 * under by-source, the caller with the fewest cards for a card handed back,
 * and the refusals in the words of filing and of the import. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "unit.h"

static int64_t user_id(const char *login)
{
	return fx_q("SELECT id FROM users WHERE login = '%s'", login);
}

TEST(leads_round_robin_continues_after_the_last)
{
	sr_leads l;
	int64_t a, b, c;
	fx_open();
	int64_t d1 = user_id("d1"), d2 = user_id("d2");
	CHECK(d1 < d2);
	CHECK_OK(sr_leads_open(unit_db, &l, false));
	CHECK_EQ_INT(l.ncallers, 2);
	CHECK_OK(sr_leads_pick(unit_db, &l, NULL, &a));
	CHECK_OK(sr_leads_pick(unit_db, &l, "autohome", &b));
	CHECK_OK(sr_leads_pick(unit_db, &l, NULL, &c));
	CHECK_EQ_INT(a, d1);
	CHECK_EQ_INT(b, d2);
	CHECK_EQ_INT(c, d1);
	CHECK_OK(sr_tx_begin(unit_db));
	CHECK_OK(sr_leads_save(unit_db, &l));
	CHECK_OK(sr_tx_end(unit_db, SR_OK));
	char last[24];
	CHECK_OK(sr_setting_get(unit_db, "import_rr", last, sizeof last));
	CHECK_EQ_INT(strtoll(last, NULL, 10), d1);
	/* one lead filed later goes on from there */
	CHECK_OK(sr_tx_begin(unit_db));
	CHECK_OK(sr_dcc_pick_caller(unit_db, NULL, &a));
	CHECK_OK(sr_tx_end(unit_db, SR_OK));
	CHECK_EQ_INT(a, d2);
}

TEST(leads_by_source_fixed_owner)
{
	sr_leads l;
	int64_t a, b;
	fx_open();
	CHECK_OK(sr_setting_set(unit_db, "import_rule", "by-source"));
	CHECK_OK(sr_setting_set(unit_db, "import_owner.autohome", "c2"));
	CHECK_OK(sr_leads_open(unit_db, &l, false));
	CHECK_OK(sr_leads_pick(unit_db, &l, "autohome", &a));
	CHECK_EQ_INT(a, user_id("c2"));
	CHECK(!l.rr_dirty);
	/* a source without a fixed owner goes round */
	CHECK_OK(sr_leads_pick(unit_db, &l, "bitauto", &b));
	CHECK_EQ_INT(b, user_id("d1"));
}

TEST(leads_fixed_owner_who_cannot_own_cards)
{
	sr_leads l;
	int64_t a;
	fx_open();
	CHECK_OK(sr_setting_set(unit_db, "import_rule", "by-source"));
	CHECK_OK(sr_setting_set(unit_db, "import_owner.autohome", "rec"));
	CHECK_OK(sr_leads_open(unit_db, &l, false));
	CHECK_STATUS(sr_leads_pick(unit_db, &l, "autohome", &a), SR_RULE);
	CHECK_MSG("setting import_owner.autohome names rec");
	CHECK_OK(sr_leads_open(unit_db, &l, true));
	CHECK_STATUS(sr_leads_pick(unit_db, &l, "autohome", &a), SR_RULE);
	CHECK_MSG("import_owner.autohome names rec, who cannot own cards");
}

TEST(leads_no_caller)
{
	sr_leads l;
	int64_t a;
	fx_open();
	CHECK_OK(sr_user_set_active(unit_db, "d1", 0, false));
	CHECK_OK(sr_user_set_active(unit_db, "d2", 0, false));
	CHECK_OK(sr_leads_open(unit_db, &l, false));
	CHECK_EQ_INT(l.ncallers, 0);
	CHECK_STATUS(sr_leads_pick(unit_db, &l, NULL, &a), SR_RULE);
	CHECK_MSG("no active DCC caller to give the lead to");
	CHECK_OK(sr_leads_open(unit_db, &l, true));
	CHECK_STATUS(sr_leads_pick(unit_db, &l, "autohome", &a), SR_RULE);
	CHECK_MSG("no active DCC caller to give imported leads to");
	CHECK_STATUS(sr_dcc_pick_least_loaded(unit_db, &a), SR_RULE);
	CHECK_MSG("no active DCC caller to hand the card to");
}

TEST(leads_least_loaded_outbound_first)
{
	int64_t a;
	fx_open();
	/* d1 (outbound) gets the card while it has no more than d2 */
	CHECK_OK(sr_dcc_pick_least_loaded(unit_db, &a));
	CHECK_EQ_INT(a, user_id("d1"));
	fx_card("d1", SR_CHANNEL_PHONE, 0);
	CHECK_OK(sr_dcc_pick_least_loaded(unit_db, &a));
	CHECK_EQ_INT(a, user_id("d1")); /* outbound callers first */
	CHECK_OK(sr_user_add(unit_db, "d3", "呼出三", SR_ROLE_DCC_OUTBOUND, SR_TEAM_DCC, NULL, NULL));
	CHECK_OK(sr_dcc_pick_least_loaded(unit_db, &a));
	CHECK_EQ_INT(a, user_id("d3"));
}
