/* user.c — staff, their roles and teams, and who acts on a connection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "store.h"

enum { LOGIN_CHARS = 32, NAME_CHARS = 32 };

static const char *const role_names[SR_ROLE_COUNT] = {
#define SR_ROLE_NAME(id, name, zh) name,
	SR_ROLE_LIST(SR_ROLE_NAME)
#undef SR_ROLE_NAME
};

static const char *const role_labels[SR_ROLE_COUNT] = {
#define SR_ROLE_LABEL(id, name, zh) zh,
	SR_ROLE_LIST(SR_ROLE_LABEL)
#undef SR_ROLE_LABEL
};

static const char *const team_names[] = {
	[SR_TEAM_SHOWROOM] = "showroom",
	[SR_TEAM_DCC] = "dcc",
};

#define TEAM_COUNT (sizeof team_names / sizeof team_names[0])

const char *sr_role_name(sr_role r)
{
	return (unsigned)r < SR_ROLE_COUNT ? role_names[r] : "?";
}

const char *sr_role_label(sr_role r)
{
	/* the machine names are translated in names.c: 销售顾问 in zh_CN */
	return (unsigned)r < SR_ROLE_COUNT ? _(role_names[r]) : "?";
}

/* The English name (any case) or the Chinese label, so both a script and
 * a clerk typing 销售顾问 get what they mean. */
bool sr_role_parse(const char *text, sr_role *out)
{
	if (!text)
		return false;
	for (int r = 0; r < SR_ROLE_COUNT; r++) {
		if (!strcasecmp(text, role_names[r]) || !strcmp(text, role_labels[r])) {
			*out = (sr_role)r;
			return true;
		}
	}
	return false;
}

const char *sr_team_name(sr_team t)
{
	return (unsigned)t < TEAM_COUNT ? team_names[t] : "?";
}

bool sr_team_parse(const char *text, sr_team *out)
{
	if (!text)
		return false;
	for (unsigned t = 0; t < TEAM_COUNT; t++) {
		if (!strcasecmp(text, team_names[t])) {
			*out = (sr_team)t;
			return true;
		}
	}
	return false;
}

bool sr_role_is_caller(sr_role r)
{
	return r == SR_ROLE_DCC_INBOUND || r == SR_ROLE_DCC_OUTBOUND;
}

bool sr_role_owns_cards(sr_role r)
{
	return r == SR_ROLE_CONSULTANT || sr_role_is_caller(r);
}

static const char USER_COLS_BY_LOGIN_SQL[] =
	"SELECT id, login, name, role, team, coalesce(unix_login, ''), active, version"
	" FROM users WHERE login = ?1";
static const char USER_COLS_BY_ID_SQL[] =
	"SELECT id, login, name, role, team, coalesce(unix_login, ''), active, version"
	" FROM users WHERE id = ?1";
static const char USER_COLS_BY_UNIX_SQL[] =
	"SELECT id, login, name, role, team, coalesce(unix_login, ''), active, version"
	" FROM users WHERE unix_login = ?1";
static const char USER_EACH_SQL[] =
	"SELECT id, login, name, role, team, coalesce(unix_login, ''), active, version"
	" FROM users ORDER BY login";

static void user_from_row(sqlite3_stmt *st, sr_user *u)
{
	char text[32];
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	sr_col_text(st, 1, u->login, sizeof u->login);
	sr_col_text(st, 2, u->name, sizeof u->name);
	sr_col_text(st, 3, text, sizeof text);
	if (!sr_role_parse(text, &u->role))
		u->role = SR_ROLE_RECEPTIONIST; /* the schema allows no other value */
	sr_col_text(st, 4, text, sizeof text);
	if (!sr_team_parse(text, &u->team))
		u->team = SR_TEAM_SHOWROOM;
	sr_col_text(st, 5, u->unix_login, sizeof u->unix_login);
	u->active = sqlite3_column_int(st, 6) != 0;
	u->version = sqlite3_column_int64(st, 7);
}

