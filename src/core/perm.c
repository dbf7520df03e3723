/* perm.c — the role × action table, in one place, and card scope. */
#include <string.h>
#include "card_rules.h"

#define Y true
#define n false

/* Rows: actions; columns: roles in SR_ROLE_LIST order:
 *                         recep  cons  mgr  dir  dcc-in dcc-out dcc-sup svc admin */
static const bool table[SR_ACT_COUNT][SR_ROLE_COUNT] = {
	[SR_ACT_TRAFFIC_LOG]  = { Y,    n,    Y,   Y,   Y,     n,      n,      n,  Y },
	[SR_ACT_CARD_FILE]    = { Y,    Y,    Y,   Y,   Y,     Y,      Y,      n,  Y },
	[SR_ACT_CARD_VIEW]    = { Y,    Y,    Y,   Y,   Y,     Y,      Y,      Y,  Y },
	[SR_ACT_CARD_EDIT]    = { n,    Y,    Y,   Y,   Y,     Y,      Y,      n,  Y },
	[SR_ACT_FOLLOWUP]     = { n,    Y,    Y,   Y,   Y,     Y,      Y,      n,  Y },
	[SR_ACT_APPOINTMENT]  = { Y,    Y,    Y,   Y,   Y,     Y,      Y,      n,  Y },
	[SR_ACT_ORDER]        = { n,    Y,    Y,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_LOSS_REQUEST] = { n,    Y,    Y,   Y,   Y,     Y,      Y,      n,  Y },
	[SR_ACT_LOSS_DECIDE]  = { n,    n,    Y,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_DORMANT]      = { n,    Y,    Y,   Y,   Y,     Y,      Y,      n,  Y },
	[SR_ACT_ASSIGN]       = { n,    n,    Y,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_MERGE]        = { n,    n,    Y,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_WHOLESALE]    = { n,    n,    Y,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_COMMENT]      = { n,    n,    Y,   Y,   n,     n,      Y,      n,  Y },
	[SR_ACT_CALLBACK]     = { n,    n,    Y,   Y,   n,     n,      n,      Y,  Y },
	[SR_ACT_REPORT]       = { n,    Y,    Y,   Y,   n,     n,      Y,      n,  Y },
	[SR_ACT_EXPORT]       = { n,    n,    Y,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_AUDIT]        = { n,    n,    Y,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_USER_ADMIN]   = { n,    n,    n,   n,   n,     n,      n,      n,  Y },
	[SR_ACT_REFERENCE]    = { n,    n,    n,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_DEMO]         = { n,    n,    n,   n,   n,     n,      n,      n,  Y },
	[SR_ACT_CALL]         = { n,    Y,    Y,   Y,   Y,     Y,      Y,      n,  Y },
	[SR_ACT_SCRIPT]       = { n,    n,    Y,   Y,   n,     n,      Y,      n,  Y },
	[SR_ACT_DCC_SWEEP]    = { n,    n,    Y,   Y,   n,     n,      Y,      n,  Y },
	[SR_ACT_COMPLAINT]    = { n,    n,    Y,   Y,   n,     n,      n,      Y,  Y },
	[SR_ACT_CAMPAIGN]     = { n,    n,    Y,   Y,   n,     n,      Y,      n,  Y },
};

/* Reports follow the scope too: a consultant reads their own figures
 * (kpi.c), a DCC supervisor the DCC team's. */

/* Receptionists and customer service read every card (to link a visitor,
 * to call a buyer) but change none: their actions above say so. */
static const sr_scope scopes[SR_ROLE_COUNT] = {
	[SR_ROLE_RECEPTIONIST] = SR_SCOPE_ALL,
	[SR_ROLE_CONSULTANT] = SR_SCOPE_OWN,
	[SR_ROLE_MANAGER] = SR_SCOPE_ALL,
	[SR_ROLE_DIRECTOR] = SR_SCOPE_ALL,
	[SR_ROLE_DCC_INBOUND] = SR_SCOPE_OWN,
	[SR_ROLE_DCC_OUTBOUND] = SR_SCOPE_OWN,
	[SR_ROLE_DCC_SUPERVISOR] = SR_SCOPE_TEAM,
	[SR_ROLE_SERVICE] = SR_SCOPE_ALL,
	[SR_ROLE_ADMIN] = SR_SCOPE_ALL,
};

