/* report_words.c — a report's values as people read them: the user's name
 * for a login, 进店 for walkin, 休眠 for dormant, H级 for H, 合计 for the
 * total row, in the language of the connection (the catalogue, _()); the
 * name column that CSV gets beside a login; the title of a grouped
 * report's first column; the filters in words.
 *
 * The cells keep the codes for scripts (CSV never changes with the
 * language, CLI.md); what people read goes to the cell's `shown` text,
 * which the screens, the terminal table and the xlsx use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_int.h"

/* ---- single words --------------------------------------------------------------- */

static const struct {
	const char *code, *label;
} dims[] = {
	{ "reason", N_("loss reason") },   { "consultant", N_("consultant") },
	{ "model", N_("model") },          { "competitor", N_("competitor") },
	{ "level", N_("intent level") },   { "status", N_("status") },
	{ "age", N_("card age") },         { "channel", N_("filing channel") },
	{ "source", N_("source") },        { "hour", N_("hour of day") },
	{ "weekday", N_("weekday") },      { "caller", N_("caller") },
	{ "day", N_("date") },
};

static const char *dim_label(const char *code)
{
	for (size_t i = 0; i < RPT_NCOLS(dims); i++)
		if (!strcmp(dims[i].code, code))
			return _(dims[i].label);
	return NULL;
}

const char *sr_report_by_label(const char *by)
{
	if (by && !strcmp(by, "level"))
		return _("level at filing");
	const char *l = by ? dim_label(by) : NULL;
	return l ? l : by ? by : "";
}

/* The card-age bands of the structure report. */
static const char *age_label(const char *band, char *buf, size_t len)
{
	if (!strcmp(band, ">90"))
		return _("over 90 days");
	snprintf(buf, len, _("%s days"), band);
	return buf;
}

/* The user's name for a login; NULL when there is no such user. The last
 * one is kept: a day-by-day report names the same few people over and
 * over. */
struct names {
	char login[SR_LOGIN_MAX];
	char name[SR_NAME_MAX];
	bool found;
};

static const char *user_name(sr_db *db, struct names *n, const char *login)
{
	if (strcmp(n->login, login) != 0) {
		sr_copy(n->login, sizeof n->login, login);
		n->found = sr_query_text(db, n->name, sizeof n->name,
		                         "SELECT name FROM users WHERE login = ?1", "s", login) == SR_OK;
	}
	return n->found ? n->name : NULL;
}

/* ---- which words a cell takes ------------------------------------------------------- */

/* The words of a grouped report's groups, by its grouping. */
static enum rpt_words group_words(const char *by)
{
	if (!by)
		return RPT_W_NONE;
	if (!strcmp(by, "consultant") || !strcmp(by, "caller"))
		return RPT_W_USER;
	if (!strcmp(by, "channel"))
		return RPT_W_CHANNEL;
	if (!strcmp(by, "level"))
		return RPT_W_LEVEL;
	return RPT_W_NONE;
}

/* The words of a long table's value, by the row's dimension (column 0). */
static enum rpt_words dim_words(const char *dim)
{
	static const struct {
		const char *dim;
		enum rpt_words w;
	} map[] = {
		{ "reason", RPT_W_REASON }, { "consultant", RPT_W_USER }, { "level", RPT_W_LEVEL },
		{ "status", RPT_W_STATUS }, { "age", RPT_W_AGE },         { "channel", RPT_W_CHANNEL },
	};
	for (size_t i = 0; dim && i < RPT_NCOLS(map); i++)
		if (!strcmp(map[i].dim, dim))
			return map[i].w;
	return RPT_W_NONE;
}

/* The words cell (row, col) takes: w itself, or the one its grouping or
 * dimension picks. */
static enum rpt_words cell_words(const sr_report *r, size_t row, enum rpt_words w)
{
	if (w == RPT_W_GROUP)
		return group_words(r->by[0] ? r->by : NULL);
	if (w == RPT_W_DIM_VALUE)
		return dim_words(sr_report_text(r, row, 0));
	return w;
}

/* What people read for code in words w; NULL: the code as it is. */
static const char *word(sr_db *db, struct names *n, enum rpt_words w, const char *code,
                        char *buf, size_t len)
{
	sr_channel ch;
	sr_card_status s;
	sr_loss_reason lr;
	switch (w) {
	case RPT_W_USER:
		return user_name(db, n, code);
	case RPT_W_CHANNEL:
		return sr_channel_parse(code, &ch) ? sr_channel_label(ch) : NULL;
	case RPT_W_STATUS:
		return sr_card_status_parse(code, &s) ? sr_card_status_label(s) : NULL;
	case RPT_W_REASON:
		return sr_loss_reason_parse(code, &lr) ? sr_loss_reason_label(lr) : NULL;
	case RPT_W_LEVEL:
		if (strlen(code) != 1 || !sr_level_valid(code[0]))
			return NULL;
		snprintf(buf, len, _("level %s"), code);
		return buf;
	case RPT_W_AGE:
		return age_label(code, buf, len);
	case RPT_W_DIM:
		return dim_label(code);
	default:
		return NULL;
	}
}

static sr_status set_shown(sr_db *db, sr_cell *c, const char *text)
{
	free(c->shown);
	c->shown = NULL;
	if (!text || (c->text && !strcmp(text, c->text)))
		return SR_OK;
	c->shown = strdup(text);
	return c->shown ? SR_OK : sr_fail(db, SR_IO, _("out of memory"));
}

