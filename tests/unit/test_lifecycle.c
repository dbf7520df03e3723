/* test_lifecycle.c — every status change: orders and delivery, sold and
 * lost are final, loss requests, dormancy, merge and reassignment. */
#include "unit.h"

static sr_card_status status_of(int64_t id)
{
	sr_card c;
	fx_get(id, &c);
	return c.status;
}

/* ---- orders ----------------------------------------------------------- */

TEST(order_from_active)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_as("c1");
	sr_order_input o = {.deposit_cents = 1000000, .vin = "LSGKB54H8KA123456",
	                    .expected_delivery = "2026-03-20"};
	int64_t oid = 0;
	CHECK_OK(sr_order_add(unit_db, id, &o, &oid));
	CHECK(oid > 0);
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_ORDER);
	CHECK_EQ_INT(c.level, 'O');
	CHECK(*c.next_date);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM orders WHERE card_id = %lld AND status = 'open'",
	                  (long long)id), 1);
}

TEST(order_from_dormant_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_dormant(id);
	fx_as("c1");
	sr_order_input o = {0};
	CHECK_REFUSED(sr_order_add(unit_db, id, &o, NULL), SR_RULE, "dormant");
}

TEST(order_twice_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_order(id);
	fx_as("c1");
	sr_order_input o = {0};
	CHECK_REFUSED(sr_order_add(unit_db, id, &o, NULL), SR_RULE, "order");
}

TEST(order_with_pending_loss_request_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_GAVE_UP, NULL));
	sr_order_input o = {0};
	CHECK_REFUSED(sr_order_add(unit_db, id, &o, NULL), SR_RULE, "loss");
}

TEST(order_expected_delivery_in_past_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_as("c1");
	sr_order_input o = {.expected_delivery = "2026-03-01"};
	CHECK_REFUSED(sr_order_add(unit_db, id, &o, NULL), SR_RULE, "past");
	o.expected_delivery = "2026-03-02";
	CHECK_OK(sr_order_add(unit_db, id, &o, NULL));
}

TEST(order_deliver_sold_with_callbacks)
{
	sr_card c;
	char due[SR_DATE_LEN];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_order(id);
	fx_as("c1");
	CHECK_OK(sr_order_deliver(unit_db, id));
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_SOLD);
	CHECK_EQ_INT(c.level, 'O');
	CHECK(strncmp(c.sold_at, "2026-03-02", 10) == 0);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM callbacks WHERE card_id = %lld", (long long)id), 5);
	fx_qs(due, sizeof due, "SELECT min(due_date) FROM callbacks WHERE card_id = %lld",
	      (long long)id);
	CHECK_EQ_STR(due, "2026-03-02");
	fx_qs(due, sizeof due, "SELECT max(due_date) FROM callbacks WHERE card_id = %lld",
	      (long long)id);
	CHECK_EQ_STR(due, "2026-05-01");
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM orders WHERE card_id = %lld AND status = 'delivered'",
	                  (long long)id), 1);
}

TEST(order_deliver_active_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_as("c1");
	CHECK_REFUSED(sr_order_deliver(unit_db, id), SR_RULE, "active");
}

TEST(order_cancel_back_to_level_before)
{
	sr_card_filing f;
	sr_card c;
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 2);
	f.level = 'B';
	int64_t id = fx_file(&f);
	fx_order(id);
	fx_as("c1");
	CHECK_OK(sr_order_cancel(unit_db, id, "资金不到位"));
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_ACTIVE);
	CHECK_EQ_INT(c.level, 'B');
	CHECK(*c.next_date);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM orders WHERE card_id = %lld AND status = 'cancelled'"
	                  " AND cancel_reason = '资金不到位'", (long long)id), 1);
	/* and it may sign again */
	fx_order(id);
}

TEST(order_cancel_without_reason_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_order(id);
	fx_as("c1");
	CHECK_REFUSED_EITHER(sr_order_cancel(unit_db, id, NULL), SR_RULE, SR_BADINPUT, "reason");
	CHECK_REFUSED_EITHER(sr_order_cancel(unit_db, id, ""), SR_RULE, SR_BADINPUT, "reason");
}

TEST(order_cancel_of_active_card_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_as("c1");
	CHECK_REFUSED(sr_order_cancel(unit_db, id, "不要了"), SR_RULE, "active");
}

