/* scr_card.c — the customer card (客户信息卡): every field, the seven key
 * questions, the sales steps, status, level and owner, then the whole
 * history in time order (scrollable; Enter shows an entry in full).
 * Actions open their forms (follow-up, appointment (邀约), order, order
 * cancellation (取消订单), edit, loss request, reactivation, a comment (批复)
 * on a follow-up) or ask first (dormant, delivery (交车));
 * refusals show the core's message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "prompt.h"
#include "screens.h"
#include "histtable.h"

#define HISTORY_MAX 5000

struct card_scr {
	int64_t id;
	sr_card card;
	sr_followup_level fl;
	bool fl_ok;
	bool gone;              /* no longer visible to this user */
	struct hist hist;
	bool appt_saved;        /* set by the appointment form */
};

static sr_status card_load(struct app *a, struct card_scr *c)
{
	sr_status st = sr_card_get(a->db, c->id, &c->card);
	if (st != SR_OK)
		return st;
	c->fl_ok = c->card.followup_level[0] &&
	           sr_followup_level_get(a->db, c->card.followup_level, &c->fl) == SR_OK;
	return hist_load(a, &c->hist, c->id);
}

static void *card_open(struct app *a, const void *arg)
{
	struct card_scr *c = calloc(1, sizeof *c);
	if (!c) {
		app_err(a, "%s", _("out of memory"));
		return NULL;
	}
	c->id = *(const int64_t *)arg;
	hist_init(&c->hist, HISTORY_MAX);
	sr_status st = card_load(a, c);
	if (st != SR_OK) {
		app_fail(a, st);
		hist_free(&c->hist);
		free(c);
		return NULL;
	}
	/* Start at the newest entry: that is what one usually wants. */
	c->hist.t.sel = c->hist.t.nrows - 1;
	return c;
}

static void card_reload(struct app *a, void *st)
{
	struct card_scr *c = st;
	int64_t version = c->card.version;
	sr_status s = card_load(a, c);
	if (s == SR_PERM || s == SR_NOTFOUND) {
		/* Reassigned away or merged: say so instead of showing stale data. */
		c->gone = true;
		app_fail(a, s);
		return;
	}
	c->gone = false;
	if (s != SR_OK)
		app_fail(a, s);
	else if (c->card.version != version && version)
		c->hist.t.sel = c->hist.t.nrows - 1;
}

/* --- drawing ---------------------------------------------------------------------- */

struct kv {
	const char *label;
	char value[600];
	enum theme_elem elem;
	bool wide;              /* a row of its own */
};

static int card_pairs(struct app *a, const struct card_scr *c, struct kv *kv)
{
	const sr_card *k = &c->card;
	int n = 0;
#define KV(lbl, e, ...) \
	do { \
		kv[n].label = (lbl); \
		kv[n].elem = (e); \
		kv[n].wide = false; \
		snprintf(kv[n].value, sizeof kv[n].value, __VA_ARGS__); \
		n++; \
	} while (0)
	KV(_("Phone"), TH_NORMAL, "%s", k->phone);
	KV(_("Status"), k->loss_pending ? TH_ERROR : TH_NORMAL, "%s%s",
	   sr_card_status_label(k->status), k->loss_pending ? _(" (loss request pending)") : "");
	KV(_("Level"), theme_level(k->level), "%c  (%s %c)", k->level, _("at filing"),
	   k->level_at_filing);
	if (c->fl_ok)
		KV(_("Follow-up lvl"), TH_NORMAL, "%s %s (%d–%d %s)", c->fl.code, c->fl.name,
		   c->fl.min_days, c->fl.max_days, _("days"));
	else
		KV(_("Follow-up lvl"), TH_NORMAL, "%s", k->followup_level);
	sr_date next;
	bool late = k->next_date[0] && sr_card_status_following(k->status) &&
	            sr_date_parse(k->next_date, &next) && next < sr_db_today(a->db);
	KV(_("Next date"), late ? TH_OVERDUE : TH_NORMAL, "%s%s",
	   k->next_date[0] ? k->next_date : "—", late ? _(" (overdue)") : "");
	KV(_("Owner"), TH_NORMAL, "%s (%s)", k->owner_name, k->owner_login);
	KV(_("Channel"), TH_NORMAL, "%s", sr_channel_label(k->channel));
	KV(_("Source"), TH_NORMAL, "%s", k->source[0] ? k->source : "—");
	KV(_("Model"), TH_NORMAL, "%s", k->model[0] ? k->model : "—");
	KV(_("Filed"), TH_NORMAL, _("%.10s, %d days ago"), k->filed_at, k->age_days);
	KV(_("Buys by"), TH_NORMAL, "%s", k->expected_purchase[0] ? k->expected_purchase : "—");
	KV(_("Type"), TH_NORMAL, "%s",
	   k->customer_type == SR_CUSTOMER_WHOLESALE ? _("wholesale") : _("retail"));
	KV(_("Gender"), TH_NORMAL, "%s",
	   k->gender[0] == 'M' ? _("male") : k->gender[0] == 'F' ? _("female") : "—");
	KV(_("Region"), TH_NORMAL, "%s", k->region[0] ? k->region : "—");
	KV(_("Address"), TH_NORMAL, "%s", k->address[0] ? k->address : "—");
	KV(_("Visits"), TH_NORMAL, "%d", k->visits);
	KV(_("Version"), TH_DIM, "%lld (%.16s)", (long long)k->version, k->updated_at);
	if (k->sold_at[0])
		KV(_("Sold"), TH_LEVEL_O, "%.16s", k->sold_at);
	if (k->lost_at[0])
		KV(_("Lost"), TH_ERROR, "%.16s %s", k->lost_at, k->loss_reason);
	if (k->merged_into)
		KV(_("Merged into"), TH_ERROR, "#%lld", (long long)k->merged_into);
	KV(_("Sales steps"), TH_NORMAL, "%s %s   %s %s   %s %s", k->step_intro ? "[x]" : "[ ]",
	   _("intro"), k->step_negotiation ? "[x]" : "[ ]", _("negotiation"),
	   k->step_test_drive ? "[x]" : "[ ]", _("test drive"));
	kv[n - 1].wide = true;
#undef KV
	return n;
}

