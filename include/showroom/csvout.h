/* csvout.h — RFC 4180 CSV rows written through libcsv. */
#ifndef SHOWROOM_CSVOUT_H
#define SHOWROOM_CSVOUT_H

#include <stdio.h>

/* Write one row of n fields (NULL = empty), CRLF-terminated. Each field
 * as sr_text_escape shows it, newlines and tabs kept (text.h); a field
 * that begins with = + - @ tab or ' and is not a plain number gets a '
 * in front, so no spreadsheet runs it as a formula. */
int sr_csv_row(FILE *out, const char *const *fields, size_t n);
/* The UTF-8 byte-order mark, for Excel and WPS. */
int sr_csv_bom(FILE *out);

#endif
