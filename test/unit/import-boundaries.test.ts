// The ESLint import boundaries (eslint-boundaries.js) refuse what the layers
// forbid and let through what they allow, checked through ESLint itself on
// the repository's own config.
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

let eslint: ESLint;

async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

describe('import boundaries', () => {
  it.each([
    ['functions/use-cases/x.ts', "import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';", /never an SDK client or `doc`/],
    ['functions/use-cases/x.ts', "import { latestApproval } from '../data/campaign-approvals.ts';", /through repositories/],
    ['functions/use-cases/x.ts', "import { createDocumentClient } from '../data/dynamodb-document-client.ts';", /through repositories/],
    ['functions/use-cases/x.ts', "import { SesMailer } from '../adapters/ses-mailer.ts';", /injected as ports/],
    ['functions/use-cases/x.ts', "import { toGraphqlError } from '../graphql/graphql-errors.ts';", /adapter over the use cases/],
    ['functions/domain/x.ts', "import { CampaignRepository } from '../data/campaign-repository.ts';", /imports only itself/],
    ['functions/ports/x.ts', "import { SesMailer } from '../adapters/ses-mailer.ts';", /implementations live in adapters/],
    ['functions/data/x.ts', "import { saveCampaign } from '../use-cases/save-campaign.ts';", /Repositories depend on the domain/],
    ['functions/adapters/local-agent/x.ts', "import { handler } from '../../handlers/save-campaign.ts';", /nothing imports them/],
    ['functions/handlers/x.ts', "import { startRuntime } from '../../local/runtime.ts';", /never imports the local runtime/],
    ['functions/shared/x.ts', "import { Stack } from 'aws-cdk-lib';", /CDK is for lib/],
  ])('%s: %s is refused', async (file, code, message) => {
    const found = await refusals(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it.each([
    ['functions/use-cases/x.ts', "import type { CampaignRepository } from '../data/campaign-repository.ts';"],
    ['functions/use-cases/x.ts', "import type { DeduplicationStore } from '../data/deduplication-store.ts';"],
    ['functions/use-cases/x.ts', "import type { Mailer } from '../ports/mailer.ts';"],
    ['functions/adapters/x.ts', "import { SESv2Client } from '@aws-sdk/client-sesv2';"],
    ['functions/handlers/x.ts', "import { SesMailer } from '../adapters/ses-mailer.ts';"],
    ['functions/domain/x.ts', "import { z } from 'zod';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await refusals(file, code)).toEqual([]);
  });
});
