#!/usr/bin/env bash
# Extracts the atftpd server (which conflicts with tftpd-hpa as a Debian package, so it is not
# installed) into DEST without installing it: DEST/usr/sbin/atftpd. Usage: fetch_atftpd.sh DEST
set -euo pipefail
dest=${1:?usage: fetch_atftpd.sh DEST}
if [[ -x "$dest/usr/sbin/atftpd" ]]; then exit 0; fi
if [[ -x /usr/sbin/atftpd ]]; then exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
chmod 777 "$work"  # apt-get download runs as _apt when it can
apt-get download atftpd >/dev/null 2>&1 || { echo "fetch_atftpd: apt-get download atftpd failed" >&2; exit 1; }
mkdir -p "$dest"
dpkg -x atftpd_*.deb "$dest"
test -x "$dest/usr/sbin/atftpd"
