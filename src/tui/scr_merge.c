/* scr_merge.c — merge duplicate cards (合并): the marked cards side by side,
 * one column each with the fields in rows, fitted by display width, so
 * the manager sees what differs before choosing the survivor (Left/Right)
 * and confirming. The core moves the follow-ups, visits and appointments
 * and marks the others merged, all or none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "prompt.h"
#include "screens.h"

#define MERGE_COL_MIN 24

enum {
	R_ID, R_NAME, R_PHONE, R_STATUS, R_LEVEL, R_OWNER, R_CHANNEL, R_SOURCE, R_MODEL,
	R_FILED, R_NEXT, R_VISITS, R_BUYS, R_REGION, R_ADDRESS, R_NROWS
};

static const char *const row_labels[R_NROWS] = {
	[R_ID] = N_("Card"), [R_NAME] = N_("Name"), [R_PHONE] = N_("Phone"),
	[R_STATUS] = N_("Status"), [R_LEVEL] = N_("Level"), [R_OWNER] = N_("Owner"),
	[R_CHANNEL] = N_("Channel"), [R_SOURCE] = N_("Source"), [R_MODEL] = N_("Model"),
	[R_FILED] = N_("Filed"), [R_NEXT] = N_("Next date"), [R_VISITS] = N_("Visits"),
	[R_BUYS] = N_("Buys by"), [R_REGION] = N_("Region"), [R_ADDRESS] = N_("Address"),
};

struct merge {
	struct card_ids ids;
	sr_card *cards;
	int survivor;           /* index into cards */
	int left;               /* first column shown */
};

static void *merge_open(struct app *a, const void *arg)
{
	struct merge *m = calloc(1, sizeof *m);
	if (!m) {
		app_err(a, "%s", _("out of memory"));
		return NULL;
	}
	memcpy(&m->ids, arg, sizeof m->ids);
	m->cards = calloc(m->ids.n ? m->ids.n : 1, sizeof *m->cards);
	if (!m->cards) {
		free(m);
		app_err(a, "%s", _("out of memory"));
		return NULL;
	}
	for (size_t i = 0; i < m->ids.n; i++) {
		sr_status st = sr_card_get(a->db, m->ids.id[i], &m->cards[i]);
		if (st != SR_OK) {
			app_fail(a, st);
			free(m->cards);
			free(m);
			return NULL;
		}
	}
	/* The oldest card usually holds the history: it is the default. */
	for (size_t i = 1; i < m->ids.n; i++)
		if (strcmp(m->cards[i].filed_at, m->cards[m->survivor].filed_at) < 0)
			m->survivor = (int)i;
	return m;
}

static void cell(const sr_card *c, int row, char *out, size_t len)
{
	switch (row) {
	case R_ID: snprintf(out, len, "#%lld", (long long)c->id); break;
	case R_NAME: snprintf(out, len, "%s", c->name); break;
	case R_PHONE: snprintf(out, len, "%s", c->phone); break;
	case R_STATUS: snprintf(out, len, "%s", sr_card_status_label(c->status)); break;
	case R_LEVEL: snprintf(out, len, "%c", c->level); break;
	case R_OWNER: snprintf(out, len, "%s (%s)", c->owner_name, c->owner_login); break;
	case R_CHANNEL: snprintf(out, len, "%s", sr_channel_label(c->channel)); break;
	case R_SOURCE: snprintf(out, len, "%s", c->source[0] ? c->source : "—"); break;
	case R_MODEL: snprintf(out, len, "%s", c->model[0] ? c->model : "—"); break;
	case R_FILED: snprintf(out, len, "%.16s", c->filed_at); break;
	case R_NEXT: snprintf(out, len, "%s", c->next_date[0] ? c->next_date : "—"); break;
	case R_VISITS: snprintf(out, len, "%d", c->visits); break;
	case R_BUYS:
		snprintf(out, len, "%s", c->expected_purchase[0] ? c->expected_purchase : "—");
		break;
	case R_REGION: snprintf(out, len, "%s", c->region[0] ? c->region : "—"); break;
	case R_ADDRESS: snprintf(out, len, "%s", c->address[0] ? c->address : "—"); break;
	default: out[0] = '\0'; break;
	}
}

/* A row whose values differ between the cards is worth a look. */
static bool row_differs(const struct merge *m, int row)
{
	char first[600], other[600];
	cell(&m->cards[0], row, first, sizeof first);
	for (size_t i = 1; i < m->ids.n; i++) {
		cell(&m->cards[i], row, other, sizeof other);
		if (strcmp(first, other) != 0)
			return true;
	}
	return false;
}

