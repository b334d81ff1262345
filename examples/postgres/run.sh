#!/usr/bin/env bash
# Runs the PostgreSQL example against a throwaway server on 127.0.0.1: installs Debian's postgresql when
# it is missing (root), starts the default cluster, creates a role and a database, runs index.mjs, stops
# the server. Needs the package built (npm run build) first.
set -euo pipefail
cd "$(dirname "$0")"
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then pg_createcluster "$version" main >/dev/null; fi
pg_ctlcluster "$version" main start || true
trap 'pg_ctlcluster "$version" main stop || true' EXIT
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DROP DATABASE IF EXISTS patronage_example;
DROP ROLE IF EXISTS patronage_example;
CREATE ROLE patronage_example LOGIN PASSWORD 'patronage_example';
CREATE DATABASE patronage_example OWNER patronage_example;
SQL
npm ci --no-audit --no-fund >/dev/null
PGHOST=127.0.0.1 PGPORT=5432 PGUSER=patronage_example PGPASSWORD=patronage_example PGDATABASE=patronage_example \
  node index.mjs
