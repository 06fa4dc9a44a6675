/**
 * The production build behind a plain Node http server, as the production
 * runner serves it: every request wrapped in withOutageStatus, so a page
 * that failed on a database outage answers 503. Tests start it with tsx.
 */
import { createServer } from 'node:http';
import next from 'next';
import { requestIdFrom } from '../../lib/log';
import { withOutageStatus } from '../../lib/outage';

const port = Number(process.env.PORT);
const hostname = '127.0.0.1';
const app = next({ dev: false, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();
createServer((request, response) =>
  withOutageStatus(request, response, () => handle(request, response), requestIdFrom(request.headers)),
).listen(port, hostname);
