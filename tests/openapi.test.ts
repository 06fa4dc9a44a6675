import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { METHODS, type DeclaredHandler } from '@/lib/http/route';
import { api } from './support/api';

type Document = { openapi: string; paths: Record<string, Record<string, unknown>> };

/** Every directory under app/api that holds a route.ts, as its OpenAPI path and its file. */
function routeDirectories(dir = path.join(process.cwd(), 'app', 'api')): { path: string; file: string }[] {
  const found: { path: string; file: string }[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...routeDirectories(full));
    else if (entry === 'route.ts') {
      const relative = path.relative(path.join(process.cwd(), 'app'), dir).split(path.sep);
      found.push({ path: `/${relative.map((part) => part.replace(/^\[(\w+)\]$/, '{$1}')).join('/')}`, file: full });
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

  it('documents every route directory in app/api, each method as its handler declares it', async () => {
    const { body } = await api<Document>('/api/openapi.json');
    // The catch-all answers 404 for unknown paths; it is no endpoint.
    const routes = routeDirectories().filter((route) => !route.path.includes('[...'));
    expect(routes.length).toBeGreaterThanOrEqual(19);
    for (const route of routes) {
      expect(body.paths, `${route.path} is not in the document`).toHaveProperty([route.path]);
      const handlers = (await import(pathToFileURL(route.file).href)) as Record<string, DeclaredHandler>;
      for (const method of METHODS) {
        const declaration = handlers[method]?.declaration;
        const documented = body.paths[route.path]![method.toLowerCase()] as { summary?: string } | undefined;
        if (declaration) expect(documented, `${method} ${route.path}`).toBeDefined();
        else expect(documented, `${method} ${route.path} is documented but not handled`).toBeUndefined();
      }
    }
    expect(body.paths['/api/intra-in-cont']).toHaveProperty('post');
  });

  it('takes auth, body schema and extra errors from the declarations', async () => {
    const { body } = await api<Document>('/api/openapi.json');
    type Operation = { security: unknown[]; requestBody?: unknown; responses: Record<string, unknown> };
    const changePassword = body.paths['/api/changePassword']!.post as Operation;
    expect(changePassword.security).not.toEqual([]);
    expect(changePassword.requestBody).toBeDefined();
    expect(changePassword.responses).toHaveProperty(['401']);
    expect(changePassword.responses).toHaveProperty(['403']);
    const login = body.paths['/api/login']!.post as Operation;
    expect(login.security).toEqual([]);
    expect(login.responses).toHaveProperty(['429']);
    // No forbidden_origin (login takes no session); its only 403 is a proven sign-in to an account being deleted.
    expect(login.responses['403']).toMatchObject({ description: 'Error: deletion_scheduled.' });
    const profile = body.paths['/api/getProfile']!.get as {
      responses: { 200: { content: { 'application/json': { schema: { required: string[] } } } } };
    };
    // The contract's 18 string keys and EmailVerified.
    expect(profile.responses[200].content['application/json'].schema.required).toHaveLength(19);
  });

  it('describes request bodies from the validation schemas', async () => {
    const { body } = await api<Document>('/api/openapi.json');
    const signUp = body.paths['/api/creare-cont']!.post as {
      requestBody: {
        content: {
          'application/json': { schema: { required: string[]; properties: Record<string, { pattern?: string }> } };
        };
      };
    };
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
