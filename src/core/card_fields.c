/* card_fields.c — the card's fields in one table: the key `card edit`
 * takes, the column, the label the screens show, the most characters typed
 * text may hold, and the kind. Filing, editing, the import, the command
 * line's help and the screens' forms read it; the checks of typed values
 * are made here, by kind. */
#include <stdio.h>
#include <string.h>
#include "card_rules.h"

_Static_assert(SR_NAME_MAX >= SR_CHARS_BYTES(SR_CARD_NAME_CHARS), "card names fit sr_card");

/* The keys of typed text are marked for translation: a refusal names the
 * field in the user's language (the answers go by their keys). */
static const sr_card_field fields[SR_FIELD_COUNT] = {
	[SR_FIELD_NAME] = {N_("name"), "name", N_("Name"), SR_CARD_NAME_CHARS, SR_FIELD_KIND_NAME},
	[SR_FIELD_PHONE] = {"phone", "phone", N_("Phone"), SR_PHONE_CHARS, SR_FIELD_KIND_PHONE},
	[SR_FIELD_GENDER] = {"gender", "gender", N_("Gender"), 1, SR_FIELD_KIND_GENDER},
	[SR_FIELD_REGION] = {N_("region"), "region", N_("Region"), SR_REGION_CHARS,
	                     SR_FIELD_KIND_TEXT},
	[SR_FIELD_ADDRESS] = {N_("address"), "address", N_("Address"), SR_ADDRESS_CHARS,
	                      SR_FIELD_KIND_TEXT},
	[SR_FIELD_SOURCE] = {"source", "source_id", N_("Source"), 0, SR_FIELD_KIND_SOURCE},
	[SR_FIELD_MODEL] = {"model", "model_id", N_("Model"), 0, SR_FIELD_KIND_MODEL},
	[SR_FIELD_EXPECTED] = {"expected", "expected_purchase", N_("Expected purchase"), 10,
	                       SR_FIELD_KIND_DATE},
	[SR_FIELD_FOLLOWUP_LEVEL] = {"followup-level", "followup_level", N_("Follow-up level"), 0,
	                             SR_FIELD_KIND_FOLLOWUP_LEVEL},
	[SR_FIELD_NEXT] = {"next", "next_date", N_("Next follow-up"), 10, SR_FIELD_KIND_NEXT},
	[SR_FIELD_LEVEL] = {"level", "level", N_("Intent level"), 1, SR_FIELD_KIND_LEVEL},
#define ANSWER_ROW(id, key, column, label, zh) \
	[SR_FIELD_ANSWER0 + id] = {key, column, label, SR_ANSWER_CHARS, SR_FIELD_KIND_ANSWER},
	SR_ANSWER_LIST(ANSWER_ROW)
#undef ANSWER_ROW
};

const sr_card_field *sr_card_field_get(sr_card_field_id f)
{
	return (unsigned)f < SR_FIELD_COUNT ? &fields[f] : NULL;
}

int sr_card_field_max(sr_card_field_id f)
{
	return (unsigned)f < SR_FIELD_COUNT ? fields[f].max_chars : 0;
}

int sr_card_field_find(const char *key)
{
	for (int f = 0; key && f < SR_FIELD_COUNT; f++)
		if (!strcmp(fields[f].key, key))
			return f;
	return -1;
}

void sr_card_field_keys(sr_card_field_id from, sr_card_field_id to, char *out, size_t outlen)
{
	char prev[512];
	if (!outlen)
		return;
	*out = '\0';
	for (int f = from; f < (int)to && f < SR_FIELD_COUNT; f++) {
		if (f == (int)from) {
			snprintf(out, outlen, "%s", fields[f].key);
			continue;
		}
		/* A list goes by the language's joiner (、 in Chinese). */
		snprintf(prev, sizeof prev, "%s", out);
		snprintf(out, outlen, _("%s, %s"), prev, fields[f].key);
	}
}

/* How a refusal names the field: its key, translated for typed text. */
static const char *shown_name(sr_card_field_id f)
{
	return fields[f].kind == SR_FIELD_KIND_ANSWER ? fields[f].key : _(fields[f].key);
}

sr_status sr_card_field_check(sr_db *db, sr_card_field_id f, const char *value, const char *shown,
                              char date_out[SR_DATE_LEN])
{
	const sr_card_field *d = &fields[f];
	const char *v = value ? value : "";
	sr_date date;
	switch (d->kind) {
	case SR_FIELD_KIND_NAME:
	case SR_FIELD_KIND_TEXT:
	case SR_FIELD_KIND_ANSWER:
		return sr_check_text(db, shown ? shown : shown_name(f), value, d->max_chars,
		                     d->kind == SR_FIELD_KIND_NAME, false);
	case SR_FIELD_KIND_GENDER:
		if (*v && strcmp(v, "M") && strcmp(v, "F"))
			return sr_fail(db, SR_BADINPUT, _("gender '%s': expected M or F"), v);
		return SR_OK;
	case SR_FIELD_KIND_DATE:
		if (date_out)
			*date_out = '\0';
		if (!*v)
			return SR_OK;
		if (!sr_date_parse(v, &date))
			return sr_fail(db, SR_BADINPUT,
			               _("expected purchase date '%s': expected YYYY-MM-DD"), v);
		if (date_out)
			sr_date_format(date, date_out);
		return SR_OK;
	default:
		return SR_OK;
	}
}
