#!/usr/bin/env bash
# Installs the tools the end-to-end tests call: LibreOffice (headless), openpyxl and python-calamine.
set -euo pipefail
if ! command -v soffice >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "kam test tools: installing libreoffice-calc-nogui" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq libreoffice-calc-nogui >/dev/null
  else
    echo "kam test tools: missing LibreOffice: sudo apt-get install -y libreoffice-calc-nogui" >&2
    exit 2
  fi
fi
if ! python3 -c 'import openpyxl, python_calamine' 2>/dev/null; then
  echo "kam test tools: installing openpyxl and python-calamine" >&2
  python3 -m pip install -q openpyxl python-calamine
fi
