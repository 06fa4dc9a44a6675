import path from 'node:path';
import { freePort } from '../scripts/lib/app-server';

/*
 * The suite's ports and mail folder, shared by playwright.config.ts, e2e/global-setup.ts and the specs. The OS picks
 * the ports unless E2E_PORT / E2E_SMTP_PORT say otherwise; the first load (Playwright's main process) writes them to
 * the environment, so the workers it starts load the same ones.
 */
process.env.E2E_PORT ||= String(await freePort());
process.env.E2E_SMTP_PORT ||= String(await freePort());
export const E2E_PORT = Number(process.env.E2E_PORT);
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT);
/** Where the suite's mail catcher keeps what the app sends. */
export const E2E_MAIL_DIR = path.resolve('test-results', `e2e-mail-${E2E_PORT}`);
/** The suite's server log (set by e2e/global-setup.ts; e2e/fixtures.ts attaches its tail to a failing test). */
export const e2eServerLog = () => process.env.E2E_SERVER_LOG ?? '';
