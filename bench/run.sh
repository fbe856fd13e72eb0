#!/usr/bin/env bash
# Reproduces the foundation's performance figures on `spil demo --scale 2000`:
# start time to the first 200 on /healthz, requests per second and latency of
# the dashboard and /api/v1/me at a steady 200 requests/s from a separate
# process on loopback, and the server's peak memory (RSS).
#
#   bash bench/run.sh            # SQLite (default)
#   SPIL_DATABASE_URL=postgres://… bash bench/run.sh   # an EMPTY PostgreSQL database
set -euo pipefail
cd "$(dirname "$0")/.."
RATE="${RATE:-200}"
DURATION="${DURATION:-20s}"
SCALE="${SCALE:-2000}"
ADDR="127.0.0.1:${PORT:-18080}"
WORK="$(mktemp -d)"
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
export SPIL_DEMO_PASSWORD="bench-password-1"
export SPIL_DATA="$WORK/data"

go build -o "$WORK/spil" ./cmd/spil
go build -o "$WORK/load" ./bench/load
"$WORK/spil" demo --seed-only --scale "$SCALE" >/dev/null

start_ns=$(date +%s%N)
"$WORK/spil" serve --addr "$ADDR" >/dev/null 2>"$WORK/serve.log" &
PID=$!
until curl -fs "http://$ADDR/healthz" >/dev/null 2>&1; do sleep 0.005; done
ready_ns=$(date +%s%N)
echo "start to first 200 on /healthz: $(( (ready_ns - start_ns) / 1000000 )) ms"
echo "RSS after start: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$PID/status)"

curl -fs -c "$WORK/cookies" -o /dev/null -d "email=office@demo.example&password=$SPIL_DEMO_PASSWORD" "http://$ADDR/login"
SESSION=$(awk '$6 == "spil_session" {print $7}' "$WORK/cookies")
TOKEN=$("$WORK/spil" token create --email office@demo.example --name bench 2>/dev/null)

"$WORK/load" -name dashboard -rate "$RATE" -duration "$DURATION" -H "Cookie: spil_session=$SESSION" "http://$ADDR/"
"$WORK/load" -name api/v1/me -rate "$RATE" -duration "$DURATION" -H "Authorization: Bearer $TOKEN" "http://$ADDR/api/v1/me"
echo "peak RSS (VmHWM) under load: $(awk '/VmHWM/ {print $2/1024 " MB"}' /proc/$PID/status)"

kill -TERM "$PID"
wait "$PID" && echo "graceful shutdown: exit status 0"
