#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring,
# so the OS keychain (Secret Service) is real and nothing touches the user's own.
set -euo pipefail
if [ -n "${CCAL_IN_KEYCHAIN_SESSION:-}" ]; then exec "$@"; fi
export CCAL_IN_KEYCHAIN_SESSION=1
exec dbus-run-session -- bash -c 'printf "ccal-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' bash "$@"
