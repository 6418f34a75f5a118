#!/usr/bin/env bash
# Starts Care Home Desktop. With an Electron binary it launches the app;
# where there is none (as on this build machine) it says so and runs the
# same app through the browser host, printing the address to open.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build/prepare.sh
npm run --silent build
electron_bin=$(node -e "try { const p = require('electron'); if (require('fs').existsSync(p)) console.log(p) } catch {}" 2>/dev/null || true)
if [ -n "${CARE_HOME_ELECTRON_PATH:-}" ]; then electron_bin=$CARE_HOME_ELECTRON_PATH; fi
if [ -n "$electron_bin" ]; then
  exec "$electron_bin" .
fi
echo "No Electron binary is installed on this computer, so Care Home Desktop will run in browser mode:"
echo "the same app and services, shown in Chromium instead of its own window."
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec node dist/browser-host/cli.js
fi
# No desktop session, so no keychain: start a private one, kept beside the
# data so that the next start finds the database key again (the key is kept
# only in a keychain, never in a plain file).
export CARE_HOME_DATA_DIR=${CARE_HOME_DATA_DIR:-$PWD/.care-home-data}
export CARE_HOME_KEYRING_HOME=${CARE_HOME_KEYRING_HOME:-$CARE_HOME_DATA_DIR-keyring}
echo "No desktop keychain is running: starting a private one (data in $CARE_HOME_DATA_DIR, keychain in $CARE_HOME_KEYRING_HOME)."
exec build/with-keyring.sh node dist/browser-host/cli.js
