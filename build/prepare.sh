#!/usr/bin/env bash
# Makes a fresh machine ready to build, run and test Care Home Desktop:
# Debian packages (Chromium, the keyring, libsecret for keytar, packaging tools),
# then npm packages. Native modules (SQLCipher, keytar) compile from source.
# Idempotent: quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Mail peers (Dovecot, Postfix), mail benchmark peers (isync, notmuch), call peers (coturn, aiortc, nftables, iproute2).
DEBIAN_PACKAGES=(chromium libsecret-1-dev gnome-keyring dbus dbus-x11 fonts-liberation squashfs-tools dpkg-dev dovecot-imapd dovecot-lmtpd postfix openssl
  isync notmuch coturn python3-aiortc python3-websockets nftables iproute2)
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# No Electron binary can be downloaded here; the electron package is installed for its types.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
stamp=node_modules/.care-home-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "Installing npm packages (native modules build from source: about two minutes the first time)"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
