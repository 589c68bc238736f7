// The deployment configuration read from CDK context: defaults, coercion of
// `-c key=value` strings, and a synth-stopping message that names the key.
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, readConfig } from '../../lib/config.ts';

const required = { mailFrom: 'approvals@acme.example', workfrontBaseUrl: 'https://acme.my.workfront.com/' };
const config = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

describe('readConfig', () => {
  it('defaults what it can: Map concurrency 10, a 72-hour approval window, the Bedrock agent provider', () => {
    expect(config(required)).toMatchObject({
      mapConcurrency: 10,
      approvalWindowSeconds: 259_200,
      agentProvider: 'bedrock',
      workfrontAuthMode: 'oauth',
      plannerModelId: expect.stringMatching(/^us\.anthropic\./),
      approvalBaseUrl: undefined,
    });
  });

  it('coerces -c strings and trims trailing slashes from URLs', () => {
    expect(config({ ...required, mapConcurrency: '25', approvalWindowSeconds: '3600', approvalBaseUrl: 'https://mcc.acme.example/' })).toMatchObject({
      mapConcurrency: 25,
      approvalWindowSeconds: 3600,
      approvalBaseUrl: 'https://mcc.acme.example',
      workfrontBaseUrl: 'https://acme.my.workfront.com',
    });
  });

  it('refuses a Map concurrency above 40, naming the key and the reason', () => {
    expect(() => config({ ...required, mapConcurrency: 41 })).toThrow(ConfigurationError);
    expect(() => config({ ...required, mapConcurrency: 41 })).toThrow(/mapConcurrency: must be at most 40 \(an inline Map runs at most 40/);
  });

  it('lists every problem at once, and says how to set a missing key', () => {
    const error = (() => {
      try {
        config({ agentProvider: 'openai' });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a ConfigurationError');
    })();
    expect(error.message).toMatch(/mailFrom: is not set \(add it to cdk.json or pass -c mailFrom=…\)/);
    expect(error.message).toMatch(/workfrontBaseUrl: is not set/);
    expect(error.message).toMatch(/agentProvider: /);
  });
});
