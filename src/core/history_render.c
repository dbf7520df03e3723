/* history_render.c — one event of a card's history as one line in the
 * user's language (history.h). The card screen, the call list's side pane
 * and `card show` all print these lines, so they read alike.
 *
 * Each line is a short prefix in the domain's words (电话跟进，级别 N→C，
 * 下次 11-17) and then the customer's words after a colon: at 80 columns
 * what the customer said gets the room. Separators and brackets are
 * messages too, so Chinese gets full-width ones (，：（）). No ids but
 * card numbers (#12, as the card screen shows them), no column names;
 * dates as MM-DD within the event's year. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "store.h"

/* ---- the line being written ----------------------------------------------- */

struct line {
	char *out;
	size_t len, cap;        /* cap includes the NUL */
	bool full;              /* cut: nothing more goes after */
};

/* Drop the last character if the cut left only its first bytes. */
static void drop_partial(struct line *l)
{
	if (l->len == 0)
		return;
	unsigned cp;
	size_t start = sr_utf8_boundary(l->out, l->len - 1);
	if (sr_utf8_decode(l->out + start, l->len - start, &cp) == 0)
		l->len = start;
}

/* Append s, newlines and tabs as spaces, cut at a character boundary when
 * the line is full. */
static void put(struct line *l, const char *s)
{
	if (l->full)
		return;
	for (; *s && l->len + 1 < l->cap; s++)
		l->out[l->len++] = *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s;
	if (*s) {
		drop_partial(l);
		l->full = true;
	}
	l->out[l->len] = '\0';
}