static void merge_draw(struct app *a, void *st, const struct rect *r)
{
	(void)a;
	struct merge *m = st;
	int n = (int)m->ids.n;
	char head[400];
	snprintf(head, sizeof head, _("Merge %d cards: the survivor keeps its fields and gains the others' history"), n);
	ui_text(r->y, r->x + 1, r->w - 1, TH_HEADING, head);
	char keys[300];
	snprintf(keys, sizeof keys, _("%s/%s: choose the survivor   %s: merge   %s: cancel"),
	         keys_key(ACT_LEFT), keys_key(ACT_RIGHT), keys_key(ACT_OPEN), keys_key(ACT_BACK));
	ui_text(r->y + 1, r->x + 1, r->w - 1, TH_DIM, keys);

	int lw = 0;
	for (int i = 0; i < R_NROWS; i++) {
		int w = sr_text_width(_(row_labels[i]));
		if (w > lw)
			lw = w;
	}
	int avail = r->w - 1 - lw - 1;
	int fit = avail / MERGE_COL_MIN;
	if (fit < 1)
		fit = 1;
	if (fit > n)
		fit = n;
	if (m->survivor < m->left)
		m->left = m->survivor;
	if (m->survivor >= m->left + fit)
		m->left = m->survivor - fit + 1;
	int cw = avail / fit;
	int y = r->y + 3;
	for (int c = 0; c < fit && m->left + c < n; c++) {
		int i = m->left + c;
		bool surv = i == m->survivor;
		const char *tag = surv ? _("[survivor]") : _("merged into it");
		ui_text(y, r->x + 1 + lw + 1 + c * cw, cw - 1, surv ? TH_SELECTED : TH_DIM, tag);
	}
	y++;
	for (int row = 0; row < R_NROWS && y < r->y + r->h; row++, y++) {
		bool diff = row_differs(m, row);
		ui_text(y, r->x + 1, lw, diff ? TH_HEADING : TH_LABEL, _(row_labels[row]));
		for (int c = 0; c < fit && m->left + c < n; c++) {
			int i = m->left + c;
			char v[600];
			cell(&m->cards[i], row, v, sizeof v);
			enum theme_elem e = i == m->survivor ? TH_NORMAL : TH_DIM;
			if (row == R_LEVEL)
				e = theme_level(m->cards[i].level);
			ui_text(y, r->x + 1 + lw + 1 + c * cw, cw - 1, e, v);
		}
	}
	if (fit < n && y + 1 < r->y + r->h) {
		char more[160];
		snprintf(more, sizeof more, _("Cards %d–%d of %d shown: Left/Right shows the others."),
		         m->left + 1, m->left + fit, n);
		ui_text(y + 1, r->x + 1, r->w - 1, TH_DIM, more);
	}
}

static void merge_answer(struct app *a, void *ctx, bool yes)
{
	struct merge *m = ctx;
	if (!yes)
		return;
	int64_t survivor = m->cards[m->survivor].id;
	int64_t others[CARD_IDS_MAX];
	size_t no = 0;
	for (size_t i = 0; i < m->ids.n; i++)
		if ((int)i != m->survivor)
			others[no++] = m->cards[i].id;
	sr_status st = sr_card_merge(a->db, survivor, others, no);
	if (st != SR_OK) {
		app_fail(a, st);
		return;
	}
	if (m->ids.done)
		*m->ids.done = true;
	char name[SR_NAME_MAX];
	snprintf(name, sizeof name, "%s", m->cards[m->survivor].name);
	app_pop(a); /* m is gone now */
	app_msg(a, _("%zu card(s) merged into %s (#%lld)."), no, name, (long long)survivor);
}

static bool merge_key(struct app *a, void *st, const struct tui_key *k)
{
	struct merge *m = st;
	int n = (int)m->ids.n;
	switch (k->act) {
	case ACT_LEFT:
	case ACT_UP:
	case ACT_PREV:
		if (m->survivor > 0)
			m->survivor--;
		return true;
	case ACT_RIGHT:
	case ACT_DOWN:
	case ACT_NEXT:
		if (m->survivor < n - 1)
			m->survivor++;
		return true;
	case ACT_OPEN:
	case ACT_MERGE: {
		const sr_card *s = &m->cards[m->survivor];
		char q[512];
		snprintf(q, sizeof q, _("Merge %d other card(s) into %s (#%lld)? The others stay, marked merged."),
		         n - 1, s->name, (long long)s->id);
		prompt_confirm(a, q, merge_answer, m);
		return true;
	}
	default:
		return false;
	}
}

static void merge_close(struct app *a, void *st)
{
	(void)a;
	struct merge *m = st;
	free(m->cards);
	free(m);
}

static const enum action merge_keys[] = {
	ACT_MERGE, ACT_LEFT, ACT_RIGHT, ACT_OPEN, ACT_BACK, ACT_NONE,
};

const struct screen_ops scr_merge = {
	.title = N_("Merge cards"),
	.open = merge_open,
	.draw = merge_draw,
	.key = merge_key,
	.close = merge_close,
	.keys = merge_keys,
};
