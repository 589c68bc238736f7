// The local runtime's configuration and the synth staleness check.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLocalConfig } from '../../local/config.ts';
import { synthReason } from '../../local/synth.ts';
import { awsCli } from '../../local/system-tools.ts';

describe('loadLocalConfig', () => {
  it('has defaults for everything', () => {
    const config = loadLocalConfig({}, '/project');
    expect(config).toMatchObject({ port: 4566, dataDir: '/project/.mcc', dynamoDbPort: 8000, agentProvider: 'local', cdkContext: {} });
  });

  it('passes the approval window and Map concurrency to the synth as CDK context', () => {
    const config = loadLocalConfig({ MCC_APPROVAL_WINDOW_SECONDS: '600', MCC_MAP_CONCURRENCY: '3', MCC_PORT: '5000', MCC_DATA_DIR: '/tmp/x' }, '/project');
    expect(config.cdkContext).toEqual({ approvalWindowSeconds: '600', mapConcurrency: '3' });
    expect(config).toMatchObject({ port: 5000, dataDir: '/tmp/x' });
  });

  it('refuses values that cannot work, naming the variable', () => {
    expect(() => loadLocalConfig({ MCC_MAP_CONCURRENCY: '0' })).toThrow(/MCC_MAP_CONCURRENCY/);
    expect(() => loadLocalConfig({ MCC_PORT: 'abc' })).toThrow(/MCC_PORT/);
    expect(() => loadLocalConfig({ MCC_WORKFRONT_WEBHOOK_TOKEN: 'short' })).toThrow(/MCC_WORKFRONT_WEBHOOK_TOKEN/);
  });
});

describe('synthReason', () => {
  function project(): { dir: string; out: string } {
    const dir = mkdtempSync(join(tmpdir(), 'mcc-synth-'));
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'stack.ts'), '');
    writeFileSync(join(dir, 'cdk.json'), '{}');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'lib', 'stack.ts'), past, past);
    utimesSync(join(dir, 'lib'), past, past);
    utimesSync(join(dir, 'cdk.json'), past, past);
    return { dir, out: join(dir, 'cdk.out') };
  }

  it('asks for a synth when there is no cdk.out, a source is newer, or the context changed', () => {
    const { dir, out } = project();
    expect(synthReason(dir, out, {})).toBe('no cdk.out yet');
    mkdirSync(out);
    writeFileSync(join(out, 'manifest.json'), '{}');
    writeFileSync(join(out, '.mcc-synth-context.json'), '{}');
    expect(synthReason(dir, out, {})).toBeUndefined();
    expect(synthReason(dir, out, { mapConcurrency: '2' })).toMatch(/context/);
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'lib', 'stack.ts'), future, future);
    expect(synthReason(dir, out, {})).toMatch(/^lib/);
  });
});

describe('awsCli', () => {
  it('finds the AWS CLI the end-to-end tests drive', () => {
    expect(awsCli.problem()).toBeUndefined();
  });
});