static void putf(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void putf(struct line *l, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	put(l, buf);
}

/* Between the parts of the prefix, and before the customer's words. */
static void sep(struct line *l)
{
	put(l, _(", "));
}

static void colon(struct line *l, const char *words)
{
	if (!*words)
		return;
	put(l, _(": "));
	put(l, words);
}

/* "2026-12-05" as "12-05" in the event's year. */
static const char *short_date(const sr_history_event *e, const char *date)
{
	return strlen(date) == 10 && !strncmp(date, e->at, 4) ? date + 5 : date;
}

static const char *or_dash(const char *s)
{
	return *s ? s : "—";
}

/* ---- labels ------------------------------------------------------------------- */

static const char *const kind_labels[SR_EV_COUNT] = {
	[SR_EV_FILE] = N_("Filing"),
	[SR_EV_FOLLOWUP] = N_("Follow-up"),
	[SR_EV_COMMENT] = N_("Comment"),
	[SR_EV_CALL] = N_("Phone call"),
	[SR_EV_APPOINTMENT] = N_("Appointment"),
	[SR_EV_ORDER] = N_("Order"),
	[SR_EV_DELIVER] = N_("Delivery"),
	[SR_EV_CANCEL] = N_("Cancellation"),
	[SR_EV_LOSS_REQUEST] = N_("Loss"),
	[SR_EV_LOSS_CONFIRM] = N_("Decision"),
	[SR_EV_LOSS_REJECT] = N_("Decision"),
	[SR_EV_LOSS_TO_DCC] = N_("Decision"),
	[SR_EV_ASSIGN] = N_("Handover"),
	[SR_EV_SWEEP] = N_("Handover"),
	[SR_EV_MERGE] = N_("Merge"),
	[SR_EV_MERGED] = N_("Merge"),
	[SR_EV_EDIT] = N_("Edit"),
	[SR_EV_DORMANT] = N_("Dormant"),
	[SR_EV_REACTIVATE] = N_("Reactivation"),
	[SR_EV_PROMOTE] = N_("Wholesale"),
};

const char *sr_history_kind_label(sr_history_kind k)
{
	return (unsigned)k < SR_EV_COUNT ? _(kind_labels[k]) : "?";
}

/* A follow-up's prefix by its method: 电话跟进, 展厅接待, ... (short in
 * English too: the kind column already says Follow-up). */
static const char *method_prefix(sr_method m)
{
	static const char *const prefixes[] = {
		[SR_METHOD_RECEPTION] = N_("Showroom visit"),
		[SR_METHOD_PHONE] = N_("Phoned"),
		[SR_METHOD_SMS] = N_("Texted"),
		[SR_METHOD_WECHAT] = N_("Via WeChat"),
		[SR_METHOD_VISIT] = N_("Home visit"),
		[SR_METHOD_OTHER] = N_("Other contact"),
	};
	return (unsigned)m < sizeof prefixes / sizeof *prefixes ? _(prefixes[m]) : "?";
}

/* A call's result, short (已接通): sr_call_result_label is the list's. */
static const char *call_result_short(sr_call_result r)
{
	static const char *const results[SR_CALL_RESULT_COUNT] = {
		[SR_CALL_REACHED] = N_("reached"),
		[SR_CALL_NO_ANSWER] = N_("no answer"),
		[SR_CALL_WRONG_NUMBER] = N_("wrong number"),
		[SR_CALL_CALL_BACK] = N_("call back later"),
		[SR_CALL_APPOINTMENT] = N_("appointment made"),
		[SR_CALL_NOT_INTERESTED] = N_("not interested"),
	};
	return (unsigned)r < SR_CALL_RESULT_COUNT ? _(results[r]) : "?";
}

static const char *appt_status_label(sr_appt_status s)
{
	static const char *const labels[] = {
		[SR_APPT_SET] = N_("expected"),
		[SR_APPT_SHOWED] = N_("showed"),
		[SR_APPT_MISSED] = N_("missed"),
		[SR_APPT_CANCELLED] = N_("cancelled"),
	};
	return (unsigned)s < sizeof labels / sizeof *labels ? _(labels[s]) : "?";
}

/* The label of a card field an edit changed (the keys of `card show`). */
static const char *field_label(const char *field)
{
	static const struct {
		const char *field, *label;
	} labels[] = {
		{ "name", N_("name") },
		{ "phone", N_("phone") },
		{ "gender", N_("gender") },
		{ "region", N_("region") },
		{ "address", N_("address") },
		{ "type", N_("customer type") },
		{ "channel", N_("channel") },
		{ "source", N_("source") },
		{ "model", N_("model") },
		{ "owner", N_("owner") },
		{ "level", N_("level") },
		{ "followup_level", N_("follow-up level") },
		{ "expected_purchase", N_("expected purchase") },
		{ "status", N_("status") },
		{ "intro", N_("intro") },
		{ "negotiation", N_("negotiation") },
		{ "test_drive", N_("test drive") },
		{ "next_date", N_("next follow-up date") },
		{ "loss_reason", N_("loss reason") },
		{ "merged_into", N_("merged into") },
	};
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (!strcmp(labels[i].field, field))
			return _(labels[i].label);
	sr_answer a;
	return sr_answer_parse(field, &a) ? sr_answer_label(a) : field;
}

/* A field's value as staff read it: labels for codes, short dates. */
static const char *field_value(const sr_history_event *e, const char *field, const char *v)
{
	sr_card_status s;
	sr_channel ch;
	sr_loss_reason r;
	if (!*v)
		return "—";
	if (!strcmp(field, "next_date") || !strcmp(field, "expected_purchase"))
		return short_date(e, v);
	if (!strcmp(field, "status") && sr_card_status_parse(v, &s))
		return sr_card_status_label(s);
	if (!strcmp(field, "channel") && sr_channel_parse(v, &ch))
		return sr_channel_label(ch);
	if (!strcmp(field, "loss_reason") && sr_loss_reason_parse(v, &r))
		return sr_loss_reason_label(r);
	if (!strcmp(field, "type"))
		return !strcmp(v, "wholesale") ? _("wholesale") : _("retail");
	if (!strcmp(field, "gender"))
		return !strcmp(v, "M") ? _("male") : !strcmp(v, "F") ? _("female") : v;
	if (!strcmp(field, "intro") || !strcmp(field, "negotiation") || !strcmp(field, "test_drive"))
		return !strcmp(v, "1") ? _("yes") : _("no");
	return v;
}

/* ---- one line per kind ------------------------------------------------------------ */

static void render_file(struct line *l, const sr_history_event *e)
{
	putf(l, _("Filed (%s), level %c"), sr_channel_label(e->channel), e->level ? e->level : '?');
	if (*e->to && strcmp(e->to, e->actor) != 0) {
		sep(l);
		putf(l, _("assigned to %s"), e->to);
	}
}

static void render_followup(struct line *l, const sr_history_event *e)
{
	put(l, method_prefix(e->method));
	if (e->level && e->level_before && e->level != e->level_before) {
		sep(l);
		putf(l, _("level %c→%c"), e->level_before, e->level);
	}
	const struct {
		bool done;
		const char *label;
	} steps[] = {
		{ e->intro, N_("presented") },
		{ e->negotiation, N_("negotiated") },
		{ e->test_drive, N_("test-drove") },
	};
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
		if (steps[i].done) {
			sep(l);
			put(l, _(steps[i].label));
		}
	if (*e->next_date) {
		sep(l);
		putf(l, _("next %s"), short_date(e, e->next_date));
	}
	colon(l, e->note);
	if (*e->result) {
		put(l, *e->note ? _("; ") : _(", "));
		put(l, _("result: "));
		put(l, e->result);
	}
}

static void render_comment(struct line *l, const sr_history_event *e)
{
	put(l, e->note);
}

static void render_call(struct line *l, const sr_history_event *e)
{
	put(l, _("Called"));
	if (e->duration_s > 0) {
		put(l, " ");
		if (e->duration_s >= 60)
			putf(l, _("%lld min %lld s"), (long long)(e->duration_s / 60),
			     (long long)(e->duration_s % 60));
		else
			putf(l, _("%lld s"), (long long)e->duration_s);
	}
	sep(l);
	put(l, call_result_short(e->call_result));
	colon(l, e->note);
}

static void render_appointment(struct line *l, const sr_history_event *e)
{
	putf(l, _("Appointment for %s"), short_date(e, e->date));
	if (*e->to && strcmp(e->to, e->actor) != 0) {
		sep(l);
		putf(l, _("with %s"), e->to);
	}
	putf(l, _(" (%s)"), appt_status_label(e->appt_status));
}

static void render_order(struct line *l, const sr_history_event *e)
{
	put(l, _("Order signed"));
	if (e->deposit_cents > 0) {
		char yuan[32];
		if (e->deposit_cents % 100)
			snprintf(yuan, sizeof yuan, "%lld.%02lld", (long long)(e->deposit_cents / 100),
			         (long long)(e->deposit_cents % 100));
		else
			snprintf(yuan, sizeof yuan, "%lld", (long long)(e->deposit_cents / 100));
		sep(l);
		putf(l, _("deposit %s yuan"), yuan);
	}
}

static void render_deliver(struct line *l, const sr_history_event *e)
{
	(void)e;
	put(l, _("Delivered, sold"));
}

static void render_cancel(struct line *l, const sr_history_event *e)
{
	put(l, _("Order cancelled"));
	colon(l, e->note);
}

static void render_loss_request(struct line *l, const sr_history_event *e)
{
	putf(l, _("Loss requested (%s)"), sr_loss_reason_label(e->loss_reason));
	if (e->loss_pending) {
		sep(l);
		put(l, _("awaiting approval"));
	}
	colon(l, e->note);
}

static void render_loss_confirm(struct line *l, const sr_history_event *e)
{
	putf(l, _("Loss confirmed (%s)"), sr_loss_reason_label(e->loss_reason));
}

static void render_loss_reject(struct line *l, const sr_history_event *e)
{
	(void)e;
	put(l, _("Loss request rejected"));
}

static void render_to_dcc(struct line *l, const sr_history_event *e)
{
	putf(l, _("Loss handed to the DCC: %s → %s"), or_dash(e->from), or_dash(e->to));
}

static void render_assign(struct line *l, const sr_history_event *e)
{
	putf(l, _("Reassigned: %s → %s"), or_dash(e->from), or_dash(e->to));
}

static void render_sweep(struct line *l, const sr_history_event *e)
{
	putf(l, _("Overdue, to the DCC: %s → %s"), or_dash(e->from), or_dash(e->to));
}

static void render_merge(struct line *l, const sr_history_event *e)
{
	putf(l, _("Merged card #%lld (%s) into this card"), (long long)e->other_card,
	     e->other_name);
}

static void render_merged(struct line *l, const sr_history_event *e)
{
	putf(l, _("Merged into card #%lld (%s)"), (long long)e->other_card, e->other_name);
}

/* 级别 B→A，下次跟进日期 12-03→12-05 */
static void render_changes(struct line *l, const sr_history_event *e)
{
	for (size_t i = 0; i < e->nchanges; i++) {
		const sr_history_change *c = &e->changes[i];
		put(l, i ? _(", ") : _(": "));
		put(l, field_label(c->field));
		put(l, " ");
		put(l, field_value(e, c->field, c->before));
		put(l, "→");
		put(l, field_value(e, c->field, c->after));
	}
}

static void render_edit(struct line *l, const sr_history_event *e)
{
	put(l, _("Edited"));
	render_changes(l, e);
}

static void render_dormant(struct line *l, const sr_history_event *e)
{
	(void)e;
	put(l, _("Marked dormant"));
}

static void render_reactivate(struct line *l, const sr_history_event *e)
{
	put(l, _("Reactivated"));
	if (*e->next_date) {
		sep(l);
		putf(l, _("next %s"), short_date(e, e->next_date));
	}
}

static void render_promote(struct line *l, const sr_history_event *e)
{
	put(l, _("Promoted to wholesale"));
	if (*e->to)
		putf(l, _(": %s → %s"), or_dash(e->from), e->to);
}

static void (*const renderers[SR_EV_COUNT])(struct line *, const sr_history_event *) = {
	[SR_EV_FILE] = render_file,
	[SR_EV_FOLLOWUP] = render_followup,
	[SR_EV_COMMENT] = render_comment,
	[SR_EV_CALL] = render_call,
	[SR_EV_APPOINTMENT] = render_appointment,
	[SR_EV_ORDER] = render_order,
	[SR_EV_DELIVER] = render_deliver,
	[SR_EV_CANCEL] = render_cancel,
	[SR_EV_LOSS_REQUEST] = render_loss_request,
	[SR_EV_LOSS_CONFIRM] = render_loss_confirm,
	[SR_EV_LOSS_REJECT] = render_loss_reject,
	[SR_EV_LOSS_TO_DCC] = render_to_dcc,
	[SR_EV_ASSIGN] = render_assign,
	[SR_EV_SWEEP] = render_sweep,
	[SR_EV_MERGE] = render_merge,
	[SR_EV_MERGED] = render_merged,
	[SR_EV_EDIT] = render_edit,
	[SR_EV_DORMANT] = render_dormant,
	[SR_EV_REACTIVATE] = render_reactivate,
	[SR_EV_PROMOTE] = render_promote,
};

size_t sr_history_render(const sr_history_event *e, char *out, size_t outlen)
{
	if (!outlen)
		return 0;
	struct line l = { out, 0, outlen, false };
	out[0] = '\0';
	if ((unsigned)e->kind < SR_EV_COUNT && renderers[e->kind])
		renderers[e->kind](&l, e);
	return l.len;
}

void sr_history_when(const sr_history_event *e, const char *today, char out[SR_TIME_LEN])
{
	if (today && !strncmp(e->at, today, 4) && strlen(e->at) >= 16)
		snprintf(out, SR_TIME_LEN, "%.11s", e->at + 5);
	else
		snprintf(out, SR_TIME_LEN, "%.10s", e->at);
}
