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

/* Issue 12 item 14: the bidi controls and the line and paragraph separators
 * show nothing, yet reorder or break the text around them. */
static const char *const layout_chars[] = {
	"\u061C", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E",
	"\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029",
};

TEST(text_valid_refuses_bidi_controls_and_separators)
{
	for (size_t i = 0; i < sizeof layout_chars / sizeof *layout_chars; i++) {
		char s[32];
		snprintf(s, sizeof s, "Li%sLei", layout_chars[i]);
		CHECK(!sr_text_valid(s, false));
		CHECK(!sr_text_valid(s, true));
		unsigned cp = 0;
		CHECK_EQ_INT(sr_text_find_fault(s, true, &cp), SR_TEXT_LAYOUT);
		CHECK(cp >= 0x61C && cp <= 0x2069);
	}
	/* Their neighbours are ordinary text. */
	CHECK(sr_text_valid("\u200B\u2027\u2030\u2065\u206A 欧阳", false));
	unsigned cp;
	CHECK_EQ_INT(sr_text_find_fault("a\x1b", false, &cp), SR_TEXT_CONTROL);
	CHECK_EQ_INT(cp, 0x1b);
	CHECK_EQ_INT(sr_text_find_fault("a\xff", false, &cp), SR_TEXT_BAD_UTF8);
	CHECK_EQ_INT(cp, 0xff);
	CHECK_EQ_INT(sr_text_find_fault("a\nb", true, &cp), SR_TEXT_OK);
}

TEST(text_bidi_refused_in_names_and_notes)
{
	fx_open();
	sr_card_filing f;
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.name = "王\u202E伟";
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_BADINPUT, "name holds U+202E");
	f.name = "王伟";
	f.address = "北京\u2028朝阳";
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_BADINPUT, "address");
	CHECK_MSG("U+2028");
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	sr_followup_input in = { .card_id = id, .method = SR_METHOD_PHONE,
	                         .content = "第一行\n第二行\u2029第三行" };
	CHECK_REFUSED(sr_followup_add(unit_db, &in, NULL), SR_BADINPUT, "U+2029");
	in.content = "第一行\n第二行";
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
}
