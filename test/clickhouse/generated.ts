// A three-shard cluster for one test file whose ledger each shard generates itself (an INSERT … SELECT per shard),
// started before the file's tests and stopped after them. Apart from cluster.ts, which the cluster benchmark
// imports too, because it registers vitest hooks.
import { afterAll, beforeAll } from 'vitest';
import { createLedgerTables, DATABASE, startCluster, type Cluster } from './cluster.ts';

/** Starts the cluster before the file's tests (`generate(shard, shards)` fills each shard); the getter reads it. */
export function generatedCluster(generate: (shard: number, shards: number) => string): () => Cluster {
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    const c = await startCluster(3);
    cluster = c;
    await createLedgerTables(c);
    await Promise.all(c.shards.map((_, i) => c.query(generate(i, c.shards.length), i)));
  }, 300_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  return () => {
    if (!cluster) throw new Error('the cluster did not start');
    return cluster;
  };
}

/** The cluster's ledger table as a --source URL. */
export const ledgerUrl = (cluster: Pick<Cluster, 'httpPort'>) =>
  `clickhouse://127.0.0.1:${cluster.httpPort}/${DATABASE}.ledger`;
