import { describe, expect, it } from 'vitest';
import { methodLabel, routeLabeler } from '../../server/metrics';

describe('metric labels never carry what a client typed', () => {
  const label = routeLabeler({
    staticRoutes: [
      { page: '/', regex: '^/(?:/)?$' },
      { page: '/api/login', regex: '^/api/login(?:/)?$' },
    ],
    dynamicRoutes: [
      { page: '/u/[username]', regex: '^/u/([^/]+?)(?:/)?$' },
      { page: '/api/[...path]', regex: '^/api/(.+?)(?:/)?$' },
    ],
  });

  it('names a request by its route pattern, build files as "static", anything else as "other"', () => {
    expect(label('/')).toBe('/');
    expect(label('/api/login?next=/x')).toBe('/api/login');
    expect(label('/api/login/')).toBe('/api/login');
    expect(label('/u/grace')).toBe('/u/[username]');
    expect(label('/api/whatever-an-attacker-sends')).toBe('/api/[...path]');
    expect(label('/_next/static/chunks/abc.js')).toBe('static');
    expect(label('/wp-admin.php')).toBe('other');
  });

  it('keeps methods to the usual few', () => {
    expect(methodLabel('GET')).toBe('GET');
    expect(methodLabel('PROPFIND')).toBe('other');
    expect(methodLabel(undefined)).toBe('other');
  });
});