/* One user by a statement taking one parameter: key when given, else id.
 * SR_NOTFOUND without a message: the callers word it. */
static sr_status user_fetch(sr_db *db, const char *sql, const char *key, int64_t id,
                            sr_user *out)
{
	sqlite3_stmt *st = sr_stmt(db, sql);
	if (!st)
		return SR_IO;
	if (key)
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	sr_status res = SR_OK;
	if (rc == SQLITE_ROW)
		user_from_row(st, out);
	else if (rc == SQLITE_DONE)
		res = SR_NOTFOUND;
	else
		res = sr_sqlite_fail(db, rc, _("reading users"));
	sr_stmt_done(st);
	return res;
}

sr_status sr_user_by_login(sr_db *db, const char *login, sr_user *out)
{
	sr_status st = user_fetch(db, USER_COLS_BY_LOGIN_SQL, login ? login : "", 0, out);
	if (st == SR_NOTFOUND)
		return sr_fail(db, st, _("no user %s; see `showroom user list`"),
		               login ? login : "");
	return st;
}

sr_status sr_user_by_id(sr_db *db, int64_t id, sr_user *out)
{
	sr_status st = user_fetch(db, USER_COLS_BY_ID_SQL, NULL, id, out);
	if (st == SR_NOTFOUND)
		return sr_fail(db, st, _("no user with id %lld; see `showroom user list`"),
		               (long long)id);
	return st;
}

sr_status sr_user_by_unix(sr_db *db, const char *unix_login, sr_user *out)
{
	sr_status st = user_fetch(db, USER_COLS_BY_UNIX_SQL, unix_login ? unix_login : "", 0,
	                          out);
	if (st == SR_NOTFOUND)
		return sr_fail(db, st, _("no showroom user is mapped to the Unix account %s"),
		               unix_login ? unix_login : "");
	return st;
}

sr_status sr_user_receiver(sr_db *db, const char *login, int64_t *id, sr_receive what)
{
	sr_role role = SR_ROLE_COUNT;
	sr_status st = sr_user_id(db, login, id, &role);
	if (st != SR_OK || sr_role_owns_cards(role))
		return st;
	if (what == SR_RECEIVE_APPOINTMENT)
		return sr_fail(db, SR_RULE,
		               _("consultant %s is a %s: an appointment is received by a sales "
		                 "consultant or a DCC caller"),
		               login, _(sr_role_name(role)));
	return sr_fail(db, SR_RULE,
	               _("consultant %s is a %s: traffic is received by a sales consultant "
	                 "or a DCC caller, who then owns the card"),
	               login, _(sr_role_name(role)));
}

sr_status sr_user_each(sr_db *db, int (*fn)(void *ctx, const sr_user *u), void *ctx)
{
	sqlite3_stmt *st = sr_stmt(db, USER_EACH_SQL);
	if (!st)
		return SR_IO;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sr_user u;
		user_from_row(st, &u);
		if (fn(ctx, &u))
			break;
	}
	sr_stmt_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading users"));
	return SR_OK;
}

sr_status sr_user_id(sr_db *db, const char *login, int64_t *id, sr_role *role)
{
	sr_user u;
	sr_status st = sr_user_by_login(db, login, &u);
	if (st != SR_OK)
		return st;
	if (!u.active)
		return sr_fail(db, SR_NOTFOUND,
		               _("user %s is deactivated; an administrator can reactivate them"),
		               u.login);
	if (id)
		*id = u.id;
	if (role)
		*role = u.role;
	return SR_OK;
}

static const char USER_SNAPSHOT_SQL[] =
	"SELECT json_object('login', login, 'name', name, 'role', role, 'team', team,"
	" 'unix_login', unix_login, 'active', active) FROM users WHERE id = ?1";

