import 'server-only';
import { config, ConfigError, configWarnings } from '../platform/config';
import { logger, quietClientMistakes } from '../platform/log';
import { RUNNER_REQUIRED_MESSAGE, underRunner } from '../platform/runner';

/** Server boot: refuses a bad environment (one log line, no stack), starts housekeeping; development also migrates. */
export async function startServer(): Promise<void> {
  try {
    if (process.env.NODE_ENV === 'production' && !underRunner()) throw new ConfigError(RUNNER_REQUIRED_MESSAGE);
    config();
  } catch (error) {
    if (error instanceof ConfigError) {
      logger().fatal(`Profile Hub cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  for (const warning of configWarnings()) logger().warn(`Profile Hub warning: ${warning}`);
  quietClientMistakes();
  const { startHousekeeping } = await import('./housekeeping');
  startHousekeeping();
  if (config().nodeEnv === 'development') {
    // Production applies migrations as a deploy step (npm run db:migrate), not on every boot.
    const { migrateDatabase } = await import('../../db/migrate');
    await migrateDatabase(config().databaseUrl);
  }
  const { startOutboxWorker } = await import('../email/worker');
  startOutboxWorker();
}
