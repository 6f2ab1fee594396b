#!/usr/bin/env bash
# Make sure a Chromium is available for kaleido (chart export) and the browser tests.
# Installs Debian's package when missing and we are allowed to (root, or passwordless sudo).
set -eu
for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [ -x "$candidate" ]; then exit 0; fi
done
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=none; fi
    if [ "$SUDO" != none ]; then
        echo "Installing Debian's chromium (needed for chart export and the browser tests)..."
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
        exit 0
    fi
fi
echo "No Chromium found. Chart export to PNG/SVG/PDF needs one: install your system's" >&2
echo "'chromium' package (Debian/Ubuntu: sudo apt-get install chromium)." >&2
exit 1
