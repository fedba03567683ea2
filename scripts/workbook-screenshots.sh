#!/usr/bin/env bash
# Renders the demo ledger the way a person opens it — LibreOffice headless → PDF → pdftoppm PNG — and keeps
# the first page of a ledger tab and of each system tab in templates/screenshots/workbook-*.png.
# Needs soffice and poppler-utils (apt-get install libreoffice-calc-nogui poppler-utils); run `npm start` first.
set -euo pipefail
cd "$(dirname "$0")/.."
book="${1:-data/demo-ledger.xlsx}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$book" "$work/ledger.xlsx"
(cd "$work" && timeout 300 soffice --headless --convert-to pdf ledger.xlsx >/dev/null 2>&1)
pages="$(pdfinfo "$work/ledger.pdf" | awk '/^Pages:/ {print $2}')"
# A page's first line (layout mode) is its tab's header row, repeated on every printed page.
declare -A want=(
  ["项目编号 项目名称"]=ledger ["单位名称 项目编号 单元格"]=check-results ["月份 单位名称 考核组别"]=ranking
  ["月份 单位名称 指标名称"]=score-detail ["月份 单位名称 项目编号 项目名称 预警类型"]=warnings ["截止时间 单位名称"]=weekly
  ["记录时间 单位名称"]=changes ["月份 报告 收件人"]=send-log ["运行ID 任务"]=run-log
)
declare -A seen=()
for ((p = 1; p <= pages; p++)); do
  head="$(pdftotext -layout -f "$p" -l "$p" "$work/ledger.pdf" - 2>/dev/null | grep -v '^\s*$' | head -2 | tr '\n' ' ' | tr -s ' ' | sed 's/^ //' || true)"
  for key in "${!want[@]}"; do
    name="${want[$key]}"
    [[ -z "${seen[$name]:-}" && "$head" == *"$key"* ]] || continue
    pdftoppm -r 70 -png -singlefile -f "$p" -l "$p" "$work/ledger.pdf" "templates/screenshots/workbook-$name"
    seen[$name]=1
    echo "workbook-$name.png  (page $p)"
  done
done
