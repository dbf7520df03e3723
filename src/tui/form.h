/* form.h — input forms: text fields with wide-character editing (get_wch,
 * the cursor placed by display width), choice lists and yes/no toggles.
 *
 * A form only holds what was typed; the screen that owns it calls the
 * core on FORM_SUBMIT and, when the core refuses, keeps the form as it is
 * and shows the message: nothing typed is ever thrown away by a refusal. */
#ifndef SHOWROOM_TUI_FORM_H
#define SHOWROOM_TUI_FORM_H

#include <stdbool.h>
#include <wchar.h>
#include "app.h"

enum field_kind { FIELD_TEXT, FIELD_CHOICE, FIELD_BOOL };

struct form_field {
	enum field_kind kind;
	char label[96];
	int width;              /* input box columns; 0 = as wide as there is room */
	/* text */
	wchar_t *text;
	int len, cap, maxchars, cur, scroll;
	/* choice: labels shown, values returned (owned) */
	char **labels, **values;
	int nchoices, choice;
	/* toggle */
	bool on;
	bool edited;            /* changed by the user since it was set */
	char note[256];         /* shown after the box: allowed range, conflicts, ... */
	enum theme_elem note_elem;
	char *cache;            /* form_get's UTF-8 */
};

struct form {
	struct form_field *f;
	int n, cap;
	int focus, top;
	bool dirty;             /* the user changed something */
};

enum form_result {
	FORM_UNUSED,   /* not a key for the form */
	FORM_USED,     /* moved, or nothing to do */
	FORM_CHANGED,  /* the focused field's value changed */
	FORM_SUBMIT,   /* save: ACT_SAVE, or Enter on the last field */
};

void form_init(struct form *fm);
void form_free(struct form *fm);

/* Add fields; each returns the field's index (or -1 when out of memory). */
int form_text(struct form *fm, const char *label, const char *init, int maxchars, int width);
int form_choice(struct form *fm, const char *label);
void form_choice_add(struct form *fm, int idx, const char *label, const char *value);
int form_bool(struct form *fm, const char *label, bool on);

/* Set a field's value without marking it edited: text, a choice's value,
 * or "1"/"0" for a toggle. A choice with no such value is left as is. */
void form_set(struct form *fm, int idx, const char *value);
/* Select the choice shown as label; false when there is none. */
bool form_set_label(struct form *fm, int idx, const char *label);
/* The value as UTF-8 (a choice's value, "1"/"0" for a toggle); valid until
 * the next form_get of that field. */
const char *form_get(struct form *fm, int idx);
bool form_on(const struct form *fm, int idx);
void form_note(struct form *fm, int idx, enum theme_elem e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Draw into r; places the cursor (app_cursor) in the focused text field.
 * Returns the rows used. */
int form_draw(struct app *a, struct form *fm, const struct rect *r);
enum form_result form_key(struct form *fm, const struct tui_key *k);

#endif
