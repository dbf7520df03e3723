/* prompt.h — small overlays: a yes/no question and a message box. */
#ifndef SHOWROOM_TUI_PROMPT_H
#define SHOWROOM_TUI_PROMPT_H

#include "app.h"

typedef void (*prompt_done)(struct app *a, void *ctx, bool yes);

/* Ask; y/Enter answers yes, n/Esc no. done runs after the overlay has
 * closed, with the screen below on top again. */
void prompt_confirm(struct app *a, const char *question, prompt_done done, void *ctx);
/* Show a longer text (wrapped); any key closes. */
void prompt_message(struct app *a, const char *title, const char *text);

/* Wrap UTF-8 text into lines of at most w columns: calls fn for each line
 * (not NUL-terminated: start, bytes). Returns the number of lines. */
int ui_wrap(const char *text, int w, void (*fn)(void *ctx, const char *s, size_t n), void *ctx);

#endif
