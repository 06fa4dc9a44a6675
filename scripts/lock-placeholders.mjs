// Adds a version-less optional entry to package-lock.json for every optional dependency that npm
// cannot resolve (a platform binary that was never published), so that `npm ci` accepts the lock.
// See scripts/lock.sh. It loads npm's own Arborist: the code `npm ci` runs, so both see the same tree.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

function npmDirectory() {
  if (process.env.npm_execpath) return path.resolve(path.dirname(process.env.npm_execpath), '..');
  return path.join(execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim(), 'npm');
}

async function main() {
  const Arborist = createRequire(import.meta.url)(path.join(npmDirectory(), 'node_modules', '@npmcli', 'arborist'));
  const arborist = new Arborist({ path: process.cwd() });
  await arborist.buildIdealTree();
  const lockPath = path.join(process.cwd(), 'package-lock.json');
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  const added = [];
  for (const [location, node] of arborist.idealTree.inventory.entries()) {
    if (!node.inert || node.version || !node.optional || lock.packages[location]) continue;
    lock.packages[location] = { optional: true };
    added.push(node.name);
  }
  if (added.length) writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(
    added.length ? `Placeholders for unpublished optional packages: ${added.join(', ')}` : 'No placeholder needed.',
  );
}

await main();
