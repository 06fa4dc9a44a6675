import http from 'node:http';

export type Answer<T = Record<string, unknown>> = { status: number; headers: http.IncomingHttpHeaders; body: T };

/**
 * One HTTP request sent from a chosen loopback address (any of 127.0.0.0/8 on
 * Linux): the server sees it as a different client at the socket, whatever
 * X-Forwarded-For handling is in front. fetch() cannot bind a local address.
 */
export function requestFrom<T = Record<string, unknown>>(
  localAddress: string,
  url: string,
  options: { method?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: options.method ?? (body ? 'POST' : 'GET'),
        localAddress,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(options.headers ?? {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = text;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: parsed as T });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
