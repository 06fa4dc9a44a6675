/**
 * Reference for `npm run bench`: how many bcrypt checks per second this
 * machine can do at all (the app's cost and pre-hash, as many in flight as the
 * load generator's connections) — the ceiling of any login endpoint.
 * Prints one JSON line: { "perSecond": n }.
 */
import { createHmac } from 'node:crypto';
import { hash } from '@node-rs/bcrypt';

const seconds = Number(process.argv[2] ?? 10);
const inFlight = Number(process.argv[3] ?? 32);
const cost = Number(process.env.BCRYPT_COST ?? 12);
const prehashed = createHmac('sha256', 'profile-hub/password-prehash/v1')
  .update('Bench mark horse battery')
  .digest('base64');

let done = 0;
const end = performance.now() + seconds * 1000;
async function lane() {
  while (performance.now() < end) {
    await hash(prehashed, { cost });
    done++;
  }
}
const start = performance.now();
await Promise.all(Array.from({ length: inFlight }, lane));
console.log(JSON.stringify({ perSecond: done / ((performance.now() - start) / 1000) }));