TEST(order_not_by_dcc_caller)
{
	fx_open();
	int64_t id = fx_card("d1", SR_CHANNEL_PHONE, 2);
	fx_as("d1");
	sr_order_input o = {0};
	CHECK_REFUSED(sr_order_add(unit_db, id, &o, NULL), SR_PERM, "permission");
}

/* ---- sold and lost are final ------------------------------------------ */

/* Every change on a final card is refused with SR_RULE, and the message
 * names the card and its status (the core's own message, not only the
 * schema trigger's). */
#define FINAL(expr)                                  \
	do {                                         \
		CHECK_REFUSED(expr, SR_RULE, word);  \
		CHECK_MSG(name);                     \
	} while (0)

static void all_changes_refused(int64_t id, const char *word)
{
	char next[SR_DATE_LEN], name[32];
	fx_date(3, next);
	snprintf(name, sizeof name, "card %lld", (long long)id);
	int64_t other = fx_card("c1", SR_CHANNEL_WALKIN, 1);
	sr_card_change ch = {"name", "改名"};
	sr_followup_input fu = {.card_id = id, .method = SR_METHOD_PHONE};
	sr_order_input o = {0};
	fx_as("mgr");
	FINAL(sr_card_edit(unit_db, id, 0, &ch, 1));
	FINAL(sr_followup_add(unit_db, &fu, NULL));
	FINAL(sr_order_add(unit_db, id, &o, NULL));
	FINAL(sr_loss_request(unit_db, id, SR_LOSS_GAVE_UP, NULL));
	FINAL(sr_card_dormant(unit_db, id));
	FINAL(sr_card_reactivate(unit_db, id, next));
	FINAL(sr_card_assign(unit_db, &id, 1, "c2"));
	FINAL(sr_card_merge(unit_db, other, &id, 1));
	FINAL(sr_card_merge(unit_db, id, &other, 1));
	FINAL(sr_card_promote_wholesale(unit_db, id));
	FINAL(sr_appointment_add(unit_db, id, next, NULL, NULL));
}

TEST(sold_is_final)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_sold(id);
	all_changes_refused(id, "sold");
	CHECK_REFUSED(sr_order_deliver(unit_db, id), SR_RULE, "sold");
	CHECK_REFUSED(sr_order_cancel(unit_db, id, "退车"), SR_RULE, "sold");
}

TEST(lost_is_final)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_lost(id);
	all_changes_refused(id, "lost");
	CHECK_REFUSED(sr_loss_confirm(unit_db, id), SR_RULE, "lost");
}

/* ---- loss requests ---------------------------------------------------- */

TEST(loss_request_from_active)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_COMPETITOR, "买了丰田"));
	fx_get(id, &c);
	CHECK(c.loss_pending);
	CHECK_EQ_INT(c.status, SR_STATUS_ACTIVE);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM loss_requests WHERE card_id = %lld"
	                  " AND status = 'pending' AND reason = 'competitor'", (long long)id), 1);
}

TEST(loss_request_from_dormant_then_confirm)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_dormant(id);
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_UNREACHABLE, NULL));
	fx_as("mgr");
	CHECK_OK(sr_loss_confirm(unit_db, id));
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_LOST);
	CHECK_EQ_STR(c.loss_reason, "unreachable");
}

TEST(loss_request_on_order_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_order(id);
	fx_as("c1");
	CHECK_REFUSED(sr_loss_request(unit_db, id, SR_LOSS_GAVE_UP, NULL), SR_RULE, "order");
}

TEST(loss_second_pending_request_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_GAVE_UP, NULL));
	CHECK_REFUSED(sr_loss_request(unit_db, id, SR_LOSS_REGION, NULL), SR_RULE, "pending");
}

TEST(loss_confirm_makes_lost_with_reason)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_SAME_BRAND, "在别的店买了"));
	fx_as("mgr");
	CHECK_OK(sr_loss_confirm(unit_db, id));
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_LOST);
	CHECK_EQ_STR(c.loss_reason, "same-brand");
	CHECK(strncmp(c.lost_at, "2026-03-02", 10) == 0);
	CHECK(!c.loss_pending);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM loss_requests WHERE card_id = %lld"
	                  " AND status = 'confirmed'", (long long)id), 1);
}

