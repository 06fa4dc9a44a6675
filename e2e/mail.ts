import path from 'node:path';

/** Where Playwright's mail catcher (see playwright.config.ts) keeps what the app sends; shared by config and specs. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3220);
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? E2E_PORT + 5);
export const E2E_MAIL_DIR = path.resolve('test-results', `e2e-mail-${E2E_PORT}`);
/** Everything the suite's server prints (e2e/fixtures.ts attaches its tail to a failing test). */
export const E2E_SERVER_LOG = path.resolve('test-results', 'server-logs', `e2e-${E2E_PORT}.log`);
