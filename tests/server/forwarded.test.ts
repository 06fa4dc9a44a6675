import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseTrustProxy, rewriteForwardedHeaders } from '@/server/forwarded';

function fakeRequest(peer: string, headers: Record<string, string>): IncomingMessage {
  const socket = { remoteAddress: peer };
  return { socket, connection: socket, headers: { ...headers } } as unknown as IncomingMessage;
}

const forged = {
  'x-forwarded-for': '203.0.113.9, 10.0.0.2',
  'x-real-ip': '203.0.113.9',
  'x-forwarded-host': 'evil.test',
  'x-forwarded-proto': 'https',
};

describe('forwarded headers', () => {
  it('trusts nobody by default: the socket is the client, proxy headers are dropped', () => {
    const request = fakeRequest('::ffff:192.0.2.4', forged);
    expect(rewriteForwardedHeaders(request, parseTrustProxy(undefined))).toBe('192.0.2.4');
    expect(request.headers).toEqual({ 'x-forwarded-for': '192.0.2.4', 'x-real-ip': '192.0.2.4' });
  });

  it('with a hop count, takes the address that many hops back', () => {
    const one = fakeRequest('10.0.0.1', forged);
    expect(rewriteForwardedHeaders(one, parseTrustProxy('1'))).toBe('10.0.0.2');
    expect(one.headers['x-forwarded-host']).toBe('evil.test');
    expect(rewriteForwardedHeaders(fakeRequest('10.0.0.1', forged), parseTrustProxy('2'))).toBe('203.0.113.9');
  });

  it('with a list of proxies/CIDRs, takes the right-most address not in it', () => {
    expect(rewriteForwardedHeaders(fakeRequest('10.0.0.1', forged), parseTrustProxy('10.0.0.0/8'))).toBe('203.0.113.9');
    expect(rewriteForwardedHeaders(fakeRequest('10.0.0.1', forged), parseTrustProxy('10.0.0.1'))).toBe('10.0.0.2');
    // A peer outside the list is the client, whatever it forwards.
    const direct = fakeRequest('198.51.100.1', forged);
    expect(rewriteForwardedHeaders(direct, parseTrustProxy('10.0.0.0/8, loopback'))).toBe('198.51.100.1');
    expect(direct.headers['x-forwarded-proto']).toBeUndefined();
  });

  it('behind a TLS proxy it was not told to trust: https when APP_URL is https, and the proxy is named once', () => {
    const seen: string[] = [];
    const options = { publicHttps: true, onUntrustedProxy: (peer: string) => seen.push(peer) };
    const request = fakeRequest('::ffff:127.0.0.1', { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'http' });
    expect(rewriteForwardedHeaders(request, parseTrustProxy(undefined), options)).toBe('127.0.0.1');
    expect(request.headers['x-forwarded-proto']).toBe('https');
    expect(seen).toEqual(['127.0.0.1']);
    // A public peer is a client, not a proxy: no warning; without an https APP_URL nothing claims https.
    const direct = fakeRequest('198.51.100.1', { 'x-forwarded-for': '203.0.113.9' });
    rewriteForwardedHeaders(direct, parseTrustProxy(undefined), { onUntrustedProxy: (peer) => seen.push(peer) });
    expect(direct.headers['x-forwarded-proto']).toBeUndefined();
    expect(seen).toEqual(['127.0.0.1']);
  });

  it('refuses a TRUST_PROXY it cannot read', () => {
    expect(() => parseTrustProxy('not-an-address')).toThrow(/TRUST_PROXY/);
    expect(parseTrustProxy('false')('127.0.0.1', 0)).toBe(false);
  });
});
