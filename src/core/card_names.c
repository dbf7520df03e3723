/* card_names.c — the customer card's enumerations (channels, statuses, the
 * seven questions, levels) and phone numbers. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store.h"
#include "card_int.h"

/* ---- enumerations ---------------------------------------------------- */

static const char *const channel_names[] = {"walkin", "phone", "outreach"};
/* Display labels: English msgids, the staff's terms in zh_CN.po (进店, 电话, 外拓). */
static const char *const channel_labels[] = {N_("Walk-in"), N_("Phone"), N_("Outreach")};
static const char *const status_names[] = {"active", "order", "dormant", "sold", "lost"};
static const char *const status_labels[] = {N_("Active"), N_("Order"), N_("Dormant"), N_("Sold"),
                                            N_("Lost")};

static bool parse_name(const char *text, const char *const *names, int n, int *out)
{
	int i = sr_name_index(text, names, n);
	if (i >= 0)
		*out = i;
	return i >= 0;
}

const char *sr_channel_name(sr_channel c)
{
	return (unsigned)c < 3 ? channel_names[c] : "?";
}

const char *sr_channel_label(sr_channel c)
{
	return (unsigned)c < 3 ? _(channel_labels[c]) : "?";
}

bool sr_channel_parse(const char *text, sr_channel *out)
{
	int i;
	if (!parse_name(text, channel_names, 3, &i))
		return false;
	*out = (sr_channel)i;
	return true;
}

const char *sr_card_status_name(sr_card_status s)
{
	return (unsigned)s < 5 ? status_names[s] : "?";
}

const char *sr_card_status_label(sr_card_status s)
{
	return (unsigned)s < 5 ? _(status_labels[s]) : "?";
}

bool sr_card_status_parse(const char *text, sr_card_status *out)
{
	int i;
	if (!parse_name(text, status_names, 5, &i))
		return false;
	*out = (sr_card_status)i;
	return true;
}

sr_card_status sr_card_status_from_db(const char *text)
{
	sr_card_status s = SR_STATUS_ACTIVE;
	sr_card_status_parse(text, &s);
	return s;
}

bool sr_card_status_following(sr_card_status s)
{
	return s == SR_STATUS_ACTIVE || s == SR_STATUS_ORDER || s == SR_STATUS_DORMANT;
}

const char *sr_answer_key(sr_answer a)
{
	return (unsigned)a < SR_ANS_COUNT ? sr_card_field_get(SR_FIELD_ANSWER0 + a)->key : "?";
}

const char *sr_answer_label(sr_answer a)
{
	return (unsigned)a < SR_ANS_COUNT ? _(sr_card_field_get(SR_FIELD_ANSWER0 + a)->label) : "?";
}

bool sr_answer_parse(const char *key, sr_answer *out)
{
	int f = sr_card_field_find(key);
	if (f < SR_FIELD_ANSWER0)
		return false;
	*out = (sr_answer)(f - SR_FIELD_ANSWER0);
	return true;
}

bool sr_level_valid(char level)
{
	return level && strchr("OHABCN", level) != NULL;
}

int sr_level_rank(char level)
{
	const char *p = level ? strchr("OHABCN", level) : NULL;
	return p ? (int)(p - "OHABCN") : 6;
}

/* ---- phone numbers --------------------------------------------------- */

bool sr_phone_normalize(const char *in, char out[SR_PHONE_MAX])
{
	char digits[64];
	size_t n = 0;
	if (!in)
		return false;
	const char *p = in;
	while (*p == ' ')
		p++;
	if (*p == '+') {
		if (strncmp(p, "+86", 3) != 0)
			return false;  /* only mainland numbers are expected */
		p += 3;
	} else if (strncmp(p, "0086", 4) == 0) {
		p += 4;
	}
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n + 1 >= sizeof digits)
				return false;
			digits[n++] = *p;
		} else if (!strchr(" -.()", *p)) {
			return false;
		}
	}
	digits[n] = '\0';
	if (n < 5 || n > 20)
		return false;
	memcpy(out, digits, n + 1);
	return true;
}

void sr_phone_mask(const char *phone, char out[SR_PHONE_MAX])
{
	size_t n = strlen(phone);
	if (n >= SR_PHONE_MAX)
		n = SR_PHONE_MAX - 1;
	memcpy(out, phone, n);
	out[n] = '\0';
	if (n >= 11) {
		for (size_t i = 3; i < n - 4; i++)
			out[i] = '*';
	} else if (n > 4) {
		for (size_t i = 0; i < n - 4; i++)
			out[i] = '*';
	}
}
