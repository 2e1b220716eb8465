#!/usr/bin/env bash
# Playwright cannot download browsers here, so the tests use Debian's
# Chromium (and CJK fonts, so Chinese pages render as they do for readers).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ] && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  exit 0
fi
CMD="apt-get update && apt-get install -y chromium fonts-noto-cjk"
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium (or CJK fonts) missing and not running as root. Install them with:" >&2
  echo "  sudo sh -c '$CMD'" >&2
  exit 1
fi
echo "Installing Debian's chromium and fonts-noto-cjk…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
[ -x "$CHROMIUM" ] || { echo "chromium still missing at $CHROMIUM after: $CMD" >&2; exit 1; }
