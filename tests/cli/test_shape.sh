# test_shape.sh — the sources keep the shape DESIGN.md asks for (issue 15):
# no file in src/ over 900 lines, no function over 80. A function is
# measured from the line that names it (a line at the left margin holding
# "(" and not ending in ";") to its closing brace at the left margin, as
# the code is written (the opening brace alone on its line). Each offender
# is named in the failure.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"

SRC="$SR_CLI_DIR/../../src"
FILE_MAX=900
FUNC_MAX=80

files=$(find "$SRC" -name '*.[ch]' | sort)
expect_true "no sources found under $SRC" test -n "$files"

# shellcheck disable=SC2086
long_files=$(wc -l $files | awk -v max="$FILE_MAX" '$2 != "total" && $1 > max { print $2 ": " $1 " lines" }')
expect_true "files over $FILE_MAX lines: $long_files" test -z "$long_files"

# shellcheck disable=SC2086
long_funcs=$(awk -v max="$FUNC_MAX" '
	FNR == 1 { cand = 0; start = 0 }
	/^[A-Za-z_].*\(/ && !/;[ \t]*$/ { cand = FNR; name = $0 }
	/^\{/ { if (cand) start = cand }
	/^\}/ {
		if (start && FNR - start + 1 > max)
			printf "%s:%d: %d lines: %s\n", FILENAME, start, FNR - start + 1, name
		start = 0; cand = 0
	}' $(printf '%s\n' $files | grep '\.c$'))
expect_true "functions over $FUNC_MAX lines: $long_funcs" test -z "$long_funcs"

# The measure itself: a function of 81 lines is found.
tmp=$(mktemp "${TMPDIR:-/tmp}/shape.XXXXXX.c")
{ echo "static int f(void)"; echo "{"; i=0; while [ $i -lt 78 ]; do echo "	i++;"; i=$((i + 1)); done; echo "}"; } >"$tmp"
found=$(awk -v max="$FUNC_MAX" '
	/^[A-Za-z_].*\(/ && !/;[ \t]*$/ { cand = FNR }
	/^\{/ { if (cand) start = cand }
	/^\}/ { if (start && FNR - start + 1 > max) print "found"; start = 0; cand = 0 }' "$tmp")
rm -f "$tmp"
expect_eq "$found" "found"
finish