TEST(loss_confirm_without_request_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_as("mgr");
	CHECK_REFUSED(sr_loss_confirm(unit_db, id), SR_RULE, "request");
	CHECK_REFUSED(sr_loss_reject(unit_db, id), SR_RULE, "request");
	CHECK_REFUSED(sr_loss_to_dcc(unit_db, id, "d1"), SR_RULE, "request");
}

TEST(loss_reject_back_to_active)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_dormant(id);
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_GAVE_UP, NULL));
	fx_as("mgr");
	CHECK_OK(sr_loss_reject(unit_db, id));
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_ACTIVE);
	CHECK(!c.loss_pending);
	CHECK(*c.next_date);
	CHECK_EQ_STR(c.owner_login, "c1");
	/* a new request may follow */
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_GAVE_UP, NULL));
}

TEST(loss_to_dcc_named_caller)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_UNREACHABLE, NULL));
	fx_as("mgr");
	CHECK_OK(sr_loss_to_dcc(unit_db, id, "d1"));
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_ACTIVE);
	CHECK_EQ_STR(c.owner_login, "d1");
	CHECK(!c.loss_pending);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM assignments a JOIN users f ON f.id = a.from_user"
	                  " JOIN users t ON t.id = a.to_user WHERE a.card_id = %lld"
	                  " AND a.reason = 'to-dcc' AND f.login = 'c1' AND t.login = 'd1'",
	                  (long long)id), 1);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM loss_requests WHERE card_id = %lld"
	                  " AND status = 'to-dcc'", (long long)id), 1);
}

TEST(loss_to_dcc_automatic_picks_least_loaded_caller)
{
	sr_card c;
	sr_user u;
	fx_open();
	/* two outbound callers (the core prefers outbound ones): d1 has one
	 * following card, d3 none */
	CHECK_OK(sr_user_add(unit_db, "d3", "孙呼出", SR_ROLE_DCC_OUTBOUND, SR_TEAM_DCC, NULL, NULL));
	fx_card("d1", SR_CHANNEL_PHONE, 2);
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_UNREACHABLE, NULL));
	fx_as("mgr");
	CHECK_OK(sr_loss_to_dcc(unit_db, id, NULL));
	fx_get(id, &c);
	CHECK_OK(sr_user_by_id(unit_db, c.owner_id, &u));
	CHECK(sr_role_is_caller(u.role));
	CHECK_EQ_STR(c.owner_login, "d3");
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM assignments WHERE card_id = %lld"
	                  " AND reason = 'to-dcc'", (long long)id), 1);
}

TEST(loss_to_dcc_consultant_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_UNREACHABLE, NULL));
	fx_as("mgr");
	CHECK_REFUSED(sr_loss_to_dcc(unit_db, id, "c2"), SR_RULE, "DCC");
}

TEST(loss_to_dcc_without_active_caller_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	CHECK_OK(sr_user_set_active(unit_db, "d1", 0, false));
	CHECK_OK(sr_user_set_active(unit_db, "d2", 0, false));
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_UNREACHABLE, NULL));
	fx_as("mgr");
	CHECK_REFUSED(sr_loss_to_dcc(unit_db, id, NULL), SR_RULE, "DCC");
}

TEST(loss_consultant_cannot_decide)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_GAVE_UP, NULL));
	CHECK_REFUSED(sr_loss_confirm(unit_db, id), SR_PERM, "permission");
	CHECK_REFUSED(sr_loss_reject(unit_db, id), SR_PERM, "permission");
	CHECK_REFUSED(sr_loss_to_dcc(unit_db, id, "d1"), SR_PERM, "permission");
	CHECK_EQ_INT(status_of(id), SR_STATUS_ACTIVE);
}

TEST(loss_reason_names)
{
	sr_loss_reason r;
	CHECK_EQ_STR(sr_loss_reason_name(SR_LOSS_COMPETITOR), "competitor");
	CHECK_EQ_STR(sr_loss_reason_name(SR_LOSS_SAME_BRAND), "same-brand");
	CHECK_EQ_STR(sr_loss_reason_name(SR_LOSS_GAVE_UP), "gave-up");
	CHECK_EQ_STR(sr_loss_reason_name(SR_LOSS_REGION), "region");
	CHECK_EQ_STR(sr_loss_reason_name(SR_LOSS_UNREACHABLE), "unreachable");
	CHECK(sr_loss_reason_parse("region", &r));
	CHECK_EQ_INT(r, SR_LOSS_REGION);
	CHECK(!sr_loss_reason_parse("bored", &r));
}

