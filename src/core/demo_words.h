/* demo_words.h — the demo's words (demo_words.c), one list shared by the
 * played demo (demo.c) and the bulk generator (demo_bulk.c) so both speak
 * alike. The sizes are part of the declarations: SR_RNG_ITEM picks from
 * them. */
#ifndef SHOWROOM_DEMO_WORDS_H
#define SHOWROOM_DEMO_WORDS_H

#include "showroom/card.h"

/* Surnames by frequency, most common first: the played demo draws from
 * the first DEMO_COMMON_SURNAMES by weight and now and then takes one of
 * the compound surnames at the end (from DEMO_COMPOUND_SURNAME on). */
enum { DEMO_COMMON_SURNAMES = 25, DEMO_COMPOUND_SURNAME = 56 };

extern const char *const demo_regions[10];
extern const char *const demo_roads[12];
extern const char *const demo_phone_prefixes[35];
extern const char *const demo_phone_talk[12];
extern const char *const demo_wechat_talk[4];
extern const char *const demo_sms_talk[2];
extern const char *const demo_visit_talk[5];
extern const char *const demo_home_talk[2];
extern const char *const demo_order_talk[3];
extern const char *const demo_results[5];
extern const char *const demo_cancel_reasons[4];
extern const char *const demo_callback_results[6];
extern const char *const demo_male_given[36];
extern const char *const demo_female_given[30];
extern const char *const demo_dcc_talk[5];
extern const char *const demo_invite_talk[2];
extern const char *const demo_comments[7];
extern const char *const demo_surnames[60];
extern const int demo_surname_weight[60];
extern const char *const demo_answers[SR_ANS_COUNT][4];
extern const char *const demo_loss_notes[5][3];
extern const char demo_male_chars[], demo_female_chars[]; /* 3 bytes a character */

#endif
