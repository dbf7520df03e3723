/* powerloss.h — a fault-injecting SQLite VFS and one power-loss round. */
#ifndef SHOWROOM_FAULT_POWERLOSS_H
#define SHOWROOM_FAULT_POWERLOSS_H

#include <stdbool.h>

struct pl_result {
	long acked;   /* commits that returned OK before the power went */
	long lost;    /* of those, missing after the power came back */
	bool sound;   /* integrity_check ok after recovery */
	bool error;   /* the round itself could not run */
};

/* A fresh database at path, written through the VFS until the power fails
 * at a random write (seeded), then the files put back to what had reached
 * the disk by each one's last sync, and checked. full: synchronous=FULL
 * as showroom runs; false: synchronous=OFF (the negative control). */
struct pl_result pl_round(const char *path, bool full, unsigned seed);

#endif
