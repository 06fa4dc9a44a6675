import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/lib/app-server';
import { send } from './http';

export type Nginx = { url: string; errorLog: () => string; stop: () => Promise<void> };

/** The project's sample config (docs/nginx.conf) with its upstream servers and its listen address replaced. */
export function sampleConfig(upstreams: string[], listen: string): string {
  const sample = readFileSync(path.resolve(import.meta.dirname, '../../docs/nginx.conf'), 'utf8');
  const servers = [...sample.matchAll(/^( *)server 127\.0\.0\.1:\d+( [^;\n]*)?;\n/gm)];
  const listens = [...sample.matchAll(/^( *)listen 80;$/gm)];
  if (servers.length === 0 || listens.length !== 1) throw new Error('docs/nginx.conf no longer has the expected shape');
  const [first] = servers;
  const lines = upstreams.map((address) => `${first![1]}server ${address}${first![2] ?? ''};\n`).join('');
  const start = first!.index;
  const last = servers.at(-1)!;
  const end = last.index + last[0].length;
  return (sample.slice(0, start) + lines + sample.slice(end)).replace(/^( *)listen 80;$/m, `$1listen ${listen};`);
}

/**
 * Debian's nginx with the sample config in front of `upstreams` (host:port each), on a free loopback port, from a
 * throwaway prefix; resolves once a request through it reaches an instance.
 */
export async function startNginx(upstreams: string[]): Promise<Nginx> {
  const prefix = mkdtempSync(path.join(tmpdir(), 'profile-hub-nginx-'));
  const port = await freePort();
  writeFileSync(path.join(prefix, 'profile-hub.conf'), sampleConfig(upstreams, `127.0.0.1:${port}`));
  writeFileSync(
    path.join(prefix, 'nginx.conf'),
    `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  include ${prefix}/profile-hub.conf;
}
`,
  );
  const nginx = spawn('/usr/sbin/nginx', ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: 'inherit',
  });
  const exited = once(nginx, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const errorLog = () => {
    try {
      return readFileSync(path.join(prefix, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  const stop = async () => {
    if (nginx.exitCode === null) nginx.kill('SIGQUIT');
    await exited;
    rmSync(prefix, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    const up = await send(`${url}/api/health`).catch(() => null);
    if (up?.status === 200) return { url, errorLog, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const log = errorLog();
  await stop();
  throw new Error(`nginx did not pass a request to the app in 10 s:\n${log}`);
}
