/* test_hooks.h — what tests and tools reach that the program does not:
 * the connection's SQLite handle, and the hot statements by name for the
 * test that checks their query plans (tests/unit/test_plans.c). */
#ifndef SHOWROOM_TEST_HOOKS_H
#define SHOWROOM_TEST_HOOKS_H

#include "showroom.h"

/* The underlying handle, for tests and tools only. */
struct sqlite3 *sr_db_handle(sr_db *db);

/* The hot statements of issue 7 by name, for the test that checks their
 * query plans (tests/unit/test_plans.c); NULL for an unknown name. */
const char *sr_card_hot_sql(const char *name);
const char *sr_worklist_hot_sql(const char *name);
const char *sr_kpi_hot_sql(const char *name);
const char *sr_sources_hot_sql(void);
const char *sr_base_hot_sql(void); /* the prospect base: report followup */

#endif
