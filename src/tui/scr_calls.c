/* scr_calls.c — the DCC call list (呼叫清单): today's calls (new leads
 * first, then the due and overdue cards) beside the selected card's
 * history; side by side on a wide terminal, stacked at 80 columns with
 * the newest entries of the history. A call's result takes few keys: f
 * records a phone follow-up with the next date, i an appointment (邀约);
 * after either the next row is selected, ready for the next call. The
 * digits 1-6 record the call itself (reached, no answer, wrong number,
 * call back, appointment, not interested) in one key; reached then asks
 * what was said, appointment for the date. New leads show how long they
 * have waited (working hours), in the overdue colour once flagged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "formscr.h"
#include "screens.h"
#include "histtable.h"

#define CALLS_SIDE_BY_SIDE 120

enum { K_NAME, K_PHONE, K_LEVEL, K_DATE, K_LATE, K_DETAIL, K_NCOLS };

static const struct table_col call_cols[K_NCOLS] = {
	[K_NAME] = { N_("Name"), 6, 16, 0 },
	[K_PHONE] = { N_("Phone"), 11, 13, 0 },
	[K_LEVEL] = { N_("Lvl"), 3, 3, TCOL_LEVEL },
	[K_DATE] = { N_("Date"), 10, 10, 0 },
	[K_LATE] = { N_("Late"), 4, 6, TCOL_RIGHT },
	[K_DETAIL] = { N_("Detail"), 6, 0, TCOL_FILL },
};

struct calls {
	struct table t;
	struct hist hist;       /* the selected card's */
	int64_t hist_card;      /* whose history is loaded */
	bool saved;             /* a form of this screen recorded a call */
	int64_t next_key;       /* the row after the one called */
};

/* What a call form needs: the card, and where to say it was recorded. */
static int add_call(void *ctx, const sr_work_item *it)
{
	struct calls *c = ctx;
	char late[24] = "", date[SR_DATE_LEN], level[2] = { it->level, '\0' };
	if (it->new_lead)
		snprintf(late, sizeof late, "%lldh%02lld", (long long)(it->wait_minutes / 60),
		         (long long)(it->wait_minutes % 60));
	else if (it->days_late > 0)
		snprintf(late, sizeof late, "%d", it->days_late);
	snprintf(date, sizeof date, "%.10s", it->date);
	const char *cells[K_NCOLS] = {
		[K_NAME] = it->name, [K_PHONE] = it->phone, [K_LEVEL] = level, [K_DATE] = date,
		[K_LATE] = late, [K_DETAIL] = it->detail,
	};
	bool late_row = it->new_lead ? it->flagged : it->days_late > 0;
	table_add(&c->t, it->card_id, late_row ? TH_OVERDUE : TH_NORMAL, cells);
	return 0;
}

static void history_load(struct app *a, struct calls *c)
{
	int64_t id = table_key_selected(&c->t);
	c->hist_card = id;
	sr_status st = hist_load(a, &c->hist, id);
	if (st != SR_OK)
		app_fail(a, st);
	/* The newest entries are what a caller reads before dialling. */
	c->hist.t.sel = c->hist.t.nrows - 1;
}

static void calls_reload(struct app *a, void *st)
{
	struct calls *c = st;
	int64_t keep = table_key_selected(&c->t);
	int sel = c->t.sel;
	table_clear(&c->t);
	sr_status s = sr_worklist(a->db, SR_LIST_CALLS, NULL, add_call, c);
	if (s != SR_OK)
		app_fail(a, s);
	c->t.sel = sel;
	if (c->saved) {
		/* On to the next call: the called card may have left the list
		 * (its next date is later now), or stayed. */
		c->saved = false;
		if (c->next_key)
			table_select(&c->t, c->next_key);
	} else if (keep) {
		table_select(&c->t, keep);
	}
	if (c->t.sel >= c->t.nrows)
		c->t.sel = c->t.nrows - 1;
	if (c->t.sel < 0)
		c->t.sel = 0;
	history_load(a, c);
}

static void *calls_open(struct app *a, const void *arg)
{
	(void)arg;
	struct calls *c = calloc(1, sizeof *c);
	if (!c) {
		app_err(a, "%s", _("out of memory"));
		return NULL;
	}
	table_init(&c->t, call_cols, K_NCOLS, _("No calls due today."));
	hist_init(&c->hist, 0);
	calls_reload(a, c);
	return c;
}

