/* screens.h — the screens of the terminal UI and the navigation table.
 *
 * The main loop reaches screens only through tui_nav (global keys such as
 * F2 search) and through the screens themselves (Enter on a row opens the
 * card). */
#ifndef SHOWROOM_TUI_SCREENS_H
#define SHOWROOM_TUI_SCREENS_H

#include "app.h"

extern const struct screen_ops scr_home;      /* scr_home.c: my work */
extern const struct screen_ops scr_card;      /* scr_card.c: arg const int64_t *card id */
extern const struct screen_ops scr_card_edit; /* scr_edit.c: arg const int64_t *card id */
extern const struct screen_ops scr_order;     /* scr_actions.c: arg const int64_t *card id */
extern const struct screen_ops scr_loss;      /* scr_actions.c: arg const int64_t *card id */
extern const struct screen_ops scr_reactivate;/* scr_actions.c: arg const int64_t *card id */
extern const struct screen_ops scr_order_cancel; /* scr_actions.c: arg const int64_t *card id */
extern const struct screen_ops scr_appointment; /* scr_calls.c: arg const struct call_arg * */
extern const struct screen_ops scr_followup;  /* scr_followup.c: arg const struct followup_arg * */
extern const struct screen_ops scr_search;    /* scr_search.c */
extern const struct screen_ops scr_traffic;   /* scr_traffic.c */
extern const struct screen_ops scr_traffic_add; /* scr_traffic.c */
extern const struct screen_ops scr_traffic_leave; /* scr_traffic.c: arg const int64_t * (row id) */
extern const struct screen_ops scr_filing;    /* scr_filing.c: arg const struct filing_arg * or NULL */
extern const struct screen_ops scr_help;      /* help.c: arg const struct app_frame * */
extern const struct screen_ops scr_manage;    /* scr_manage.c: manager's card list */
extern const struct screen_ops scr_assign;    /* scr_manage.c: arg const struct card_ids * */
extern const struct screen_ops scr_comment;   /* scr_manage.c: arg const int64_t *follow-up id */
extern const struct screen_ops scr_merge;     /* scr_merge.c: arg const struct card_ids * */
extern const struct screen_ops scr_losses;    /* scr_losses.c: pending loss requests */
extern const struct screen_ops scr_calls;     /* scr_calls.c: the DCC call list */
extern const struct screen_ops scr_report;    /* scr_report.c: reports and charts */

/* Cards chosen on a list (the marked rows), for reassigning and merging. */
#define CARD_IDS_MAX 200
struct card_ids {
	int64_t id[CARD_IDS_MAX];
	size_t n;
	bool *done;             /* set true when the cards were reassigned or merged */
};

/* The card a call result or an appointment is for; *saved is set true
 * when it was saved (saved may not be NULL). */
struct call_arg {
	int64_t card_id;
	bool *saved;
};

struct followup_arg {
	int64_t card_id;
	int64_t traffic_id; /* 0 = none */
};

struct filing_arg {
	int64_t traffic_id; /* 0 = a card without a traffic row */
};

/* A global key that opens a screen from anywhere. start_roles: the roles
 * (1 << sr_role) that see this screen first after start. */
struct tui_nav {
	enum action act;
	const struct screen_ops *ops;
	unsigned start_roles;
};

extern const struct tui_nav tui_nav[]; /* ends with ops NULL */

#endif
