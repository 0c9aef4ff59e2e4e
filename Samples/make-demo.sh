#!/usr/bin/env bash
# Rebuilds Samples/demo's project files from their sources, with the gloss command itself:
#   sources: Samples/codebooks/ckm.json, Samples/demo/chats/*.txt, Samples/demo/import/<coder>.csv
#   sources: Samples/demo/import/cases/vergelijkingsgroep.csv (case attributes and the comparison group)
#   outputs: Samples/demo/project.json, codebook.json, cases.csv, sessions/<coder>.json
# Coding ids and times are new on every run, so run it only when the sources change.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
cd "$repo"
if [ -z "${GLOSS:-}" ]; then
  swift build --product gloss >/dev/null
  GLOSS=$(swift build --show-bin-path)/gloss
fi
gloss=$GLOSS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$gloss" init "$work/demo" --codebook Samples/codebooks/ckm.json --name "CKM demo (synthetic chats)"
cat > "$work/demo/project.json" <<'JSON'
{
  "codebook" : "codebook.json",
  "figures" : [
    {
      "number" : 1,
      "title" : "Leeftijd",
      "variable" : "leeftijdsgroep"
    },
    {
      "number" : 2,
      "title" : "Duur van de uitbuiting",
      "variable" : "duur"
    },
    {
      "category" : "Dwangmiddel",
      "number" : 4,
      "title" : "Dwangmiddelen"
    },
    {
      "category" : "Pleger",
      "number" : 5,
      "title" : "Pleger"
    },
    {
      "category" : "Betrokkenheid sleutelfiguren in faciliteren van de uitbuiting",
      "number" : 6,
      "title" : "Sleutelfiguren die de uitbuiting faciliteren"
    }
  ],
  "name" : "CKM demo (synthetic chats)",
  "schema" : 1,
  "variables" : [
    {
      "name" : "geslacht",
      "type" : "category",
      "values" : [
        "meisje",
        "jongen"
      ]
    },
    {
      "name" : "leeftijd",
      "type" : "number"
    },
    {
      "bins" : [
        {
          "label" : "12 jaar of jonger",
          "up_to" : 12
        },
        {
          "label" : "13 tot 15",
          "up_to" : 15
        },
        {
          "label" : "16 tot 17",
          "up_to" : 17
        },
        {
          "label" : "18 jaar of ouder"
        }
      ],
      "from" : "leeftijd",
      "name" : "leeftijdsgroep"
    },
    {
      "name" : "duur",
      "type" : "ordinal",
      "values" : [
        "Korter dan 7 dagen",
        "1 tot 4 weken",
        "1 tot 6 maanden",
        "6 tot 12 maanden",
        "1 tot 2 jaar",
        "2 tot 5 jaar",
        "5 tot 10 jaar",
        "10 jaar of langer",
        "Meerdere jaren"
      ]
    },
    {
      "name" : "acuut",
      "type" : "category",
      "values" : [
        "ja",
        "nee"
      ]
    },
    {
      "name" : "groep",
      "type" : "category",
      "values" : [
        "ouder",
        "ander"
      ]
    }
  ]
}
JSON
"$gloss" import "$work/demo" Samples/demo/chats/*.txt
for csv in Samples/demo/import/*.csv; do
  "$gloss" codings import "$work/demo" --coder "$(basename "$csv" .csv)" "$csv"
done
# The case attributes: transcript headers (in chats/), plus each chat's group and a comparison group of
# attribute-only cases (no transcript), imported once.
"$gloss" cases import "$work/demo" Samples/demo/import/cases/vergelijkingsgroep.csv --add-cases
"$gloss" validate "$work/demo"

mkdir -p Samples/demo/sessions
cp "$work/demo/project.json" "$work/demo/codebook.json" "$work/demo/cases.csv" Samples/demo/
for session in "$work"/demo/sessions/*.json; do
  # The journal mark belongs to the machine that made the file; a fresh copy starts its own journal.
  python3 - "$session" "Samples/demo/sessions/$(basename "$session")" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r'\n  "journal" : \{[^}]*\},', "", text, count=1)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
done
echo "Samples/demo rebuilt."
