/* scr_traffic.c — showroom traffic (展厅流量), reception's screen: today's
 * walk-in batches and calls with their result, counts by result, and in a
 * few keys: log a row (a: time in defaults to now), mark the time out (x: a
 * form with now filled in, saved only over the version it was opened on),
 * file a card from the row (n), open the row's card (Enter). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "formscr.h"
#include "screens.h"
#include "table.h"

enum { T_ID, T_KIND, T_IN, T_OUT, T_PERSONS, T_CONSULTANT, T_MODEL, T_SOURCE, T_RESULT, T_CARD,
       T_NCOLS };

static const struct table_col traffic_cols[T_NCOLS] = {
	[T_ID] = { N_("ID"), 2, 8, TCOL_RIGHT },
	[T_KIND] = { N_("Kind"), 4, 8, 0 },
	[T_IN] = { N_("In"), 5, 5, 0 },
	[T_OUT] = { N_("Out"), 5, 5, 0 },
	[T_PERSONS] = { N_("Pers"), 4, 4, TCOL_RIGHT },
	[T_CONSULTANT] = { N_("Consultant"), 6, 12, 0 },
	[T_MODEL] = { N_("Model"), 6, 0, TCOL_FILL },
	[T_SOURCE] = { N_("Source"), 6, 12, 0 },
	[T_RESULT] = { N_("Result"), 4, 6, 0 },
	[T_CARD] = { N_("Card"), 4, 8, TCOL_RIGHT },
};

struct trow {
	int64_t id, card_id;
};

struct traffic_scr {
	struct table t;
	struct trow *rows;
	int nrows, cap;
	int walkins, calls, persons;
	int results[3];
};

static const char *kind_label(sr_traffic_kind k)
{
	return k == SR_TRAFFIC_CALL ? _("call") : _("walk-in");
}

static int add_row(void *ctx, const sr_traffic *r)
{
	struct traffic_scr *s = ctx;
	if (s->nrows == s->cap) {
		int cap = s->cap ? s->cap * 2 : 64;
		struct trow *rows = realloc(s->rows, (size_t)cap * sizeof *rows);
		if (!rows)
			return 1;
		s->rows = rows;
		s->cap = cap;
	}
	char id[24], in[6], out[6], persons[12], card[24] = "";
	snprintf(id, sizeof id, "%lld", (long long)r->id);
	snprintf(in, sizeof in, "%.5s", r->time_in[0] ? r->time_in + 11 : "");
	snprintf(out, sizeof out, "%.5s", r->time_out[0] ? r->time_out + 11 : "");
	snprintf(persons, sizeof persons, "%d", r->persons);
	if (r->card_id)
		snprintf(card, sizeof card, "%lld", (long long)r->card_id);
	const char *cells[T_NCOLS] = {
		[T_ID] = id, [T_KIND] = kind_label(r->kind), [T_IN] = in, [T_OUT] = out,
		[T_PERSONS] = persons, [T_CONSULTANT] = r->consultant_name, [T_MODEL] = r->model,
		[T_SOURCE] = r->source, [T_RESULT] = sr_traffic_result_label(r->result),
		[T_CARD] = card,
	};
	if (!table_add(&s->t, r->id, r->result == SR_RESULT_NONE ? TH_NORMAL : TH_DIM, cells))
		return 1;
	s->rows[s->nrows].id = r->id;
	s->rows[s->nrows].card_id = r->card_id;
	s->nrows++;
	if (r->kind == SR_TRAFFIC_CALL)
		s->calls++;
	else
		s->walkins++;
	s->persons += r->persons;
	if ((unsigned)r->result < 3)
		s->results[r->result]++;
	return 0;
}

static sr_status traffic_load(struct app *a, struct traffic_scr *s)
{
	int64_t keep = table_key_selected(&s->t);
	int old = s->nrows, sel = s->t.sel;
	table_clear(&s->t);
	s->nrows = s->walkins = s->calls = s->persons = 0;
	memset(s->results, 0, sizeof s->results);
	sr_date today = sr_db_today(a->db);
	sr_status st = sr_traffic_each(a->db, today, today, add_row, s);
	s->t.sel = sel;
	table_select(&s->t, keep);
	/* A row just logged comes last: show it. */
	if (s->nrows > old && old > 0)
		s->t.sel = s->nrows - 1;
	return st;
}

static void *traffic_open(struct app *a, const void *arg)
{
	(void)arg;
	struct traffic_scr *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	table_init(&s->t, traffic_cols, T_NCOLS, _("No traffic logged today."));
	sr_status st = traffic_load(a, s);
	if (st != SR_OK) {
		app_fail(a, st);
		table_free(&s->t);
		free(s->rows);
		free(s);
		return NULL;
	}
	s->t.sel = s->nrows - 1;
	return s;
}

