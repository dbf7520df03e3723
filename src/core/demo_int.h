/* demo_int.h — what the two demo generators (demo.c, demo_bulk.c) share
 * with each other. */
#ifndef SHOWROOM_DEMO_INT_H
#define SHOWROOM_DEMO_INT_H

#include "store.h"

/* The large demo (demo_bulk.c): from this many cards sr_demo_generate
 * writes five years of a dealer group straight into an empty database. */
#define SR_DEMO_BULK_MIN 20000
sr_status sr_demo_bulk(sr_db *db, int64_t cards, uint64_t seed, sr_progress_fn progress,
                       void *ctx);

#endif
