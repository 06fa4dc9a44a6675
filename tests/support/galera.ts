import mysql from 'mysql2/promise';
import { LocalMariaDb } from '../../scripts/lib/local-mariadb';

export const GALERA_PROVIDER = '/usr/lib/galera/libgalera_smm.so';

/**
 * A MariaDB Galera cluster on loopback: node i listens for SQL on
 * sqlPorts[i] and for group communication, IST and SST on ports of its own.
 * State transfer uses mariabackup (rsync fails when run as root).
 */
export class GaleraCluster {
  readonly nodes: LocalMariaDb[];

  constructor(sqlPorts: number[], replicationBase: number) {
    const gcomm = sqlPorts.map((_, i) => `127.0.0.1:${replicationBase + i}`).join(',');
    this.nodes = sqlPorts.map((port, i) => {
      const group = replicationBase + i;
      return new LocalMariaDb(port, [
        '--wsrep-on=ON',
        `--wsrep-provider=${GALERA_PROVIDER}`,
        `--wsrep-cluster-address=gcomm://${gcomm}`,
        '--wsrep-cluster-name=profile_hub_test',
        `--wsrep-node-name=node${i + 1}`,
        `--wsrep-node-address=127.0.0.1:${group}`,
        `--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${group};ist.recv_addr=127.0.0.1:${group + 10};gcache.size=32M`,
        `--wsrep-sst-receive-address=127.0.0.1:${group + 5}`,
        '--wsrep-sst-method=mariabackup',
        '--wsrep-sst-auth=root:',
        '--binlog-format=ROW',
        '--default-storage-engine=InnoDB',
        '--innodb-autoinc-lock-mode=2',
      ]);
    });
  }

  /** The first node bootstraps a new cluster; the others join it one by one (each by a state transfer). */
  async start() {
    for (const node of this.nodes) node.install();
    await this.nodes[0]!.start(60_000, ['--wsrep-new-cluster']);
    await synced(this.nodes[0]!);
    for (const node of this.nodes.slice(1)) {
      await node.start(120_000);
      await synced(node);
    }
  }

  async size(): Promise<number> {
    const connection = await mysql.createConnection({ host: '127.0.0.1', port: this.nodes[0]!.port, user: 'root' });
    try {
      const [rows] = (await connection.query("SHOW STATUS LIKE 'wsrep_cluster_size'")) as unknown as [
        { Value: string }[],
      ];
      return Number(rows[0]?.Value);
    } finally {
      await connection.end();
    }
  }

  async destroy() {
    for (const node of [...this.nodes].reverse()) await node.destroy();
  }
}

async function synced(node: LocalMariaDb, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const connection = await mysql.createConnection({
        host: '127.0.0.1',
        port: node.port,
        user: 'root',
        connectTimeout: 1000,
      });
      try {
        const [rows] = (await connection.query("SHOW STATUS LIKE 'wsrep_local_state_comment'")) as unknown as [
          { Value: string }[],
        ];
        if (rows[0]?.Value === 'Synced') return;
      } finally {
        await connection.end();
      }
    } catch {
      // not accepting connections yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`Galera node on port ${node.port} did not reach Synced:\n${node.log.slice(-3000)}`);
}