sr_status sr_report_words(sr_db *db, sr_report *r, size_t col, enum rpt_words w)
{
	struct names n = { "", "", false };
	n.login[0] = '\0';
	for (size_t row = 0; row < r->nrows; row++) {
		sr_cell *c = &r->cells[row * r->ncols + col];
		if (c->kind != SR_CELL_TEXT || c->empty || !c->text)
			continue;
		char buf[64];
		const char *text = NULL;
		/* The grouped reports end with the total; "-" is a card without
		 * a source or a model. */
		if (row == r->nrows - 1 && !strcmp(c->text, "total"))
			text = _("total");
		else if (!strcmp(c->text, "-"))
			text = _("(none)");
		else
			text = word(db, &n, cell_words(r, row, w), c->text, buf, sizeof buf);
		if (set_shown(db, c, text) != SR_OK)
			return SR_IO;
	}
	return SR_OK;
}

/* ---- the name column ------------------------------------------------------------------ */

static const sr_report_col name_col = { "name", N_("name"), SR_CELL_TEXT, false, true };

/* A column at `at`, every row's cell empty. */
static sr_status insert_column(sr_db *db, sr_report *r, size_t at, const sr_report_col *col)
{
	size_t n = r->ncols + 1;
	sr_report_col *cols = calloc(n, sizeof *cols);
	sr_cell *cells = calloc(r->cap ? r->cap * n : 1, sizeof *cells);
	if (!cols || !cells) {
		free(cols);
		free(cells);
		return sr_fail(db, SR_IO, _("out of memory"));
	}
	for (size_t i = 0, j = 0; i < n; i++)
		cols[i] = i == at ? *col : r->cols[j++];
	cols[at].label = _(col->label);
	for (size_t row = 0; row < r->nrows; row++)
		for (size_t i = 0, j = 0; i < n; i++) {
			if (i == at) {
				cells[row * n + i].kind = col->kind;
				cells[row * n + i].empty = true;
			} else
				cells[row * n + i] = r->cells[row * r->ncols + j++];
		}
	free((void *)r->cols);
	free(r->cells);
	r->cols = cols;
	r->cells = cells;
	r->ncols = n;
	return SR_OK;
}

sr_status sr_report_add_names(sr_db *db, sr_report *r, size_t col, enum rpt_words w)
{
	sr_status st = insert_column(db, r, col + 1, &name_col);
	struct names n = { "", "", false };
	for (size_t row = 0; st == SR_OK && row < r->nrows; row++) {
		const char *login = sr_report_text(r, row, col);
		if (!login || cell_words(r, row, w) != RPT_W_USER)
			continue;
		if (row == r->nrows - 1 && !strcmp(login, "total"))
			continue;
		const char *name = user_name(db, &n, login);
		if (name)
			st = sr_report_set_text(db, &r->cells[row * r->ncols + col + 1], name);
	}
	return st;
}

sr_status sr_report_group_words(sr_db *db, sr_report *r)
{
	if (!r->by[0] || !r->ncols)
		return SR_OK;
	/* The columns are the report's own copy (sr_report_columns). */
	((sr_report_col *)r->cols)[0].label = sr_report_by_label(r->by);
	sr_status st = sr_report_words(db, r, 0, RPT_W_GROUP);
	if (st == SR_OK && group_words(r->by) == RPT_W_USER)
		st = sr_report_add_names(db, r, 0, RPT_W_GROUP);
	return st;
}

/* ---- the filters in words ---------------------------------------------------------------- */

static void add_filter(char *out, size_t len, const char *what, const char *value)
{
	size_t at = strlen(out);
	if (at)
		at += (size_t)snprintf(out + at, at < len ? len - at : 0, "%s", _("; "));
	if (at < len)
		snprintf(out + at, len - at, _("%s: %s"), what, value);
}

static void name_by_id(sr_db *db, const char *sql, int64_t id, char *out, size_t len)
{
	if (sr_query_text(db, out, len, sql, "I", id) != SR_OK)
		snprintf(out, len, "#%lld", (long long)id);
}

void sr_report_filters(sr_db *db, const struct sr_report_args *a, sr_report *r)
{
	char v[2 * SR_NAME_MAX + 2];
	char *out = r->filters;
	size_t len = sizeof r->filters;
	out[0] = '\0';
	if (a->owner_id) {
		name_by_id(db, "SELECT name FROM users WHERE id = ?1", a->owner_id, v, sizeof v);
		add_filter(out, len, _("consultant"), v);
	}
	if (a->team)
		add_filter(out, len, _("team"),
		           !strcmp(a->team, "dcc") ? _("DCC team") : _("showroom team"));
	sr_channel ch;
	if (a->channel && sr_channel_parse(a->channel, &ch))
		add_filter(out, len, _("filing channel"), sr_channel_label(ch));
	if (a->source_id) {
		name_by_id(db, "SELECT name FROM sources WHERE id = ?1", a->source_id, v, sizeof v);
		add_filter(out, len, _("source"), v);
	}
	if (a->model_id) {
		name_by_id(db, "SELECT model FROM models WHERE id = ?1", a->model_id, v, sizeof v);
		add_filter(out, len, _("model"), v);
	}
	/* Retail is the showroom's default: said only when it is not. */
	if (!a->type)
		add_filter(out, len, _("customer type"), _("retail and wholesale"));
	else if (!strcmp(a->type, "wholesale"))
		add_filter(out, len, _("customer type"), _("wholesale"));
}
