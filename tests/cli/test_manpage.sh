# test_manpage.sh — showroom(1) keeps in step with the command line: every
# command that `showroom --help` lists is documented in man/showroom.1, and
# every command's own --help works.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"

MAN="$SR_CLI_DIR/../../man/showroom.1"
expect_true "man/showroom.1 is missing" test -f "$MAN"
# The page as text, without roff escapes for dashes, so "loss to-dcc" matches.
page=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$MAN")

sr_raw --help
expect_ok
cmds=$(printf '%s\n' "$OUT" | sed -n 's/^  \([a-z-]*\( [a-z-]*\)\?\)  .*/\1/p' | sed 's/ *$//')
expect_true "showroom --help lists no commands" test -n "$cmds"
for c in $(printf '%s\n' "$cmds" | tr ' ' '+'); do
	cmd=$(printf '%s' "$c" | tr '+' ' ')
	case "$page" in
	*"$cmd"*) expect_true "ok" true ;;
	*) expect_true "command '$cmd' is not in man/showroom.1" false ;;
	esac
	# shellcheck disable=SC2086
	sr_raw $cmd --help
	expect_ok
done
finish
