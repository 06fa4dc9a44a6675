/**
 * The shape of lib/ (docs/architecture.md): its folders are layers, and a folder imports only folders below it
 * (to its left here). app/ and components/ sit on top, db/ at the bottom. It also checks the `server-only` rule:
 * a module that touches the database or a secret says `import 'server-only'`, so a client component that imports
 * it fails the build; except the modules the production runner (server/start.ts, plain node) loads itself, which
 * cannot (plain node has no react-server condition) and so touch neither.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LAYERS = ['platform', 'validation', 'security', 'auth', 'email', 'account', 'http', 'runtime'] as const;

const root = path.resolve(import.meta.dirname, '../..');
const IMPORT =
  /(?:^|[^\w.])(?:import|export)\s*(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module specifier a source file names: static imports, re-exports, side-effect and dynamic imports. */
function importsOf(source: string): string[] {
  // Comments may quote import lines; they are not imports.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(IMPORT)].map((match) => (match[1] ?? match[2])!);
}

/** The top-level place a specifier points to, from a file: `lib/<folder>`, `db`, `app`, … or undefined (a package). */
function targetOf(fromFile: string, specifier: string): string | undefined {
  let resolved: string;
  if (specifier.startsWith('@/')) resolved = specifier.slice(2);
  else if (specifier.startsWith('.')) resolved = path.relative(root, path.resolve(path.dirname(fromFile), specifier));
  else return undefined;
  const [top, folder] = resolved.split('/');
  return top === 'lib' ? `lib/${folder}` : top;
}

function filesUnder(directory: string): string[] {
  return readdirSync(path.join(root, directory), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Each wrong import as "from → to (specifier)"; empty when lib/ keeps its layers. */
function layerViolations(files: { file: string; source: string }[]): string[] {
  const rank = (place: string | undefined) =>
    place?.startsWith('lib/') ? LAYERS.indexOf(place.slice(4) as (typeof LAYERS)[number]) : -1;
  const problems: string[] = [];
  for (const { file, source } of files) {
    const from = `lib/${path.relative(root, file).split('/')[1]}`;
    for (const specifier of importsOf(source)) {
      const to = targetOf(file, specifier);
      if (to === undefined || to === from || to === 'db') continue;
      const wrong = !to.startsWith('lib/') || rank(to) === -1 || rank(to) > rank(from);
      if (wrong) problems.push(`${path.relative(root, file)} → ${to} ('${specifier}')`);
    }
  }
  return problems;
}

/** What the runner (server/start.ts) loads of lib/, following relative imports from it. */
function runnerModules(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier));
    }
  };
  visit(path.join(root, 'server/start.ts'));
  return [...seen].filter((file) => file.startsWith(path.join(root, 'lib/')));
}

/**
 * Touching the database or a secret: importing the pool, the database drivers, or the settings (which hold the
 * JWT secret). lib/platform/config.ts itself is the one exception: it holds the secrets, but the dev and test
 * scripts (tsx, no react-server condition) read its defaults, and nothing secret leaves it but through config().
 */
const TOUCHES_SECRETS =
  /^(@\/db\/client|drizzle-orm|mysql2|@\/lib\/platform\/config)|\/db\/client(\.ts)?$|\/config(\.ts)?$/;
const NOT_SERVER_ONLY_ALLOWED = ['lib/platform/config.ts'];

describe('lib/ layers', () => {
  const files = LAYERS.flatMap((layer) => filesUnder(`lib/${layer}`)).map((file) => ({
    file,
    source: readFileSync(file, 'utf8'),
  }));

  it('has exactly the layer folders, each with a README saying what it owns', () => {
    const folders = readdirSync(path.join(root, 'lib'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(folders.map((entry) => entry.name).sort()).toEqual([...LAYERS].sort());
    for (const layer of LAYERS)
      expect(readFileSync(path.join(root, 'lib', layer, 'README.md'), 'utf8')).toMatch(/imports/i);
  });

  it('imports only folders below it (platform < validation < … < runtime), never app/, components/ or server/', () => {
    expect(layerViolations(files)).toEqual([]);
  });

  it('says server-only in every module that touches the database or a secret', () => {
    const runner = new Set(runnerModules());
    const missing = files
      .filter(({ file, source }) => {
        const relative = path.relative(root, file);
        if (runner.has(file) || NOT_SERVER_ONLY_ALLOWED.includes(relative)) return false;
        return (
          importsOf(source).some((specifier) => TOUCHES_SECRETS.test(specifier)) &&
          !/^import 'server-only';/m.test(source)
        );
      })
      .map(({ file }) => path.relative(root, file));
    expect(missing).toEqual([]);
  });

  it("keeps the runner's modules loadable by plain node: relative .ts imports, no server-only, no database", () => {
    const runner = runnerModules();
    expect(runner.length).toBeGreaterThan(2);
    for (const file of runner) {
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        const where = `${path.relative(root, file)} imports '${specifier}'`;
        expect(specifier, where).not.toBe('server-only');
        expect(specifier.startsWith('@/'), where).toBe(false);
        if (specifier.startsWith('.')) expect(specifier, where).toMatch(/\.tsx?$/);
        expect(TOUCHES_SECRETS.test(specifier), where).toBe(false);
      }
    }
  });

  it('catches an import that runs up a layer, a circle, and a reach into app/', () => {
    const at = (file: string, source: string) => ({ file: path.join(root, file), source });
    expect(
      layerViolations([
        at('lib/platform/log.ts', "import { x } from '../auth/sessions';"),
        at('lib/auth/sessions.ts', "import type { Profile } from '@/lib/account/profiles';"),
        at('lib/account/profiles.ts', "export { y } from '../auth/sessions';\nconst m = await import('@/app/page');"),
        at('lib/email/outbox.ts', "// import { z } from '../http/route';\nimport 'server-only';"),
      ]),
    ).toEqual([
      "lib/platform/log.ts → lib/auth ('../auth/sessions')",
      "lib/auth/sessions.ts → lib/account ('@/lib/account/profiles')",
      "lib/account/profiles.ts → app ('@/app/page')",
    ]);
  });
});