static void calls_draw(struct app *a, void *st, const struct rect *r)
{
	(void)a;
	struct calls *c = st;
	char head[300];
	snprintf(head, sizeof head,
	         _("%d call(s) today   1-6: reached, no answer, wrong number, call back, "
	           "appointment, not interested   %s: phone follow-up   %s: appointment   %s: card"),
	         c->t.nrows, keys_key(ACT_FOLLOWUP), keys_key(ACT_APPOINT), keys_key(ACT_OPEN));
	ui_text(r->y, r->x + 1, r->w - 1, TH_HEADING, head);
	struct rect lr, hr;
	if (r->w >= CALLS_SIDE_BY_SIDE) {
		int lw = r->w * 11 / 20;
		lr = (struct rect){ r->y + 1, r->x, r->h - 1, lw };
		hr = (struct rect){ r->y + 1, r->x + lw + 1, r->h - 1, r->w - lw - 1 };
	} else {
		int lh = (r->h - 2) / 2;
		lr = (struct rect){ r->y + 1, r->x, lh, r->w };
		hr = (struct rect){ r->y + 2 + lh, r->x, r->h - 2 - lh, r->w };
	}
	table_draw(&c->t, &lr, true);
	const struct table_row *row = table_selected(&c->t);
	char title[300];
	snprintf(title, sizeof title, _("History of %s"), row ? row->cells[K_NAME] : "—");
	ui_text(hr.y, hr.x + 1, hr.w - 1, TH_HEADING, title);
	struct rect tr = { hr.y + 1, hr.x, hr.h - 1, hr.w };
	table_draw(&c->hist.t, &tr, false);
}

/* --- the call's result: a phone follow-up, or an appointment ---------------------------- */

struct call_ctx {
	int64_t card_id;
	bool *saved;
	char name[SR_NAME_MAX];
};

enum { CR_CONTENT, CR_LEVEL, CR_NEXT };
enum { CA_DATE, CA_CONSULTANT };

static bool call_card(struct app *a, struct formscr *fs, const void *arg, sr_card *card)
{
	const struct call_arg *in = arg;
	struct call_ctx *c = calloc(1, sizeof *c);
	fs->ctx = c;
	if (!c) {
		app_err(a, "%s", _("out of memory"));
		return false;
	}
	sr_status st = sr_card_get(a->db, in->card_id, card);
	if (st != SR_OK) {
		app_fail(a, st);
		return false;
	}
	c->card_id = card->id;
	c->saved = in->saved;
	snprintf(c->name, sizeof c->name, "%s", card->name);
	return true;
}

/* call_card into a new card (the caller frees it); NULL, said, on failure. */
static sr_card *call_card_new(struct app *a, struct formscr *fs, const void *arg)
{
	sr_card *card = malloc(sizeof *card);
	if (!card) {
		app_err(a, "%s", _("out of memory"));
		return NULL;
	}
	if (!call_card(a, fs, arg, card)) {
		free(card);
		return NULL;
	}
	return card;
}

static bool result_build(struct app *a, struct formscr *fs, const void *arg)
{
	sr_card *card = call_card_new(a, fs, arg);
	if (!card)
		return false;
	snprintf(fs->heading, sizeof fs->heading, _("Phone call with %s (#%lld), %s, level %c"),
	         card->name, (long long)card->id, card->phone, card->level);
	struct form *fm = &fs->form;
	form_text(fm, _("What was said"), "", 2000, 0);
	int i = form_choice(fm, _("Intent level"));
	choices_levels(fm, i, true, false);
	char next[SR_DATE_LEN];
	date_from_today(a, 1, next);
	sr_followup_level fl;
	if (card->followup_level[0] &&
	    sr_followup_level_get(a->db, card->followup_level, &fl) == SR_OK) {
		char hi[SR_DATE_LEN];
		date_from_today(a, fl.min_days, next);
		date_from_today(a, fl.max_days, hi);
		i = form_text(fm, _("Next follow-up"), next, 10, 12);
		form_note(fm, i, TH_DIM, _("%s … %s (%s)"), next, hi, fl.name);
	} else {
		form_text(fm, _("Next follow-up"), next, 10, 12);
	}
	free(card);
	return true;
}

static bool result_save(struct app *a, struct formscr *fs)
{
	struct call_ctx *c = fs->ctx;
	struct form *fm = &fs->form;
	char *content = strdup(form_get(fm, CR_CONTENT));
	char level[4], next[SR_DATE_LEN * 4];
	snprintf(level, sizeof level, "%s", form_get(fm, CR_LEVEL));
	snprintf(next, sizeof next, "%s", form_get(fm, CR_NEXT));
	if (!content) {
		app_err(a, "%s", _("out of memory"));
		return false;
	}
	sr_followup_input in;
	memset(&in, 0, sizeof in);
	in.card_id = c->card_id;
	in.method = SR_METHOD_PHONE;
	in.level = level[0];
	in.next_date = next[0] ? next : NULL;
	in.content = content;
	int64_t id;
	sr_status st = sr_followup_add(a->db, &in, &id);
	free(content);
	if (st != SR_OK) {
		app_fail(a, st);
		return false;
	}
	*c->saved = true;
	app_msg(a, _("Call with %s recorded; next follow-up %s."), c->name, next[0] ? next : "—");
	return true;
}

static const struct formscr_spec result_spec = { .build = result_build, .save = result_save };

