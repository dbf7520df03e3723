/* scr_report_form.c — the report screen's two forms: the filters of
 * `showroom report` (period, as-of time, consultant, team, channel,
 * source, model, customer type, grouping) and the export of the report on
 * screen to an xlsx or CSV file.
 *
 * The choices name people by name and values in words; what the form
 * keeps is the codes the core takes. The core checks everything: a filter
 * the core refuses keeps the form open with its message, and a consultant
 * is given no consultant or team to choose (their figures are their own). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "formscr.h"
#include "scr_report.h"

void report_filter_query(const struct report_filter *f, const char *from, const char *to,
                         sr_report_query *q)
{
	memset(q, 0, sizeof *q);
	sr_kpi_query *p = &q->period;
	p->from = f->from[0] ? f->from : from;
	p->to = f->to[0] ? f->to : to;
	p->as_of = f->as_of[0] ? f->as_of : NULL;
	p->consultant = f->consultant[0] ? f->consultant : NULL;
	p->team = f->team[0] ? f->team : NULL;
	p->channel = f->channel[0] ? f->channel : NULL;
	p->source = f->source[0] ? f->source : NULL;
	p->model = f->model[0] ? f->model : NULL;
	p->customer_type = f->type[0] ? f->type : NULL;
	q->by = f->by[0] ? f->by : NULL;
}

/* --- the filters -------------------------------------------------------------------- */

enum { F_FROM, F_TO, F_AS_OF, F_TYPE, F_CHANNEL, F_SOURCE, F_MODEL, F_BY, F_CONSULTANT, F_TEAM };

struct filter_ctx {
	struct report_filter_arg arg;
	int field[F_TEAM + 1];    /* the form's index of each field, -1 when not offered */
};

struct fill {
	struct form *fm;
	int idx;
};

/* Staff who own cards, by name: the figures are theirs. */
static int add_person(void *ctx, const sr_user *u)
{
	struct fill *f = ctx;
	if (u->active && sr_role_owns_cards(u->role))
		form_choice_add(f->fm, f->idx, u->name, u->login);
	return 0;
}

static int add_source(void *ctx, const sr_source *s)
{
	struct fill *f = ctx;
	form_choice_add(f->fm, f->idx, s->name, s->code);
	return 0;
}

static int add_model(void *ctx, const sr_model *m)
{
	struct fill *f = ctx;
	form_choice_add(f->fm, f->idx, m->model, m->code);
	return 0;
}

static void choices_channels(struct form *fm, int idx)
{
	form_choice_add(fm, idx, _("(all)"), "");
	for (int c = SR_CHANNEL_WALKIN; c <= SR_CHANNEL_OUTREACH; c++)
		form_choice_add(fm, idx, sr_channel_label((sr_channel)c),
		                sr_channel_name((sr_channel)c));
}

static void choices_by(struct form *fm, int idx, const char *by)
{
	char code[24];
	for (const char *p = by; *p;) {
		size_t n = strcspn(p, ",");
		snprintf(code, sizeof code, "%.*s", (int)n, p);
		form_choice_add(fm, idx, sr_report_by_label(code), code);
		p += n + (p[n] == ',');
	}
}

static void add_people(struct app *a, struct filter_ctx *c, struct form *fm)
{
	const struct report_filter *f = c->arg.f;
	int i = c->field[F_CONSULTANT] = form_choice(fm, _("Consultant"));
	form_choice_add(fm, i, _("(all)"), "");
	struct fill fl = { fm, i };
	sr_user_each(a->db, add_person, &fl);
	form_set(fm, i, f->consultant);
	i = c->field[F_TEAM] = form_choice(fm, _("Team"));
	form_choice_add(fm, i, _("(all)"), "");
	form_choice_add(fm, i, _("showroom team"), "showroom");
	form_choice_add(fm, i, _("DCC team"), "dcc");
	form_set(fm, i, f->team);
}

static void add_catalogue(struct app *a, struct filter_ctx *c, struct form *fm)
{
	const struct report_filter *f = c->arg.f;
	int i = c->field[F_TYPE] = form_choice(fm, _("Customer type"));
	form_choice_add(fm, i, _("retail"), "");
	form_choice_add(fm, i, _("wholesale"), "wholesale");
	form_choice_add(fm, i, _("retail and wholesale"), "all");
	form_set(fm, i, f->type);
	i = c->field[F_CHANNEL] = form_choice(fm, _("Filing channel"));
	choices_channels(fm, i);
	form_set(fm, i, f->channel);
	i = c->field[F_SOURCE] = form_choice(fm, _("Source"));
	form_choice_add(fm, i, _("(all)"), "");
	struct fill fl = { fm, i };
	sr_source_each(a->db, add_source, &fl);
	form_set(fm, i, f->source);
	i = c->field[F_MODEL] = form_choice(fm, _("Model"));
	form_choice_add(fm, i, _("(all)"), "");
	fl.idx = i;
	sr_model_each(a->db, add_model, &fl);
	form_set(fm, i, f->model);
}

