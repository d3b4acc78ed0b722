#!/bin/bash
# The replica's start: on an empty volume, a base backup of the primary through its slot, written as a
# standby (-R: standby.signal and primary_conninfo); then PostgreSQL as a hot standby.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chmod 0700 "$PGDATA"
  PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup --host=db --username=replicator --pgdata="$PGDATA" \
    --wal-method=stream --slot=replica_1 --write-recovery-conf --no-password --progress
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on
