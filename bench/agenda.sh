#!/usr/bin/env bash
# Reproduces the agenda's performance figures on `spil demo --scale 2000`
# (a year of dense agendas for every principal, recurring series included):
# the time and memory to seed the demo, the side-by-side week view of an
# assistant with five principals, the slot finder for twenty people over
# three months (on the demo and on the planning package's own data), and the
# import of a 10,000-event .ics file.
#
#   bash bench/agenda.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE="${SCALE:-2000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

go build -o "$WORK/spil" ./cmd/spil
/usr/bin/time -f "demo --scale $SCALE: %e s, %M KB peak RSS" \
	env SPIL_DATA="$WORK/data" SPIL_DEMO_PASSWORD=bench-password-1 "$WORK/spil" demo --seed-only --scale "$SCALE" >/dev/null

go test -run XXX -bench 'WeekViewAssistant5Principals|FindSlotsDemo20People3Months' -benchtime 2s -count 5 ./internal/app
go test -run XXX -bench 'FindSlots20People3Months|Import10000' -benchtime 2s -count 5 ./internal/agenda
