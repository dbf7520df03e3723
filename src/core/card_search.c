/* card_search.c — finding cards: filters, names, phone numbers. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store.h"
#include "test_hooks.h"
#include "card_int.h"

/* ---- search ----------------------------------------------------------- */

void sr_card_filter_init(sr_card_filter *f)
{
	memset(f, 0, sizeof *f);
	f->channel = -1;
	f->min_age = -1;
	f->max_age = -1;
}

/* The filters every search shares: a NULL parameter switches its filter
 * off. ?10 scope (0 own, 1 team, 2 all), ?11 actor, ?12 actor team. */
#define SEARCH_FILTERS                                                                       \
	"   AND (?3 IS NULL OR instr(?3, c.level) > 0)"                                  \
	"   AND ((?4 >> (CASE c.status WHEN 'active' THEN 0 WHEN 'order' THEN 1 WHEN 'dormant'" \
	"        THEN 2 WHEN 'sold' THEN 3 ELSE 4 END)) & 1)"                            \
	"   AND (?5 OR c.merged_into IS NULL)"                                           \
	"   AND (?6 IS NULL OR c.channel = ?6)"                                          \
	"   AND (?7 = 0 OR c.source_id = ?7)"                                            \
	"   AND (?8 = 0 OR c.model_id = ?8)"                                             \
	"   AND (?9 = 0 OR c.owner_id = ?9)"                                             \
	"   AND (?10 = 2 OR c.owner_id = ?11 OR (?10 = 1 AND u.team = ?12))"             \
	"   AND (?13 IS NULL OR c.filed_at < ?13)"                                       \
	"   AND (?14 IS NULL OR c.filed_at >= ?14)"                                         \
	" ORDER BY c.filed_at DESC, c.id DESC LIMIT ?15 OFFSET ?16"

/* A card whose phone the actor sees whole: ?24 is whose phones they see
 * (0 own, 1 team, 2 all, sr_perm_phone_scope). Part of a phone matches only
 * these cards, or the mask could be undone by searching its start or end. */
#define PHONE_SEEN "(?24 = 2 OR c.owner_id = ?11 OR (?24 = 1 AND u.team = ?12))"

/* How the text narrows the cards (issue 7: milliseconds on a million
 * cards). Each way has its own statement so SQLite can use its index. */
enum search_way {
	SEARCH_SCAN,   /* no text, 1-3 digits, or a common character paged: every card */
	SEARCH_PHONE,  /* a whole phone: cards_phone */
	SEARCH_TAIL,   /* four digits: the phone's last four (尾号), cards_phone_tail */
	SEARCH_GRAMS,  /* two or more characters of a name: card_grams, then LIKE */
	SEARCH_CHAR,   /* one character of a name: the card_grams that begin with it */
	SEARCH_CHAR_OWNER, /* a common one among one owner's cards: cards_owner_next */
	SEARCH_DIGITS, /* 5-10 digits: the start (cards_phone) or the end of the phone */
	SEARCH_WAYS
};

static const char CARD_SEARCH_SQL[] =
	"SELECT " CARD_COLUMNS
	" WHERE (?1 IS NULL OR c.name LIKE ?1 ESCAPE '\\'"
	"        OR (?2 IS NOT NULL AND c.phone LIKE ?2 AND " PHONE_SEEN "))"
	SEARCH_FILTERS;
static const char SEARCH_PHONE_SQL[] =
	"SELECT " CARD_COLUMNS " WHERE c.phone = ?17" SEARCH_FILTERS;
static const char SEARCH_TAIL_SQL[] =
	"SELECT " CARD_COLUMNS " WHERE substr(c.phone, -4) = ?17 AND " PHONE_SEEN SEARCH_FILTERS;
/* The cards holding the fragment's first and its last two characters;
 * LIKE then checks the whole fragment. */
static const char SEARCH_GRAMS_SQL[] =
	"SELECT " CARD_COLUMNS
	" WHERE c.id IN (SELECT g.card_id FROM card_grams g WHERE g.gram = ?17)"
	"   AND c.id IN (SELECT g.card_id FROM card_grams g WHERE g.gram = ?18)"
	"   AND c.name LIKE ?1 ESCAPE '\\'" SEARCH_FILTERS;
/* Every character of a name begins one of its pieces (the last stands
 * alone, schema 010): the pieces from the character (?17) up to the next
 * one (?18) are the cards that hold it. */
static const char SEARCH_CHAR_SQL[] =
	"SELECT " CARD_COLUMNS
	" WHERE c.id IN (SELECT g.card_id FROM card_grams g WHERE g.gram >= ?17 AND g.gram < ?18)"
	SEARCH_FILTERS;