static void traffic_reload(struct app *a, void *st)
{
	sr_status s = traffic_load(a, st);
	if (s != SR_OK)
		app_fail(a, s);
}

static void traffic_draw(struct app *a, void *st, const struct rect *r)
{
	(void)a;
	struct traffic_scr *s = st;
	char line[512];
	snprintf(line, sizeof line,
	         _("Today: %d batches (%d walk-in, %d calls), %d persons   %s %d   %s %d   %s %d"),
	         s->walkins + s->calls, s->walkins, s->calls, s->persons,
	         sr_traffic_result_label(SR_RESULT_FILED), s->results[SR_RESULT_FILED],
	         sr_traffic_result_label(SR_RESULT_FOLLOWUP), s->results[SR_RESULT_FOLLOWUP],
	         sr_traffic_result_label(SR_RESULT_NONE), s->results[SR_RESULT_NONE]);
	ui_text(r->y, r->x + 1, r->w - 1, TH_HEADING, line);
	struct rect tr = { r->y + 2, r->x, r->h - 2, r->w };
	table_draw(&s->t, &tr, true);
}

static bool traffic_key(struct app *a, void *st, const struct tui_key *k)
{
	struct traffic_scr *s = st;
	if (table_key(&s->t, k->act, NULL))
		return true;
	int sel = s->t.nrows ? s->t.sel : -1;
	const struct trow *row = sel >= 0 && sel < s->nrows ? &s->rows[sel] : NULL;
	switch (k->act) {
	case ACT_ADD:
		app_push(a, &scr_traffic_add, NULL);
		return true;
	case ACT_LEAVE:
		if (row)
			app_push(a, &scr_traffic_leave, &row->id);
		return true;
	case ACT_NEW: {
		if (!row)
			return false; /* no row: a card without traffic, as anywhere */
		if (row->card_id) {
			app_err(a, _("Traffic row %lld already has card %lld."), (long long)row->id,
			        (long long)row->card_id);
			return true;
		}
		struct filing_arg fa = { row->id };
		app_push(a, &scr_filing, &fa);
		return true;
	}
	case ACT_OPEN:
		if (row && row->card_id)
			app_push(a, &scr_card, &row->card_id);
		else if (row)
			app_msg(a, _("No card for this row yet: %s files one."), keys_key(ACT_NEW));
		return true;
	default:
		return false;
	}
}

static void traffic_close(struct app *a, void *st)
{
	(void)a;
	struct traffic_scr *s = st;
	table_free(&s->t);
	free(s->rows);
	free(s);
}

static const enum action traffic_keys[] = {
	ACT_ADD, ACT_LEAVE, ACT_NEW, ACT_OPEN, ACT_SEARCH, ACT_HOME, ACT_QUIT, ACT_NONE,
};

const struct screen_ops scr_traffic = {
	.title = N_("Showroom traffic"),
	.open = traffic_open,
	.draw = traffic_draw,
	.key = traffic_key,
	.reload = traffic_reload,
	.close = traffic_close,
	.keys = traffic_keys,
};

/* --- logging a row ---------------------------------------------------------------- */

enum { A_KIND, A_AT, A_PERSONS, A_CONSULTANT, A_MODEL, A_SOURCE, A_NOTE };

static bool add_build(struct app *a, struct formscr *fs, const void *arg)
{
	(void)arg;
	snprintf(fs->heading, sizeof fs->heading, "%s", _("Log a walk-in batch or a call"));
	struct form *fm = &fs->form;
	int i = form_choice(fm, _("Kind"));
	form_choice_add(fm, i, kind_label(SR_TRAFFIC_WALKIN), "walkin");
	form_choice_add(fm, i, kind_label(SR_TRAFFIC_CALL), "call");
	char now[SR_TIME_LEN];
	sr_time_format(sr_db_now(a->db), now);
	now[16] = '\0';
	form_text(fm, _("Time in"), now, 19, 18);
	form_text(fm, _("Persons"), "1", 3, 5);
	choices_owners(a, fm, form_choice(fm, _("Consultant")), true);
	choices_models(a, fm, form_choice(fm, _("Model")));
	choices_sources(a, fm, form_choice(fm, _("Source")));
	form_text(fm, _("Note"), "", 500, 0);
	return true;
}

