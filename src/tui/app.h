/* app.h — the frame every screen lives in: the screen stack, the title
 * bar, the status line, the key hint line, and the calls screens make.
 *
 * A screen is a struct screen_ops (tig's view_ops): the main loop (app.c)
 * only calls through it and knows no screen by name. Screens call the core
 * and never SQL; they load their data in open/refresh and only draw from
 * memory in draw, so a redraw never touches the database. */
#ifndef SHOWROOM_TUI_APP_H
#define SHOWROOM_TUI_APP_H

#include <stdarg.h>
#include <stdbool.h>
#include "keys.h"
#include "theme.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24

struct rect {
	int y, x, h, w;
};

struct app;

struct screen_ops {
	const char *title;    /* msgid for the title bar */
	bool overlay;         /* drawn over the screen below (help, prompts) */
	/* Make the state from arg (the screen decides what arg points to);
	 * NULL refuses to open (the screen has set the status line). */
	void *(*open)(struct app *a, const void *arg);
	/* Draw into r from memory only. */
	void (*draw)(struct app *a, void *st, const struct rect *r);
	/* true when the key was used; otherwise the main loop's global keys
	 * (help, search, back, quit, ...) get it. */
	bool (*key)(struct app *a, void *st, const struct tui_key *k);
	/* Reload from the core: after another user's commit, or when the
	 * screen comes back to the top. May be NULL. */
	void (*reload)(struct app *a, void *st);
	void (*close)(struct app *a, void *st);
	/* Unsaved input that leaving would lose. May be NULL. */
	bool (*dirty)(void *st);
	/* The actions this screen answers to, ending with ACT_NONE: the hint
	 * line and the help overlay list them. */
	const enum action *keys;
};

struct app_frame {
	const struct screen_ops *ops;
	void *st;
};

#define APP_STACK_MAX 16
#define APP_STATUS_MAX 512

struct app {
	sr_db *db;
	sr_user me;
	struct app_frame stack[APP_STACK_MAX];
	int depth;
	char status[APP_STATUS_MAX];
	enum theme_elem status_elem;
	int cursor_y, cursor_x;   /* set by draw for a text field; -1 = hidden */
	bool quit;
	bool redraw_all;          /* clearok on the next draw */
};

/* Open a screen on top. False when it refused (message already set). */
bool app_push(struct app *a, const struct screen_ops *ops, const void *arg);
/* Close the top screen; the one below is refreshed (it may show what the
 * closed one saved). */
void app_pop(struct app *a);
/* Pop down to (and keep) the frame holding ops; false if none. */
bool app_pop_to(struct app *a, const struct screen_ops *ops);
/* Refresh every screen on the stack from the core. */
void app_refresh_all(struct app *a);

/* Status line: an informational message, or an error. */
void app_msg(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void app_err(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The core refused: show its message (sr_db_message). */
void app_fail(struct app *a, sr_status st);
void app_clear_msg(struct app *a);

/* Draw everything now (before a save that may wait for a busy database,
 * so its note shows). */
void app_draw(struct app *a);

/* Where the terminal cursor goes after drawing (a text field). */
void app_cursor(struct app *a, int y, int x);

/* Drawing helpers. Text is UTF-8, fitted by display width. */
void ui_text(int y, int x, int w, enum theme_elem e, const char *s);
/* The same, with extra attributes added (A_REVERSE for a selection). */
void ui_text_attr(int y, int x, int w, attr_t attr, const char *s);
/* Fill w columns with spaces in an element's attributes. */
void ui_fill(int y, int x, int w, enum theme_elem e);
/* A box with a title for overlays; returns the inside. */
struct rect ui_box(const struct rect *outer, const char *title);

#endif
