#!/bin/sh
# Scores the article extractor on the extraction benchmark's development pages, next to readability4j in the
# same run:  deploy/eval/extraction-eval.sh [DATA_DIR]
#   DATA_DIR  holds html/*.html.gz and ground-truth.json (default: ../shared/data/extraction-dev beside the repository)
#   AEB_EVAL  the scorer (default: ../shared/tools/aeb-eval.py beside the repository)
#   READABILITY_JS=1  also score Readability.js (deploy/eval/readability-js: Mozilla's, on linkedom; needs node and
#             npm; installs the locked versions into deploy/target/readability-js) and print its speed
# Writes the predictions and a per-page table to deploy/target/extraction-eval/ and prints F1, precision and recall
# of both. The pages are for evaluation only: nothing here copies them into the repository.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-$root/../shared/data/extraction-dev}
scorer=${AEB_EVAL:-$root/../shared/tools/aeb-eval.py}
out=$root/deploy/target/extraction-eval

for needed in "$data/ground-truth.json" "$data/html" "$scorer"; do
  if [ ! -e "$needed" ]; then
    echo "extraction-eval: $needed is missing; give the data folder as argument, or AEB_EVAL=path/to/aeb-eval.py" >&2
    exit 2
  fi
done
mkdir -p "$out"

# Ours through the command people use; its "input" (the file) becomes the scorer's "id".
"$root/newsflow" extract "$data"/html/*.html.gz > "$out/extract.jsonl"
python3 - "$out/extract.jsonl" "$out/newsflow.jsonl" <<'PY'
import json, os, sys
with open(sys.argv[1], encoding="utf-8") as lines, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in lines:
        page = json.loads(line)
        name = os.path.basename(page["input"])
        item = name[:-len(".html.gz")] if name.endswith(".html.gz") else name
        out.write(json.dumps({"id": item, "text": page.get("text") or ""}, ensure_ascii=False) + "\n")
PY

# readability4j on the same pages, in the same run.
"$root/newsflow" bench extraction --engine readability4j "$data/html" > "$out/readability4j.jsonl"

set -- "$out/newsflow.jsonl" "$out/readability4j.jsonl"
if [ "${READABILITY_JS:-0}" = 1 ]; then
  js=$root/deploy/target/readability-js
  mkdir -p "$js"
  cp "$root/deploy/eval/readability-js/package.json" "$root/deploy/eval/readability-js/package-lock.json" \
    "$root/deploy/eval/readability-js/extract.mjs" "$js/"
  (cd "$js" && npm ci --no-audit --no-fund --silent)
  node "$js/extract.mjs" "$data/html" > "$out/readability-js.jsonl"
  set -- "$@" "$out/readability-js.jsonl"
fi

python3 "$scorer" "$data/ground-truth.json" "$@" --per-item "$out/per-item.tsv"
echo "per page: $out/per-item.tsv" >&2
