/* kpi.h — the figures managers live by (SPEC §5), for a period and filters:
 * the key management report (关键管理报表, `showroom report kpi`).
 *
 * Card figures count distinct cards, never events: a customer who visits
 * five times is one visited card. Merged cards count once, as their
 * survivor (their visits and follow-ups moved there). Wholesale cards are
 * left out unless asked for (customer_type), so they do not distort the
 * showroom's figures. Everything dated is taken "as of" the period's end or
 * now, whichever is earlier: a past month's figures do not change when
 * follow-ups are added later for later dates. */
#ifndef SHOWROOM_KPI_H
#define SHOWROOM_KPI_H

#include <stdbool.h>
#include "showroom/clock.h"
#include "showroom/db.h"

/* What a figure is: a count of rows or cards, a rate (a decimal, 0.625 for
 * 62.5%; 0 when its denominator is 0) or an average (traffic per day). */
typedef enum { SR_KPI_COUNT, SR_KPI_RATE, SR_KPI_AVERAGE } sr_kpi_kind;

/* Every figure in report order: name (fixed, CLI.md), label (an English
 * msgid: shown through _(), the SPEC's Chinese term in zh_CN.po), kind. */
#define SR_KPI_LIST(X)                                                        \
	X(traffic,                "showroom traffic",             SR_KPI_COUNT)        \
	X(daily_traffic,          "daily average traffic",        SR_KPI_AVERAGE)      \
	X(followup_traffic,       "follow-up traffic",            SR_KPI_COUNT)        \
	X(new_traffic,            "new traffic",                  SR_KPI_COUNT)        \
	X(filed_traffic,          "filed traffic",                SR_KPI_COUNT)        \
	X(filing_rate,            "filing rate",                  SR_KPI_RATE)         \
	X(stock_start,            "prospects at start",           SR_KPI_COUNT)        \
	X(new_cards,              "new cards",                    SR_KPI_COUNT)        \
	X(base,                   "prospect base",                SR_KPI_COUNT)        \
	X(overall_visit_rate,     "overall visit rate",           SR_KPI_RATE)         \
	X(new_overall_visit_rate, "new overall visit rate",       SR_KPI_RATE)         \
	X(first_visit_rate,       "first visit rate",             SR_KPI_RATE)         \
	X(new_first_visit_rate,   "new first visit rate",         SR_KPI_RATE)         \
	X(return_visit_rate,      "return visit rate",            SR_KPI_RATE)         \
	X(new_return_visit_rate,  "new return visit rate",        SR_KPI_RATE)         \
	X(test_drive_rate,        "test-drive rate",              SR_KPI_RATE)         \
	X(new_test_drive_rate,    "new test-drive rate",          SR_KPI_RATE)         \
	X(order_conversion,       "order conversion",             SR_KPI_RATE)         \
	X(sales_conversion,       "sales conversion",             SR_KPI_RATE)         \
	X(loss_rate,              "loss rate",                    SR_KPI_RATE)         \
	X(sold,                   "cards sold",                   SR_KPI_COUNT)        \
	X(lost,                   "cards lost",                   SR_KPI_COUNT)        \
	X(stock_end,              "prospects at end",             SR_KPI_COUNT)        \
	X(retention_rate,         "information retention rate",   SR_KPI_RATE)         \
	X(age_0_15,               "card age 0-15 days",           SR_KPI_COUNT)        \
	X(age_16_30,              "card age 16-30 days",          SR_KPI_COUNT)        \
	X(age_31_60,              "card age 31-60 days",          SR_KPI_COUNT)        \
	X(age_61_90,              "card age 61-90 days",          SR_KPI_COUNT)        \
	X(age_over_90,            "card age over 90 days",        SR_KPI_COUNT)

typedef enum {
#define SR_KPI_ENUM(name, label, kind) SR_KPI_##name,
	SR_KPI_LIST(SR_KPI_ENUM)
#undef SR_KPI_ENUM
	SR_KPI_N
} sr_kpi_metric;

/* The period and filters. NULL fields do not filter. */
typedef struct {
	const char *from;          /* "YYYY-MM-DD"; NULL = the 1st of the current month */
	const char *to;            /* "YYYY-MM-DD", inclusive; NULL = today */
	const char *as_of;         /* a time; NULL = the end of `to` or now, whichever is earlier */
	const char *consultant;    /* login of the card's owner / the traffic row's consultant */
	const char *team;          /* "showroom" or "dcc": the owner's / consultant's team */
	const char *channel;       /* filing channel: walkin, phone, outreach (cards only) */
	const char *source;        /* media source code or name */
	const char *model;         /* model code, model or series */
	const char *customer_type; /* NULL or "retail" (the showroom figures), "wholesale", "all" */
} sr_kpi_query;

/* The figures, one double per metric (counts are whole numbers), plus the
 * period they were taken over. */
typedef struct {
#define SR_KPI_FIELD(name, label, kind) double name;
	SR_KPI_LIST(SR_KPI_FIELD)
#undef SR_KPI_FIELD
	char from[SR_DATE_LEN], to[SR_DATE_LEN];
	char as_of[SR_TIME_LEN];
	int days;                  /* days from `from` to the as-of date, inclusive */
} sr_kpi;

/* Compute every figure (needs the report permission). A DCC supervisor's
 * figures are those of the DCC team. SR_BADINPUT for a bad date or an
 * unknown filter value, SR_NOTFOUND for an unknown login, source or model. */
sr_status sr_kpi_compute(sr_db *db, const sr_kpi_query *q, sr_kpi *out);

const char *sr_kpi_name(sr_kpi_metric m);   /* "filing_rate" */
const char *sr_kpi_label(sr_kpi_metric m);  /* "filing rate": untranslated, _() it */
sr_kpi_kind sr_kpi_metric_kind(sr_kpi_metric m);
/* The value of metric m in k. */
double sr_kpi_value(const sr_kpi *k, sr_kpi_metric m);

#endif
