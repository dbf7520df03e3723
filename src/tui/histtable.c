/* histtable.c — a card's history as a table (histtable.h). */
#include <stdlib.h>
#include <string.h>
#include "histtable.h"
#include "ui.h"

/* The kind and who columns at least as wide as their titles in either
 * language (Event, 事件; 操作人), so the rows' short cells never cut them. */
static const struct table_col hist_cols[HIST_NCOLS] = {
	[HIST_AT] = { N_("Time"), 10, 11, 0 },
	[HIST_KIND] = { N_("Event"), 5, 12, 0 },
	[HIST_WHO] = { N_("By"), 6, 10, 0 },
	[HIST_TEXT] = { N_("What happened"), 10, 0, TCOL_FILL },
};

void hist_init(struct hist *h, int max)
{
	memset(h, 0, sizeof *h);
	h->max = max;
	table_init(&h->t, hist_cols, HIST_NCOLS, _("No history yet."));
}

void hist_clear(struct hist *h)
{
	table_clear(&h->t);
	h->cut = false;
}

void hist_free(struct hist *h)
{
	table_free(&h->t);
	free(h->kinds);
	h->kinds = NULL;
}

struct hist_ctx {
	struct hist *h;
	char today[SR_DATE_LEN];
	int cap;
	char *line;
	bool nomem;
};

static bool keep_kind(struct hist_ctx *x, sr_history_kind kind)
{
	int n = x->h->t.nrows;
	if (n == x->cap) {
		int cap = x->cap ? x->cap * 2 : 64;
		sr_history_kind *kinds = realloc(x->h->kinds, (size_t)cap * sizeof *kinds);
		if (!kinds)
			return false;
		x->h->kinds = kinds;
		x->cap = cap;
	}
	x->h->kinds[n] = kind;
	return true;
}

static int add_event(void *ctx, const sr_history_event *e)
{
	struct hist_ctx *x = ctx;
	struct hist *h = x->h;
	if (h->max && h->t.nrows >= h->max) {
		h->cut = true;
		return 1;
	}
	char when[SR_TIME_LEN];
	sr_history_when(e, x->today, when);
	sr_history_render(e, x->line, SR_HISTORY_LINE_MAX);
	const char *cells[HIST_NCOLS] = {
		[HIST_AT] = when, [HIST_KIND] = sr_history_kind_label(e->kind),
		[HIST_WHO] = e->actor, [HIST_TEXT] = x->line,
	};
	if (!keep_kind(x, e->kind) ||
	    !table_add(&h->t, e->ref_id, e->kind == SR_EV_COMMENT ? TH_DIM : TH_NORMAL, cells)) {
		x->nomem = true;
		return 1;
	}
	return 0;
}

sr_status hist_load(struct app *a, struct hist *h, int64_t card_id)
{
	int keep = h->t.sel;
	hist_clear(h);
	h->t.sel = keep;
	if (!card_id)
		return SR_OK;
	struct hist_ctx x = { .h = h, .cap = 0, .line = malloc(SR_HISTORY_LINE_MAX) };
	/* kinds grows with the rows; what it holds beyond them is of no use */
	free(h->kinds);
	h->kinds = NULL;
	if (!x.line) {
		app_err(a, "%s", _("out of memory"));
		return SR_IO;
	}
	sr_date_format(sr_db_today(a->db), x.today);
	sr_status st = sr_history_each(a->db, card_id, add_event, &x);
	free(x.line);
	h->t.sel = keep;
	if (st == SR_OK && x.nomem) {
		app_err(a, "%s", _("out of memory"));
		return SR_IO;
	}
	return st;
}

bool hist_selected_followup(const struct hist *h, int64_t *followup_id)
{
	const struct table_row *row = table_selected(&h->t);
	if (!row || !h->kinds)
		return false;
	sr_history_kind k = h->kinds[h->t.sel];
	if (k != SR_EV_FOLLOWUP && k != SR_EV_COMMENT)
		return false;
	*followup_id = row->key;
	return true;
}
