/* test_utf8.c — the one UTF-8 decoder (text.h): every front end and the
 * importer decode through it. */
#include <stdio.h>
#include <string.h>
#include "unit.h"

TEST(utf8_decode_valid_and_invalid)
{
	unsigned cp;
	CHECK_EQ_INT(sr_utf8_decode("A", (size_t)-1, &cp), 1);
	CHECK_EQ_INT(cp, 'A');
	CHECK_EQ_INT(sr_utf8_decode("\xC3\xA9", (size_t)-1, &cp), 2);
	CHECK_EQ_INT(cp, 0xE9);
	CHECK_EQ_INT(sr_utf8_decode("张", (size_t)-1, &cp), 3);
	CHECK_EQ_INT(cp, 0x5F20);
	CHECK_EQ_INT(sr_utf8_decode("\xF0\x9F\x9A\x97", (size_t)-1, &cp), 4);
	CHECK_EQ_INT(cp, 0x1F697);
	/* overlong, surrogate, past U+10FFFF, a lone continuation, a cut at the NUL */
	static const char *const bad[] = {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
	                                  "\xF4\x90\x80\x80", "\x80", "\xE5\xBC"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		CHECK_EQ_INT(sr_utf8_decode(bad[i], (size_t)-1, &cp), 1);
		CHECK_EQ_INT(cp, 0xFFFD);
	}
	/* fewer bytes at hand than the first announces */
	CHECK_EQ_INT(sr_utf8_decode("张", 2, &cp), 0);
	CHECK_EQ_INT(sr_utf8_decode("张", 3, &cp), 3);
}

TEST(utf8_encode_round_trip)
{
	static const unsigned cps[] = {0x41, 0xE9, 0x7FF, 0x800, 0x5F20, 0xFFFD, 0x10000, 0x10FFFF};
	for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
		char buf[5] = {0};
		unsigned back;
		size_t n = sr_utf8_encode(cps[i], buf);
		CHECK_EQ_INT(sr_utf8_decode(buf, n, &back), n);
		CHECK_EQ_INT(back, cps[i]);
	}
}

TEST(utf8_boundary_and_chars)
{
	const char *s = "李a欧阳";
	CHECK_EQ_INT(sr_utf8_boundary(s, 1), 0);
	CHECK_EQ_INT(sr_utf8_boundary(s, 3), 3);
	CHECK_EQ_INT(sr_utf8_boundary(s, 6), 4);
	CHECK_EQ_INT(sr_utf8_chars(s), 4);
	CHECK_EQ_INT(sr_utf8_chars("a\x80" "b"), 3);
	CHECK_EQ_INT(sr_utf8_chars(NULL), 0);
}
