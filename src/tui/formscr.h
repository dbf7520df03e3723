/* formscr.h — the common frame of the form screens (follow-up, filing,
 * edit, order, loss request, reactivation, traffic entry).
 *
 * Each form screen keeps its own struct screen_ops in its own file and
 * its own spec: how to build the fields, how to save. This file runs the
 * part they share: drawing, keys, the "Saving…" note, and keeping the form
 * as typed when the core refuses. */
#ifndef SHOWROOM_TUI_FORMSCR_H
#define SHOWROOM_TUI_FORMSCR_H

#include "form.h"

struct formscr;

struct formscr_spec {
	/* Add the fields (and set fs->heading, fs->ctx); false refuses to
	 * open, with the reason in the status line. */
	bool (*build)(struct app *a, struct formscr *fs, const void *arg);
	/* Call the core. true: saved (the form closes; set the message).
	 * false: refused (show the core's message; the form stays). */
	bool (*save)(struct app *a, struct formscr *fs);
	/* Optional: a field's value changed (as it is typed). */
	void (*changed)(struct app *a, struct formscr *fs, int field);
	/* Optional: keys the form does not use (F5 on a duplicate, ...). */
	bool (*key)(struct app *a, struct formscr *fs, const struct tui_key *k);
	/* Optional: draw below the fields (duplicates, the other user's edit). */
	void (*draw_extra)(struct app *a, struct formscr *fs, const struct rect *r);
	/* Optional: after another user's commit. */
	void (*reload)(struct app *a, struct formscr *fs);
	void (*free_ctx)(void *ctx);
};

struct formscr {
	const struct formscr_spec *spec;
	struct form form;
	char heading[512];
	char help[256];      /* one line under the heading (allowed range, ...) */
	int extra_rows;      /* rows kept below the fields for draw_extra */
	void *ctx;
};

void *formscr_open(struct app *a, const struct formscr_spec *spec, const void *arg);
void formscr_draw(struct app *a, void *st, const struct rect *r);
bool formscr_key(struct app *a, void *st, const struct tui_key *k);
void formscr_reload(struct app *a, void *st);
void formscr_close(struct app *a, void *st);
bool formscr_dirty(void *st);

/* The record the form edits was saved by someone else first: the save was
 * refused with SR_CONFLICT and nothing was overwritten. Every form that
 * edits a versioned record (card edit, traffic time out) offers the same
 * choice. orig[0..n) are the values of fields 0..n-1 as the record was
 * when the form opened, theirs[] the record as it is now (malloc'd; this
 * takes them). moved: the record's version changed (else the database was
 * only busy: the input is kept, theirs freed). A field the user did not
 * touch takes their value; one both changed keeps the user's and shows
 * theirs beside it. orig then holds theirs, and the caller moves its
 * version on, so F10 saves the form as it stands and Esc keeps theirs.
 * what names the record: "this card". */
void formscr_conflict(struct app *a, struct formscr *fs, const char *what, char **orig,
                      char **theirs, int n, bool moved);

/* The keys every form answers to (for screen_ops.keys). */
extern const enum action formscr_keys[];

/* --- shared choices and values (choices.c) ------------------------------------ */

/* Staff who own cards (consultants, DCC callers), "name (login)" → login;
 * first "(none)" → "" when with_none. */
void choices_owners(struct app *a, struct form *fm, int idx, bool with_none);
/* "(none)" then the catalogue: label "series model", value the code. */
void choices_models(struct app *a, struct form *fm, int idx);
void choices_sources(struct app *a, struct form *fm, int idx);
/* Intent levels H A B C N (O only with_o); "(unchanged)" first with_unchanged. */
void choices_levels(struct form *fm, int idx, bool with_unchanged, bool with_o);
void choices_followup_levels(struct app *a, struct form *fm, int idx);
/* today + days as "YYYY-MM-DD". */
void date_from_today(struct app *a, int days, char out[SR_DATE_LEN]);
/* "5000" or "5000.50" yuan to cents. */
bool money_parse(const char *text, int64_t *cents);
/* A positive record id, or 0 for an empty text; false on anything else. */
bool id_parse(const char *text, int64_t *out);
/* For a form about one card: ctx (the form's calloc'd state, NULL when out
 * of memory) becomes fs->ctx, freed on close, and card `id` is read. The
 * card to free, or NULL with the error shown. */
sr_card *choices_card(struct app *a, struct formscr *fs, void *ctx, int64_t id);

#endif
