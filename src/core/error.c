/* error.c — status texts and exit codes, from the one X-macro list. */
#include "showroom/error.h"

const char *sr_status_text(sr_status st)
{
	switch (st) {
#define SR_STATUS_TEXT(name, code, text) \
	case name:                       \
		return text;
		SR_STATUS_LIST(SR_STATUS_TEXT)
#undef SR_STATUS_TEXT
	}
	return "unknown status";
}

int sr_status_exit_code(sr_status st)
{
	return (int)st;
}