/* ---- dormancy --------------------------------------------------------- */

TEST(dormant_phone_card_over_15_days_never_visited)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 16);
	fx_as("c1");
	CHECK_OK(sr_card_dormant(unit_db, id));
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_DORMANT);
	CHECK_EQ_STR(c.next_date, "");
}

TEST(dormant_outreach_card_over_15_days_never_visited)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_OUTREACH, 16);
	fx_as("c1");
	CHECK_OK(sr_card_dormant(unit_db, id));
	CHECK_EQ_INT(status_of(id), SR_STATUS_DORMANT);
}

TEST(dormant_phone_card_9_days_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 9);
	fx_as("c1");
	CHECK_REFUSED(sr_card_dormant(unit_db, id), SR_RULE, "15");
}

TEST(dormant_phone_card_exactly_15_days_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 15);
	fx_as("c1");
	CHECK_REFUSED(sr_card_dormant(unit_db, id), SR_RULE, "15");
}

/* The 15 days are the setting dormant_days: a store that rests phone leads
 * sooner, or later, says so once. */
TEST(dormant_days_is_a_setting)
{
	fx_open();
	int64_t young = fx_card("c1", SR_CHANNEL_PHONE, 9);
	int64_t old = fx_card("c1", SR_CHANNEL_PHONE, 16);
	fx_as("admin");
	CHECK_OK(sr_setting_set(unit_db, "dormant_days", "8"));
	CHECK_REFUSED(sr_setting_set(unit_db, "dormant_days", "soon"), SR_BADINPUT, "dormant_days");
	fx_as("c1");
	CHECK_OK(sr_card_dormant(unit_db, young));
	fx_as("admin");
	CHECK_OK(sr_setting_set(unit_db, "dormant_days", "20"));
	fx_as("c1");
	CHECK_REFUSED(sr_card_dormant(unit_db, old), SR_RULE, "20 days");
}

TEST(dormant_visited_phone_card_without_steps_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_followup(id, SR_METHOD_RECEPTION);
	fx_as("c1");
	CHECK_REFUSED(sr_card_dormant(unit_db, id), SR_RULE, "drive");
}

TEST(dormant_walkin_without_steps_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 30);
	fx_as("c1");
	CHECK_REFUSED(sr_card_dormant(unit_db, id), SR_RULE, "drive");
}

TEST(dormant_walkin_with_two_steps_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 3);
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_PHONE, .intro = true,
	                        .negotiation = true};
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
	CHECK_REFUSED(sr_card_dormant(unit_db, id), SR_RULE, "drive");
}

TEST(dormant_visited_with_all_three_steps)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 3);
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_RECEPTION, .intro = true,
	                        .negotiation = true, .test_drive = true};
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
	CHECK_OK(sr_card_dormant(unit_db, id));
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_DORMANT);
	CHECK_EQ_STR(c.next_date, "");
}

TEST(dormant_from_order_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_order(id);
	fx_as("c1");
	CHECK_REFUSED(sr_card_dormant(unit_db, id), SR_RULE, "order");
}

TEST(reactivate_sets_next_date_within_bounds)
{
	sr_card c;
	sr_followup_level lv;
	char d[SR_DATE_LEN];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_dormant(id);
	fx_get(id, &c);
	CHECK_OK(sr_followup_level_get(unit_db, c.followup_level, &lv));
	fx_as("c1");
	fx_date(lv.max_days + 1, d);
	CHECK_REFUSED(sr_card_reactivate(unit_db, id, d), SR_RULE, "follow-up level");
	fx_date(0, d);
	CHECK_REFUSED(sr_card_reactivate(unit_db, id, d), SR_RULE, "follow-up level");
	fx_date(lv.max_days, d);
	CHECK_OK(sr_card_reactivate(unit_db, id, d));
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_ACTIVE);
	CHECK_EQ_STR(c.next_date, d);
}

TEST(reactivate_active_card_refused)
{
	char d[SR_DATE_LEN];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_date(2, d);
	fx_as("c1");
	CHECK_REFUSED(sr_card_reactivate(unit_db, id, d), SR_RULE, "active");
}