static bool add_save(struct app *a, struct formscr *fs)
{
	struct form *fm = &fs->form;
	sr_traffic_input in;
	memset(&in, 0, sizeof in);
	if (!sr_traffic_kind_parse(form_get(fm, A_KIND), &in.kind))
		in.kind = SR_TRAFFIC_WALKIN;
	int64_t persons;
	if (!id_parse(form_get(fm, A_PERSONS), &persons) || persons > 999) {
		app_err(a, "%s", _("Persons: expected a number such as 1 or 3"));
		return false;
	}
	in.persons = (int)persons;
	char *at = strdup(form_get(fm, A_AT)), *note = strdup(form_get(fm, A_NOTE));
	char *consultant = strdup(form_get(fm, A_CONSULTANT));
	char *model = strdup(form_get(fm, A_MODEL)), *source = strdup(form_get(fm, A_SOURCE));
	bool ok = false;
	if (at && note && consultant && model && source) {
		in.at = *at ? at : NULL;
		in.note = note;
		in.consultant = *consultant ? consultant : NULL;
		in.model = *model ? model : NULL;
		in.source = *source ? source : NULL;
		int64_t id;
		sr_status st = sr_traffic_add(a->db, &in, &id);
		ok = st == SR_OK;
		if (ok)
			app_msg(a, _("Traffic row %lld logged: %s files a card from it."), (long long)id,
			        keys_key(ACT_NEW));
		else
			app_fail(a, st);
	}
	free(at), free(note), free(consultant), free(model), free(source);
	return ok;
}

static const struct formscr_spec add_spec = { .build = add_build, .save = add_save };

static void *add_open(struct app *a, const void *arg)
{
	return formscr_open(a, &add_spec, arg);
}

const struct screen_ops scr_traffic_add = {
	.title = N_("Log traffic"),
	.open = add_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};

/* --- the time out ------------------------------------------------------------------ */

/* The row's version when the form opened, and its time out then: a save
 * over someone else's change (a time out, a card filed from the row) is
 * refused and offers the same choice as a card edit (formscr_conflict). */
struct leave_ctx {
	int64_t id, version;
	char *orig[1];
};

static void leave_heading(struct formscr *fs, const sr_traffic *t)
{
	snprintf(fs->heading, sizeof fs->heading,
	         _("Time out of traffic row %lld (%s, in %s), version %lld"), (long long)t->id,
	         kind_label(t->kind), t->time_in, (long long)t->version);
}

static bool leave_build(struct app *a, struct formscr *fs, const void *arg)
{
	struct leave_ctx *c = calloc(1, sizeof *c);
	fs->ctx = c;
	sr_traffic t;
	if (!c) {
		app_err(a, "%s", _("out of memory"));
		return false;
	}
	sr_status st = sr_traffic_get(a->db, *(const int64_t *)arg, &t);
	if (st != SR_OK) {
		app_fail(a, st);
		return false;
	}
	c->id = t.id;
	c->version = t.version;
	c->orig[0] = strdup(t.time_out);
	if (!c->orig[0]) {
		app_err(a, "%s", _("out of memory"));
		return false;
	}
	leave_heading(fs, &t);
	snprintf(fs->help, sizeof fs->help, "%s",
	         _("YYYY-MM-DD HH:MM, not before the time in and not in the future."));
	char now[SR_TIME_LEN];
	sr_time_format(sr_db_now(a->db), now);
	now[16] = '\0';
	form_text(&fs->form, _("Time out"), t.time_out[0] ? t.time_out : now, 19, 21);
	return true;
}

static void leave_conflict(struct app *a, struct formscr *fs, sr_status refused)
{
	struct leave_ctx *c = fs->ctx;
	sr_traffic t;
	char *theirs[1] = { NULL };
	if (sr_traffic_get(a->db, c->id, &t) != SR_OK || !(theirs[0] = strdup(t.time_out))) {
		app_fail(a, refused);
		return;
	}
	bool moved = t.version != c->version;
	formscr_conflict(a, fs, _("this traffic row"), c->orig, theirs, 1, moved);
	if (moved) {
		c->version = t.version;
		leave_heading(fs, &t);
	}
}

static bool leave_save(struct app *a, struct formscr *fs)
{
	struct leave_ctx *c = fs->ctx;
	char *out = strdup(form_get(&fs->form, 0));
	if (!out) {
		app_err(a, "%s", _("out of memory"));
		return false;
	}
	if (strcmp(out, c->orig[0]) == 0) {
		free(out);
		app_msg(a, "%s", _("Nothing changed."));
		return true;
	}
	sr_status st = sr_traffic_leave_v(a->db, c->id, c->version, *out ? out : NULL);
	free(out);
	if (st == SR_CONFLICT) {
		leave_conflict(a, fs, st);
		return false;
	}
	if (st != SR_OK) {
		app_fail(a, st);
		return false;
	}
	app_msg(a, _("Traffic row %lld: time out recorded."), (long long)c->id);
	return true;
}

static void leave_free(void *ctx)
{
	struct leave_ctx *c = ctx;
	if (c)
		free(c->orig[0]);
	free(c);
}

static const struct formscr_spec leave_spec = {
	.build = leave_build,
	.save = leave_save,
	.free_ctx = leave_free,
};

static void *leave_open(struct app *a, const void *arg)
{
	return formscr_open(a, &leave_spec, arg);
}

const struct screen_ops scr_traffic_leave = {
	.title = N_("Time out"),
	.open = leave_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};
