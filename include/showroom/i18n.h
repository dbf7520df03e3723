/* i18n.h — translated messages, checked before they are used.
 *
 * Every `_()` and `P_()` of the core, the command line and the terminal UI
 * comes here. A translation comes from a file outside the program (the .mo
 * catalogue) and is mostly used as a printf format: one with a conversion
 * the original lacks (a planted "%p %p %p") makes printf read arguments that
 * were never passed. So a translation is used only when its conversions are
 * the original's; otherwise the original (English) is returned. */
#ifndef SHOWROOM_I18N_H
#define SHOWROOM_I18N_H

#include <stdbool.h>
#include <stddef.h>
#include "showroom/error.h"

/* The gettext domain of every message: core, command line and UI. */
#define SR_I18N_DOMAIN "showroom"

/* msgid translated, or msgid itself when there is no translation or the
 * translation's printf conversions differ from msgid's. "" stays "". */
const char *sr_i18n_text(const char *msgid) __attribute__((format_arg(1)));

/* The form of msgid / msgid_plural for n, translated as dngettext does,
 * used only when its conversions are those of msgid_plural or of msgid
 * (the arguments suit both); else the untranslated form for n. */
const char *sr_i18n_plural(const char *msgid, const char *msgid_plural, unsigned long n)
	__attribute__((format_arg(1), format_arg(2)));

/* True if translation consumes the same printf arguments as original: the
 * same conversions in the same order (or, with %N$ positions, for the same
 * argument numbers), the same length modifiers and the same `*` widths and
 * precisions; flags, digits and %% do not matter. An unknown conversion,
 * %N$ mixed with plain %, or an argument number left out is never a match. */
bool sr_i18n_format_ok(const char *original, const char *translation);

/* Whether a setgid program may read the catalogue at path: an absolute
 * path to a regular file which, and every directory above it up to /,
 * belongs to root and is writable by nobody else (no symbolic links on the
 * way). SR_OK if so; SR_NOTFOUND if it does not exist; SR_PERM otherwise,
 * with the component at fault and the fix in err. */
sr_status sr_i18n_catalogue_check(const char *path, char *err, size_t errlen);

#endif
