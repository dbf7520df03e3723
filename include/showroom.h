/* showroom.h — the whole public API of libshowroom. */
#ifndef SHOWROOM_H
#define SHOWROOM_H

#define SHOWROOM_VERSION "0.1.0"

#include "showroom/error.h"
#include "showroom/clock.h"
#include "showroom/db.h"
#include "showroom/user.h"
#include "showroom/perm.h"
#include "showroom/catalogue.h"
#include "showroom/card.h"
#include "showroom/followup.h"
#include "showroom/traffic.h"
#include "showroom/appointment.h"
#include "showroom/lifecycle.h"
#include "showroom/worklist.h"
#include "showroom/audit.h"
#include "showroom/demo.h"
#include "showroom/text.h"
#include "showroom/i18n.h"
#include "showroom/csvout.h"
#include "showroom/export.h"
#include "showroom/kpi.h"
#include "showroom/report.h"
#include "showroom/maint.h"
#include "showroom/userfile.h"
#include "showroom/import.h"
#include "showroom/login.h"
#include "showroom/dcc.h"
#include "showroom/call.h"
#include "showroom/complaint.h"
#include "showroom/campaign.h"
#include "showroom/target.h"
#include "showroom/history.h"

#endif
