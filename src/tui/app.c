/* app.c — the main loop: keys, resize, signals, polling other users'
 * commits, the screen stack and the frame around the screens.
 *
 * The loop waits for a key with a short timeout (never inside a database
 * transaction: every core call has finished before we wait). While idle it
 * asks the core for PRAGMA data_version about once a second; when another
 * connection committed, every screen on the stack reloads, so a card
 * reassigned away leaves my list within a second or two. Signal handlers
 * only set a flag (no curses in a handler); KEY_RESIZE arrives through
 * get_wch like any key. The terminal is restored on every way out. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "prompt.h"
#include "scr_login.h"
#include "screens.h"
#include "tui.h"

#define POLL_MS 1000
#define KEY_WAIT_MS 200

static volatile sig_atomic_t got_signal;
static SCREEN *tui_screen;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void restore_terminal(void)
{
	if (tui_screen && !isendwin())
		endwin();
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the wait for a key returns and the loop sees the flag. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- drawing helpers ------------------------------------------------------- */

#define UI_MAX_COLS 1024

void ui_text_attr(int y, int x, int w, attr_t attr, const char *s)
{
	if (w <= 0)
		return;
	if (w > UI_MAX_COLS)
		w = UI_MAX_COLS;
	static char buf[4 * UI_MAX_COLS + 8];
	size_t n = sr_text_fit(s ? s : "", w, false, true, buf, sizeof buf);
	attrset(attr);
	mvaddnstr(y, x, buf, (int)n);
	attrset(A_NORMAL);
}

void ui_text(int y, int x, int w, enum theme_elem e, const char *s)
{
	ui_text_attr(y, x, w, theme_attr(e), s);
}

void ui_fill(int y, int x, int w, enum theme_elem e)
{
	ui_text(y, x, w, e, "");
}

struct rect ui_box(const struct rect *o, const char *title)
{
	attr_t at = theme_attr(TH_NORMAL);
	for (int i = 0; i < o->h; i++)
		ui_fill(o->y + i, o->x, o->w, TH_NORMAL);
	/* The wide-character line set: Unicode box drawing in a UTF-8
	 * locale, where some terminals garble the VT100 alternate set. */
	attrset(at);
	mvhline_set(o->y, o->x + 1, WACS_HLINE, o->w - 2);
	mvhline_set(o->y + o->h - 1, o->x + 1, WACS_HLINE, o->w - 2);
	mvvline_set(o->y + 1, o->x, WACS_VLINE, o->h - 2);
	mvvline_set(o->y + 1, o->x + o->w - 1, WACS_VLINE, o->h - 2);
	mvadd_wch(o->y, o->x, WACS_ULCORNER);
	mvadd_wch(o->y, o->x + o->w - 1, WACS_URCORNER);
	mvadd_wch(o->y + o->h - 1, o->x, WACS_LLCORNER);
	mvadd_wch(o->y + o->h - 1, o->x + o->w - 1, WACS_LRCORNER);
	attrset(A_NORMAL);
	if (title && *title) {
		char t[256];
		snprintf(t, sizeof t, " %s ", title);
		int tw = sr_text_width(t);
		if (tw > o->w - 4)
			tw = o->w - 4;
		ui_text(o->y, o->x + 2, tw, TH_HEADING, t);
	}
	struct rect in = { o->y + 1, o->x + 2, o->h - 2, o->w - 4 };
	return in;
}

/* --- status line ------------------------------------------------------------- */

