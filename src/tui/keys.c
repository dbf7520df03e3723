/* keys.c — the table of actions and their keys, and how keys are named.
 *
 * One table (keys.h) so that a key is bound in one place and the hint line
 * and the help overlay always tell the truth. */
#include <stdio.h>
#include <string.h>
#include <wctype.h>
#include "keys.h"

struct binding {
	const char *name;
	const char *hint;
	const char *help;
	int keys[3];
};

static const struct binding bindings[ACT_COUNT] = {
	[ACT_NONE] = { "none", "", "", { 0, 0, 0 } },
#define TUI_ACTION_ROW(id, name, hint, help, k1, k2, k3) [id] = { name, hint, help, { k1, k2, k3 } },
	TUI_ACTION_LIST(TUI_ACTION_ROW)
#undef TUI_ACTION_ROW
};

enum action keys_action(int code)
{
	if (code == 0)
		return ACT_NONE;
	for (int a = 1; a < ACT_COUNT; a++)
		for (int i = 0; i < 3; i++)
			if (bindings[a].keys[i] == code)
				return (enum action)a;
	return ACT_NONE;
}

const char *keys_hint(enum action a)
{
	return a > ACT_NONE && a < ACT_COUNT ? _(bindings[a].hint) : "";
}

const char *keys_help(enum action a)
{
	return a > ACT_NONE && a < ACT_COUNT ? _(bindings[a].help) : "";
}

static void key_label(int code, char *buf, size_t len)
{
	static const struct {
		int code;
		const char *name;
	} named[] = {
		{ '\n', "Enter" }, { '\r', NULL }, { TK_FN(KEY_ENTER), NULL }, { TK_ESC, "Esc" },
		{ ' ', "Space" }, { '\t', "Tab" }, { TK_FN(KEY_BTAB), "S-Tab" },
		{ TK_FN(KEY_UP), "Up" }, { TK_FN(KEY_DOWN), "Down" }, { TK_FN(KEY_LEFT), "Left" },
		{ TK_FN(KEY_RIGHT), "Right" }, { TK_FN(KEY_PPAGE), "PgUp" },
		{ TK_FN(KEY_NPAGE), "PgDn" }, { TK_FN(KEY_HOME), "Home" }, { TK_FN(KEY_END), "End" },
		{ TK_FN(KEY_BACKSPACE), "Backspace" }, { 127, NULL }, { 8, NULL },
		{ TK_FN(KEY_DC), "Del" },
	};
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
		if (named[i].code == code) {
			if (named[i].name)
				snprintf(buf, len, "%s", named[i].name);
			return;
		}
	}
	if (code >= TK_FN(KEY_F(1)) && code <= TK_FN(KEY_F(12)))
		snprintf(buf, len, "F%d", code - TK_FN(KEY_F0));
	else if (code > 0 && code < 32)
		snprintf(buf, len, "^%c", code + '@');
	else if (code > 32 && code < 127)
		snprintf(buf, len, "%c", code);
}

const char *keys_names(enum action a, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	if (a <= ACT_NONE || a >= ACT_COUNT)
		return buf;
	for (int i = 0; i < 3; i++) {
		char one[16];
		key_label(bindings[a].keys[i], one, sizeof one);
		if (!one[0])
			continue;
		/* "F2 /" rather than "F2//". */
		const char *sep = !used ? "" : strcmp(one, "/") == 0 ? " " : "/";
		int n = snprintf(buf + used, len - used, "%s%s", sep, one);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
	return buf;
}

const char *keys_key(enum action a)
{
	static char bufs[8][48];
	static int next;
	return keys_names(a, bufs[next++ % 8], sizeof bufs[0]);
}

bool keys_bound(enum action a, int code)
{
	if (a <= ACT_NONE || a >= ACT_COUNT || code == 0)
		return false;
	for (int i = 0; i < 3; i++)
		if (bindings[a].keys[i] == code)
			return true;
	return false;
}

bool keys_is_text(int code)
{
	if (code < 32 || code == 127 || code >= TK_FN(0))
		return false;
	return iswprint((wint_t)code) != 0;
}

int keys_permission(enum action a)
{
	switch (a) {
	case ACT_NEW: return SR_ACT_CARD_FILE;
	case ACT_FOLLOWUP: return SR_ACT_FOLLOWUP;
	case ACT_ORDER:
	case ACT_DELIVER:
	case ACT_CANCEL_ORDER: return SR_ACT_ORDER;
	case ACT_EDIT: return SR_ACT_CARD_EDIT;
	case ACT_DORMANT:
	case ACT_REACTIVATE: return SR_ACT_DORMANT;
	case ACT_LOSS: return SR_ACT_LOSS_REQUEST;
	case ACT_ADD:
	case ACT_LEAVE:
	case ACT_TRAFFIC: return SR_ACT_TRAFFIC_LOG;
	case ACT_MANAGE:
	case ACT_ASSIGN: return SR_ACT_ASSIGN;
	case ACT_MERGE: return SR_ACT_MERGE;
	case ACT_LOSSES:
	case ACT_LOSS_CONFIRM:
	case ACT_LOSS_REJECT:
	case ACT_TO_DCC: return SR_ACT_LOSS_DECIDE;
	case ACT_COMMENT: return SR_ACT_COMMENT;
	case ACT_APPOINT: return SR_ACT_APPOINTMENT;
	case ACT_REPORTS: return SR_ACT_REPORT;
	case ACT_EXPORT: return SR_ACT_EXPORT;
	default: return -1;
	}
}
