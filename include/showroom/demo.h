/* demo.h — a realistic, reproducible dealership for demos and benchmarks. */
#ifndef SHOWROOM_DEMO_H
#define SHOWROOM_DEMO_H

#include <stdint.h>
#include "showroom/db.h"

/* progress(ctx, done, total) is called now and then; may be NULL. */
typedef void (*sr_progress_fn)(void *ctx, int64_t done, int64_t total);

/* Add staff (if missing) and `cards` cards with plausible histories over
 * the months before the connection's today. Same seed, same data. */
sr_status sr_demo_generate(sr_db *db, int64_t cards, uint64_t seed,
                           sr_progress_fn progress, void *ctx);

#endif
