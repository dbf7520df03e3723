/* test_user.c — staff: adding, uniqueness, activation, roles. */
#include "unit.h"

TEST(user_add_and_read)
{
	sr_user u;
	int64_t id = 0;
	fx_open();
	CHECK_OK(sr_user_add(unit_db, "c3", "张顾问", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM, "zhang",
	                     &id));
	CHECK(id > 0);
	CHECK_OK(sr_user_by_login(unit_db, "c3", &u));
	CHECK_EQ_INT(u.id, id);
	CHECK_EQ_STR(u.name, "张顾问");
	CHECK_EQ_INT(u.role, SR_ROLE_CONSULTANT);
	CHECK_EQ_STR(u.unix_login, "zhang");
	CHECK(u.active);
	CHECK_OK(sr_user_by_unix(unit_db, "zhang", &u));
	CHECK_EQ_STR(u.login, "c3");
	CHECK_OK(sr_user_by_id(unit_db, id, &u));
	CHECK_EQ_STR(u.login, "c3");
	CHECK_STATUS(sr_user_by_login(unit_db, "ghost", &u), SR_NOTFOUND);
}

TEST(user_login_exists_refused)
{
	fx_open();
	CHECK_REFUSED(sr_user_add(unit_db, "c1", "重复", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM, NULL,
	                          NULL), SR_RULE, "c1");
}

TEST(user_unix_login_mapped_once)
{
	fx_open();
	CHECK_OK(sr_user_add(unit_db, "c3", "张顾问", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM, "zhang",
	                     NULL));
	CHECK_REFUSED(sr_user_add(unit_db, "c4", "张二", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM,
	                          "zhang", NULL), SR_RULE, "zhang");
}

TEST(user_admin_only)
{
	fx_open();
	fx_as("mgr");
	CHECK_REFUSED(sr_user_add(unit_db, "c3", "张顾问", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM, NULL,
	                          NULL), SR_PERM, "permission");
	CHECK_REFUSED(sr_user_set_active(unit_db, "c1", 0, false), SR_PERM, "permission");
}

TEST(user_bad_login_refused)
{
	fx_open();
	CHECK(sr_user_add(unit_db, "bad login", "名字", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM, NULL,
	                  NULL) != SR_OK);
	CHECK(sr_user_add(unit_db, "c5", "", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM, NULL, NULL) !=
	      SR_OK);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM users WHERE login IN ('bad login', 'c5')"), 0);
}

TEST(user_deactivate_self_refused)
{
	fx_open();
	CHECK_REFUSED(sr_user_set_active(unit_db, "admin", 0, false), SR_RULE, "yourself");
}

TEST(user_deactivated_owns_no_new_cards)
{
	sr_card_filing f;
	sr_user u;
	fx_open();
	CHECK_OK(sr_user_set_active(unit_db, "c2", 0, false));
	CHECK_OK(sr_user_by_login(unit_db, "c2", &u));
	CHECK(!u.active);
	fx_filing(&f, "c2", SR_CHANNEL_PHONE, 0);
	CHECK(sr_card_file(unit_db, &f, NULL) != SR_OK);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM cards"), 0);
	CHECK_OK(sr_user_set_active(unit_db, "c2", 0, true));
	fx_file(&f);
}

TEST(user_role_names)
{
	sr_role r;
	CHECK_EQ_STR(sr_role_name(SR_ROLE_DCC_OUTBOUND), "dcc-outbound");
	CHECK(sr_role_parse("receptionist", &r));
	CHECK_EQ_INT(r, SR_ROLE_RECEPTIONIST);
	CHECK(!sr_role_parse("boss", &r));
	CHECK(sr_role_is_caller(SR_ROLE_DCC_INBOUND));
	CHECK(sr_role_is_caller(SR_ROLE_DCC_OUTBOUND));
	CHECK(!sr_role_is_caller(SR_ROLE_DCC_SUPERVISOR));
	CHECK(sr_role_owns_cards(SR_ROLE_CONSULTANT));
	CHECK(sr_role_owns_cards(SR_ROLE_DCC_INBOUND));
	CHECK(!sr_role_owns_cards(SR_ROLE_MANAGER));
	CHECK(!sr_role_owns_cards(SR_ROLE_RECEPTIONIST));
}
