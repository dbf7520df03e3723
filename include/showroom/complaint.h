/* complaint.h — post-sale callback results (成交回访) and the complaints an
 * unhappy customer opens: a handler, a deadline 24 hours on, a closing
 * note. */
#ifndef SHOWROOM_COMPLAINT_H
#define SHOWROOM_COMPLAINT_H

#include <stdbool.h>
#include <stdint.h>
#include "showroom/card.h"

typedef enum { SR_SATISFIED, SR_NEUTRAL, SR_UNHAPPY, SR_SATISFACTION_COUNT } sr_satisfaction;
const char *sr_satisfaction_name(sr_satisfaction s);   /* "unhappy" */
bool sr_satisfaction_parse(const char *text, sr_satisfaction *out);

#define SR_COMPLAINT_HOURS 24

/* Record a due callback: how the customer felt and a note. Unhappy opens a
 * complaint (its id in *complaint_id, else 0) handled by the setting
 * complaint_handler when it names a user, else by the caller. */
sr_status sr_callback_record(sr_db *db, int64_t callback_id, sr_satisfaction s,
                             const char *note, int64_t *complaint_id);

typedef struct {
	int64_t id, card_id, callback_id;
	char card_name[SR_NAME_MAX];
	char handler_login[SR_LOGIN_MAX];
	char opened_at[SR_TIME_LEN];
	char deadline[SR_TIME_LEN];
	bool open;
	bool overdue;            /* open past its deadline */
	char note[2001];
	char closed_at[SR_TIME_LEN];
	char closing_note[2001];
	int64_t version;
} sr_complaint;

/* Customer service, managers and the administrator. */
sr_status sr_complaint_each(sr_db *db, bool open_only, bool overdue_only,
                            int (*fn)(void *ctx, const sr_complaint *c), void *ctx);
sr_status sr_complaint_get(sr_db *db, int64_t id, sr_complaint *out);
/* Both only if the complaint is still at expected_version (0 = do not
 * check); SR_CONFLICT otherwise. */
sr_status sr_complaint_assign(sr_db *db, int64_t id, int64_t expected_version, const char *login);
sr_status sr_complaint_close(sr_db *db, int64_t id, int64_t expected_version, const char *note);

#endif
