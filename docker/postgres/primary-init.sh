#!/bin/bash
# Runs once, when the primary's data folder is created (docker-entrypoint-initdb.d): a role that may
# stream the WAL, its line in pg_hba.conf, and a physical slot so that the primary keeps the WAL the
# replica has not received.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$REPLICATION_PASSWORD" <<'SQL'
create role replicator with replication login password :'password';
select pg_create_physical_replication_slot('replica_1');
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
