/* scr_home.c — home, "my work" (我的工作): the counts of every work list
 * at the top, then today's due, the overdue (highlighted) and tomorrow's
 * arrivals in one table; DCC callers also their call list, managers the
 * pending loss requests and the follow-ups awaiting their comment (批复)
 * under a line of the team's figures for today, service staff the
 * post-sale callbacks due. Enter opens the card; on a follow-up awaiting
 * comment, p comments on it straight away (the row goes once saved). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "screens.h"
#include "table.h"

/* A list longer than this is cut (the count at the top stays exact). */
#define HOME_LIST_MAX 500

struct home {
	struct table t;
	int64_t counts[SR_LIST_COUNT];
	bool counted[SR_LIST_COUNT];
	bool listed[SR_LIST_COUNT];
	bool cut;
	bool figures;          /* the team's figures for today (managers) */
	sr_kpi today;
	/* Row by row (table index), the follow-up a to-comment row is about,
	 * 0 for the other lists' rows. */
	int64_t *followup;
	int nfollowup;
};

enum { COL_LIST, COL_NAME, COL_PHONE, COL_LEVEL, COL_STATUS, COL_DATE, COL_LATE, COL_OWNER,
       COL_DETAIL, NCOLS };

static const struct table_col home_cols[NCOLS] = {
	[COL_LIST] = { N_("List"), 4, 18, 0 },
	[COL_NAME] = { N_("Name"), 6, 16, 0 },
	[COL_PHONE] = { N_("Phone"), 11, 13, 0 },
	[COL_LEVEL] = { N_("Lvl"), 3, 3, TCOL_LEVEL },
	[COL_STATUS] = { N_("Status"), 4, 6, 0 },
	[COL_DATE] = { N_("Date"), 10, 10, 0 },
	[COL_LATE] = { N_("Late"), 4, 5, TCOL_RIGHT },
	[COL_OWNER] = { N_("Owner"), 5, 10, 0 },
	[COL_DETAIL] = { N_("Detail"), 6, 0, TCOL_FILL },
};

struct load {
	struct home *h;
	sr_list_kind kind;
	int n;
};

static bool remember_followup(struct home *h, int row, int64_t id)
{
	if (row >= h->nfollowup) {
		int n = h->nfollowup ? h->nfollowup * 2 : 64;
		while (n <= row)
			n *= 2;
		int64_t *p = realloc(h->followup, (size_t)n * sizeof *p);
		if (!p)
			return false;
		h->followup = p;
		h->nfollowup = n;
	}
	h->followup[row] = id;
	return true;
}

static int add_item(void *ctx, const sr_work_item *it)
{
	struct load *l = ctx;
	if (++l->n > HOME_LIST_MAX) {
		l->h->cut = true;
		return 1;
	}
	char late[16] = "", date[SR_DATE_LEN];
	if (it->days_late > 0)
		snprintf(late, sizeof late, "%d", it->days_late);
	snprintf(date, sizeof date, "%.10s", it->date);
	char level[2] = { it->level, '\0' };
	const char *cells[NCOLS] = {
		[COL_LIST] = sr_list_label(l->kind),
		[COL_NAME] = it->name,
		[COL_PHONE] = it->phone,
		[COL_LEVEL] = level,
		[COL_STATUS] = sr_card_status_label(it->status),
		[COL_DATE] = date,
		[COL_LATE] = late,
		[COL_OWNER] = it->owner_name,
		[COL_DETAIL] = it->detail,
	};
	struct home *h = l->h;
	if (!table_add(&h->t, it->card_id, l->kind == SR_LIST_OVERDUE ? TH_OVERDUE : TH_NORMAL,
	               cells))
		return 1;
	return remember_followup(h, h->t.nrows - 1,
	                         l->kind == SR_LIST_TO_COMMENT ? it->ref_id : 0) ? 0 : 1;
}

static void home_reload(struct app *a, void *st)
{
	struct home *h = st;
	int64_t keep = table_key_selected(&h->t);
	int keep_index = h->t.sel;
	table_clear(&h->t);
	h->cut = false;
	sr_status bad = SR_OK;
	for (int k = 0; k < SR_LIST_COUNT; k++) {
		if (!h->counted[k])
			continue;
		h->counts[k] = 0;
		sr_status s = sr_worklist_count(a->db, (sr_list_kind)k, NULL, &h->counts[k]);
		if (s != SR_OK && bad == SR_OK)
			bad = s;
	}
	for (int k = 0; k < SR_LIST_COUNT; k++) {
		if (!h->listed[k])
			continue;
		struct load l = { h, (sr_list_kind)k, 0 };
		sr_status s = sr_worklist(a->db, (sr_list_kind)k, NULL, add_item, &l);
		if (s != SR_OK && bad == SR_OK)
			bad = s;
	}
	if (h->figures) {
		char today[SR_DATE_LEN];
		sr_date_format(sr_db_today(a->db), today);
		sr_kpi_query q = { .from = today, .to = today };
		sr_status s = sr_kpi_compute(a->db, &q, &h->today);
		if (s != SR_OK && bad == SR_OK)
			bad = s;
	}
	if (bad != SR_OK)
		app_fail(a, bad);
	h->t.sel = keep_index;
	if (keep)
		table_select(&h->t, keep);
}