static bool filter_build(struct app *a, struct formscr *fs, const void *arg)
{
	struct filter_ctx *c = calloc(1, sizeof *c);
	if (!c) {
		app_err(a, "%s", _("out of memory"));
		return false;
	}
	fs->ctx = c;
	c->arg = *(const struct report_filter_arg *)arg;
	for (int k = 0; k <= F_TEAM; k++)
		c->field[k] = -1;
	const struct report_filter *f = c->arg.f;
	snprintf(fs->heading, sizeof fs->heading, "%s", _("Report filters"));
	snprintf(fs->help, sizeof fs->help, "%s",
	         _("Other dates make a period of your own (y goes back to months); the filters "
	           "apply to every report."));
	struct form *fm = &fs->form;
	c->field[F_FROM] = form_text(fm, _("From"), f->from[0] ? f->from : c->arg.from, 10, 12);
	form_note(fm, c->field[F_FROM], TH_DIM, "%s", _("YYYY-MM-DD"));
	c->field[F_TO] = form_text(fm, _("To"), f->to[0] ? f->to : c->arg.to, 10, 12);
	form_note(fm, c->field[F_TO], TH_DIM, "%s", _("YYYY-MM-DD, inclusive"));
	c->field[F_AS_OF] = form_text(fm, _("As of"), f->as_of, 16, 18);
	form_note(fm, c->field[F_AS_OF], TH_DIM, "%s",
	          _("optional: YYYY-MM-DD HH:MM; empty: the end of the period or now"));
	/* A consultant's figures are their own: no one else to choose. */
	if (sr_perm_scope(a->me.role) != SR_SCOPE_OWN)
		add_people(a, c, fm);
	add_catalogue(a, c, fm);
	if (*c->arg.by) {
		int i = c->field[F_BY] = form_choice(fm, _("Grouping"));
		choices_by(fm, i, c->arg.by);
		form_set(fm, i, f->by);
	}
	return true;
}

static void field_copy(struct form *fm, int idx, char *out, size_t len)
{
	snprintf(out, len, "%s", idx >= 0 ? form_get(fm, idx) : "");
}

/* The form's values; dates equal to the period on screen stay unset, so
 * the screen keeps moving by month or year. */
static void filter_read(struct filter_ctx *c, struct form *fm, struct report_filter *f)
{
	const struct report_filter *old = c->arg.f;
	memset(f, 0, sizeof *f);
	field_copy(fm, c->field[F_FROM], f->from, sizeof f->from);
	field_copy(fm, c->field[F_TO], f->to, sizeof f->to);
	if (!old->from[0] && !old->to[0] && !strcmp(f->from, c->arg.from) &&
	    !strcmp(f->to, c->arg.to))
		f->from[0] = f->to[0] = '\0';
	field_copy(fm, c->field[F_AS_OF], f->as_of, sizeof f->as_of);
	field_copy(fm, c->field[F_CONSULTANT], f->consultant, sizeof f->consultant);
	field_copy(fm, c->field[F_TEAM], f->team, sizeof f->team);
	field_copy(fm, c->field[F_TYPE], f->type, sizeof f->type);
	field_copy(fm, c->field[F_CHANNEL], f->channel, sizeof f->channel);
	field_copy(fm, c->field[F_SOURCE], f->source, sizeof f->source);
	field_copy(fm, c->field[F_MODEL], f->model, sizeof f->model);
	field_copy(fm, c->field[F_BY], f->by, sizeof f->by);
}

static bool filter_save(struct app *a, struct formscr *fs)
{
	struct filter_ctx *c = fs->ctx;
	struct report_filter f;
	filter_read(c, &fs->form, &f);
	if (!f.from[0] != !f.to[0]) {
		app_err(a, "%s", _("Give both dates of the period, or neither."));
		return false;
	}
	/* The core judges the filters: run the report once with them. */
	sr_report_query q;
	report_filter_query(&f, c->arg.from, c->arg.to, &q);
	sr_report r;
	sr_status st = sr_report_run(a->db, c->arg.name, &q, &r);
	if (st != SR_OK) {
		app_fail(a, st);
		return false;
	}
	sr_report_free(&r);
	*c->arg.f = f;
	*c->arg.changed = true;
	app_msg(a, "%s", _("Filters applied."));
	return true;
}

