#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# README's screenshot: the real app on the bundled demo model, driven by xdotool under Xvfb: 你好, then
# "What is 37 times 12?" with the calculator (on by default), its Inner thoughts / Commands / Results opened.
# Needs Xvfb, xdotool and ImageMagick's import; run after ./mvnw package. Usage: docs/make-screenshot.sh [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-assets/screenshot.png}
MOSS_DESKTOP_HOME=$(mktemp -d)
export MOSS_DESKTOP_HOME
Xvfb :55 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=:55
sleep 1
"${JAVA_HOME:+$JAVA_HOME/bin/}java" --enable-native-access=ALL-UNNAMED -Dmoss.repo="$PWD" -jar target/moss-desktop.jar \
    >"$MOSS_DESKTOP_HOME/app.log" 2>&1 &
app=$!
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$MOSS_DESKTOP_HOME"' EXIT
sleep 14 # the window, then the demo model
window=$(xdotool search --class MossDesktopApp | tail -1)
xdotool windowfocus "$window"
sleep 0.5
xdotool type --delay 200 "你好"
sleep 0.5
xdotool key Return
sleep 5
xdotool type --delay 40 "What is 37 times 12?"
xdotool key Return
sleep 6
# The reply's three sections, bottom up (the window sits at 50,13 on the screen).
for y in 504 477 450; do
  xdotool mousemove 400 $y click 1
  sleep 0.7
done
xdotool mousemove 700 300 click --repeat 8 --delay 100 5
sleep 1.5
import -window "$window" "$out"
echo "wrote $out"
