#!/usr/bin/env bash
# Regenerates docs/user-guide.md from docs/user-guide.template.md: each @@name@@ becomes the screen that
# `gloss snapshot` prints for the keys listed below, on the demo project (coder anouk, monochrome).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${GLOSS:-}" ]; then
  swift build --product gloss >/dev/null
  GLOSS=$(swift build --show-bin-path)/gloss
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
while IFS='|' read -r name size keys extra; do
  # shellcheck disable=SC2086
  "$GLOSS" snapshot Samples/demo --coder anouk --size "$size" --keys "$keys" $extra > "$out/$name.txt"
done <<'SCREENS'
normal|100x30|
wide|130x32|
figures|80x24|F
chats|100x30|gl
vline|100x30|j j j j V j
visual|100x30|j j j j v w w
picker|100x30|j j j j c bedreig
quote|100x30|]q
relation|100x30|]q a vader Enter
codeview|100x30|Tab j j Enter gq
help|100x30|?
small|40x12|
compare|120x30|] d|--compare bram
review|110x30||--review bram
casesheet|110x24|g c
SCREENS
python3 - "$out" <<'PY'
import re, sys
folder = sys.argv[1]
template = open("docs/user-guide.template.md", encoding="utf-8").read()
text = re.sub(r"@@(\w+)@@", lambda m: open(f"{folder}/{m.group(1)}.txt", encoding="utf-8").read().rstrip("\n"), template)
open("docs/user-guide.md", "w", encoding="utf-8").write(text)
PY
echo "docs/user-guide.md regenerated"
