import { migrateDatabase } from '../db/migrate';
import { ensureDatabaseServer } from './lib/database-server';

const url = await ensureDatabaseServer();
await migrateDatabase(url);
console.log('Migrations applied.');
