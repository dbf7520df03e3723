/* keys.h — every action of the terminal UI and its default keys, in one
 * table (tig's request X-macro, calcurse's virtual keys).
 *
 * A key is an int: a character (its Unicode code point) or, for curses
 * function keys (KEY_F(n), KEY_UP, ...), TK_FN(code), which lies above
 * every code point so the two never collide. Screens look at the action a
 * key is bound to; forms also take printable characters as text. */
#ifndef SHOWROOM_TUI_KEYS_H
#define SHOWROOM_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include "ui.h"

#define TK_FN(code) (0x200000 + (code))
#define TK_CTRL(c) ((c) & 0x1f)
#define TK_ESC 27

/* X(id, name, hint label, help text, key, key, key): up to three keys, 0 for
 * none. The hint label is short: it goes on the one-line key hint. */
#define TUI_ACTION_LIST(X)                                                             \
	X(ACT_HELP,       "help",       N_("Help"),      N_("show every key of this screen"),     TK_FN(KEY_F(1)), '?', 0) \
	X(ACT_SEARCH,     "search",     N_("Search"),    N_("find prospects"),      TK_FN(KEY_F(2)), '/', 0) \
	X(ACT_TRAFFIC,    "traffic",    N_("Traffic"),   N_("showroom traffic"),        TK_FN(KEY_F(3)), 't', 0) \
	X(ACT_NEW,        "new",        N_("New card"),  N_("file a new card"),                    TK_FN(KEY_F(4)), 'n', 0) \
	X(ACT_FOLLOWUP,   "followup",   N_("Follow-up"), N_("add a follow-up to the card"),        TK_FN(KEY_F(5)), 'f', 0) \
	X(ACT_ORDER,      "order",      N_("Order"),     N_("sign an order (deposit)"),            TK_FN(KEY_F(6)), 'o', 0) \
	X(ACT_EDIT,       "edit",       N_("Edit"),      N_("edit the card's fields"),             TK_FN(KEY_F(7)), 'e', 0) \
	X(ACT_HOME,       "home",       N_("My work"),   N_("back to my work lists"),              TK_FN(KEY_F(9)), 'h', 0) \
	X(ACT_SAVE,       "save",       N_("Save"),      N_("save the form"),                      TK_FN(KEY_F(10)), TK_CTRL('o'), 0) \
	X(ACT_DORMANT,    "dormant",    N_("Dormant"),   N_("mark the card dormant"),       'd', 0, 0) \
	X(ACT_REACTIVATE, "reactivate", N_("Reactivate"), N_("reactivate a dormant card"),         'r', 0, 0) \
	X(ACT_LOSS,       "loss",       N_("Loss"),      N_("request the card closed as lost"), 'l', 0, 0) \
	X(ACT_ADD,        "add",        N_("Add"),       N_("log a walk-in batch or a call"),      'a', 0, 0) \
	X(ACT_LEAVE,      "leave",      N_("Time out"),  N_("mark the visitors' time out"),        'x', 0, 0) \
	X(ACT_MANAGE,     "manage",     N_("Manage"),    N_("manager tools: mark cards to reassign or merge"), TK_FN(KEY_F(11)), 'm', 0) \
	X(ACT_LOSSES,     "losses",     N_("Losses"),    N_("pending loss requests (approval)"),   TK_FN(KEY_F(12)), 'L', 0) \
	X(ACT_REPORTS,    "reports",    N_("Reports"),   N_("figures and reports (key management report)"), 'g', 0, 0) \
	X(ACT_PERIOD_PREV, "period-prev", N_("Earlier"), N_("the previous month or year"),         '[', 0, 0) \
	X(ACT_PERIOD_NEXT, "period-next", N_("Later"),   N_("the next month or year"),             ']', 0, 0) \
	X(ACT_PERIOD_KIND, "period-kind", N_("Month/year"), N_("switch between a month and a year"), 'y', 0, 0) \
	X(ACT_CALLS,      "calls",      N_("Call list"), N_("today's DCC call list"),              'c', 0, 0) \
	X(ACT_ASSIGN,     "assign",     N_("Reassign"),  N_("reassign the marked cards"),          'A', 0, 0) \
	X(ACT_MERGE,      "merge",      N_("Merge"),     N_("merge the marked cards into one"),    'M', 0, 0) \
	X(ACT_LOSS_CONFIRM, "confirm-loss", N_("Confirm"), N_("confirm the loss: the card is lost"), 'C', 0, 0) \
	X(ACT_LOSS_REJECT, "reject-loss", N_("Reject"),  N_("reject the loss request: the card stays active"), 'R', 0, 0) \
	X(ACT_TO_DCC,     "to-dcc",     N_("To DCC"),    N_("hand the card to a DCC caller"),      'D', 0, 0) \
	X(ACT_COMMENT,    "comment",    N_("Comment"),   N_("comment on the selected follow-up"),  'p', 0, 0) \
	X(ACT_APPOINT,    "appointment", N_("Appointment"), N_("set an appointment (invitation) for a date"), 'i', 0, 0) \
	X(ACT_DELIVER,    "deliver",    N_("Deliver"),   N_("deliver the ordered car: the card is sold"), 'v', 0, 0) \
	X(ACT_CANCEL_ORDER, "cancel-order", N_("Cancel order"), N_("cancel the order: the card is active again"), 'X', 0, 0) \
	X(ACT_RELOAD,     "reload",     N_("Reload"),    N_("reload and redraw the screen"),       TK_CTRL('l'), TK_FN(KEY_F(8)), 0) \
	X(ACT_OPEN,       "open",       N_("Open"),      N_("open the selected row / next field"), '\n', '\r', TK_FN(KEY_ENTER)) \
	X(ACT_BACK,       "back",       N_("Back"),      N_("back to the previous screen"),        TK_ESC, 0, 0) \
	X(ACT_QUIT,       "quit",       N_("Quit"),      N_("leave showroom (in a form: ^X)"),      'q', TK_CTRL('x'), 0) \
	X(ACT_MARK,       "mark",       N_("Mark"),      N_("mark a row / toggle a choice"),       ' ', 0, 0) \
	X(ACT_UP,         "up",         N_("Up"),        N_("previous row or field"),              TK_FN(KEY_UP), 'k', 0) \
	X(ACT_DOWN,       "down",       N_("Down"),      N_("next row or field"),                  TK_FN(KEY_DOWN), 'j', 0) \
	X(ACT_PGUP,       "page-up",    N_("PgUp"),      N_("previous page"),                      TK_FN(KEY_PPAGE), 0, 0) \
	X(ACT_PGDN,       "page-down",  N_("PgDn"),      N_("next page"),                          TK_FN(KEY_NPAGE), 0, 0) \
	X(ACT_TOP,        "first",      N_("First"),     N_("first row / start of the field"),     TK_FN(KEY_HOME), 0, 0) \
	X(ACT_BOTTOM,     "last",       N_("Last"),      N_("last row / end of the field"),        TK_FN(KEY_END), 0, 0) \
	X(ACT_LEFT,       "left",       N_("Left"),      N_("cursor left / previous choice"),      TK_FN(KEY_LEFT), 0, 0) \
	X(ACT_RIGHT,      "right",      N_("Right"),     N_("cursor right / next choice"),         TK_FN(KEY_RIGHT), 0, 0) \
	X(ACT_NEXT,       "next-field", N_("Next"),      N_("next field"),                         '\t', 0, 0) \
	X(ACT_PREV,       "prev-field", N_("Previous"),  N_("previous field"),                     TK_FN(KEY_BTAB), 0, 0) \
	X(ACT_ERASE,      "erase",      N_("Erase"),     N_("delete the character before the cursor"), TK_FN(KEY_BACKSPACE), 127, 8) \
	X(ACT_DELETE,     "delete",     N_("Delete"),    N_("delete the character under the cursor"),  TK_FN(KEY_DC), 0, 0) \
	X(ACT_KILL,       "kill",       N_("Clear"),     N_("clear the field"),                    TK_CTRL('u'), 0, 0) \
	/* The report screen's own: their keys are bound above too (Left, h), \
	 * so they come last and the screen asks keys_bound for them. */ \
	X(ACT_COLS_LEFT,  "columns-left", N_("Columns ←"), N_("reports: show the columns to the left"), TK_FN(KEY_LEFT), 'h', 0) \
	X(ACT_COLS_RIGHT, "columns-right", N_("Columns →"), N_("reports: show the columns to the right"), TK_FN(KEY_RIGHT), 'l', 0) \
	X(ACT_FILTER,     "filter",     N_("Filter"),    N_("reports: choose the period, people, channel, source, model"), 'F', 0, 0) \
	X(ACT_EXPORT,     "export",     N_("Export"),    N_("reports: write the report on screen to an xlsx or CSV file"), 'E', 0, 0)

