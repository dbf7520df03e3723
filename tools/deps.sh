#!/bin/sh
# Install the Debian packages showroom needs, only when something is missing.
# Called by every make target that builds, so a fresh Debian machine needs
# nothing but `make run` or `make test`.
set -e
missing=""
need_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed' || missing="$missing $1"; }
for p in gcc make pkg-config libncurses-dev libsqlite3-dev libcsv-dev libsodium-dev sqlite3 tmux locales gettext libxlsxwriter-dev unzip; do
	need_pkg "$p"
done
[ -z "$missing" ] && exit 0
echo "showroom: installing Debian packages:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
