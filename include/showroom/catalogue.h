/* catalogue.h — reference data: vehicle models, media sources, follow-up
 * levels, intent levels, settings. */
#ifndef SHOWROOM_CATALOGUE_H
#define SHOWROOM_CATALOGUE_H

#include <stdbool.h>
#include <stdint.h>
#include "showroom/db.h"

#define SR_CODE_MAX 33
#define SR_LABEL_MAX 129

typedef struct {
	int64_t id;
	char code[SR_CODE_MAX];
	char brand[SR_LABEL_MAX];
	char series[SR_LABEL_MAX];
	char model[SR_LABEL_MAX];
	char config[SR_LABEL_MAX];
} sr_model;

typedef struct {
	int64_t id;
	char code[SR_CODE_MAX];
	char name[SR_LABEL_MAX];
} sr_source;

typedef struct {
	char code[SR_CODE_MAX];
	char name[SR_LABEL_MAX];
	int min_days, max_days;
	int64_t version;
} sr_followup_level;

/* Find a model by code (case-insensitive), series or model name. SR_NOTFOUND
 * names the text and suggests `showroom model list`. */
sr_status sr_model_find(sr_db *db, const char *text, sr_model *out);
sr_status sr_model_by_id(sr_db *db, int64_t id, sr_model *out);
sr_status sr_model_each(sr_db *db, int (*fn)(void *ctx, const sr_model *m), void *ctx);
sr_status sr_model_add(sr_db *db, const char *code, const char *brand, const char *series,
                       const char *model, const char *config, int64_t *id_out);

/* Find a source by code (case-insensitive) or name. */
sr_status sr_source_find(sr_db *db, const char *text, sr_source *out);
sr_status sr_source_by_id(sr_db *db, int64_t id, sr_source *out);
sr_status sr_source_each(sr_db *db, int (*fn)(void *ctx, const sr_source *s), void *ctx);
sr_status sr_source_add(sr_db *db, const char *code, const char *name, int64_t *id_out);
/* Monthly cost of a source, month "YYYY-MM", in cents. */
sr_status sr_source_set_cost(sr_db *db, const char *source, const char *month, int64_t cents);
/* The same, only if that month's cost is still at expected_version (0 = do
 * not check; a month without a cost yet has no version to check against);
 * SR_CONFLICT otherwise. */
sr_status sr_source_set_cost_v(sr_db *db, const char *source, const char *month,
                               int64_t expected_version, int64_t cents);
/* A month's cost and its version; both 0 when none is set. */
sr_status sr_source_cost_get(sr_db *db, const char *source, const char *month, int64_t *cents,
                             int64_t *version);

sr_status sr_followup_level_get(sr_db *db, const char *code, sr_followup_level *out);
sr_status sr_followup_level_each(sr_db *db, int (*fn)(void *ctx, const sr_followup_level *l),
                                 void *ctx);
/* Change a level's bounds (admin), only if the level is still at
 * expected_version (0 = do not check); SR_CONFLICT otherwise. */
sr_status sr_followup_level_set(sr_db *db, const char *code, int64_t expected_version,
                                int min_days, int max_days);
/* The follow-up level a card of this intent level starts with. */
sr_status sr_followup_level_default(sr_db *db, char intent, char out[SR_CODE_MAX]);

/* Settings: key/value text (callback_offsets, wholesale_owner, ...). */
sr_status sr_setting_get(sr_db *db, const char *key, char *out, size_t outlen);
sr_status sr_setting_set(sr_db *db, const char *key, const char *value);
/* The same, only if the setting is still at expected_version (0 = do not
 * check); SR_CONFLICT otherwise. */
sr_status sr_setting_set_v(sr_db *db, const char *key, int64_t expected_version,
                           const char *value);
/* A setting's version, for sr_setting_set_v. */
sr_status sr_setting_version(sr_db *db, const char *key, int64_t *version);

#endif
