/* user.h — staff, their roles, and who is acting.
 *
 * A user has a login, a display name, a role and a team. The acting user of
 * a connection decides every permission (perm.h). Without --as, the actor
 * is the user mapped to the invoking Unix account; root with no mapping
 * acts as the built-in 'admin'. */
#ifndef SHOWROOM_USER_H
#define SHOWROOM_USER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "showroom/db.h"

#define SR_ROLE_LIST(X)                                    \
	X(SR_ROLE_RECEPTIONIST, "receptionist",   "前台")     \
	X(SR_ROLE_CONSULTANT,   "consultant",     "销售顾问") \
	X(SR_ROLE_MANAGER,      "manager",        "展厅经理") \
	X(SR_ROLE_DIRECTOR,     "director",       "销售总监") \
	X(SR_ROLE_DCC_INBOUND,  "dcc-inbound",    "呼入专员") \
	X(SR_ROLE_DCC_OUTBOUND, "dcc-outbound",   "呼出专员") \
	X(SR_ROLE_DCC_SUPERVISOR, "dcc-supervisor", "DCC主管") \
	X(SR_ROLE_SERVICE,      "service",        "客服专员") \
	X(SR_ROLE_ADMIN,        "admin",          "管理员")

typedef enum {
#define SR_ROLE_ENUM(id, name, zh) id,
	SR_ROLE_LIST(SR_ROLE_ENUM)
#undef SR_ROLE_ENUM
	SR_ROLE_COUNT
} sr_role;

typedef enum { SR_TEAM_SHOWROOM, SR_TEAM_DCC } sr_team;

#define SR_LOGIN_MAX 33
#define SR_NAME_MAX 129 /* 32 characters of up to 4 bytes */

typedef struct {
	int64_t id;
	char login[SR_LOGIN_MAX];
	char name[SR_NAME_MAX];
	sr_role role;
	sr_team team;
	char unix_login[SR_LOGIN_MAX];
	bool active;
	int64_t version;
} sr_user;

const char *sr_role_name(sr_role r);         /* "consultant" */
const char *sr_role_label(sr_role r);        /* "consultant", 销售顾问 in zh_CN */
bool sr_role_parse(const char *text, sr_role *out);
const char *sr_team_name(sr_team t);
bool sr_team_parse(const char *text, sr_team *out);
/* A DCC caller (inbound or outbound): owns cards like a consultant. */
bool sr_role_is_caller(sr_role r);
/* Roles that own cards: consultants and DCC callers. */
bool sr_role_owns_cards(sr_role r);

/* Add a user (admin only). unix_login may be NULL. Writes the new id. */
sr_status sr_user_add(sr_db *db, const char *login, const char *name, sr_role role,
                      sr_team team, const char *unix_login, int64_t *id_out);
/* Activate or deactivate (admin). Deactivated users own no new cards.
 * Only if the user is still at expected_version (0 = do not check);
 * SR_CONFLICT otherwise. */
sr_status sr_user_set_active(sr_db *db, const char *login, int64_t expected_version,
                             bool active);

sr_status sr_user_by_login(sr_db *db, const char *login, sr_user *out);
sr_status sr_user_by_id(sr_db *db, int64_t id, sr_user *out);
sr_status sr_user_by_unix(sr_db *db, const char *unix_login, sr_user *out);

/* Every user, in login order. Stops early when fn returns non-zero. */
sr_status sr_user_each(sr_db *db, int (*fn)(void *ctx, const sr_user *u), void *ctx);

/* Decide who acts on this connection.
 *  - as_login given: honoured only when uid is 0 or owns the database file
 *    (db_owner_uid; (uid_t)-1 in the shared install, where --as is
 *    root's alone); otherwise SR_PERM.
 *  - else the user mapped to unix_login; root (uid 0) with no mapping acts
 *    as 'admin'; anyone else unmapped gets SR_PERM with a hint to
 *    `showroom user add ... --unix LOGIN`. */
sr_status sr_user_identify(sr_db *db, const char *as_login, uid_t uid, uid_t db_owner_uid,
                           const char *unix_login);

/* Set the actor directly (tests, the TUI after a login). */
sr_status sr_user_act_as(sr_db *db, const char *login);
/* The acting user; SR_PERM if none. */
sr_status sr_user_actor(sr_db *db, sr_user *out);

#endif
