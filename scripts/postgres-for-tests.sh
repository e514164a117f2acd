#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster and makes a throwaway database for the server's
# PostgreSQL test suite. Prints the connection URL for KOE_TEST_DATABASE_URL.
set -euo pipefail
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; fi; }

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q online; then
  pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main >&2
  # Its notices (e.g. "Removed stale pid file.") go to stderr: stdout is only the URL.
  pg_ctlcluster "$version" main start >&2
fi
# createdb: each test server makes a database of its own, so test files can run in parallel.
as_postgres psql -q -c "do \$\$ begin create role koe_test login createdb password 'koe_test'; exception when duplicate_object then null; end \$\$;" >/dev/null
as_postgres psql -q -c "alter role koe_test createdb" >/dev/null
as_postgres psql -q -tc "select 1 from pg_database where datname = 'koe_test'" | grep -q 1 ||
  as_postgres createdb -O koe_test koe_test
port=$(pg_lsclusters -h | awk '/online/ {print $3; exit}')
echo "postgres://koe_test:koe_test@127.0.0.1:${port}/koe_test"
