// cfn-lint over every template `cdk synth` writes (cdk.json's stage), as CI
// runs it. cfn-lint comes with this kind of machine (pyenv, from the base
// image); it is not an npm package. Each accepted finding is listed below,
// by rule and by the resource type and property it concerns, with the reason.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMcc } from '../../lib/mcc-app.ts';
import { mccApp } from './mcc-synth.ts';

interface Finding {
  readonly Filename: string;
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location: { readonly Path: readonly (string | number)[] };
}

interface Accepted {
  readonly rule: string;
  /** The resource type the finding is on ('*' for any). */
  readonly resourceType: string;
  /** The finding's path inside the resource, e.g. ['Properties', 'Tags'] or ['DependsOn']: a prefix match. */
  readonly path: readonly string[];
  readonly why: string;
}

const ACCEPTED: readonly Accepted[] = [
  {
    rule: 'E3002',
    resourceType: 'AWS::CloudWatch::Dashboard',
    path: ['Properties', 'Tags'],
    why: 'cfn-lint 1.51 bundles a stale resource schema without Tags on dashboards; CloudFormation accepts them (CDK tags every taggable resource).',
  },
  {
    rule: 'W3005',
    resourceType: '*',
    path: ['DependsOn'],
    why: 'CDK writes DependsOn on a role’s default policy next to the GetAtt of the role; redundant ordering, never wrong.',
  },
];

function cfnLintBinary(): string {
  const candidates = [...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'cfn-lint')), join(homedir(), '.pyenv', 'shims', 'cfn-lint')];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error('cfn-lint is not installed: it comes with this kind of machine (pyenv); see README, Test');
  return found;
}

const outdir = mkdtempSync(join(tmpdir(), 'mcc-cfn-lint-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('cfn-lint', () => {
  it('finds nothing in the synthesized templates but the accepted findings', { timeout: 240_000 }, async () => {
    // GIVEN the app as `cdk synth` builds it (without bundling; templates are the same)
    const app = mccApp({}, { cloudFormationValidation: false, outdir });
    buildMcc(app);
    const assembly = app.synth({ force: true });
    const templates = readdirSync(assembly.directory).filter((f) => f.endsWith('.template.json'));
    expect(templates.length).toBeGreaterThanOrEqual(6);
    // WHEN cfn-lint checks them all in one run (it exits non-zero when it finds anything)
    const run = await promisify(execFile)(cfnLintBinary(), ['--format', 'json', '--', ...templates], { cwd: assembly.directory, maxBuffer: 64 * 1024 * 1024 }).catch(
      (error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
    );
    const findings = JSON.parse(run.stdout || '[]') as Finding[];
    // THEN every finding is one the table accepts, with its reason
    const typeOf = (file: string, id: string) =>
      ((JSON.parse(readFileSync(join(assembly.directory, file), 'utf8')) as { Resources: Record<string, { Type: string }> }).Resources[id]?.Type ?? '?');
    const unexpected = findings.filter((f) => {
      const [section, id, ...rest] = f.Location.Path.map(String);
      if (section !== 'Resources' || !id) return true;
      const type = typeOf(f.Filename, id);
      return !ACCEPTED.some((a) => a.rule === f.Rule.Id && (a.resourceType === '*' || a.resourceType === type) && a.path.every((p, i) => rest[i] === p));
    });
    expect(unexpected.map((f) => `${f.Filename} ${f.Rule.Id} ${f.Location.Path.join('/')}: ${f.Message}`), run.stderr).toEqual([]);
  });
});