static sr_status user_check_input(sr_db *db, const char *login, const char *name, sr_role role,
                                  sr_team team, const char *unix_login)
{
	if (!sr_text_is_code(login, LOGIN_CHARS))
		return sr_fail(db, SR_BADINPUT,
		               _("login '%s' is not valid: use 1 to 32 letters, digits, '.', '_' "
		                 "or '-'"),
		               login ? login : "");
	if (!name || !*name || !sr_text_valid(name, false) || sr_text_chars(name) > NAME_CHARS)
		return sr_fail(db, SR_BADINPUT,
		               _("name of user %s is not valid: give 1 to %d characters of UTF-8 "
		                 "text without control characters"),
		               login, NAME_CHARS);
	if ((unsigned)role >= SR_ROLE_COUNT)
		return sr_fail(db, SR_BADINPUT, _("role of user %s is not a known role"), login);
	if ((unsigned)team >= TEAM_COUNT)
		return sr_fail(db, SR_BADINPUT,
		               _("team of user %s must be showroom or dcc"), login);
	if (unix_login && !sr_text_is_code(unix_login, LOGIN_CHARS))
		return sr_fail(db, SR_BADINPUT,
		               _("Unix account '%s' is not valid: use 1 to 32 letters, digits, "
		                 "'.', '_' or '-'"),
		               unix_login);
	return SR_OK;
}

/* Refuse duplicates with a message that says who has it, before the
 * UNIQUE constraint would with a bare SQLite error. */
static sr_status user_check_unique(sr_db *db, const char *login, const char *unix_login)
{
	int64_t id = 0;
	sr_status st = sr_query_int(db, &id, "SELECT id FROM users WHERE login = ?1", "s", login);
	if (st == SR_OK)
		return sr_fail(db, SR_RULE, _("user %s exists already"), login);
	if (st != SR_NOTFOUND)
		return st;
	if (!unix_login)
		return SR_OK;
	char owner[SR_LOGIN_MAX];
	st = sr_query_text(db, owner, sizeof owner, "SELECT login FROM users WHERE unix_login = ?1",
	                   "s", unix_login);
	if (st == SR_OK)
		return sr_fail(db, SR_RULE,
		               _("the Unix account %s is already mapped to user %s"), unix_login,
		               owner);
	return st == SR_NOTFOUND ? SR_OK : st;
}

static sr_status user_insert(sr_db *db, const char *login, const char *name, sr_role role,
                             sr_team team, const char *unix_login, int64_t *id_out)
{
	sr_status st = user_check_unique(db, login, unix_login);
	if (st != SR_OK)
		return st;
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	st = sr_exec(db,
	             "INSERT INTO users(login, name, role, team, unix_login, active, created_at)"
	             " VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)",
	             "ssssss", login, name, sr_role_name(role), sr_team_name(team), unix_login,
	             now);
	if (st != SR_OK)
		return st;
	int64_t id = sqlite3_last_insert_rowid(db->h);
	char *after = sr_query_dup(db, USER_SNAPSHOT_SQL, id);
	st = sr_audit_write(db, "add", "user", id, 0, NULL, after);
	free(after);
	if (st == SR_OK && id_out)
		*id_out = id;
	return st;
}

sr_status sr_user_add(sr_db *db, const char *login, const char *name, sr_role role,
                      sr_team team, const char *unix_login, int64_t *id_out)
{
	sr_status st = sr_perm_require(db, SR_ACT_USER_ADMIN);
	if (st != SR_OK)
		return st;
	if (unix_login && !*unix_login)
		unix_login = NULL;
	st = user_check_input(db, login, name, role, team, unix_login);
	if (st != SR_OK)
		return st;
	st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	return sr_tx_end(db, user_insert(db, login, name, role, team, unix_login, id_out));
}

static sr_status user_update_active(sr_db *db, const sr_user *u, bool active)
{
	char *before = sr_query_dup(db, USER_SNAPSHOT_SQL, u->id);
	sr_status st = sr_exec(db, "UPDATE users SET active = ?2, version = version + 1 WHERE id = ?1",
	                       "Ii", u->id, active ? 1 : 0);
	if (st == SR_OK) {
		char *after = sr_query_dup(db, USER_SNAPSHOT_SQL, u->id);
		st = sr_audit_write(db, active ? "activate" : "deactivate", "user", u->id, 0,
		                    before, after);
		free(after);
	}
	free(before);
	return st;
}

