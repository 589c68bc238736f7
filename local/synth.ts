// Synthesizes the CDK app when cdk.out is older than what it is built from
// (bin/, lib/, functions/, knowledge-content/, schema/, cdk.json) or was
// synthesized with other local context (e.g. MCC_APPROVAL_WINDOW_SECONDS).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SYNTH_INPUTS = ['bin', 'lib', 'functions', 'knowledge-content', 'schema', 'cdk.json'] as const;
const CONTEXT_FILE = '.mcc-synth-context.json';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Why cdk.out must be synthesized again, or undefined when it is current. */
export function synthReason(projectDir: string, outDir: string, context: Readonly<Record<string, string>>): string | undefined {
  const manifest = join(outDir, 'manifest.json');
  if (!existsSync(manifest)) return 'no cdk.out yet';
  const built = statSync(manifest).mtimeMs;
  const changed = SYNTH_INPUTS.find((input) => newestMtime(join(projectDir, input)) > built);
  if (changed) return `${changed}/ changed since the last synth`;
  const contextFile = join(outDir, CONTEXT_FILE);
  const previous = existsSync(contextFile) ? readFileSync(contextFile, 'utf8') : '{}';
  if (previous !== JSON.stringify(context)) return 'the local configuration changed the CDK context';
  return undefined;
}

/** Runs `cdk synth` with the local context, showing progress while it bundles. */
export async function synthesize(projectDir: string, outDir: string, context: Readonly<Record<string, string>>, progress: (line: string) => void): Promise<void> {
  const args = ['synth', '--quiet', '--output', outDir, ...Object.entries(context).flatMap(([k, v]) => ['--context', `${k}=${v}`])];
  const cdk = join(projectDir, 'node_modules', '.bin', 'cdk');
  const started = Date.now();
  const ticker = setInterval(() => progress(`  still synthesizing (bundling functions)… ${Math.round((Date.now() - started) / 1000)} s`), 5000);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(existsSync(cdk) ? cdk : 'cdk', args, { cwd: projectDir, stdio: ['ignore', 'inherit', 'inherit'] });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cdk synth failed (exit code ${code}); see the output above`))));
    });
  } finally {
    clearInterval(ticker);
  }
  writeFileSync(join(outDir, CONTEXT_FILE), JSON.stringify(context));
}