/* The same among one owner's (?23) cards, walked by owner. */
static const char SEARCH_CHAR_OWNER_SQL[] =
	"SELECT " CARD_COLUMNS
	" WHERE c.owner_id = ?23"
	"   AND c.id IN (SELECT g.card_id FROM card_grams g WHERE g.gram >= ?17 AND g.gram < ?18)"
	SEARCH_FILTERS;
/* Phones from ?17 up to ?18 (the digits with the last one raised), or
 * ending in ?19: among those with its last four (?22). (?20 and ?21 are
 * the clock's, bind_clock.) A masked phone only when it is the whole
 * number. */
static const char SEARCH_DIGITS_SQL[] =
	"SELECT " CARD_COLUMNS
	" WHERE c.id IN (SELECT p.id FROM cards p WHERE p.phone >= ?17 AND p.phone < ?18"
	"   UNION ALL SELECT p.id FROM cards p WHERE substr(p.phone, -4) = ?22"
	"   AND substr(p.phone, -length(?19)) = ?19)"
	"   AND (" PHONE_SEEN " OR c.phone = ?17)" SEARCH_FILTERS;

static const char *const search_sql[SEARCH_WAYS] = {
	CARD_SEARCH_SQL, SEARCH_PHONE_SQL, SEARCH_TAIL_SQL, SEARCH_GRAMS_SQL, SEARCH_CHAR_SQL,
	SEARCH_CHAR_OWNER_SQL, SEARCH_DIGITS_SQL,
};

struct search_params {
	enum search_way way;
	char name_like[200];
	char phone_like[32];
	char key[SR_PHONE_MAX];          /* the whole phone, its last four, or a first piece */
	char last[SR_PHONE_MAX];         /* the last piece; the end of a range of keys */
	char digits[SR_PHONE_MAX];       /* 5-10 digits */
	char phone[SR_PHONE_MAX];        /* the digits of a search by phone, for the audit */
	char before[SR_DATE_LEN], since[SR_DATE_LEN];
	int64_t source_id, model_id, owner_id;
	int64_t walk_owner;              /* SEARCH_CHAR_OWNER: whose cards */
};

/* The first and last two characters of a name fragment, lower-case as
 * card_grams keeps them; for a single character, the range of pieces that
 * begin with it: from the character to the character with its last byte
 * raised (UTF-8 orders as its code points, and SQLite compares text
 * bytewise). */
static void search_grams(const char *text, struct search_params *p)
{
	size_t len = strlen(text), start[64];
	int n = 0;
	unsigned cp;
	for (size_t i = 0; i < len && n < 64;) {
		size_t k = sr_utf8_decode(text + i, len - i, &cp);
		start[n++] = i;
		i += k ? k : len - i;
	}
	if (n == 1 && len < 8 && (unsigned char)text[len - 1] < 0xFF) {
		memcpy(p->key, text, len + 1);
		if (len == 1 && *p->key >= 'A' && *p->key <= 'Z')
			*p->key = (char)(*p->key - 'A' + 'a');
		memcpy(p->last, p->key, len + 1);
		p->last[len - 1] = (char)((unsigned char)p->last[len - 1] + 1);
		p->way = SEARCH_CHAR;
		return;
	}
	if (n < 2 || n >= 64 || len >= sizeof p->key + sizeof p->last)
		return;
	size_t first_len = n > 2 ? start[2] : len;
	size_t last_at = start[n - 2];
	if (first_len >= sizeof p->key || len - last_at >= sizeof p->last)
		return;
	memcpy(p->key, text, first_len);
	p->key[first_len] = '\0';
	memcpy(p->last, text + last_at, len - last_at);
	p->last[len - last_at] = '\0';
	for (char *s = p->key; *s; s++)
		*s = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
	for (char *s = p->last; *s; s++)
		*s = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
	p->way = SEARCH_GRAMS;
}