enum action {
	ACT_NONE,
#define TUI_ACTION_ENUM(id, name, hint, help, k1, k2, k3) id,
	TUI_ACTION_LIST(TUI_ACTION_ENUM)
#undef TUI_ACTION_ENUM
	ACT_COUNT
};

/* A key as read, with the action it is bound to (ACT_NONE if none). */
struct tui_key {
	int code;
	enum action act;
};

enum action keys_action(int code);
/* The short label for the hint line and the longer help text (translated). */
const char *keys_hint(enum action a);
const char *keys_help(enum action a);
/* The keys of an action for display ("F5/f"), into buf. */
const char *keys_names(enum action a, char *buf, size_t len);
/* The core permission (sr_action) an action needs, or -1: the hint line
 * and the help leave out what the user's role may not do (the core still
 * decides). */
int keys_permission(enum action a);
/* keys_names in a buffer of its own, for messages that name a key ("F10/^O
 * saves"); valid for the next seven calls. */
const char *keys_key(enum action a);
/* Is code one of action a's keys? For a screen's own actions whose keys
 * are bound to a global action too (h: home, and on the report screen the
 * columns to the left): keys_action gives the first. */
bool keys_bound(enum action a, int code);
/* A printable character (for text fields): not a function key, not a control. */
bool keys_is_text(int code);

#endif
