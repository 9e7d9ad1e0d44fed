#!/usr/bin/env bash
# Starts Debian's PostgreSQL 15 (installing it where missing) and creates the test database.
# Prints the connection string on success.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null || ! pg_lsclusters -h 2>/dev/null | awk '$1==15 && $2=="main"' | grep -q .; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
fi
pg_lsclusters -h | awk '$1==15 && $2=="main"' | grep -q online || pg_ctlcluster 15 main start
for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
runuser -u postgres -- psql -qc "ALTER USER postgres PASSWORD 'postgres'" >/dev/null
runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname='verbund_test'" | grep -q 1 \
  || runuser -u postgres -- createdb verbund_test
echo "postgres://postgres:postgres@127.0.0.1:5432/verbund_test"
