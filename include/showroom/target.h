/* target.h — monthly targets per consultant (集客目标): showroom traffic to
 * receive and new cards to file in a month, set by the director or an
 * administrator, read by the lead collection report (report collection).
 *
 * A target is versioned like every editable record: an edit given the
 * version its user read is refused with SR_CONFLICT (exit 4) when someone
 * changed the target since. A month without a target is at version 0. */
#ifndef SHOWROOM_TARGET_H
#define SHOWROOM_TARGET_H

#include <stdint.h>
#include "showroom/db.h"
#include "showroom/error.h"
#include "showroom/user.h"

typedef struct {
	char login[SR_LOGIN_MAX];
	char name[SR_NAME_MAX];
	char month[8];          /* "YYYY-MM" */
	int traffic, cards;
	int64_t version;
} sr_target;

/* Leave a figure as it is (0 for a target not set before). */
#define SR_TARGET_KEEP (-1)

/* Set `login`'s targets for month "YYYY-MM": traffic and cards (0 or
 * more, or SR_TARGET_KEEP). Only if the target is still at
 * expected_version (0 = do not check). Needs the reference permission;
 * audited with the figures before and after. */
sr_status sr_target_set(sr_db *db, const char *login, const char *month, int64_t expected_version,
                        int traffic, int cards);

/* The targets of month (NULL = every month), by month then login. fn
 * returns non-zero to stop. Needs the report permission. */
sr_status sr_target_each(sr_db *db, const char *month,
                         int (*fn)(void *ctx, const sr_target *t), void *ctx);

#endif