/* ---- merge ------------------------------------------------------------ */

TEST(merge_moves_followups_traffic_appointments)
{
	sr_card_filing f;
	sr_card c;
	char tomorrow[SR_DATE_LEN];
	fx_open();
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 5);
	f.phone = "13800138000";
	int64_t survivor = fx_file(&f);
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	fx_filing(&f, NULL, SR_CHANNEL_WALKIN, 0);
	f.phone = "13800138000";
	f.at = NULL;
	f.traffic_id = tid;
	f.new_opportunity = true;
	int64_t dup = fx_file(&f);
	fx_followup(dup, SR_METHOD_PHONE);
	fx_date(1, tomorrow);
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, dup, tomorrow, NULL, NULL));
	fx_as("mgr");
	CHECK_OK(sr_card_merge(unit_db, survivor, &dup, 1));
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM followups WHERE card_id = %lld", (long long)dup), 0);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM followups WHERE card_id = %lld", (long long)survivor),
	             1);
	CHECK_EQ_INT(fx_q("SELECT card_id FROM traffic WHERE id = %lld", (long long)tid), survivor);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM appointments WHERE card_id = %lld",
	                  (long long)survivor), 1);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM merges WHERE survivor_id = %lld AND merged_id = %lld",
	                  (long long)survivor, (long long)dup), 1);
	fx_get(dup, &c);
	CHECK_EQ_INT(c.merged_into, survivor);
	fx_get(survivor, &c);
	CHECK_EQ_INT(c.merged_into, 0);
}

/* SPEC §3: "follow-ups, visits, traffic links and appointments move". */
TEST(merge_moves_visits)
{
	sr_card c;
	fx_open();
	int64_t survivor = fx_card("c1", SR_CHANNEL_PHONE, 5);
	int64_t dups[] = {fx_card("c1", SR_CHANNEL_PHONE, 3), fx_card("c1", SR_CHANNEL_WALKIN, 2)};
	fx_followup(dups[0], SR_METHOD_RECEPTION);
	fx_as("mgr");
	CHECK_OK(sr_card_merge(unit_db, survivor, dups, 2));
	fx_get(survivor, &c);
	CHECK_EQ_INT(c.visits, 2); /* a reception follow-up and a walk-in filing */
}

TEST(merge_wholesale_refused)
{
	sr_card_filing f;
	fx_open();
	int64_t survivor = fx_card("c1", SR_CHANNEL_PHONE, 5);
	fx_filing(&f, "c1", SR_CHANNEL_OUTREACH, 1);
	f.wholesale = true;
	int64_t w = fx_file(&f);
	fx_as("mgr");
	CHECK_REFUSED(sr_card_merge(unit_db, survivor, &w, 1), SR_RULE, "wholesale");
	CHECK_REFUSED(sr_card_merge(unit_db, w, &survivor, 1), SR_RULE, "wholesale");
}

TEST(merge_card_with_order_refused)
{
	fx_open();
	int64_t survivor = fx_card("c1", SR_CHANNEL_PHONE, 5);
	int64_t ordered = fx_card("c1", SR_CHANNEL_WALKIN, 1);
	fx_order(ordered);
	fx_as("mgr");
	CHECK_REFUSED(sr_card_merge(unit_db, survivor, &ordered, 1), SR_RULE, "order");
	CHECK_REFUSED(sr_card_merge(unit_db, ordered, &survivor, 1), SR_RULE, "order");
}

TEST(merge_allowed_for_plain_cards)
{
	fx_open();
	int64_t survivor = fx_card("c1", SR_CHANNEL_PHONE, 5);
	int64_t dups[] = {fx_card("c1", SR_CHANNEL_WALKIN, 1), fx_card("c2", SR_CHANNEL_PHONE, 1)};
	fx_as("mgr");
	CHECK_OK(sr_card_merge(unit_db, survivor, dups, 2));
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM cards WHERE merged_into = %lld", (long long)survivor),
	             2);
}