static sr_status resolve_search(sr_db *db, const sr_card_filter *f, struct search_params *p)
{
	sr_status st;
	memset(p, 0, sizeof *p);
	if (f->text && *f->text) {
		char digits[SR_PHONE_MAX];
		size_t n = 0;
		p->name_like[n++] = '%';
		for (const char *s = f->text; *s && n < sizeof p->name_like - 4; s++) {
			if (*s == '%' || *s == '_' || *s == '\\')
				p->name_like[n++] = '\\';
			p->name_like[n++] = *s;
		}
		p->name_like[n++] = '%';
		p->name_like[n] = '\0';
		/* A whole mobile (or longer) number is looked up as it is;
		 * shorter numbers may be parts of longer ones. */
		if (sr_phone_normalize(f->text, digits) && strlen(digits) >= 11) {
			p->way = SEARCH_PHONE;
			sr_copy(p->key, sizeof p->key, digits);
			sr_copy(p->phone, sizeof p->phone, digits);
		} else if (strspn(f->text, "0123456789 -") == strlen(f->text)) {
			size_t k = 0;
			for (const char *s = f->text; *s && k < sizeof digits - 1; s++)
				if (*s >= '0' && *s <= '9')
					digits[k++] = *s;
			digits[k] = '\0';
			sr_copy(p->phone, sizeof p->phone, digits);
			if (k)
				snprintf(p->phone_like, sizeof p->phone_like, "%%%s%%", digits);
			if (k == 4) {
				p->way = SEARCH_TAIL;
				sr_copy(p->key, sizeof p->key, digits);
			} else if (k >= 5) {
				/* The start or the end of a phone: what a customer
				 * reads out first, or gives as a longer 尾号. */
				p->way = SEARCH_DIGITS;
				sr_copy(p->key, sizeof p->key, digits);
				sr_copy(p->last, sizeof p->last, digits);
				p->last[k - 1]++;
				sr_copy(p->digits, sizeof p->digits, digits);
			}
		} else {
			search_grams(f->text, p);
		}
	}
	if (f->source && *f->source) {
		sr_source s;
		if ((st = sr_source_find(db, f->source, &s)) != SR_OK)
			return st;
		p->source_id = s.id;
	}
	if (f->model && *f->model) {
		sr_model m;
		if ((st = sr_model_find(db, f->model, &m)) != SR_OK)
			return st;
		p->model_id = m.id;
	}
	if (f->owner && *f->owner) {
		sr_user u;
		if ((st = sr_user_by_login(db, f->owner, &u)) != SR_OK)
			return st;
		p->owner_id = u.id;
	}
	sr_date today = sr_db_today(db);
	if (f->min_age >= 0)
		sr_date_format(today - f->min_age + 1, p->before);
	if (f->max_age >= 0)
		sr_date_format(today - f->max_age, p->since);
	return SR_OK;
}

/* A common character (a surname: 张 is on one card in ten) holds too many
 * cards to read every one (about 3 µs each): among one owner's cards (a
 * consultant's own, or --owner) the owner's cards are walked instead;
 * for one page of everybody's or a team's, the cards newest first until
 * the page is full. Every card holding it is read only for all of them. */
enum { SEARCH_CHAR_MANY = 10000 };

static const char SEARCH_CHAR_COUNT_SQL[] =
	"SELECT count(*) FROM (SELECT 1 FROM card_grams WHERE gram >= ?1 AND gram < ?2 LIMIT ?3)";

static sr_status search_char_way(sr_db *db, const sr_card_filter *f, struct search_params *p)
{
	if (p->way != SEARCH_CHAR)
		return SR_OK;
	p->walk_owner = p->owner_id ? p->owner_id
	                : sr_perm_scope(db->actor_role) == SR_SCOPE_OWN ? db->actor_id : 0;
	if (!p->walk_owner && f->limit <= 0)
		return SR_OK;
	int64_t n = 0;
	sr_status st = sr_query_int(db, &n, SEARCH_CHAR_COUNT_SQL, "ssi", p->key, p->last,
	                            SEARCH_CHAR_MANY + 1);
	if (st == SR_OK && n > SEARCH_CHAR_MANY)
		p->way = p->walk_owner ? SEARCH_CHAR_OWNER : SEARCH_SCAN;
	return st;
}

/* ---- search by phone: masked numbers stay masked, and it is audited ------
 *
 * Issue 12: a receptionist saw 139****4321 and read the whole number back
 * from about a hundred searches of its start. Whoever sees a card's phone
 * masked finds the card by its whole number only; part of a number matches
 * the cards whose phone the searcher sees whole (PHONE_SEEN), and is
 * refused outright to those who see none whole, with a message saying so.
 * Every search by phone writes an audit row first, so a trawl shows. */

enum { PHONE_WHOLE_MIN = 10 }; /* a landline with its area code; a mobile is 11 */

static const char *phone_match(const struct search_params *p)
{
	switch (p->way) {
	case SEARCH_PHONE:
		return "whole";
	case SEARCH_TAIL:
		return "last four";
	case SEARCH_DIGITS:
		return "start or end";
	case SEARCH_SCAN:
		return *p->phone_like ? "anywhere" : NULL;
	default:
		return NULL;
	}
}

