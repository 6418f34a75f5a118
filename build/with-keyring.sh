#!/usr/bin/env bash
# Runs a command with a real OS keychain on Linux: a private D-Bus session and
# gnome-keyring's Secret Service, unlocked, in a throwaway HOME. keytar talks
# to it exactly as it talks to the keychain of a real desktop.
# Usage: build/with-keyring.sh COMMAND [ARGS...]
# CARE_HOME_KEYRING_HOME keeps the keyring in that folder across runs (for
# `npm start` on a machine with no desktop); otherwise it is thrown away.
set -euo pipefail
if [ "${CARE_HOME_IN_KEYRING:-}" = 1 ]; then exec "$@"; fi
if [ -n "${CARE_HOME_KEYRING_HOME:-}" ]; then
  keyring_home=$CARE_HOME_KEYRING_HOME
  mkdir -p "$keyring_home" && chmod 700 "$keyring_home"
else
  keyring_home=$(mktemp -d /tmp/care-home-keyring.XXXXXX)
fi
export CARE_HOME_IN_KEYRING=1 HOME="$keyring_home" XDG_RUNTIME_DIR="$keyring_home/run" XDG_DATA_HOME="$keyring_home/data"
mkdir -p "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" && chmod 700 "$XDG_RUNTIME_DIR"
exec dbus-run-session -- bash -c '
  echo -n "care-home-test-keyring" | gnome-keyring-daemon --unlock --daemonize --components=secrets >/dev/null
  exec "$@"' bash "$@"
