/* scr_login.c — log in with a password at a shared terminal.
 *
 * Two fields, login and password; the password shows as '*' and is wiped
 * from memory once the core has it. Enter moves to the password, and on
 * the password logs in; Tab and the arrows move between the fields; Esc
 * or F10 leaves. A refusal (wrong password, too many failures) shows on
 * the status line and empties the password. The core audits and
 * rate-limits every attempt (login.h). */
#include <limits.h>
#include <string.h>
#include <wchar.h>
#include "app.h"
#include "scr_login.h"
#include "theme.h"
#include "ui.h"

enum { FIELD_BYTES = 160, BOX_W = 48, BOX_H = 9 };

struct login_form {
	char login[FIELD_BYTES];
	char password[FIELD_BYTES];
	int focus;              /* 0 login, 1 password */
	char status[512];
	bool error;
};

static void wipe(char *buf, size_t len)
{
	volatile char *p = buf;
	while (len--)
		*p++ = 0;
}

/* The visible text of a field: the password as one '*' per character. */
static void field_text(const struct login_form *f, int i, char *out, size_t len)
{
	if (i == 0) {
		snprintf(out, len, "%s", f->login);
		return;
	}
	size_t n = 0;
	unsigned cp;
	for (const char *p = f->password; *p && n + 1 < len; p += sr_utf8_decode(p, (size_t)-1, &cp))
		out[n++] = '*';
	out[n] = '\0';
}

static void draw(const struct login_form *f)
{
	erase();
	int y = (LINES - BOX_H) / 2, x = (COLS - BOX_W) / 2;
	if (y < 0)
		y = 0;
	if (x < 0)
		x = 0;
	struct rect o = { y, x, BOX_H, BOX_W < COLS ? BOX_W : COLS };
	struct rect in = ui_box(&o, _("showroom: log in"));
	const char *labels[2] = { _("Login:"), _("Password:") };
	int cy = in.y + 1, cx = in.x + 12;
	for (int i = 0; i < 2; i++) {
		char shown[FIELD_BYTES];
		field_text(f, i, shown, sizeof shown);
		ui_text(in.y + 1 + 2 * i, in.x, 11, TH_LABEL, labels[i]);
		ui_text(in.y + 1 + 2 * i, in.x + 12, in.w - 12,
		        f->focus == i ? TH_FIELD_FOCUS : TH_FIELD, shown);
		if (f->focus == i) {
			cy = in.y + 1 + 2 * i;
			cx = in.x + 12 + sr_text_width(shown);
		}
	}
	ui_text(in.y + 5, in.x, in.w, TH_HINT, _("Enter: next / log in   Esc: quit"));
	if (*f->status)
		ui_text(LINES - 1, 0, COLS, f->error ? TH_ERROR : TH_STATUS, f->status);
	move(cy, cx < COLS ? cx : COLS - 1);
	refresh();
}

static void field_backspace(char *s)
{
	size_t n = strlen(s);
	s[n > 0 ? sr_utf8_boundary(s, n - 1) : 0] = '\0';
}

static void field_add(char *s, wchar_t wc)
{
	char mb[MB_LEN_MAX];
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	size_t k = wcrtomb(mb, wc, &ps);
	size_t n = strlen(s);
	if (k == (size_t)-1 || n + k + 1 > FIELD_BYTES)
		return;
	memcpy(s + n, mb, k);
	s[n + k] = '\0';
}

/* Returns true when logged in. */
static bool submit(sr_db *db, struct login_form *f)
{
	if (!*f->login) {
		f->focus = 0;
		return false;
	}
	sr_status st = sr_user_login(db, f->login, f->password);
	wipe(f->password, sizeof f->password);
	if (st == SR_OK)
		return true;
	snprintf(f->status, sizeof f->status, "%s", sr_db_message(db));
	f->error = true;
	f->focus = 1;
	return false;
}

bool login_screen(sr_db *db, volatile sig_atomic_t *stop)
{
	struct login_form f;
	memset(&f, 0, sizeof f);
	snprintf(f.status, sizeof f.status, "%s",
	         _("this Unix account is not a showroom user: log in with your password"));
	bool done = false, quit = false;
	while (!done && !quit && !*stop) {
		draw(&f);
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR)
			continue;
		char *field = f.focus ? f.password : f.login;
		if (r == KEY_CODE_YES) {
			if (ch == KEY_F(10))
				quit = true;
			else if (ch == KEY_BACKSPACE)
				field_backspace(field);
			else if (ch == KEY_UP || ch == KEY_DOWN || ch == KEY_BTAB)
				f.focus = !f.focus;
			else if (ch == KEY_ENTER)
				done = f.focus ? submit(db, &f) : (f.focus = 1, false);
			continue;
		}
		if (ch == 27)
			quit = true;
		else if (ch == '\t')
			f.focus = !f.focus;
		else if (ch == '\n' || ch == '\r')
			done = f.focus ? submit(db, &f) : (f.focus = 1, false);
		else if (ch == 127 || ch == 8)
			field_backspace(field);
		else if (ch == 21) /* ^U: empty the field */
			field[0] = '\0';
		else if (ch >= 32)
			field_add(field, (wchar_t)ch);
	}
	wipe(f.password, sizeof f.password);
	return done;
}