/* Label/value pairs in `ncol` columns from row y; returns the next row. */
static int draw_pairs(const struct kv *kv, int n, int y, const struct rect *r, int ncol)
{
	int lw = 0;
	for (int i = 0; i < n; i++) {
		int w = sr_text_width(kv[i].label);
		if (w > lw)
			lw = w;
	}
	int cw = r->w / ncol;
	if (lw > cw / 2)
		lw = cw / 2;
	int row = 0, col = 0;
	for (int i = 0; i < n; i++) {
		if (kv[i].wide && col) {
			row++;
			col = 0;
		}
		int x = r->x + col * cw;
		int vw = kv[i].wide ? r->w - lw - 1 : cw - lw - 2;
		ui_text(y + row, x, lw, TH_LABEL, kv[i].label);
		ui_text(y + row, x + lw + 1, vw, kv[i].elem, kv[i].value);
		if (kv[i].wide || ++col == ncol) {
			row++;
			col = 0;
		}
	}
	return y + row + (col ? 1 : 0);
}

static void card_keys_set(const struct card_scr *c);

static void card_draw(struct app *a, void *st, const struct rect *r)
{
	struct card_scr *c = st;
	const sr_card *k = &c->card;
	card_keys_set(c);
	char head[400];
	snprintf(head, sizeof head, "%s   #%lld   %s   %s %c", k->name, (long long)k->id,
	         sr_card_status_label(k->status), _("level"), k->level);
	ui_text(r->y, r->x + 1, r->w - 1, TH_HEADING, head);
	if (c->gone) {
		ui_text(r->y + 1, r->x + 1, r->w - 1, TH_ERROR,
		        _("This card is no longer yours to see (reassigned or merged). Esc goes back."));
		return;
	}
	struct kv kv[32];
	int n = card_pairs(a, c, kv);
	struct rect in = { r->y, r->x + 1, r->h, r->w - 1 };
	int ncol = r->w >= 120 ? 3 : 2;
	int y = draw_pairs(kv, n, r->y + 1, &in, ncol);
	struct kv ans[SR_ANS_COUNT];
	for (int i = 0; i < SR_ANS_COUNT; i++) {
		ans[i].label = sr_answer_label((sr_answer)i);
		snprintf(ans[i].value, sizeof ans[i].value, "%s",
		         k->answers[i][0] ? k->answers[i] : "—");
		ans[i].elem = k->answers[i][0] ? TH_NORMAL : TH_DIM;
		ans[i].wide = false;
	}
	y = draw_pairs(ans, SR_ANS_COUNT, y, &in, 2);
	int left = r->y + r->h - y;
	if (left < 3)
		return;
	struct rect hr = { y, r->x, left - (c->hist.cut ? 1 : 0), r->w };
	table_draw(&c->hist.t, &hr, true);
	if (c->hist.cut)
		ui_text(r->y + r->h - 1, r->x, r->w, TH_DIM, _("(history cut: only the oldest entries are shown)"));
}

/* --- actions ------------------------------------------------------------------------- */

static void dormant_answer(struct app *a, void *ctx, bool yes)
{
	struct card_scr *c = ctx;
	if (!yes)
		return;
	sr_status st = sr_card_dormant(a->db, c->id);
	if (st != SR_OK) {
		app_fail(a, st);
		return;
	}
	card_reload(a, c);
	app_msg(a, "%s", _("The card is dormant now."));
}

