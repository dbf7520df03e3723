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

/* Every figure in report order: name (fixed, CLI.md), Chinese label, kind. */
#define SR_KPI_LIST(X)                                                        \
	X(traffic,                "展厅流量",           SR_KPI_COUNT)             \
	X(daily_traffic,          "日均展厅流量",       SR_KPI_AVERAGE)           \
	X(followup_traffic,       "跟进流量",           SR_KPI_COUNT)             \
	X(new_traffic,            "新增流量",           SR_KPI_COUNT)             \
	X(filed_traffic,          "留档流量",           SR_KPI_COUNT)             \
	X(filing_rate,            "留档率",             SR_KPI_RATE)              \
	X(stock_start,            "期初有望客户",       SR_KPI_COUNT)             \
	X(new_cards,              "新增留档",           SR_KPI_COUNT)             \
	X(base,                   "有望客户基数",       SR_KPI_COUNT)             \
	X(overall_visit_rate,     "总体进店率",         SR_KPI_RATE)              \
	X(new_overall_visit_rate, "新增总体进店率",     SR_KPI_RATE)              \
	X(first_visit_rate,       "首次进店率",         SR_KPI_RATE)              \
	X(new_first_visit_rate,   "新增首次进店率",     SR_KPI_RATE)              \
	X(return_visit_rate,      "再回展厅率",         SR_KPI_RATE)              \
	X(new_return_visit_rate,  "新增再回展厅率",     SR_KPI_RATE)              \
	X(test_drive_rate,        "试乘试驾率",         SR_KPI_RATE)              \
	X(new_test_drive_rate,    "新增试乘试驾率",     SR_KPI_RATE)              \
	X(order_conversion,       "订单转化率",         SR_KPI_RATE)              \
	X(sales_conversion,       "成交转化率",         SR_KPI_RATE)              \
	X(loss_rate,              "战败率",             SR_KPI_RATE)              \
	X(sold,                   "成交数",             SR_KPI_COUNT)             \
	X(lost,                   "战败数",             SR_KPI_COUNT)             \
	X(stock_end,              "期末有望客户",       SR_KPI_COUNT)             \
	X(retention_rate,         "首洽客户信息留存率", SR_KPI_RATE)              \
	X(age_0_15,               "卡龄0-15天",         SR_KPI_COUNT)             \
	X(age_16_30,              "卡龄16-30天",        SR_KPI_COUNT)             \
	X(age_31_60,              "卡龄31-60天",        SR_KPI_COUNT)             \
	X(age_61_90,              "卡龄61-90天",        SR_KPI_COUNT)             \
	X(age_over_90,            "卡龄90天以上",       SR_KPI_COUNT)

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
const char *sr_kpi_label(sr_kpi_metric m);  /* "留档率" */
sr_kpi_kind sr_kpi_metric_kind(sr_kpi_metric m);
/* The value of metric m in k. */
double sr_kpi_value(const sr_kpi *k, sr_kpi_metric m);

#endif
