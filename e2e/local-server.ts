import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * An in-process HTTP server on 127.0.0.1 for a test's stand-in of an outside service, listening once this
 * resolves. A handler that throws answers 500 with the error's text, so the failing test shows why.
 */
export async function startLocalServer(
  port: number,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>,
) {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
