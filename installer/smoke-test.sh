#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Packaging smoke test: builds the Linux app image (jlinked runtime, stripped jars, demo model) and runs it
# the way a user's menu does, through its launcher:
#   0. with a display, the build's AOT training run (the window, the demo model, a streamed reply) left a cache;
#   1. `moss-desktop --smoke` loads the bundled demo model and generates a few tokens (no display needed);
#   2. where xvfb-run and xwininfo (x11-utils) exist, the window opens under Xvfb (a runtime missing a module
#      JavaFX needs fails here).
# Catches what unit tests cannot: a module jlink left out, a native library stripped for the wrong platform,
# the demo model missing from the image. Usage: installer/smoke-test.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

if [ "${1:-}" != "--no-build" ]; then
  ./mvnw ${MAVEN_ARGS:--B -ntp} -Ppackage -Dinstaller.type=app-image -DskipTests package
fi
image=target/jpackage/cpu/image/moss-desktop
launcher="$image/bin/moss-desktop"
[ -x "$launcher" ] || { echo "smoke: no app image at $image" >&2; exit 1; }
# With a display the build trains Java's AOT cache by running the app once (-Dmoss.aotTraining=true).
if [ -n "${DISPLAY:-}" ]; then
  if [ -f "$image/lib/app/moss-desktop.aot" ] && grep -q AOTCache "$image/lib/app/moss-desktop.cfg"; then
    echo "smoke: the AOT cache was trained"
  else
    echo "smoke: no AOT cache although DISPLAY is set; the training run said:" >&2
    cat target/jpackage/cpu/aot-training.log >&2 || true
    exit 1
  fi
fi

# A fresh data directory, so the test neither reads nor writes the user's.
MOSS_DESKTOP_HOME=$(mktemp -d)
export MOSS_DESKTOP_HOME
trap 'rm -rf "$MOSS_DESKTOP_HOME"' EXIT

"$launcher" --smoke

if command -v xvfb-run >/dev/null && command -v xwininfo >/dev/null; then
  # The window is up when a window of the app's WM_CLASS (the JavaFX Application class, as in the menu
  # entry's StartupWMClass) exists; the JVM gets a minute on a busy CI.
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    "$1" > "$MOSS_DESKTOP_HOME/window.log" 2>&1 &
    app=$!
    for _ in $(seq 1 60); do
      if xwininfo -root -tree 2>/dev/null | grep -q "org.mossdesktop.app.MossDesktopApp"; then
        echo "smoke: the window opened"
        kill "$app"; wait "$app" 2>/dev/null || true
        exit 0
      fi
      kill -0 "$app" 2>/dev/null || break
      sleep 1
    done
    echo "smoke: no window; the app said:" >&2
    cat "$MOSS_DESKTOP_HOME/window.log" >&2
    kill "$app" 2>/dev/null || true
    exit 1
  ' _ "$launcher"
else
  echo "smoke: xvfb-run or xwininfo is missing, the window was not tried"
fi

echo "smoke: passed in $(($(date +%s) - start)) s"
