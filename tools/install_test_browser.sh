#!/bin/sh
# Installs what the browser tests (tests/web/) need: Debian's Chromium, driven by Playwright for
# Python through executable_path=/usr/bin/chromium, and Noto CJK fonts so Chinese pages render in
# screenshots. Idempotent: does nothing when /usr/bin/chromium is already there.
set -e
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install_test_browser.sh：需要 root 权限（或 sudo）来安装 chromium 和 fonts-noto-cjk" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium fonts-noto-cjk