static const struct formscr_spec filter_spec = { .build = filter_build, .save = filter_save };

static void *filter_open(struct app *a, const void *arg)
{
	return formscr_open(a, &filter_spec, arg);
}

const struct screen_ops scr_report_filter = {
	.title = N_("Report filters"),
	.open = filter_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};

/* --- export ----------------------------------------------------------------------------- */

enum { X_NAME, X_FORMAT };

struct export_ctx {
	const sr_report *rep;
};

/* A file name from the report's title and period: 销售漏斗_2026-03-01_2026-03-31.xlsx,
 * without the characters a file name cannot hold or a shell trips on. */
static void default_name(const sr_report *r, const char *ext, char *out, size_t len)
{
	char title[256];
	size_t n = 0;
	for (const char *p = r->title; *p && n + 1 < sizeof title; p++)
		title[n++] = strchr("/\\:*?\"<>|' ", *p) ? '_' : *p;
	title[n] = '\0';
	snprintf(out, len, "%s_%s_%s.%s", title, r->from, r->to, ext);
}

/* The name with the extension of the chosen format. */
static void set_extension(struct form *fm, const char *ext)
{
	char name[PATH_MAX];
	snprintf(name, sizeof name, "%s", form_get(fm, X_NAME));
	char *dot = strrchr(name, '.');
	if (dot && (!strcmp(dot, ".xlsx") || !strcmp(dot, ".csv")))
		*dot = '\0';
	size_t n = strlen(name);
	snprintf(name + n, sizeof name - n, ".%s", ext);
	form_set(fm, X_NAME, name);
}

static bool export_build(struct app *a, struct formscr *fs, const void *arg)
{
	struct export_ctx *c = calloc(1, sizeof *c);
	if (!c) {
		app_err(a, "%s", _("out of memory"));
		return false;
	}
	fs->ctx = c;
	c->rep = arg;
	snprintf(fs->heading, sizeof fs->heading, _("Export: %s"), c->rep->title);
	snprintf(fs->help, sizeof fs->help, "%s",
	         _("The report as on screen, with its period and filters; written with your own "
	           "rights."));
	struct form *fm = &fs->form;
	char name[PATH_MAX];
	default_name(c->rep, "xlsx", name, sizeof name);
	int i = form_text(fm, _("File name"), name, 200, 44);
	form_note(fm, i, TH_DIM, "%s", _("in the current folder, or a full path"));
	i = form_choice(fm, _("Format"));
	form_choice_add(fm, i, _("Excel workbook (xlsx)"), "xlsx");
	form_choice_add(fm, i, _("CSV (codes, for scripts)"), "csv");
	return true;
}

static void export_changed(struct app *a, struct formscr *fs, int field)
{
	(void)a;
	if (field == X_FORMAT)
		set_extension(&fs->form, form_get(&fs->form, X_FORMAT));
}

static bool export_save(struct app *a, struct formscr *fs)
{
	struct export_ctx *c = fs->ctx;
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s", form_get(&fs->form, X_NAME));
	if (!path[0]) {
		app_err(a, "%s", _("Give a file name."));
		return false;
	}
	bool xlsx = !strcmp(form_get(&fs->form, X_FORMAT), "xlsx");
	const sr_report *list[] = { c->rep };
	/* CSV with a byte-order mark: Excel and WPS read it as UTF-8. */
	sr_status st = sr_report_export(a->db, list, 1, xlsx ? SR_REPORT_XLSX : SR_REPORT_CSV, path,
	                                !xlsx);
	if (st != SR_OK) {
		app_fail(a, st);
		return false;
	}
	char full[PATH_MAX];
	app_msg(a, P_("Exported %zu row to %s", "Exported %zu rows to %s", c->rep->nrows),
	        c->rep->nrows, realpath(path, full) ? full : path);
	return true;
}

static const struct formscr_spec export_spec = {
	.build = export_build, .save = export_save, .changed = export_changed,
};

static void *export_open(struct app *a, const void *arg)
{
	return formscr_open(a, &export_spec, arg);
}

const struct screen_ops scr_report_export = {
	.title = N_("Export"),
	.open = export_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};
