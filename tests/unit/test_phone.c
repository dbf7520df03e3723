/* test_phone.c — phone numbers are normalised before any duplicate check,
 * and masked for users who may not see them. */
#include "unit.h"

static void normalizes(const char *in, const char *want)
{
	char out[SR_PHONE_MAX];
	if (!sr_phone_normalize(in, out))
		unit_fail(__FILE__, __LINE__, "sr_phone_normalize(\"%s\") refused", in);
	CHECK_EQ_STR(out, want);
}

TEST(phone_normalise_common_forms)
{
	normalizes("13800138000", "13800138000");
	normalizes("138 0013 8000", "13800138000");
	normalizes("138-0013-8000", "13800138000");
	normalizes("+86 13800138000", "13800138000");
	normalizes("+86-138-0013-8000", "13800138000");
	normalizes("0086-13800138000", "13800138000");
	normalizes("0086 138 0013 8000", "13800138000");
	normalizes("(010) 6552-1234", "01065521234");
}

TEST(phone_letters_refused)
{
	char out[SR_PHONE_MAX] = "unchanged";
	CHECK(!sr_phone_normalize("138OO138000", out));
	CHECK(!sr_phone_normalize("abc", out));
	CHECK(!sr_phone_normalize("138 0013 800x", out));
	CHECK(!sr_phone_normalize("", out));
	CHECK(!sr_phone_normalize("1234", out));                 /* too short */
	CHECK(!sr_phone_normalize("123456789012345678901", out)); /* 21 digits */
	CHECK_EQ_STR(out, "unchanged");
}

TEST(phone_mask)
{
	char out[SR_PHONE_MAX];
	sr_phone_mask("13800138000", out);
	CHECK_EQ_STR(out, "138****8000");
}
