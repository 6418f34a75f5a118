#!/bin/sh
# Test-only stand-in for the Electron that electron-builder would download:
#   OUT/electron-dist   a fake unpacked Electron for `electronDist`. Its "binary"
#                       is a shell script carrying a fuse wire laid out as
#                       @electron/fuses expects, with Electron's default states.
# The packages built from it are layout fixtures: they do not run.
# Adapted from shared/recipes/updater/packaging/fake-toolchain.sh (AppImage tools dropped:
# the test builds dir + deb only). Needs: sh, printf.
set -eu
OUT=${1:?usage: fake-toolchain.sh OUTDIR}
mkdir -p "$OUT/electron-dist/resources" "$OUT/electron-dist/locales"
# Sentinel, wire version 1, length 9, then one state byte per fuse ('0' off, '1' on), in
# FuseV1Options order: RunAsNode=1 CookieEncryption=0 NodeOptions=1 NodeCliInspect=1
# AsarIntegrity=0 OnlyLoadAppFromAsar=0 BrowserV8Snapshot=0 FileProtocolPrivileges=1 WasmTrapHandlers=1.
printf '#!/bin/sh\necho "fake electron: $0 $*"\nexit 0\n# dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX\001\011101100011\n' > "$OUT/electron-dist/electron"
chmod +x "$OUT/electron-dist/electron"
echo "placeholder" > "$OUT/electron-dist/chrome-sandbox"
echo "placeholder for Electron's LICENSE" > "$OUT/electron-dist/LICENSE"
for locale in en-GB en-US fr; do echo "placeholder" > "$OUT/electron-dist/locales/$locale.pak"; done
