#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Renders assets/icons/moss-desktop.svg into the PNG sizes, the Windows .ico and the macOS .icns that the
# installers use. The outputs are committed, so building an installer needs none of these tools:
#   apt-get install librsvg2-bin imagemagick icnsutils
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"
svg=moss-desktop.svg
convert=/usr/bin/convert # ImageMagick itself, not a wrapper earlier on PATH
[ -x "$convert" ] || convert=convert

mkdir -p png
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" "$svg" --output "png/moss-desktop-$size.png"
done

# Windows: every size Explorer and the taskbar ask for, 256 stored as PNG inside the .ico.
"$convert" png/moss-desktop-{16,24,32,48,64,128,256}.png moss-desktop.ico

# macOS: the .icns sizes png2icns knows (16 to 1024; 1024 is the Retina 512@2x).
png2icns moss-desktop.icns png/moss-desktop-{16,32,48,128,256,512,1024}.png >/dev/null
rm png/moss-desktop-1024.png # only the .icns needs it; Linux takes png/moss-desktop-512.png
