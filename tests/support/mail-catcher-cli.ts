/** The mail catcher as a process of its own, for Playwright's webServer list. */
import { startMailCatcher } from './mail-catcher';

const catcher = await startMailCatcher({
  port: Number(process.env.MAIL_CATCHER_PORT),
  dir: process.env.MAIL_CATCHER_DIR!,
});
console.log(`[mail-catcher] listening on ${catcher.url}, writing to ${process.env.MAIL_CATCHER_DIR}`);
const stop = () => void catcher.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
