/* names.c — the machine names of roles, statuses, channels and traffic
 * results, marked for translation. Messages show them through _() so a
 * Chinese message says 销售顾问 and 成交, while English output (and every
 * script that reads it) keeps the names themselves. xgettext reads this
 * list; nothing calls it. */
#include "store.h"

const char *const sr_translated_names[] = {
	/* roles */
	N_("receptionist"), N_("consultant"), N_("manager"), N_("director"), N_("dcc-inbound"),
	N_("dcc-outbound"), N_("dcc-supervisor"), N_("service"), N_("admin"),
	/* card statuses */
	N_("active"), N_("order"), N_("dormant"), N_("sold"), N_("lost"),
	/* filing channels; traffic kinds */
	N_("walkin"), N_("phone"), N_("outreach"), N_("call"),
	/* traffic results */
	N_("none"), N_("filed"), N_("followup"),
};
