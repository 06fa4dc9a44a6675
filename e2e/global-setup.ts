import { startApp } from '../scripts/lib/app-server';
import { startMailCatcher } from '../tests/support/mail-catcher';
import { LIFTED_CLIENT_LIMITS } from '../tests/support/server';
import { E2E_MAIL_DIR, E2E_PORT, E2E_SMTP_PORT } from './mail';

/**
 * The suite's servers, started the one way tests start the app (scripts/lib/app-server.ts): a real SMTP server that
 * keeps every message for the specs to open, and the production build behind the production runner, as users get it
 * (npm test builds it first), on E2E_PORT.
 */
export default async function globalSetup() {
  const catcher = await startMailCatcher({ port: E2E_SMTP_PORT, dir: E2E_MAIL_DIR });
  const baseURL = `http://127.0.0.1:${E2E_PORT}`;
  const server = await startApp({
    name: 'e2e',
    port: E2E_PORT,
    env: {
      // One process (the default is one per core): Chromium needs the other core.
      WEB_CONCURRENCY: '1',
      SMTP_URL: catcher.url,
      APP_URL: baseURL,
      // WebAuthn takes no IP address as its relying party: e2e/passkeys.spec.ts browses this server as localhost.
      WEBAUTHN_RP_ID: 'localhost',
      WEBAUTHN_ORIGIN: `http://localhost:${E2E_PORT}`,
      MAIL_FROM: 'Profile Hub <no-reply@profile-hub.test>',
      OUTBOX_POLL_MS: '200',
      OUTBOX_RETRY_BASE_MS: '300',
      // Every test browses from 127.0.0.1: per-address limits lifted (tests/throttle/ checks them at their defaults).
      ...LIFTED_CLIENT_LIMITS,
    },
  });
  // The workers start after this and inherit it.
  process.env.E2E_SERVER_LOG = server.logFile;
  return async () => {
    await server.stop();
    await catcher.close();
  };
}