#undef Y
#undef n

static const char *const action_names[] = {
#define SR_ACTION_NAME(id, name, text) name,
	SR_ACTION_LIST(SR_ACTION_NAME)
#undef SR_ACTION_NAME
};

static const char *const action_texts[] = {
#define SR_ACTION_TEXT(id, name, text) text,
	SR_ACTION_LIST(SR_ACTION_TEXT)
#undef SR_ACTION_TEXT
};

const char *sr_action_name(sr_action a)
{
	return (unsigned)a < SR_ACT_COUNT ? action_names[a] : "?";
}

const char *sr_action_text(sr_action a)
{
	return (unsigned)a < SR_ACT_COUNT ? action_texts[a] : "?";
}

bool sr_perm_allows(sr_role role, sr_action action)
{
	if ((unsigned)role >= SR_ROLE_COUNT || (unsigned)action >= SR_ACT_COUNT)
		return false;
	return table[action][role];
}

sr_scope sr_perm_scope(sr_role role)
{
	return (unsigned)role < SR_ROLE_COUNT ? scopes[role] : SR_SCOPE_NONE;
}

sr_scope sr_perm_phone_scope(sr_role role)
{
	/* Whose phones each role sees whole (README "Trust"): those of the
	 * cards it reads, owners their own, a DCC supervisor the team's, and
	 * those who call any customer back; but the reception, which reads
	 * every card to link a visitor, sees whole only the phones of its own. */
	if (role == SR_ROLE_RECEPTIONIST)
		return SR_SCOPE_OWN;
	return sr_perm_scope(role);
}

sr_status sr_perm_require(sr_db *db, sr_action action)
{
	if (!db->actor_id)
		return sr_fail(db, SR_PERM, _("permission denied: nobody is logged in"));
	if (!sr_perm_allows(db->actor_role, action))
		return sr_fail(db, SR_PERM, _("permission denied: a %s may not %s"),
		               _(sr_role_name(db->actor_role)), _(sr_action_text(action)));
	return SR_OK;
}

/* Does a scope of the actor's take in the cards of owner_id? */
static bool reaches(sr_db *db, sr_scope scope, int64_t owner_id)
{
	switch (scope) {
	case SR_SCOPE_ALL:
		return true;
	case SR_SCOPE_OWN:
		return owner_id == db->actor_id;
	case SR_SCOPE_TEAM: {
		int64_t same = 0;
		if (owner_id == db->actor_id)
			return true;
		sr_query_int(db, &same, "SELECT team = ?2 FROM users WHERE id = ?1", "Is", owner_id,
		             sr_team_name(db->actor_team));
		return same != 0;
	}
	case SR_SCOPE_NONE:
		break;
	}
	return false;
}

bool sr_perm_in_scope(sr_db *db, int64_t owner_id)
{
	return reaches(db, sr_perm_scope(db->actor_role), owner_id);
}

sr_status sr_perm_card(sr_db *db, sr_action action, int64_t card_id)
{
	sr_status st = sr_perm_require(db, action);
	if (st != SR_OK)
		return st;
	int64_t owner = 0;
	st = sr_query_int(db, &owner, "SELECT owner_id FROM cards WHERE id = ?1", "I", card_id);
	if (st == SR_NOTFOUND)
		return sr_fail(db, SR_NOTFOUND, _("card %lld not found"), (long long)card_id);
	if (st != SR_OK)
		return st;
	if (!sr_perm_in_scope(db, owner))
		return sr_fail(db, SR_PERM,
		               _("permission denied: card %lld belongs to another user; a %s reaches "
		                 "only the cards assigned to them (a manager can reassign it)"),
		               (long long)card_id, _(sr_role_name(db->actor_role)));
	return SR_OK;
}

bool sr_perm_sees_phone(sr_db *db, int64_t owner_id)
{
	return reaches(db, sr_perm_phone_scope(db->actor_role), owner_id);
}
