#!/usr/bin/env bash
# The whole suite (npm test), twice in a row, while a CPU hog keeps every core busy. A test that
# passes only on an idle machine is waiting on time instead of on a condition; this finds it.
#
#   scripts/test-under-load.sh            # two runs
#   RUNS=3 scripts/test-under-load.sh     # more
#
# The hog is Debian's stress-ng (.ci/run installs it), or a shell busy loop per core without it.
# Each run's reports are kept in reports-under-load/run-N/. Exits non-zero if any run failed.
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${RUNS:-2}"
cores="$(nproc)"
hog_pids=()

stop_hog() {
  for pid in "${hog_pids[@]}"; do
    # Each hog leads its own process group (setsid), so its workers go with it.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${hog_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  hog_pids=()
}
trap stop_hog EXIT
trap 'exit 130' INT TERM

if command -v stress-ng >/dev/null 2>&1; then
  setsid stress-ng --cpu "$cores" --cpu-method all --quiet --timeout 0 &
  hog_pids+=("$!")
  echo "load: stress-ng --cpu $cores (pid ${hog_pids[0]})"
else
  for _ in $(seq "$cores"); do
    setsid bash -c 'while :; do :; done' &
    hog_pids+=("$!")
  done
  echo "load: stress-ng not found; $cores shell busy loops (pids ${hog_pids[*]})"
fi

# The hog must really be running before the suite starts, or the first run proves nothing.
for pid in "${hog_pids[@]}"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the CPU hog (pid $pid) is not running"
    exit 1
  fi
done

rm -rf reports-under-load
mkdir -p reports-under-load
failures=0
summaries=()
for run in $(seq "$runs"); do
  echo
  echo "=== run $run of $runs under load (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  npm test
  status=$?
  cp -r reports "reports-under-load/run-$run" 2>/dev/null || true
  summary="$(node scripts/summarize-reports.mjs reports | tail -n 1)"
  summaries+=("run $run: $summary (exit $status)")
  [ "$status" -eq 0 ] || failures=$((failures + 1))
done

stop_hog
echo
printf '%s\n' "${summaries[@]}"
echo "$((runs - failures)) of $runs runs passed under load"
[ "$failures" -eq 0 ]
