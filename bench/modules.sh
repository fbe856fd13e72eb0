#!/usr/bin/env bash
# Reproduces the figures the meetings and cost-control issues ask for, on
# SQLite and (when SPIL_TEST_POSTGRES holds a server URL) on PostgreSQL:
#   room availability for 50 rooms over a week        (target < 5 ms)
#   1,000 action-item reminders processed             (target < 2 s)
#   UBL invoice import: parse, validate, check, store (target >= 500/s)
#   the budget of a year with 20,000 invoices         (target < 50 ms)
#   a SEPA batch of 10,000 payments                   (target < 1 s)
# Run it on an otherwise idle machine: the figures are wall-clock times.
#
#   bash bench/modules.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${COUNT:-3}"
go test -run XXX -bench 'AvailabilityWeek' -count "$COUNT" ./internal/rooms
go test -run XXX -bench 'Reminders1000' -count "$COUNT" ./internal/minutes
go test -run XXX -bench 'Import' -count "$COUNT" ./internal/invoices
go test -run XXX -bench 'Year20000' -count "$COUNT" ./internal/budget
go test -run XXX -bench 'BudgetPage' -count "$COUNT" ./internal/web
go test -run XXX -bench 'Batch10000' -benchtime 1x -count "$COUNT" ./internal/payments