static void deliver_answer(struct app *a, void *ctx, bool yes)
{
	struct card_scr *c = ctx;
	if (!yes)
		return;
	sr_status st = sr_order_deliver(a->db, c->id);
	if (st != SR_OK) {
		app_fail(a, st);
		return;
	}
	card_reload(a, c);
	app_msg(a, "%s", _("Delivered: the card is sold."));
}

static void show_entry(struct app *a, struct card_scr *c)
{
	const struct table_row *row = table_selected(&c->hist.t);
	if (!row)
		return;
	char title[128];
	snprintf(title, sizeof title, "%s %s", row->cells[HIST_AT], row->cells[HIST_KIND]);
	size_t len = strlen(row->cells[HIST_WHO]) + strlen(row->cells[HIST_TEXT]) + 8;
	char *text = malloc(len);
	if (!text)
		return;
	snprintf(text, len, _("%s: %s"), row->cells[HIST_WHO], row->cells[HIST_TEXT]);
	prompt_message(a, title, text);
	free(text);
}

static bool card_key(struct app *a, void *st, const struct tui_key *k)
{
	struct card_scr *c = st;
	if (table_key(&c->hist.t, k->act, NULL))
		return true;
	if (c->gone)
		return false;
	struct followup_arg fa = { c->id, 0 };
	switch (k->act) {
	case ACT_OPEN:
		show_entry(a, c);
		return true;
	case ACT_FOLLOWUP:
		app_push(a, &scr_followup, &fa);
		return true;
	case ACT_ORDER:
		app_push(a, &scr_order, &c->id);
		return true;
	case ACT_EDIT:
		app_push(a, &scr_card_edit, &c->id);
		return true;
	case ACT_LOSS:
		app_push(a, &scr_loss, &c->id);
		return true;
	case ACT_REACTIVATE:
		app_push(a, &scr_reactivate, &c->id);
		return true;
	case ACT_COMMENT: {
		/* Comments (批复) go on follow-up records only. */
		int64_t followup;
		if (!hist_selected_followup(&c->hist, &followup)) {
			app_err(a, _("Select a follow-up in the history (%s/%s) to comment on it."),
			        keys_key(ACT_UP), keys_key(ACT_DOWN));
			return true;
		}
		app_push(a, &scr_comment, &followup);
		return true;
	}
	case ACT_APPOINT: {
		struct call_arg ca = { c->id, &c->appt_saved };
		app_push(a, &scr_appointment, &ca);
		return true;
	}
	case ACT_DELIVER:
	case ACT_CANCEL_ORDER:
		/* Only an order (订单) is delivered or cancelled; the core says
		 * so too, but the key is not even shown for other statuses. */
		if (c->card.status != SR_STATUS_ORDER) {
			app_err(a, _("%s (#%lld) has no open order (status %s)."), c->card.name,
			        (long long)c->id, sr_card_status_label(c->card.status));
			return true;
		}
		if (k->act == ACT_CANCEL_ORDER) {
			app_push(a, &scr_order_cancel, &c->id);
			return true;
		} else {
			char q[512];
			snprintf(q, sizeof q, _("Deliver the car to %s (#%lld)? The card becomes sold."),
			         c->card.name, (long long)c->id);
			prompt_confirm(a, q, deliver_answer, c);
		}
		return true;
	case ACT_DORMANT: {
		char q[512];
		snprintf(q, sizeof q, _("Mark %s (#%lld) dormant? A dormant card has no next follow-up date."),
		         c->card.name, (long long)c->id);
		prompt_confirm(a, q, dormant_answer, c);
		return true;
	}
	default:
		return false;
	}
}

static void card_close(struct app *a, void *st)
{
	(void)a;
	struct card_scr *c = st;
	hist_free(&c->hist);
	free(c);
}

/* The keys shown for the card drawn last (card_draw fills it): deliver and
 * cancel only for an order. The hint line and the help read it right after
 * the draw, so one array serves every card screen on the stack. */
static enum action card_keys[16];

static void card_keys_set(const struct card_scr *c)
{
	static const enum action base[] = {
		ACT_FOLLOWUP, ACT_APPOINT, ACT_ORDER, ACT_EDIT, ACT_LOSS, ACT_DORMANT, ACT_REACTIVATE,
		ACT_COMMENT, ACT_OPEN, ACT_BACK, ACT_SEARCH, ACT_HOME, ACT_NONE,
	};
	size_t n = 0;
	for (const enum action *p = base; *p != ACT_NONE; p++) {
		card_keys[n++] = *p;
		if (*p == ACT_ORDER && c->card.status == SR_STATUS_ORDER && !c->gone) {
			card_keys[n++] = ACT_DELIVER;
			card_keys[n++] = ACT_CANCEL_ORDER;
		}
	}
	card_keys[n] = ACT_NONE;
}

const struct screen_ops scr_card = {
	.title = N_("Customer card"),
	.open = card_open,
	.draw = card_draw,
	.key = card_key,
	.reload = card_reload,
	.close = card_close,
	.keys = card_keys,
};
