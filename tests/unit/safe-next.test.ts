import { describe, expect, it } from 'vitest';
import { safeNextPath } from '@/lib/http/safe-next';

describe('safeNextPath', () => {
  it.each([
    ['/settings', '/settings'],
    ['/profile', '/profile'],
    ['/settings?tab=sessions#current', '/settings?tab=sessions#current'],
    ['/profile/edit', '/profile/edit'],
    // Encoded slashes and backslashes stay encoded: a browser reads them as one path segment of this app.
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/%5Cevil.example', '/%5Cevil.example'],
    ['/a/../settings', '/settings'],
  ])('keeps the same-app path %j as %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['null', null],
    ['undefined', undefined],
    ['relative path', 'settings'],
    ['absolute URL', 'https://evil.example/'],
    ['scheme-relative URL', '//evil.example/profile'],
    ['javascript: URL', 'javascript:alert(1)'],
    ['backslash host', '/\\evil.example'],
    ['double backslash', '\\\\evil.example'],
    ['backslash later in the path', '/profile\\..\\x'],
    ['tab that the URL parser would drop', '/\t/evil.example'],
    ['newline', '/\n/evil.example'],
    ['carriage return', '/profile\r\nSet-Cookie: x=1'],
    ['NUL', '/profile\u0000'],
    ['DEL', '/profile\u007F'],
    ['dot segment that leaves //host', '/..//evil.example'],
    ['single dot segment that leaves //host', '/.//evil.example'],
    ['percent-encoded dot segment that leaves //host', '/%2e%2e//evil.example'],
    ['nested dot segment that leaves //host', '/a/..//evil.example/x'],
    ['leading space', ' /profile'],
  ])('refuses %s', (_label, next) => {
    expect(safeNextPath(next)).toBe('/profile');
  });

  it('falls back to the given path', () => {
    expect(safeNextPath('//evil.example', '/settings')).toBe('/settings');
    expect(safeNextPath('/settings', '/elsewhere')).toBe('/settings');
  });

  it('refuses a value that is not a string', () => {
    expect(safeNextPath(['/settings'] as unknown as string)).toBe('/profile');
  });
});
