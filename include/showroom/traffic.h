/* traffic.h — showroom traffic (展厅流量): one row per walk-in batch or per
 * valid sales call, with its contact result (filed / follow-up / none). */
#ifndef SHOWROOM_TRAFFIC_H
#define SHOWROOM_TRAFFIC_H

#include <stdbool.h>
#include <stdint.h>
#include "showroom/card.h"

typedef enum { SR_TRAFFIC_WALKIN, SR_TRAFFIC_CALL } sr_traffic_kind;
typedef enum { SR_RESULT_NONE, SR_RESULT_FILED, SR_RESULT_FOLLOWUP } sr_traffic_result;

const char *sr_traffic_kind_name(sr_traffic_kind k);       /* "walkin" / "call" */
bool sr_traffic_kind_parse(const char *text, sr_traffic_kind *out);
const char *sr_traffic_result_name(sr_traffic_result r);   /* "none","filed","followup" */
const char *sr_traffic_result_label(sr_traffic_result r);  /* "Not filed", "Card filed", "Follow-up" (未留档, 留档, 跟进) */

typedef struct {
	sr_traffic_kind kind;
	const char *at;          /* time in; NULL = now */
	int persons;             /* 0 = 1 */
	const char *consultant;  /* login, optional */
	const char *model;       /* optional */
	const char *source;      /* optional */
	const char *note;
} sr_traffic_input;

sr_status sr_traffic_add(sr_db *db, const sr_traffic_input *in, int64_t *id_out);
/* Mark the time out (NULL = now). */
sr_status sr_traffic_leave(sr_db *db, int64_t id, const char *at);
/* The same, only if the row is still at expected_version (0 = do not
 * check); SR_CONFLICT otherwise, naming who changed it since. */
sr_status sr_traffic_leave_v(sr_db *db, int64_t id, int64_t expected_version, const char *at);

typedef struct {
	int64_t id;
	sr_traffic_kind kind;
	char time_in[SR_TIME_LEN], time_out[SR_TIME_LEN];
	int persons;
	char consultant_login[SR_LOGIN_MAX];
	char consultant_name[SR_NAME_MAX];
	char model[129], source[129];
	sr_traffic_result result;
	int64_t card_id;
	char note[2001];
	int64_t version;         /* for sr_traffic_leave_v */
} sr_traffic;

sr_status sr_traffic_get(sr_db *db, int64_t id, sr_traffic *out);
/* Rows with time_in on dates [from, to] (inclusive), oldest first. */
sr_status sr_traffic_each(sr_db *db, sr_date from, sr_date to,
                          int (*fn)(void *ctx, const sr_traffic *t), void *ctx);

#endif