static void *result_open(struct app *a, const void *arg)
{
	return formscr_open(a, &result_spec, arg);
}

static const struct screen_ops scr_call_result = {
	.title = N_("Call result"),
	.open = result_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};

static bool appt_build(struct app *a, struct formscr *fs, const void *arg)
{
	sr_card *card = call_card_new(a, fs, arg);
	if (!card)
		return false;
	snprintf(fs->heading, sizeof fs->heading, _("Appointment (invitation) for %s (#%lld)"),
	         card->name, (long long)card->id);
	free(card);
	char date[SR_DATE_LEN];
	date_from_today(a, 1, date);
	int i = form_text(&fs->form, _("Date"), date, 10, 12);
	form_note(&fs->form, i, TH_DIM, "%s", _("YYYY-MM-DD, today or later"));
	i = form_choice(&fs->form, _("Consultant"));
	choices_owners(a, &fs->form, i, true);
	return true;
}

static bool appt_save(struct app *a, struct formscr *fs)
{
	struct call_ctx *c = fs->ctx;
	char date[SR_DATE_LEN * 4], who[SR_LOGIN_MAX];
	snprintf(date, sizeof date, "%s", form_get(&fs->form, CA_DATE));
	snprintf(who, sizeof who, "%s", form_get(&fs->form, CA_CONSULTANT));
	int64_t id;
	sr_status st = sr_appointment_add(a->db, c->card_id, date, who[0] ? who : NULL, &id);
	if (st != SR_OK) {
		app_fail(a, st);
		return false;
	}
	*c->saved = true;
	app_msg(a, _("Appointment for %s on %s."), c->name, date);
	return true;
}

static const struct formscr_spec appt_spec = { .build = appt_build, .save = appt_save };

static void *appt_open(struct app *a, const void *arg)
{
	return formscr_open(a, &appt_spec, arg);
}

const struct screen_ops scr_appointment = {
	.title = N_("Appointment"),
	.open = appt_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};

/* A digit: the call's result, recorded at once on the selected card. */
static bool call_digit(struct app *a, struct calls *c, int64_t id, int digit)
{
	sr_call_result r = (sr_call_result)(digit - 1);
	sr_call_input in = { .card_id = id, .result = r };
	const struct table_row *row = table_selected(&c->t);
	char name[SR_NAME_MAX * 2];
	snprintf(name, sizeof name, "%s", row ? row->cells[K_NAME] : "");
	sr_status st = sr_call_add(a->db, &in, NULL);
	if (st != SR_OK) {
		app_fail(a, st);
		return true;
	}
	c->next_key = c->t.sel + 1 < c->t.nrows ? c->t.rows[c->t.sel + 1].key : 0;
	app_msg(a, _("Call with %s recorded: %s."), name, sr_call_result_name(r));
	struct call_arg arg = { id, &c->saved };
	if (r == SR_CALL_REACHED)
		app_push(a, &scr_call_result, &arg);
	else if (r == SR_CALL_APPOINTMENT)
		app_push(a, &scr_appointment, &arg);
	else {
		c->saved = true;
		calls_reload(a, c);
	}
	return true;
}

static bool calls_key(struct app *a, void *st, const struct tui_key *k)
{
	struct calls *c = st;
	if (table_key(&c->t, k->act, NULL)) {
		if (table_key_selected(&c->t) != c->hist_card)
			history_load(a, c);
		return true;
	}
	int64_t id = table_key_selected(&c->t);
	switch (k->act) {
	case ACT_OPEN:
		if (id)
			app_push(a, &scr_card, &id);
		return true;
	case ACT_FOLLOWUP:
	case ACT_APPOINT: {
		if (!id)
			return true;
		c->next_key = c->t.sel + 1 < c->t.nrows ? c->t.rows[c->t.sel + 1].key : 0;
		struct call_arg arg = { id, &c->saved };
		app_push(a, k->act == ACT_FOLLOWUP ? &scr_call_result : &scr_appointment, &arg);
		return true;
	}
	default:
		if (k->act == ACT_NONE && k->code >= '1' && k->code <= '0' + SR_CALL_RESULT_COUNT) {
			if (id)
				call_digit(a, c, id, k->code - '0');
			return true;
		}
		return false;
	}
}

static void calls_close(struct app *a, void *st)
{
	(void)a;
	struct calls *c = st;
	table_free(&c->t);
	hist_free(&c->hist);
	free(c);
}

static const enum action calls_keys[] = {
	ACT_FOLLOWUP, ACT_APPOINT, ACT_OPEN, ACT_BACK, ACT_HOME, ACT_SEARCH, ACT_NONE,
};

const struct screen_ops scr_calls = {
	.title = N_("Call list"),
	.open = calls_open,
	.draw = calls_draw,
	.key = calls_key,
	.reload = calls_reload,
	.close = calls_close,
	.keys = calls_keys,
};
