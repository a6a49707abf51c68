#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every bundled lesson as a lecturer would, in presentation mode, start to end, at 1024x700 and
# 1920x1080 under Xvfb, and saves a contact sheet of what the class saw per lesson and size:
#   scripts/lesson-walk.sh [OUT] [LESSON...]      (default OUT: lesson-walk/, all lessons)
#   LANGUAGE=zh_CN scripts/lesson-walk.sh ...    (the window and the lessons in Chinese)
# OUT/NAME-WxH.png is the sheet (the run's first seconds, four epochs, each Explore tab, the Train
# tab at the end); OUT/NAME-WxH-NN.png are the screenshots. About 25 minutes for all on 2 cores.
# Needs a build (scripts/build.sh) and xvfb-run (scripts/setup.sh installs it).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
walk=$build/tests/lesson_walk
out=${1:-lesson-walk}
[ $# -gt 0 ] && shift
[ -x "$walk" ] || { echo "lesson-walk: $walk is missing: build first (scripts/build.sh)" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "lesson-walk: xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 2; }
if [ $# -gt 0 ]; then lessons="$*"; else lessons=$(ls "$root"/resources/lessons/*.json); fi
mkdir -p "$out"
status=0
for lesson in $lessons; do
  [ -f "$lesson" ] || lesson=$root/resources/lessons/$lesson.json
  # A bundled lesson from the build's copy, as the Lessons menu opens it: its "Next lesson" button
  # then finds the next one.
  bundled=$build/share/latentlab/lessons/$(basename "$lesson")
  case "$lesson" in "$root"/resources/lessons/*) [ -f "$bundled" ] && lesson=$bundled ;; esac
  for size in 1024x700 1920x1080; do
    # One X server per run, as big as the window: presentation mode fills the screen.
    xvfb-run -a -s "-screen 0 ${size}x24" "$walk" --lesson "$lesson" --size "$size" --out "$out" --language "${LANGUAGE:-en}" || status=1
  done
done
echo "lesson-walk: contact sheets in $out/ (one per lesson and size)"
exit $status