/* The actor sees no phone whole among the cards they reach (a receptionist
 * reaches every card and owns none). */
static bool sees_no_phone_whole(const sr_db *db)
{
	sr_scope seen = sr_perm_phone_scope(db->actor_role);
	return seen == SR_SCOPE_NONE ||
	       (seen == SR_SCOPE_OWN && !sr_role_owns_cards(db->actor_role) &&
	        sr_perm_scope(db->actor_role) != SR_SCOPE_OWN);
}

/* The same search by phone as the last one audited on this connection
 * (a screen reloading, a next page): audited once. Remembers KEY. */
static bool phone_search_repeated(sr_db *db, const char *key)
{
	bool same = db->phone_search_actor == db->actor_id &&
	            strcmp(db->phone_search_last, key) == 0;
	db->phone_search_actor = db->actor_id;
	sr_copy(db->phone_search_last, sizeof db->phone_search_last, key);
	return same;
}

static sr_status phone_search_whole_only(sr_db *db, const sr_card_filter *f,
                                         struct search_params *p, const char *key)
{
	char digits[SR_PHONE_MAX];
	if (!sr_phone_normalize(f->text, digits) || strlen(digits) < PHONE_WHOLE_MIN) {
		/* The refusal is the search's audit row (sr_fail), once. */
		db->refusal_quiet = phone_search_repeated(db, key);
		sr_status st = sr_fail(db, SR_PERM,
		                       _("whole phone numbers only: a %s sees phones masked and may "
		                         "not search by part of a number (%s); give all 11 digits of "
		                         "a mobile (10 to 12 of a landline with its area code), or a "
		                         "name"),
		                       _(sr_role_name(db->actor_role)), f->text);
		db->refusal_quiet = false;
		return st;
	}
	p->way = SEARCH_PHONE;
	*p->phone_like = '\0';
	sr_copy(p->key, sizeof p->key, digits);
	sr_copy(p->phone, sizeof p->phone, digits);
	return SR_OK;
}

/* Whole numbers can still be guessed: the 10 000 middles of 139****4321
 * one search each. Those who see phones masked get PHONE_SEARCH_MAX
 * searches by phone in PHONE_SEARCH_WINDOW_MIN minutes, counted from the
 * audit rows inside the transaction that writes the next, so parallel
 * searches are counted too; a reception desk answering calls needs far
 * fewer. */
enum { PHONE_SEARCH_MAX = 30, PHONE_SEARCH_WINDOW_MIN = 15 };

static const char PHONE_SEARCHES_SQL[] =
	"SELECT count(*) FROM audit WHERE user_id = ?1 AND at >= ?2 AND action = 'search-phone'";

static sr_status phone_search_budget(sr_db *db)
{
	char since[SR_TIME_LEN];
	sr_time_format(sr_db_now(db) - PHONE_SEARCH_WINDOW_MIN * 60, since);
	int64_t done = 0;
	sr_status st = sr_query_int(db, &done, PHONE_SEARCHES_SQL, "Is", db->actor_id, since);
	if (st != SR_OK || done < PHONE_SEARCH_MAX)
		return st;
	*db->phone_search_last = '\0';
	return sr_fail(db, SR_PERM,
	               _("too many searches by phone number: %d within %d minutes; search by "
	                 "name, or wait"),
	               PHONE_SEARCH_MAX, PHONE_SEARCH_WINDOW_MIN);
}

static sr_status phone_search_check(sr_db *db, const sr_card_filter *f, struct search_params *p)
{
	const char *match = phone_match(p);
	char key[sizeof db->phone_search_last];
	if (!match)
		return SR_OK;
	snprintf(key, sizeof key, "%s:%s", match, p->phone);
	if (p->way != SEARCH_PHONE && sees_no_phone_whole(db)) {
		sr_status st = phone_search_whole_only(db, f, p, key);
		if (st != SR_OK)
			return st;
		match = phone_match(p);
		snprintf(key, sizeof key, "%s:%s", match, p->phone);
	}
	if (phone_search_repeated(db, key))
		return SR_OK;
	/* Digits only: safe in JSON as they are. */
	char after[96];
	snprintf(after, sizeof after, "{\"phone\":\"%s\",\"match\":\"%s\"}", p->phone, match);
	sr_status st = sr_tx_begin(db);
	if (st == SR_OK) {
		sr_status w = sees_no_phone_whole(db) ? phone_search_budget(db) : SR_OK;
		if (w == SR_OK)
			w = sr_audit_write(db, "search-phone", "card", 0, 0, NULL, after);
		st = sr_tx_end(db, w);
	}
	if (st != SR_OK)
		*db->phone_search_last = '\0'; /* not audited: the next try must be */
	return st;
}

