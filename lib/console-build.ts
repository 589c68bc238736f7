// The web console's build (web/, Vite) when it is stale — older than web/'s
// sources, the domain rules its form imports, or the lockfile — like the CDK
// synth: `npm start`, the e2e setup and the Web stack's asset all call it, so
// a fresh clone needs no extra step. Built into a temporary folder and moved
// into place, so a reader never sees half a build (test workers may race).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const CONSOLE_DIST = join(ROOT, 'web', 'dist');
const MARKER = '.built';
const INPUTS = ['web', 'functions/domain', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.') || entry.startsWith('dist.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Why the console must be built again, or undefined when web/dist is current. */
export function consoleBuildReason(root = ROOT): string | undefined {
  const marker = join(root, 'web', 'dist', MARKER);
  if (!existsSync(marker)) return 'not built yet';
  const built = statSync(marker).mtimeMs;
  const changed = INPUTS.find((input) => newestMtime(join(root, input)) > built);
  return changed ? `${changed} changed since the last build` : undefined;
}

/** Builds web/ into web/dist when stale; returns the dist folder. */
export function ensureConsoleBuilt(progress: (line: string) => void = () => undefined): string {
  const reason = consoleBuildReason();
  if (!reason) return CONSOLE_DIST;
  progress(`building the web console (${reason})…`);
  const out = `${CONSOLE_DIST}.${process.pid}-${Date.now()}`;
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  try {
    execFileSync(process.execPath, [vite, 'build', '--config', join(ROOT, 'web', 'vite.config.ts'), '--outDir', out, '--logLevel', 'warn'], // NODE_ENV from a test runner (vitest sets `test`) would make Vite ship React's development build.
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
    writeFileSync(join(out, MARKER), new Date().toISOString());
    rmSync(CONSOLE_DIST, { recursive: true, force: true });
    renameSync(out, CONSOLE_DIST);
  } catch (error) {
    rmSync(out, { recursive: true, force: true });
    // Another process finished the same build first: use it.
    if (!consoleBuildReason()) return CONSOLE_DIST;
    throw error;
  }
  return CONSOLE_DIST;
}
