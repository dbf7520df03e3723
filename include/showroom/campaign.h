/* campaign.h — marketing campaigns (市场活动): a period, a budget, target
 * models and a media source; cards name the campaign that brought them, so
 * its leads, visits and orders can be counted. */
#ifndef SHOWROOM_CAMPAIGN_H
#define SHOWROOM_CAMPAIGN_H

#include <stdint.h>
#include "showroom/card.h"

typedef struct {
	const char *name;
	const char *from, *to;   /* "YYYY-MM-DD", inclusive */
	int64_t budget_cents;
	const char *models;      /* model codes, comma-separated; NULL = any */
	const char *source;      /* media source code or name; NULL = none */
} sr_campaign_input;

typedef struct {
	int64_t id;
	char name[257];
	char from[SR_DATE_LEN], to[SR_DATE_LEN];
	int64_t budget_cents;
	char models[801];
	char source[129];        /* display name, "" when none */
	int64_t leads;           /* cards attributed */
	int64_t visits;          /* showroom visits of those cards */
	int64_t orders;          /* orders signed on them, not cancelled */
	int64_t sold;            /* of which delivered */
} sr_campaign;

/* Managers, directors, DCC supervisors. */
sr_status sr_campaign_add(sr_db *db, const sr_campaign_input *in, int64_t *id_out);
sr_status sr_campaign_get(sr_db *db, int64_t id, sr_campaign *out);
sr_status sr_campaign_each(sr_db *db, int (*fn)(void *ctx, const sr_campaign *c), void *ctx);
/* SR_NOTFOUND unless the campaign exists. */
sr_status sr_campaign_check(sr_db *db, int64_t id);
/* Attribute a card the actor may edit to a campaign (0 = none). */
sr_status sr_campaign_attribute(sr_db *db, int64_t card_id, int64_t campaign_id);
/* Attribute the cards an import filed (not those it matched). */
sr_status sr_campaign_attribute_import(sr_db *db, int64_t import_id, int64_t campaign_id,
                                       int64_t *count);

#endif
