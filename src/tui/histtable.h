/* histtable.h — a card's history as a table, for the card screen and the
 * DCC call list's side pane: time, the event's kind in a short column, who
 * (by name), and the line the core renders (sr_history_render), so both
 * read as `card show` prints. A comment (批复) is the row right under its
 * follow-up. */
#ifndef SHOWROOM_TUI_HISTTABLE_H
#define SHOWROOM_TUI_HISTTABLE_H

#include <stdbool.h>
#include <stdint.h>
#include "table.h"

enum { HIST_AT, HIST_KIND, HIST_WHO, HIST_TEXT, HIST_NCOLS };

struct hist {
	struct table t;         /* row key: the event's ref_id */
	sr_history_kind *kinds; /* of each row */
	int max;                /* rows kept (the oldest); 0 = all */
	bool cut;               /* the card has more events than max */
};

void hist_init(struct hist *h, int max);
void hist_free(struct hist *h);
void hist_clear(struct hist *h);
/* Load card_id's history (card_id 0: empty); the selection stays where it was. */
sr_status hist_load(struct app *a, struct hist *h, int64_t card_id);
/* The follow-up the selected row is (or comments on); false for other rows. */
bool hist_selected_followup(const struct hist *h, int64_t *followup_id);

#endif
