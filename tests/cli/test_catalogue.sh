# test_catalogue.sh — a message catalogue is data, not code (issue 12, item
# 10): msgfmt --check-format refuses a translation whose conversions differ
# from its msgid's; a planted catalogue (translations turned into %p %p %p)
# makes the program print its English messages, never addresses; and a
# setgid copy reads no catalogue of the caller's making, neither through
# SHOWROOM_LOCALEDIR nor from a locale/ beside it.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"

top=$(cd "${SR_CLI_DIR:-$(dirname "$0")}/../.." && pwd)
po=$top/data/po/zh_CN.po

# --- msgfmt --check-format -----------------------------------------------------------------
msgfmt --check-format -o /dev/null "$po" 2>"$T/fmt"; rc=$?
expect_eq "$rc" "0" "msgfmt --check-format on the real catalogue: $(head -c 300 "$T/fmt" | tr '\n' ' ')"
# A copy with one translation's %s and %d swapped: msgfmt must refuse it,
# so the build of the .mo (msgfmt --check) and make test fail on it.
awk '
	/^msgid "unknown option .%s. \(see showroom %s --help\)"$/ { hit = 1 }
	hit && /^msgstr / { print "msgstr \"未知选项 %d（见 showroom %s --help）\""; hit = 0; done = 1; next }
	{ print }
	END { if (!done) exit 1 }' "$po" >"$T/bad.po"; rc=$?
expect_eq "$rc" "0" "the message to spoil is in $po"
msgfmt --check-format -o /dev/null "$T/bad.po" 2>"$T/fmt"; rc=$?
expect_ne "$rc" "0" "msgfmt --check-format accepted a translation with %d for %s"
expect_match "$(cat "$T/fmt")" "*format*" "msgfmt names the format mismatch"

# --- a planted catalogue ----------------------------------------------------------------------
# plant DIR: DIR/zh_CN/LC_MESSAGES/showroom.mo, compiled the way an attacker
# would (msgfmt without --check). Messages of the command line, of the core
# and with a plural become %p, one keeps its conversions (and is used).
plant() {
	mkdir -p "$1/zh_CN/LC_MESSAGES"
	cat >"$T/planted.po" <<'EOF'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=1; plural=0;\n"

msgid "unknown command '%s' (see showroom --help)"
msgstr "%p %p %p %p %p %p %p %p"

msgid "unknown option '%s' (see showroom --help)"
msgstr "PLANTED %s"

msgid "cannot mark dormant: card %lld was filed by %s %d days ago and has never visited; allowed after 15 days, or once the customer has visited and had introduction, negotiation and test drive"
msgstr "%p %p %p %p %p %p %p %p"

msgid "added %d card\n"
msgid_plural "added %d cards\n"
msgstr[0] "%p %p %p %p %p %p %p %p\n"
EOF
	msgfmt -o "$1/zh_CN/LC_MESSAGES/showroom.mo" "$T/planted.po"
}
expect_true "msgfmt compiles the planted catalogue" plant "$T/planted"

setup_users
file_card alice "种子" 13900139011 phone
a=$ID

SHOWROOM_LOCALEDIR=$T/planted
SHOWROOM_LANG=zh_CN
export SHOWROOM_LOCALEDIR SHOWROOM_LANG

# A translation with the original's conversions is used: the catalogue is read.
sr_raw --bogus-option
expect_rc 1
expect_err_contains "PLANTED --bogus-option"
# The command line's own message.
sr_raw bogus-command
expect_rc 1
expect_err_contains "unknown command 'bogus-command' (see showroom --help)"
expect_err_not_contains "0x"
expect_err_not_contains "(nil)"
# The core's message (sr_fail formats the translation).
expect_refusal 2 --as alice dormant "$a"
expect_err_contains "cannot mark dormant: card $a was filed by"
expect_err_not_contains "0x"
expect_err_not_contains "(nil)"
# A plural.
sr --as admin demo --cards 2 --seed 1
expect_ok
expect_out_contains "added 2 cards"
expect_out_not_contains "0x"
expect_out_not_contains "(nil)"
unset SHOWROOM_LOCALEDIR SHOWROOM_LANG

# --- a setgid copy reads only the installed catalogue ---------------------------------------------
# The copy is setgid to another group, as `make install-setgid` installs it
# (tests/cli/test_deploy.sh), with a planted catalogue in locale/ beside it
# (a hard link to the installed program gets the same) and another in
# SHOWROOM_LOCALEDIR, neither root's. It may speak English or, if the
# installed LOCALEDIR holds a root-owned catalogue, Chinese from that one;
# never the planted text, never addresses.
if [ "$(id -u)" = 0 ] && getent group nogroup >/dev/null; then
	# setgid_copy DIR: DIR/showroom, setgid to nogroup.
	setgid_copy() {
		mkdir -m 755 "$1"
		cp "$SHOWROOM" "$1/showroom"
		chgrp nogroup "$1/showroom"
		chmod 2755 "$1/showroom"
	}
	setgid_copy "$T/sg"
	plant "$T/sg/locale"
	setgid_copy "$T/sg2"
	chown -R nobody "$T/sg/locale" "$T/planted"
	# One copy with locale/ beside it, the other pointed at SHOWROOM_LOCALEDIR.
	for how in beside env; do
		if [ $how = env ]; then
			SG=$T/sg2/showroom dir=$T/planted
		else
			SG=$T/sg/showroom dir=
		fi
		SHOWROOM_LOCALEDIR=$dir SHOWROOM_LANG=zh_CN timeout 60 "$SG" --bogus-option \
			>"$T/out" 2>"$T/err"
		RC=$?
		OUT=$(cat "$T/out")
		ERR=$(cat "$T/err")
		expect_rc 1
		expect_err_contains "bogus-option"
		expect_err_not_contains "PLANTED"
		SHOWROOM_LOCALEDIR=$dir SHOWROOM_LANG=zh_CN timeout 60 "$SG" bogus-command \
			>"$T/out" 2>"$T/err"
		RC=$?
		OUT=$(cat "$T/out")
		ERR=$(cat "$T/err")
		expect_rc 1
		expect_err_contains "bogus-command"
		expect_err_not_contains "0x"
		expect_err_not_contains "(nil)"
	done
else
	expect_true "skipped: a setgid copy needs root and the group nogroup" true
fi
finish
