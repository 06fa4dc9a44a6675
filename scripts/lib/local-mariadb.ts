import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';

const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];

/** A throwaway mariadbd of the test's own: data dir under the temp dir, its own port, stopped or hung at will. */
export class LocalMariaDb {
  private child?: ChildProcess;
  readonly dataDir: string;
  log = '';

  constructor(
    readonly port: number,
    private readonly extraArgs: string[] = [],
    dataDir?: string,
  ) {
    this.dataDir = dataDir ?? mkdtempSync(path.join(tmpdir(), 'profile-hub-mariadb-'));
  }

  get url() {
    return `mysql://root@127.0.0.1:${this.port}/profile_hub`;
  }

  get pid() {
    return this.child?.pid;
  }

  install() {
    const result = spawnSync(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${path.join(this.dataDir, 'data')}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        ...asRoot,
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`mariadb-install-db failed: ${result.stderr || result.stdout}`);
  }

  async start(timeoutMs = 30_000, onceArgs: string[] = []) {
    this.child = spawn(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${path.join(this.dataDir, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${path.join(this.dataDir, 'mysqld.sock')}`,
        `--pid-file=${path.join(this.dataDir, 'mysqld.pid')}`,
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        ...this.extraArgs,
        ...onceArgs,
        ...asRoot,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child.stdout!.on('data', (chunk) => (this.log += chunk));
    this.child.stderr!.on('data', (chunk) => (this.log += chunk));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await this.answers()) return;
      if (this.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`mariadbd on port ${this.port} did not start:\n${this.log.slice(-2000)}`);
  }

  async answers(): Promise<boolean> {
    try {
      const connection = await mysql.createConnection({
        host: '127.0.0.1',
        port: this.port,
        user: 'root',
        connectTimeout: 1000,
      });
      await connection.end();
      return true;
    } catch {
      return false;
    }
  }

  /** SIGTERM: a normal shutdown; resolves when the process has exited. */
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  hang() {
    this.child?.kill('SIGSTOP');
  }

  resume() {
    this.child?.kill('SIGCONT');
  }

  async destroy() {
    if (this.child && this.child.exitCode === null) {
      this.child.kill('SIGCONT');
      await this.stop();
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
