#!/usr/bin/env bash
# Install everything the portal needs into .venv/ on Debian/Ubuntu.
#   bash setup.sh          runtime only (build and serve the portal)
#   bash setup.sh --test   also the test tools and Debian's Chromium
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")"

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Thiếu gói hệ thống: $* — hãy cài bằng trình quản lý gói của máy." >&2
    exit 1
  fi
  echo "Cài gói hệ thống: $*"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Cần Python 3.11 trở lên (đang có: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
if ! "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null; then
  apt_install python3-venv
fi

packages=()
# A font with every Vietnamese letter, for the demo ward's documents (bench/demo_documents.py).
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || [ -f /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf ] \
  || packages+=(fonts-dejavu-core)
if [ "$want_tests" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
  # Noto fonts give Chromium full Vietnamese glyphs for screenshots and PDFs.
  [ -d /usr/share/fonts/truetype/noto ] || packages+=(fonts-noto-core)
  command -v rsync >/dev/null 2>&1 || packages+=(rsync)  # invoke publish, tested locally
  # Quality gates (plugins/quality): npm tools (axe-core, Lighthouse, vnu.jar) and Java for vnu.jar.
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
  command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
fi
if [ "${#packages[@]}" -gt 0 ]; then apt_install "${packages[@]}"; fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
requirements=requirements.txt
[ "$want_tests" = 1 ] && requirements=requirements-dev.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
# The plugins' bytecode, as pip leaves installed packages: every build
# imports them, and where PYTHONDONTWRITEBYTECODE is set (some CI images)
# Python would compile them again on every build (0.17 s each time).
.venv/bin/python -m compileall -q plugins >/dev/null
if [ "$want_tests" = 1 ]; then
  # The gates' npm packages, exactly as package-lock.json pins them; again
  # only when the lock file changed. No install scripts: vnu-jar's would
  # download a Java runtime, and Java is already here.
  lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat node_modules/.lock-sha256 2>/dev/null)" != "$lock_sum" ]; then
    echo "Cài gói npm cho các cổng chất lượng (npm ci)…"
    npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
    echo "$lock_sum" > node_modules/.lock-sha256
  fi
fi
# The demo ward's photos and document files are generated, not downloaded or committed.
.venv/bin/python bench/demo_photos.py
.venv/bin/python bench/demo_documents.py
echo "Đã cài đặt xong (.venv, $requirements)."
