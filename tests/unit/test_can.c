/* test_can.c — sr_card_can: which changes a card allows the acting user,
 * from the transition table and the permission table together, without a
 * message or an audit row; and never an action the action itself would
 * refuse for the card's status or the user's rights. */
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "unit.h"

#define T(x) (1u << SR_TR_##x)

static unsigned allowed_as(const char *login, int64_t id)
{
	char was[SR_LOGIN_MAX];
	fx_actor(was);
	fx_as(login);
	unsigned m = sr_card_allowed(unit_db, id);
	fx_as(was);
	return m;
}

TEST(card_can_owner_of_an_active_card)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	int64_t audit = fx_q("SELECT count(*) FROM audit");
	CHECK_EQ_INT(allowed_as("c1", id),
	             T(FOLLOWUP) | T(EDIT) | T(APPOINTMENT) | T(ORDER) | T(LOSS_REQUEST));
	/* another consultant's card: nothing, and nothing audited */
	CHECK_EQ_INT(allowed_as("c2", id), 0);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit"), audit);
	fx_as("c1");
	CHECK(sr_card_can(unit_db, id, SR_TR_ORDER));
	CHECK(!sr_card_can(unit_db, id, SR_TR_DELIVER));
	CHECK(!sr_card_can(unit_db, id, SR_TR_COUNT));
	CHECK(!sr_card_can(unit_db, 999, SR_TR_FOLLOWUP));
}

TEST(card_can_follows_the_status)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	fx_order(id);
	CHECK_EQ_INT(allowed_as("c1", id),
	             T(FOLLOWUP) | T(EDIT) | T(APPOINTMENT) | T(DELIVER) | T(CANCEL));
	fx_sold(fx_card("c1", SR_CHANNEL_PHONE, 0));
	int64_t sold = fx_q("SELECT max(id) FROM cards");
	CHECK_EQ_INT(allowed_as("c1", sold), 0);
	CHECK_EQ_INT(allowed_as("mgr", sold), 0);
	/* dormant: allowed once a phone card is over 15 days old, unvisited */
	int64_t old = fx_card("c1", SR_CHANNEL_PHONE, 20);
	CHECK(allowed_as("c1", old) & T(DORMANT));
	CHECK(!(allowed_as("c1", id) & T(DORMANT)));
	fx_dormant(old);
	CHECK_EQ_INT(allowed_as("c1", old),
	             T(FOLLOWUP) | T(EDIT) | T(APPOINTMENT) | T(LOSS_REQUEST) | T(REACTIVATE));
}

TEST(card_can_managers_and_loss_requests)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	unsigned m = allowed_as("mgr", id);
	CHECK(m & T(ASSIGN));
	CHECK(m & T(MERGE));
	CHECK(m & T(PROMOTE));
	CHECK(!(m & T(LOSS_CONFIRM)));
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_GAVE_UP, ""));
	m = allowed_as("mgr", id);
	CHECK(m & T(LOSS_CONFIRM));
	CHECK(m & T(LOSS_REJECT));
	CHECK(m & T(LOSS_TO_DCC));
	CHECK(!(m & T(ORDER)));
	CHECK(!(allowed_as("c1", id) & T(LOSS_REQUEST)));
	CHECK(!(allowed_as("c1", id) & T(LOSS_CONFIRM)));
}

/* What sr_card_can allows, the action's own checks of permission and
 * status allow too, for every role's user and every kind of card. */
TEST(card_can_agrees_with_the_actions)
{
	static const char *const users[] = {"c1", "c2", "mgr", "dir", "rec", "d1", "svc"};
	fx_open();
	int64_t cards[4];
	cards[0] = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	cards[1] = fx_card("c1", SR_CHANNEL_PHONE, 30);
	cards[2] = fx_card("c1", SR_CHANNEL_PHONE, 0);
	fx_order(cards[2]);
	cards[3] = fx_card("c2", SR_CHANNEL_PHONE, 0);
	fx_lost(cards[3]);
	for (size_t u = 0; u < sizeof users / sizeof *users; u++) {
		fx_as(users[u]);
		for (int i = 0; i < 4; i++)
			for (int tr = 0; tr < SR_TR_COUNT; tr++) {
				if (!sr_card_can(unit_db, cards[i], (sr_transition)tr))
					continue;
				sr_card_facts f;
				if (sr_card_prepare(unit_db, cards[i], (sr_transition)tr, &f) != SR_OK)
					unit_fail(__FILE__, __LINE__, "%s may %d on card %d, but: %s",
					          users[u], tr, i, sr_db_message(unit_db));
			}
	}
}