static void set_status(struct app *a, enum theme_elem e, const char *fmt, va_list ap)
{
	vsnprintf(a->status, sizeof a->status, fmt, ap);
	/* One line: a message with a newline would break the frame. */
	for (char *p = a->status; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	a->status_elem = e;
}

void app_msg(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_status(a, TH_STATUS, fmt, ap);
	va_end(ap);
}

void app_err(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_status(a, TH_ERROR, fmt, ap);
	va_end(ap);
}

void app_fail(struct app *a, sr_status st)
{
	const char *msg = sr_db_message(a->db);
	if (!msg || !*msg)
		msg = sr_status_text(st);
	app_err(a, "%s", msg);
}

void app_clear_msg(struct app *a)
{
	a->status[0] = '\0';
}

void app_cursor(struct app *a, int y, int x)
{
	a->cursor_y = y;
	a->cursor_x = x;
}

/* --- the stack --------------------------------------------------------------- */

bool app_push(struct app *a, const struct screen_ops *ops, const void *arg)
{
	if (a->depth >= APP_STACK_MAX) {
		app_err(a, _("too many screens open: press %s to go back first"), keys_key(ACT_BACK));
		return false;
	}
	void *st = ops->open(a, arg);
	if (!st)
		return false;
	a->stack[a->depth].ops = ops;
	a->stack[a->depth].st = st;
	a->depth++;
	return true;
}

static void close_top(struct app *a)
{
	struct app_frame *f = &a->stack[--a->depth];
	if (f->ops->close)
		f->ops->close(a, f->st);
	f->ops = NULL;
	f->st = NULL;
}

void app_pop(struct app *a)
{
	if (a->depth <= 0)
		return;
	close_top(a);
	if (a->depth > 0) {
		struct app_frame *f = &a->stack[a->depth - 1];
		if (f->ops->reload)
			f->ops->reload(a, f->st);
	}
}

bool app_pop_to(struct app *a, const struct screen_ops *ops)
{
	int i = a->depth - 1;
	while (i >= 0 && a->stack[i].ops != ops)
		i--;
	if (i < 0)
		return false;
	while (a->depth > i + 1)
		close_top(a);
	if (ops->reload)
		ops->reload(a, a->stack[i].st);
	return true;
}

void app_refresh_all(struct app *a)
{
	/* Bottom up. A screen never pops itself here: one whose record has
	 * gone shows a notice instead. */
	for (int i = 0; i < a->depth; i++) {
		struct app_frame *f = &a->stack[i];
		if (f->ops->reload)
			f->ops->reload(a, f->st);
	}
}

static bool any_dirty(const struct app *a)
{
	for (int i = 0; i < a->depth; i++)
		if (a->stack[i].ops->dirty && a->stack[i].ops->dirty(a->stack[i].st))
			return true;
	return false;
}

/* --- the frame ---------------------------------------------------------------- */

static void draw_title(struct app *a)
{
	int base = a->depth - 1;
	while (base > 0 && a->stack[base].ops->overlay)
		base--;
	char today[SR_DATE_LEN], line[512];
	sr_date_format(sr_db_today(a->db), today);
	snprintf(line, sizeof line, " showroom │ %s", _(a->stack[base].ops->title));
	ui_fill(0, 0, COLS, TH_TITLE);
	ui_text(0, 0, COLS, TH_TITLE, line);
	char who[256];
	snprintf(who, sizeof who, "%s (%s) %s  %s ", a->me.name, a->me.login,
	         sr_role_label(a->me.role), today);
	int ww = sr_text_width(who);
	if (ww < COLS - sr_text_width(line) - 1)
		ui_text(0, COLS - ww, ww, TH_TITLE, who);
}

static void draw_hints(struct app *a)
{
	const struct app_frame *top = &a->stack[a->depth - 1];
	int y = LINES - 1, x = 0;
	ui_fill(y, 0, COLS, TH_HINT);
	static const enum action always[] = { ACT_HELP, ACT_NONE };
	const enum action *lists[2] = { always, top->ops->keys };
	for (int l = 0; l < 2; l++) {
		for (const enum action *p = lists[l]; p && *p != ACT_NONE; p++) {
			if (l == 1 && *p == ACT_HELP)
				continue;
			int perm = keys_permission(*p);
			if (perm >= 0 && !sr_perm_allows(a->me.role, (sr_action)perm))
				continue;
			char keys[48];
			keys_names(*p, keys, sizeof keys);
			const char *label = keys_hint(*p);
			int need = sr_text_width(keys) + 1 + sr_text_width(label) + 2;
			if (x + need > COLS)
				return;
			int kw = sr_text_width(keys);
			ui_text(y, x, kw, TH_HINT_KEY, keys);
			ui_text(y, x + kw + 1, sr_text_width(label), TH_HINT, label);
			x += need;
		}
	}
}

static void draw_too_small(void)
{
	erase();
	char msg[256];
	snprintf(msg, sizeof msg, _("Terminal too small: %d×%d, need at least %d×%d"), COLS, LINES,
	         TUI_MIN_COLS, TUI_MIN_LINES);
	char hint[128];
	snprintf(hint, sizeof hint, _("Enlarge the window, or press %s to quit."), keys_key(ACT_QUIT));
	int w = sr_text_width(msg);
	int y = LINES / 2 - 1;
	ui_text(y < 0 ? 0 : y, w < COLS ? (COLS - w) / 2 : 0, w < COLS ? w : COLS, TH_ERROR, msg);
	w = sr_text_width(hint);
	if (y + 1 < LINES)
		ui_text(y + 1, w < COLS ? (COLS - w) / 2 : 0, w < COLS ? w : COLS, TH_NORMAL, hint);
}

static bool too_small(void)
{
	return COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
}

void app_draw(struct app *a)
{
	if (a->redraw_all) {
		clearok(curscr, TRUE);
		a->redraw_all = false;
	}
	a->cursor_y = a->cursor_x = -1;
	if (too_small()) {
		draw_too_small();
		curs_set(0);
		refresh();
		return;
	}
	erase();
	int base = a->depth - 1;
	while (base > 0 && a->stack[base].ops->overlay)
		base--;
	struct rect body = { 1, 0, LINES - 3, COLS };
	for (int i = base; i < a->depth; i++) {
		a->cursor_y = a->cursor_x = -1;
		a->stack[i].ops->draw(a, a->stack[i].st, &body);
	}
	draw_title(a);
	ui_fill(LINES - 2, 0, COLS, TH_NORMAL);
	if (a->status[0])
		ui_text(LINES - 2, 1, COLS - 2, a->status_elem, a->status);
	draw_hints(a);
	if (a->cursor_y >= 0) {
		curs_set(1);
		move(a->cursor_y, a->cursor_x);
	} else {
		curs_set(0);
	}
	refresh();
}

/* --- keys ----------------------------------------------------------------------- */

static void quit_answer(struct app *a, void *ctx, bool yes)
{
	(void)ctx;
	if (yes)
		a->quit = true;
}

static void back_answer(struct app *a, void *ctx, bool yes)
{
	(void)ctx;
	if (yes)
		app_pop(a);
}

static bool nav_key(struct app *a, enum action act)
{
	for (const struct tui_nav *n = tui_nav; n->ops; n++) {
		if (n->act != act)
			continue;
		if (n->ops->overlay) {
			app_push(a, n->ops, &a->stack[a->depth - 1]);
			return true;
		}
		if (a->stack[a->depth - 1].ops == n->ops)
			return true;
		/* A top-level screen already open lower down: go back to it
		 * unless that would drop unsaved input above it. */
		for (int i = 0; i < a->depth; i++) {
			if (a->stack[i].ops != n->ops)
				continue;
			bool dirty_above = false;
			for (int j = i + 1; j < a->depth; j++)
				if (a->stack[j].ops->dirty && a->stack[j].ops->dirty(a->stack[j].st))
					dirty_above = true;
			if (!dirty_above)
				return app_pop_to(a, n->ops);
		}
		app_push(a, n->ops, NULL);
		return true;
	}
	return false;
}

static void global_key(struct app *a, const struct tui_key *k)
{
	const struct app_frame *top = &a->stack[a->depth - 1];
	switch (k->act) {
	case ACT_QUIT:
		if (any_dirty(a))
			prompt_confirm(a, _("Unsaved input will be lost. Quit anyway?"), quit_answer,
			               NULL);
		else
			a->quit = true;
		return;
	case ACT_BACK:
		if (a->depth <= 1)
			return;
		if (top->ops->dirty && top->ops->dirty(top->st))
			prompt_confirm(a, _("Discard what you typed in this form?"), back_answer, NULL);
		else
			app_pop(a);
		return;
	case ACT_RELOAD:
		app_refresh_all(a);
		a->redraw_all = true;
		return;
	default:
		nav_key(a, k->act);
		return;
	}
}

static void handle_key(struct app *a, int code)
{
	struct tui_key k = { code, keys_action(code) };
	if (too_small()) {
		/* Nothing is visible to act on: only quitting is safe. */
		if (k.act == ACT_QUIT && !any_dirty(a))
			a->quit = true;
		return;
	}
	app_clear_msg(a);
	struct app_frame *top = &a->stack[a->depth - 1];
	if (top->ops->key && top->ops->key(a, top->st, &k))
		return;
	global_key(a, &k);
}

/* --- start and loop ---------------------------------------------------------------- */

static const struct screen_ops *first_screen(const sr_user *me)
{
	for (const struct tui_nav *n = tui_nav; n->ops; n++)
		if (n->start_roles & (1u << me->role))
			return n->ops;
	return tui_nav[0].ops;
}

static bool start_curses(void)
{
	tui_screen = newterm(NULL, stdout, stdin);
	if (!tui_screen)
		return false;
	set_term(tui_screen);
	atexit(restore_terminal);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(KEY_WAIT_MS);
	curs_set(0);
	theme_init();
	return true;
}

static void main_loop(struct app *a)
{
	int64_t version = sr_db_data_version(a->db);
	long long last_poll = now_ms();
	bool dirty = true;
	while (!a->quit && a->depth > 0 && !got_signal) {
		if (dirty)
			app_draw(a);
		dirty = false;
		wint_t ch;
		int r = get_wch(&ch);
		if (got_signal)
			break;
		if (r == ERR) {
			long long t = now_ms();
			if (t - last_poll < POLL_MS)
				continue;
			last_poll = t;
			int64_t v = sr_db_data_version(a->db);
			if (v != version) {
				version = v;
				app_refresh_all(a);
				dirty = true;
			}
			continue;
		}
		dirty = true;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;
		handle_key(a, r == KEY_CODE_YES ? TK_FN((int)ch) : (int)ch);
	}
}

int tui_run(sr_db *db, const char *lang_hint)
{
	if (lang_hint && *lang_hint)
		setenv("LANGUAGE", lang_hint, 1);
	setlocale(LC_ALL, "");
	bind_textdomain_codeset("showroom", "UTF-8");

	static struct app app;
	memset(&app, 0, sizeof app);
	app.db = db;
	sr_status st = sr_user_actor(db, &app.me);
	/* No user for this Unix account: a shared terminal, log in (scr_login.c). */
	bool need_login = st != SR_OK;
	if (need_login && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr, "showroom: %s\n", sr_db_message(db));
		return st;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "showroom: %s\n", _("the terminal UI needs a terminal"));
		return SR_USAGE;
	}
	install_signals();
	if (!start_curses()) {
		fprintf(stderr, "showroom: %s\n",
		        _("cannot start the terminal UI: check TERM (try TERM=xterm-256color)"));
		return SR_IO;
	}
	if (need_login && !(login_screen(db, &got_signal) && sr_user_actor(db, &app.me) == SR_OK)) {
		restore_terminal();
		delscreen(tui_screen);
		tui_screen = NULL;
		return SR_PERM;
	}
	if (!app_push(&app, first_screen(&app.me), NULL) && !app_push(&app, &scr_search, NULL)) {
		restore_terminal();
		fprintf(stderr, "showroom: %s\n", app.status);
		return SR_IO;
	}
	main_loop(&app);
	while (app.depth > 0)
		close_top(&app);
	restore_terminal();
	delscreen(tui_screen);
	tui_screen = NULL;
	return SR_OK;
}
