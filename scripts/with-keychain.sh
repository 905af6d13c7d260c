#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked
# gnome-keyring in a throwaway folder, so the OS keychain (Secret Service) is real
# and nothing touches the user's own keyrings.
set -euo pipefail
if [ -n "${CCAL_IN_KEYCHAIN_SESSION:-}" ]; then exec "$@"; fi
export CCAL_IN_KEYCHAIN_SESSION=1
keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/ccal-keyring.XXXXXX")"
trap 'rm -rf "$keyring_home"' EXIT
# gnome-keyring keeps its keyrings under $XDG_DATA_HOME/keyrings.
export XDG_DATA_HOME="$keyring_home"
# Only the D-Bus daemon's own noise goes through the filter: the command keeps the
# real stderr (fd 3), so a terminal stays a terminal and progress bars show.
exec 3>&2
dbus-run-session -- bash -c 'printf "ccal-session" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@" 2>&3 3>&-' bash "$@" 2> >(grep -v "Failed to set fd limit" >&2)
