import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { api } from './support/api';

type Document = { openapi: string; paths: Record<string, Record<string, unknown>> };

/** Every app/api route.ts as its OpenAPI path and the methods it really handles. */
function routeFiles(dir = path.join(process.cwd(), 'app', 'api')): { path: string; methods: string[] }[] {
  const found: { path: string; methods: string[] }[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...routeFiles(full));
    else if (entry === 'route.ts') {
      const relative = path.relative(path.join(process.cwd(), 'app'), dir).split(path.sep);
      const source = readFileSync(full, 'utf8');
      const methods = [...source.matchAll(/^\s{2}(GET|POST|DELETE|PUT|PATCH): /gm)].map((m) => m[1]!.toLowerCase());
      found.push({ path: `/${relative.map((part) => part.replace(/^\[(\w+)\]$/, '{$1}')).join('/')}`, methods });
    }
  }
  return found;
}

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const response = await api<Document>('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(response.body) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('documents every route handler in app/api with the methods it handles', async () => {
    const { body } = await api<Document>('/api/openapi.json');
    const routes = routeFiles().filter((route) => !route.path.includes('[...') && !route.path.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThanOrEqual(17);
    for (const route of routes) {
      expect(body.paths, `${route.path} is missing`).toHaveProperty([route.path]);
      for (const method of route.methods) expect(body.paths[route.path], `${method} ${route.path}`).toHaveProperty([method]);
    }
    // The alias re-exports the sign-up handler; it is documented all the same.
    expect(body.paths['/api/intra-in-cont']).toHaveProperty('post');
  });

  it('describes request bodies from the validation schemas', async () => {
    const { body } = await api<Document>('/api/openapi.json');
    const signUp = body.paths['/api/creare-cont']!.post as { requestBody: { content: { 'application/json': { schema: { required: string[]; properties: Record<string, { pattern?: string }> } } } } };
    const schema = signUp.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['email', 'password', 'firstName', 'lastName', 'username']));
    expect(schema.properties.username?.pattern).toBe('^[A-Za-z0-9][A-Za-z0-9_.-]*$');
  });
});

describe('GET /api/docs', () => {
  it('serves a reference page rendered by Swagger UI from the generated document', async () => {
    const page = await api('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('/api/docs/swagger-ui-bundle.js');
    const bundle = await api('/api/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.text.length).toBeGreaterThan(100_000);
    const init = await api('/api/docs/init.js');
    expect(init.text).toContain('/api/openapi.json');
  });

  it('serves no other file', async () => {
    for (const name of ['package.json', '..%2F..%2Fpackage.json', 'index.html']) {
      const response = await api(`/api/docs/${name}`);
      expect(response.status).toBe(404);
    }
  });
});
