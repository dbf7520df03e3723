/* error.h — status codes shared by the core and its front ends.
 *
 * Every core call returns an sr_status; on anything but SR_OK the
 * connection's message (sr_db_message) says what rule refused the change
 * and what would allow it. The codes map one to one onto the exit status
 * of `showroom COMMAND` (../shared/CLI.md). */
#ifndef SHOWROOM_ERROR_H
#define SHOWROOM_ERROR_H

#define SR_STATUS_LIST(X)                                              \
	X(SR_OK,       0, "ok")                                            \
	X(SR_USAGE,    1, "usage error")                                   \
	X(SR_RULE,     2, "refused by a business rule")                    \
	X(SR_PERM,     3, "permission denied")                             \
	X(SR_CONFLICT, 4, "conflict: changed by someone else, or busy")    \
	X(SR_NOTFOUND, 5, "not found")                                     \
	X(SR_BADINPUT, 6, "bad input data")                                \
	X(SR_IO,       7, "storage error")

typedef enum {
#define SR_STATUS_ENUM(name, code, text) name = code,
	SR_STATUS_LIST(SR_STATUS_ENUM)
#undef SR_STATUS_ENUM
} sr_status;

/* A short English description of the code ("permission denied"). */
const char *sr_status_text(sr_status st);

/* The process exit status for a code (the code itself; kept as a function
 * so the mapping has one home). */
int sr_status_exit_code(sr_status st);

#endif
