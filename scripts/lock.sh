#!/usr/bin/env bash
# Brings package-lock.json in line with package.json so that `npm ci` accepts it.
# Run it (npm run lock) after any dependency change, and after merging branches that touch package.json.
#
# Why more than `npm install`: a few packages list platform binaries that were never published
# (@node-rs/bcrypt 2.0.0 names 13, only linux-x64-gnu exists). npm 11 drops such failed optional
# packages from the lock it writes, yet `npm ci` still expects them there and refuses the lock.
# scripts/lock-placeholders.mjs writes a version-less optional entry for each, which `npm ci`
# matches and never installs.
set -euo pipefail
cd "$(dirname "$0")/.."

npm install --package-lock-only --no-audit --no-fund
node scripts/lock-placeholders.mjs
npm ci --dry-run --no-audit --no-fund >/dev/null
echo "package-lock.json: npm ci accepts it."