TEST(merged_card_frozen)
{
	char d[SR_DATE_LEN], survivor_text[32];
	fx_open();
	for (int i = 0; i < 5; i++)
		fx_card("c2", SR_CHANNEL_PHONE, 1); /* ids that do not look like the survivor's */
	int64_t survivor = fx_card("c1", SR_CHANNEL_PHONE, 5);
	int64_t dup = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_as("mgr");
	CHECK_OK(sr_card_merge(unit_db, survivor, &dup, 1));
	sr_card_change ch = {"name", "改名"};
	sr_followup_input fu = {.card_id = dup, .method = SR_METHOD_PHONE};
	sr_order_input o = {0};
	fx_date(1, d);
	CHECK_REFUSED(sr_card_edit(unit_db, dup, 0, &ch, 1), SR_RULE, "merged");
	CHECK_REFUSED(sr_followup_add(unit_db, &fu, NULL), SR_RULE, "merged");
	CHECK_REFUSED(sr_order_add(unit_db, dup, &o, NULL), SR_RULE, "merged");
	CHECK_REFUSED(sr_card_dormant(unit_db, dup), SR_RULE, "merged");
	snprintf(survivor_text, sizeof survivor_text, "%lld", (long long)survivor);
	CHECK_MSG(survivor_text); /* names the card to work on instead */
	CHECK_REFUSED(sr_card_assign(unit_db, &dup, 1, "c2"), SR_RULE, "merged");
	CHECK_REFUSED(sr_loss_request(unit_db, dup, SR_LOSS_GAVE_UP, NULL), SR_RULE, "merged");
	CHECK_REFUSED(sr_appointment_add(unit_db, dup, d, NULL, NULL), SR_RULE, "merged");
	int64_t third = fx_card("c1", SR_CHANNEL_PHONE, 1);
	CHECK_REFUSED(sr_card_merge(unit_db, dup, &third, 1), SR_RULE, "merged");
}

TEST(merge_card_with_pending_loss_refused)
{
	fx_open();
	int64_t survivor = fx_card("c1", SR_CHANNEL_PHONE, 5);
	int64_t dup = fx_card("c1", SR_CHANNEL_PHONE, 1);
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, dup, SR_LOSS_GAVE_UP, NULL));
	fx_as("mgr");
	CHECK_REFUSED(sr_card_merge(unit_db, survivor, &dup, 1), SR_RULE, "pending");
}

TEST(merge_consultant_cannot)
{
	fx_open();
	int64_t survivor = fx_card("c1", SR_CHANNEL_PHONE, 5);
	int64_t dup = fx_card("c1", SR_CHANNEL_PHONE, 1);
	fx_as("c1");
	CHECK_REFUSED(sr_card_merge(unit_db, survivor, &dup, 1), SR_PERM, "permission");
}

TEST(merge_all_or_nothing)
{
	sr_card_filing f;
	fx_open();
	int64_t survivor = fx_card("c1", SR_CHANNEL_PHONE, 5);
	int64_t good = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_followup(good, SR_METHOD_PHONE);
	fx_filing(&f, "c1", SR_CHANNEL_OUTREACH, 1);
	f.wholesale = true;
	int64_t bad = fx_file(&f);
	int64_t list[] = {good, bad};
	fx_as("mgr");
	CHECK_REFUSED(sr_card_merge(unit_db, survivor, list, 2), SR_RULE, "wholesale");
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM cards WHERE merged_into IS NOT NULL"), 0);
}

TEST(merge_into_itself_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 5);
	fx_as("mgr");
	CHECK(sr_card_merge(unit_db, id, &id, 1) != SR_OK);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM cards WHERE merged_into IS NOT NULL"), 0);
}

/* ---- reassignment ----------------------------------------------------- */

TEST(assign_many_cards_at_once)
{
	sr_card c;
	fx_open();
	int64_t ids[] = {fx_card("c1", SR_CHANNEL_PHONE, 20), fx_card("c1", SR_CHANNEL_WALKIN, 2),
	                 fx_card("c1", SR_CHANNEL_OUTREACH, 1)};
	fx_dormant(ids[0]);
	fx_as("mgr");
	CHECK_OK(sr_card_assign(unit_db, ids, 3, "c2"));
	for (int i = 0; i < 3; i++) {
		fx_get(ids[i], &c);
		CHECK_EQ_STR(c.owner_login, "c2");
	}
	fx_get(ids[0], &c);
	CHECK_EQ_INT(c.status, SR_STATUS_DORMANT); /* same status, new owner */
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM assignments a JOIN users t ON t.id = a.to_user"
	                  " WHERE a.reason = 'reassign' AND t.login = 'c2'"), 3);
}