sr_status sr_user_set_active(sr_db *db, const char *login, int64_t expected_version, bool active)
{
	sr_status st = sr_perm_require(db, SR_ACT_USER_ADMIN);
	if (st != SR_OK)
		return st;
	sr_user u;
	st = sr_user_by_login(db, login, &u);
	if (st != SR_OK)
		return st;
	/* An administrator locking themselves out would leave nobody to undo it. */
	if (!active && u.active && u.id == db->actor_id)
		return sr_fail(db, SR_RULE,
		               _("you cannot deactivate yourself (%s); another administrator can"),
		               u.login);
	st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	char what[SR_LOGIN_MAX + 16];
	int64_t version = 0, now_active = 0;
	snprintf(what, sizeof what, _("user %s"), u.login);
	st = sr_query_int(db, &version, "SELECT version FROM users WHERE id = ?1", "I", u.id);
	if (st == SR_OK)
		st = sr_version_expect(db, &(sr_versioned){ what, "user", u.id, NULL, NULL },
		                       expected_version, version);
	if (st == SR_OK)
		st = sr_query_int(db, &now_active, "SELECT active FROM users WHERE id = ?1", "I", u.id);
	if (st == SR_OK && (now_active != 0) != active)
		st = user_update_active(db, &u, active);
	return sr_tx_end(db, st);
}

static void actor_set(sr_db *db, const sr_user *u)
{
	db->actor_id = u->id;
	db->actor_role = u->role;
	db->actor_team = u->team;
	sr_copy(db->actor_login, sizeof db->actor_login, u->login);
}

static sr_status act_as_user(sr_db *db, const sr_user *u)
{
	if (!u->active)
		return sr_fail(db, SR_PERM,
		               _("user %s is deactivated; an administrator can reactivate them"),
		               u->login);
	actor_set(db, u);
	return SR_OK;
}

sr_status sr_user_act_as(sr_db *db, const char *login)
{
	sr_user u;
	sr_status st = sr_user_by_login(db, login, &u);
	if (st != SR_OK)
		return st;
	return act_as_user(db, &u);
}

sr_status sr_user_actor(sr_db *db, sr_user *out)
{
	if (!db->actor_id)
		return sr_fail(db, SR_PERM, _("nobody is logged in"));
	return sr_user_by_id(db, db->actor_id, out);
}

sr_status sr_user_identify(sr_db *db, const char *as_login, uid_t uid, uid_t db_owner_uid,
                           const char *unix_login)
{
	if (as_login && *as_login) {
		/* Whoever owns the file can write it with sqlite3 anyway, so
		 * --as gives them nothing new; for anyone else it would. */
		if (uid != 0 && db_owner_uid == (uid_t)-1)
			return sr_fail(db, SR_PERM,
			               _("permission denied: --as is only for root in the shared "
			                 "install"));
		if (uid != 0 && uid != db_owner_uid)
			return sr_fail(db, SR_PERM,
			               _("--as is only for root or the owner of the database file"));
		return sr_user_act_as(db, as_login);
	}
	sr_user u;
	sr_status st = unix_login && *unix_login ? sr_user_by_unix(db, unix_login, &u)
	                                         : SR_NOTFOUND;
	if (st == SR_OK)
		return act_as_user(db, &u);
	if (st != SR_NOTFOUND)
		return st;
	if (uid == 0)
		return sr_user_act_as(db, "admin");
	return sr_fail(db, SR_PERM,
	               _("the Unix account %s is not a showroom user; ask an administrator: "
	                 "showroom user add LOGIN --name NAME --role ROLE --unix %s"),
	               unix_login && *unix_login ? unix_login : "?",
	               unix_login && *unix_login ? unix_login : "<unixname>");
}
