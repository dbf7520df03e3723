/* screens.c — which screen each global key opens, and where each role
 * starts. The only place that lists the top-level screens. */
#include "screens.h"

#define ROLE(r) (1u << (r))

const struct tui_nav tui_nav[] = {
	{ ACT_HOME, &scr_home, ~ROLE(SR_ROLE_RECEPTIONIST) },
	{ ACT_TRAFFIC, &scr_traffic, ROLE(SR_ROLE_RECEPTIONIST) },
	{ ACT_SEARCH, &scr_search, 0 },
	{ ACT_NEW, &scr_filing, 0 },
	{ ACT_HELP, &scr_help, 0 },
	{ ACT_MANAGE, &scr_manage, 0 },
	{ ACT_LOSSES, &scr_losses, 0 },
	{ ACT_CALLS, &scr_calls, 0 },
	{ ACT_REPORTS, &scr_report, 0 },
	{ ACT_NONE, NULL, 0 },
};
