/* dcc.h — the DCC (电话直销中心): who gets a new lead, whether a new lead
 * has waited too long, and the sweep that hands consultants' long-overdue
 * cards to the DCC and closes missed appointments.
 *
 * Distribution follows the import's rule and rotation (settings
 * import_rule: round-robin or by-source; import_rr: the last caller;
 * import_owner.SOURCE: the fixed caller of a source), so imported and
 * hand-filed leads share one rotation. */
#ifndef SHOWROOM_DCC_H
#define SHOWROOM_DCC_H

#include <stdbool.h>
#include <stdint.h>
#include "showroom/clock.h"
#include "showroom/db.h"

/* The caller the rule gives a new lead of this source (code; NULL or ""
 * for none) and advance the rotation. Writes: call inside a transaction.
 * SR_RULE when no active DCC caller exists. */
sr_status sr_dcc_pick_caller(sr_db *db, const char *source_code, int64_t *caller_id);

/* The new-lead rule read from the settings work_hours ("09:00-18:00") and
 * lead_contact_hours ("2"). */
typedef struct {
	int day_start, day_end;   /* minutes after midnight */
	int contact_minutes;      /* working minutes a new lead may wait */
} sr_lead_rule;

sr_status sr_dcc_lead_rule(sr_db *db, sr_lead_rule *out);
/* "09:00-18:00" into minutes after midnight; false unless start < end. */
bool sr_dcc_work_hours_parse(const char *text, int *start, int *end);
/* Working minutes between two times (each day's working hours only). */
int64_t sr_dcc_working_minutes(const sr_lead_rule *r, sr_time from, sr_time to);

typedef struct {
	int64_t moved;            /* cards handed to DCC callers */
	int64_t missed;           /* appointments marked missed */
} sr_dcc_sweep_result;

/* One transaction: appointments dated before today still 'set' become
 * missed and their cards are due today on the owner's list; active cards
 * of consultants more than dcc_sweep_days (setting) overdue are reassigned
 * to DCC callers by the distribution rule (assignment reason "pool", one
 * audit row each). Managers, DCC supervisors and the administrator. */
sr_status sr_dcc_sweep(sr_db *db, sr_dcc_sweep_result *out);

#endif
