/* appointment.h — invitations (邀约) with a target date, later marked
 * showed or missed. */
#ifndef SHOWROOM_APPOINTMENT_H
#define SHOWROOM_APPOINTMENT_H

#include <stdint.h>
#include "showroom/card.h"

typedef enum { SR_APPT_SET, SR_APPT_SHOWED, SR_APPT_MISSED, SR_APPT_CANCELLED } sr_appt_status;
const char *sr_appt_status_name(sr_appt_status s);

/* date "YYYY-MM-DD", today or later; consultant login optional (defaults to
 * the card's owner when a consultant). */
sr_status sr_appointment_add(sr_db *db, int64_t card_id, const char *date,
                             const char *consultant, int64_t *id_out);
/* traffic_id 0 = none; otherwise the traffic row is linked to the card. */
sr_status sr_appointment_showed(sr_db *db, int64_t id, int64_t traffic_id);
sr_status sr_appointment_missed(sr_db *db, int64_t id);
/* Reception links a walk-in traffic row to the visitor's card; the card's
 * appointment for the visit's day, if one is waiting, is marked showed
 * (its id in *appt_id, else 0). */
sr_status sr_appointment_arrival(sr_db *db, int64_t traffic_id, int64_t card_id,
                                 int64_t *appt_id);

typedef struct {
	int64_t id, card_id;
	char date[SR_DATE_LEN];
	sr_appt_status status;
	char consultant_login[SR_LOGIN_MAX];
	char card_name[SR_NAME_MAX];
	char created_at[SR_TIME_LEN];
} sr_appointment;

sr_status sr_appointment_get(sr_db *db, int64_t id, sr_appointment *out);

#endif