sr_status sr_card_search(sr_db *db, const sr_card_filter *f,
                         int (*fn)(void *ctx, const sr_card *c), void *ctx)
{
	struct search_params p;
	sr_status st = sr_perm_require(db, SR_ACT_CARD_VIEW);
	if (st == SR_OK)
		st = resolve_search(db, f, &p);
	if (st != SR_OK)
		return st;
	if (f->level && *f->level)
		for (const char *l = f->level; *l; l++)
			if (!sr_level_valid(*l))
				return sr_fail(db, SR_BADINPUT, _("level '%c': expected O, H, A, B, C or N"),
				               *l);
	if ((st = search_char_way(db, f, &p)) != SR_OK)
		return st;
	if ((st = phone_search_check(db, f, &p)) != SR_OK)
		return st;
	sqlite3_stmt *q = sr_stmt(db, search_sql[p.way]);
	if (!q)
		return SR_IO;
	if (p.way != SEARCH_SCAN)
		sqlite3_bind_text(q, 17, p.key, -1, SQLITE_TRANSIENT);
	if (p.way == SEARCH_GRAMS || p.way == SEARCH_CHAR || p.way == SEARCH_CHAR_OWNER ||
	    p.way == SEARCH_DIGITS)
		sqlite3_bind_text(q, 18, p.last, -1, SQLITE_TRANSIENT);
	if (p.way == SEARCH_CHAR_OWNER)
		sqlite3_bind_int64(q, 23, p.walk_owner);
	if (p.way == SEARCH_DIGITS) {
		sqlite3_bind_text(q, 19, p.digits, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 22, p.digits + strlen(p.digits) - 4, -1, SQLITE_TRANSIENT);
	}
	int mask = f->status_mask ? f->status_mask : 0x7;
	if (f->all_statuses)
		mask = 0x1f;
	if (*p.name_like)
		sqlite3_bind_text(q, 1, p.name_like, -1, SQLITE_TRANSIENT);
	if (*p.phone_like && p.way == SEARCH_SCAN)
		sqlite3_bind_text(q, 2, p.phone_like, -1, SQLITE_TRANSIENT);
	if (f->level && *f->level)
		sqlite3_bind_text(q, 3, f->level, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 4, mask);
	sqlite3_bind_int(q, 5, f->all_statuses);
	if (f->channel >= 0)
		sqlite3_bind_text(q, 6, sr_channel_name((sr_channel)f->channel), -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 7, p.source_id);
	sqlite3_bind_int64(q, 8, p.model_id);
	sqlite3_bind_int64(q, 9, p.owner_id);
	sr_scope scope = sr_perm_scope(db->actor_role);
	sqlite3_bind_int(q, 10, scope == SR_SCOPE_ALL ? 2 : scope == SR_SCOPE_TEAM ? 1 : 0);
	sqlite3_bind_int64(q, 11, db->actor_id);
	sqlite3_bind_text(q, 12, sr_team_name(db->actor_team), -1, SQLITE_STATIC);
	if (*p.before)
		sqlite3_bind_text(q, 13, p.before, -1, SQLITE_TRANSIENT);
	if (*p.since)
		sqlite3_bind_text(q, 14, p.since, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 15, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int64(q, 16, f->offset > 0 ? f->offset : 0);
	sr_scope seen = sr_perm_phone_scope(db->actor_role);
	sqlite3_bind_int(q, 24, seen == SR_SCOPE_ALL ? 2 : seen == SR_SCOPE_TEAM ? 1 : 0);
	return sr_card_rows(db, q, fn, ctx, _("searching cards"));
}

const char *sr_card_search_hot_sql(const char *name)
{
	static const struct {
		const char *name, *sql;
	} hot[] = {
		{"search-phone", SEARCH_PHONE_SQL}, {"search-tail", SEARCH_TAIL_SQL},
		{"search-grams", SEARCH_GRAMS_SQL}, {"search-char", SEARCH_CHAR_SQL},
		{"search-char-owner", SEARCH_CHAR_OWNER_SQL}, {"search-digits", SEARCH_DIGITS_SQL},
	};
	for (size_t i = 0; i < sizeof hot / sizeof *hot; i++)
		if (!strcmp(hot[i].name, name))
			return hot[i].sql;
	return NULL;
}
