import { describe, expect, it } from 'vitest';
import { staticMethodGuard } from '@/server/static-files';

describe('staticMethodGuard (the runner, before Next)', () => {
  it('lets GET and HEAD reach build files', () => {
    expect(staticMethodGuard('GET', '/_next/static/chunks/app.js')).toBeNull();
    expect(staticMethodGuard('HEAD', '/_next/static/chunks/app.js')).toBeNull();
  });

  it('refuses any other method on a build file with 405 and says what is allowed', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      expect(staticMethodGuard(method, '/_next/static/chunks/app.js?x=1')).toMatchObject({
        status: 405,
        headers: { allow: 'GET, HEAD' },
      });
    }
  });

  it('leaves pages, actions and the API to Next', () => {
    expect(staticMethodGuard('POST', '/login')).toBeNull();
    expect(staticMethodGuard('POST', '/api/login')).toBeNull();
    expect(staticMethodGuard('OPTIONS', '/_next/image?url=x')).toBeNull();
  });
});
