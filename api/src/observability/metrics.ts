import type { MikroORM } from '@mikro-orm/postgresql';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

import type { Replicas } from '../db/replicas';

/** The pool of knex (tarn) behind an ORM, as far as the metrics need it. */
interface Pool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

function poolOf(orm: MikroORM): Pool | undefined {
  return (orm.em.getConnection().getKnex().client as { pool?: Pool }).pool;
}

/** Prometheus metrics of one server: HTTP rate and latency, GraphQL errors by code, database pools. */
export class Metrics {
  readonly registry = new Registry();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly duration: Histogram<'method' | 'route' | 'status'>;
  readonly graphqlErrors: Counter<'code'>;
  readonly statements: Counter<'pool'>;
  readonly responseCache: Counter<'result'>;

  constructor(pools: Record<string, MikroORM>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'cdvn_' });
    this.requests = new Counter({
      name: 'cdvn_http_requests_total',
      help: 'HTTP requests by method, route and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'cdvn_http_request_duration_seconds',
      help: 'HTTP request latency.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.graphqlErrors = new Counter({
      name: 'cdvn_graphql_errors_total',
      help: 'Errors in GraphQL responses, by extensions.code.',
      labelNames: ['code'],
      registers: [this.registry],
    });
    this.statements = new Counter({
      name: 'cdvn_db_statements_total',
      help: 'SQL statements sent, by pool: divided by requests, what a request costs the database.',
      labelNames: ['pool'],
      registers: [this.registry],
    });
    this.responseCache = new Counter({
      name: 'cdvn_graphql_response_cache_total',
      help: 'Queries answered from the response cache (hit) or computed (miss).',
      labelNames: ['result'],
      registers: [this.registry],
    });
    for (const [name, orm] of Object.entries(pools)) {
      orm.em
        .getConnection()
        .getKnex()
        .on('query', () => this.statements.inc({ pool: name }));
    }
    new Gauge({
      name: 'cdvn_db_pool_connections',
      help: 'Database connections by pool and state (used, free, pending acquires).',
      labelNames: ['pool', 'state'],
      registers: [this.registry],
      collect() {
        for (const [name, orm] of Object.entries(pools)) {
          const pool = poolOf(orm);
          this.set({ pool: name, state: 'used' }, pool?.numUsed() ?? 0);
          this.set({ pool: name, state: 'free' }, pool?.numFree() ?? 0);
          this.set({ pool: name, state: 'pending' }, pool?.numPendingAcquires() ?? 0);
        }
      },
    });
  }

  /** Each read replica: whether it takes reads, and how far behind the primary it is. */
  watchReplicas(replicas: Replicas): void {
    const gauge = (name: string, help: string, value: (r: Replicas['replicas'][number]) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['replica'],
        registers: [this.registry],
        collect() {
          for (const replica of replicas.replicas) {
            this.set({ replica: replica.name }, value(replica));
          }
        },
      });
    gauge('cdvn_db_replica_up', 'Whether the read replica answers and takes reads (1) or not (0).', (r) =>
      r.up ? 1 : 0,
    );
    gauge(
      'cdvn_db_replica_lag_seconds',
      'Seconds since the oldest primary WAL position the replica has not replayed was read.',
      (r) => r.lagSeconds,
    );
    gauge('cdvn_db_replica_lag_bytes', 'WAL bytes the replica has not replayed.', (r) => Number(r.lagBytes));
  }
}
