import { spawn } from 'node:child_process';
import { migrateDatabase } from '../db/migrate';
import { ensureDatabaseServer } from './lib/database-server';
import { ensureDevSecret } from './lib/dev-secret';

const databaseUrl = await ensureDatabaseServer().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
const jwtSecret = ensureDevSecret();
await migrateDatabase(databaseUrl);
console.log(`Database ready: ${databaseUrl.replace(/\/\/[^@]*@/, '//')}`);

const child = spawn('npx', ['next', 'dev', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret },
});
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
