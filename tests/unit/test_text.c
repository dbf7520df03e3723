/* test_text.c — widths by display columns: 欧阳明月 and Li Lei line up. */
#include "unit.h"

static void fits(const char *s, int cols, bool right, bool ellipsis, const char *want)
{
	char out[256];
	size_t n = sr_text_fit(s, cols, right, ellipsis, out, sizeof out);
	CHECK_EQ_STR(out, want);
	CHECK_EQ_INT(n, strlen(want));
	CHECK_EQ_INT(sr_text_width(out), cols);
}

TEST(text_width_cjk_and_latin)
{
	CHECK_EQ_INT(sr_text_width("欧阳明月"), 8);
	CHECK_EQ_INT(sr_text_width("Li Lei"), 6);
	CHECK_EQ_INT(sr_text_width(""), 0);
	CHECK_EQ_INT(sr_text_width("英朗 1.5L"), 9);
	CHECK_EQ_INT(sr_text_width("…"), 1);
}

TEST(text_fit_pads_to_columns)
{
	fits("Li Lei", 8, false, false, "Li Lei  ");
	fits("Li Lei", 8, true, false, "  Li Lei");
	fits("欧阳明月", 10, false, false, "欧阳明月  ");
	fits("欧阳明月", 8, false, true, "欧阳明月");
	fits("", 3, false, false, "   ");
}

TEST(text_fit_cuts_at_character_boundary)
{
	fits("欧阳明月", 5, false, false, "欧阳 ");
	fits("欧阳明月", 3, false, false, "欧 ");
	fits("Li Lei", 4, false, false, "Li L");
}

TEST(text_fit_ellipsis)
{
	fits("欧阳明月", 5, false, true, "欧阳…");
	fits("欧阳明月", 4, false, true, "欧… ");
	fits("Li Lei", 4, false, true, "Li …");
	fits("Li Lei", 6, false, true, "Li Lei");
}

TEST(text_invalid_utf8_shows_replacement)
{
	CHECK_EQ_INT(sr_text_width("a\xff" "b"), 3);
	fits("a\xff" "b", 3, false, false, "a\xEF\xBF\xBD" "b");
}

TEST(text_valid)
{
	CHECK(sr_text_valid("欧阳明月 Li Lei", false));
	CHECK(!sr_text_valid("a\xff" "b", false));
	CHECK(!sr_text_valid("\xe6\xac", false));
	CHECK(!sr_text_valid("line\nline", false));
	CHECK(sr_text_valid("line\nline\tx", true));
	CHECK(!sr_text_valid("bell\a", true));
}