TEST(assign_to_unknown_user_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_as("mgr");
	CHECK_REFUSED(sr_card_assign(unit_db, &id, 1, "ghost"), SR_NOTFOUND, "ghost");
}

TEST(assign_to_inactive_user_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	CHECK_OK(sr_user_set_active(unit_db, "c2", 0, false));
	fx_as("mgr");
	CHECK_REFUSED_EITHER(sr_card_assign(unit_db, &id, 1, "c2"), SR_NOTFOUND, SR_RULE, "c2");
}

TEST(assign_to_receptionist_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_as("mgr");
	CHECK_REFUSED(sr_card_assign(unit_db, &id, 1, "rec"), SR_RULE, "receptionist");
}

TEST(assign_consultant_cannot)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_as("c1");
	CHECK_REFUSED(sr_card_assign(unit_db, &id, 1, "c2"), SR_PERM, "permission");
}

TEST(assign_all_or_nothing)
{
	fx_open();
	int64_t ids[] = {fx_card("c1", SR_CHANNEL_PHONE, 3), fx_card("c1", SR_CHANNEL_WALKIN, 2)};
	fx_sold(ids[1]);
	fx_as("mgr");
	CHECK_REFUSED(sr_card_assign(unit_db, ids, 2, "c2"), SR_RULE, "sold");
}

/* ---- the transition table, status by status ---------------------------- */

TEST(transitions_refused_on_active_card)
{
	char d[SR_DATE_LEN];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_date(2, d);
	fx_as("mgr");
	CHECK_REFUSED(sr_card_reactivate(unit_db, id, d), SR_RULE, "active");
	CHECK_REFUSED(sr_order_deliver(unit_db, id), SR_RULE, "active");
	CHECK_REFUSED(sr_order_cancel(unit_db, id, "不买了"), SR_RULE, "active");
}

TEST(transitions_refused_on_order_card)
{
	char d[SR_DATE_LEN];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_order(id);
	fx_date(2, d);
	fx_as("mgr");
	CHECK_REFUSED(sr_card_reactivate(unit_db, id, d), SR_RULE, "order");
	CHECK_REFUSED(sr_card_dormant(unit_db, id), SR_RULE, "order");
	CHECK_REFUSED(sr_card_promote_wholesale(unit_db, id), SR_RULE, "order");
	CHECK_REFUSED(sr_loss_request(unit_db, id, SR_LOSS_GAVE_UP, NULL), SR_RULE, "order");
}

TEST(transitions_allowed_on_order_card)
{
	char d[SR_DATE_LEN];
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_order(id);
	fx_date(2, d);
	sr_card_change ch = {"region", "浦东"};
	fx_as("mgr");
	CHECK_OK(sr_card_edit(unit_db, id, 0, &ch, 1));
	CHECK_OK(sr_appointment_add(unit_db, id, d, NULL, NULL));
	CHECK_OK(sr_card_assign(unit_db, &id, 1, "c2"));
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_ORDER);
	CHECK_EQ_STR(c.owner_login, "c2");
}

TEST(transitions_refused_on_dormant_card)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_dormant(id);
	fx_as("mgr");
	CHECK_REFUSED(sr_card_dormant(unit_db, id), SR_RULE, "dormant");
	CHECK_REFUSED(sr_order_deliver(unit_db, id), SR_RULE, "dormant");
	CHECK_REFUSED(sr_order_cancel(unit_db, id, "不买了"), SR_RULE, "dormant");
}

TEST(transitions_allowed_on_dormant_card)
{
	char d[SR_DATE_LEN];
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	int64_t other = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_dormant(id);
	fx_dormant(other);
	fx_date(2, d);
	sr_card_change ch = {"region", "浦东"};
	fx_as("mgr");
	CHECK_OK(sr_card_edit(unit_db, id, 0, &ch, 1));
	CHECK_OK(sr_appointment_add(unit_db, id, d, NULL, NULL));
	CHECK_OK(sr_card_merge(unit_db, id, &other, 1));
	CHECK_OK(sr_card_promote_wholesale(unit_db, id));
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_DORMANT);
	CHECK_EQ_STR(c.next_date, "");
}