static void *home_open(struct app *a, const void *arg)
{
	(void)arg;
	struct home *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	table_init(&h->t, home_cols, NCOLS, _("Nothing due: no follow-ups today, none overdue."));
	sr_role role = a->me.role;
	/* Those who own cards, and those who lead the ones who do. */
	bool owns = sr_role_owns_cards(role) || sr_perm_allows(role, SR_ACT_ASSIGN) ||
	            sr_perm_scope(role) == SR_SCOPE_TEAM;
	h->counted[SR_LIST_TODAY] = h->counted[SR_LIST_OVERDUE] = owns;
	h->counted[SR_LIST_CONTACTED] = h->counted[SR_LIST_ARRIVALS] = owns;
	h->counted[SR_LIST_CALLS] = sr_role_is_caller(role);
	h->counted[SR_LIST_PENDING_LOSS] = sr_perm_allows(role, SR_ACT_LOSS_DECIDE);
	h->counted[SR_LIST_CALLBACKS] = sr_perm_allows(role, SR_ACT_CALLBACK);
	h->counted[SR_LIST_TO_COMMENT] = sr_perm_allows(role, SR_ACT_COMMENT);
	h->listed[SR_LIST_TO_COMMENT] = h->counted[SR_LIST_TO_COMMENT];
	h->figures = sr_perm_allows(role, SR_ACT_REPORT) && sr_perm_allows(role, SR_ACT_ASSIGN);
	h->listed[SR_LIST_TODAY] = h->listed[SR_LIST_OVERDUE] = owns;
	h->listed[SR_LIST_ARRIVALS] = owns;
	h->listed[SR_LIST_CALLS] = h->counted[SR_LIST_CALLS];
	h->listed[SR_LIST_PENDING_LOSS] = h->counted[SR_LIST_PENDING_LOSS];
	h->listed[SR_LIST_CALLBACKS] = h->counted[SR_LIST_CALLBACKS];
	home_reload(a, h);
	return h;
}

/* One line: what the team did today, from the KPI engine's definitions. */
static int draw_figures(const struct home *h, int y, const struct rect *r)
{
	char line[256];
	snprintf(line, sizeof line, _("Today: traffic %.0f, filed %.0f (%.0f%%), new cards %.0f, "
	                              "sold %.0f, lost %.0f"),
	         h->today.traffic, h->today.filed_traffic, h->today.filing_rate * 100,
	         h->today.new_cards, h->today.sold, h->today.lost);
	ui_text(y, r->x + 1, r->w - 1, TH_NORMAL, line);
	return y + 1;
}

static void home_draw(struct app *a, void *st, const struct rect *r)
{
	(void)a;
	struct home *h = st;
	int y = r->y, x = r->x + 1;
	if (h->figures)
		y = draw_figures(h, y, r);
	for (int k = 0; k < SR_LIST_COUNT; k++) {
		if (!h->counted[k])
			continue;
		char item[128];
		snprintf(item, sizeof item, "%s %lld", sr_list_label((sr_list_kind)k),
		         (long long)h->counts[k]);
		int w = sr_text_width(item);
		if (x + w > r->x + r->w) {
			y++;
			x = r->x + 1;
		}
		bool alarm = k == SR_LIST_OVERDUE && h->counts[k] > 0;
		ui_text(y, x, w, alarm ? TH_OVERDUE : TH_HEADING, item);
		x += w + 3;
	}
	y += 2;
	struct rect tr = { y, r->x, r->h - (y - r->y) - (h->cut ? 1 : 0), r->w };
	table_draw(&h->t, &tr, true);
	if (h->cut) {
		char note[256];
		snprintf(note, sizeof note,
		         _("Long list: the first %d rows of each list are shown; search (%s) finds the rest."),
		         HOME_LIST_MAX, keys_key(ACT_SEARCH));
		ui_text(r->y + r->h - 1, r->x, r->w, TH_DIM, note);
	}
}

static bool home_key(struct app *a, void *st, const struct tui_key *k)
{
	struct home *h = st;
	if (table_key(&h->t, k->act, NULL))
		return true;
	if (k->act == ACT_OPEN) {
		int64_t id = table_key_selected(&h->t);
		if (id)
			app_push(a, &scr_card, &id);
		return true;
	}
	if (k->act == ACT_COMMENT) {
		/* The comment form's save reloads this screen: the row goes. */
		int sel = h->t.sel;
		int64_t id = table_selected(&h->t) && sel < h->nfollowup ? h->followup[sel] : 0;
		if (id)
			app_push(a, &scr_comment, &id);
		else
			app_err(a, _("Select a follow-up of the list \"%s\" to comment on it."),
			        sr_list_label(SR_LIST_TO_COMMENT));
		return true;
	}
	return false;
}

static void home_close(struct app *a, void *st)
{
	(void)a;
	struct home *h = st;
	table_free(&h->t);
	free(h->followup);
	free(h);
}

static const enum action home_keys[] = {
	ACT_OPEN, ACT_COMMENT, ACT_CALLS, ACT_LOSSES, ACT_MANAGE, ACT_REPORTS, ACT_SEARCH, ACT_TRAFFIC, ACT_NEW, ACT_RELOAD,
	ACT_QUIT, ACT_NONE,
};

const struct screen_ops scr_home = {
	.title = N_("My work"),
	.open = home_open,
	.draw = home_draw,
	.key = home_key,
	.reload = home_reload,
	.close = home_close,
	.keys = home_keys,
};
