// The agent-actions Lambda with events in the documented Bedrock agent
// function-details format (https://docs.aws.amazon.com/bedrock/latest/userguide/agents-lambda.html),
// through the real handler module: DynamoDB Local, the Workfront sandbox over
// HTTP, credentials from a (local) Secrets Manager.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { listen, type WorkfrontSandbox } from '../../local/workfront-sandbox/index.ts';
import { campaignIn } from '../support/campaign-in-status.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { startFakeAws, type FakeAws } from '../support/fake-aws.ts';
import { loadHandler } from '../support/load-handler.ts';

interface AgentResponse {
  messageVersion: string;
  response: { actionGroup: string; function: string; functionResponse: { responseState?: string; responseBody: { TEXT: { body: string } } } };
  sessionAttributes?: Record<string, string>;
  promptSessionAttributes?: Record<string, string>;
}

let aws: FakeAws;
let sandbox: WorkfrontSandbox;
let closeSandbox: () => Promise<void>;
let repo: CampaignRepository;
let handler: (event: unknown) => Promise<AgentResponse>;

beforeAll(async () => {
  const table = await createTestTable();
  repo = new CampaignRepository(table.doc, table.tableName);
  aws = await startFakeAws();
  aws.secretsById.set('workfront-credentials', JSON.stringify({ apiKey: 'agent-key' }));
  const started = await listen({ apiKeys: ['agent-key'] });
  sandbox = started.sandbox;
  closeSandbox = started.close;
  handler = await loadHandler<typeof handler>('agent-actions', {
    TABLE_NAME: table.tableName,
    EVENT_BUS_NAME: 'mcc',
    WORKFRONT_BASE_URL: started.url,
    WORKFRONT_API_VERSION: 'v22.0',
    WORKFRONT_AUTH_MODE: 'apikey',
    WORKFRONT_CREDENTIALS_SECRET_ID: 'workfront-credentials',
    WORKFRONT_IMS_URL: started.url,
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
  await campaignIn(repo, 'APPROVED', { tenantId: 'acme', campaignId: 'cmp-a1' });
  await campaignIn(repo, 'GENERATING', { tenantId: 'globex', campaignId: 'cmp-g1' });
  await campaignIn(repo, 'APPROVED', { tenantId: 'globex', campaignId: 'shared-id' });
  await campaignIn(repo, 'APPROVED', { tenantId: 'acme', campaignId: 'shared-id' });
});
afterAll(async () => {
  await closeSandbox();
  await aws.close();
});

/** The documented input event, filled in. */
function agentEvent(fn: string, parameters: Record<string, string>, sessionAttributes: Record<string, string> = { tenantId: 'acme' }) {
  return {
    messageVersion: '1.0',
    agent: { name: 'mcc-planner', id: 'AGENT12345', alias: 'TSTALIASID', version: 'DRAFT' },
    inputText: 'What is the status of my campaign?',
    sessionId: '111122223333-session',
    actionGroup: 'workfront',
    function: fn,
    parameters: Object.entries(parameters).map(([name, value]) => ({ name, type: 'string', value })),
    sessionAttributes,
    promptSessionAttributes: { today: '2027-01-04' },
  };
}

const bodyOf = (r: AgentResponse) => JSON.parse(r.response.functionResponse.responseBody.TEXT.body);

describe('response format', () => {
  it('answers in the documented function-details response format, echoing the session attributes', async () => {
    const response = await handler(agentEvent('getCampaign', { campaignId: 'cmp-a1' }));
    expect(response).toEqual({
      messageVersion: '1.0',
      response: { actionGroup: 'workfront', function: 'getCampaign', functionResponse: { responseBody: { TEXT: { body: expect.any(String) } } } },
      sessionAttributes: { tenantId: 'acme' },
      promptSessionAttributes: { today: '2027-01-04' },
    });
    expect(bodyOf(response)).toMatchObject({ campaignId: 'cmp-a1', status: 'APPROVED', name: 'Spring analytics webinar series' });
  });

  it('REPROMPTs for invalid input and unknown functions, and FAILs without a tenant session attribute', async () => {
    const bad = await handler(agentEvent('getCampaign', { campaignId: 'has spaces' }));
    expect(bad.response.functionResponse.responseState).toBe('REPROMPT');
    expect(bad.response.functionResponse.responseBody.TEXT.body).toMatch(/campaignId/);
    expect((await handler(agentEvent('deleteEverything', {}))).response.functionResponse.responseState).toBe('REPROMPT');
    expect((await handler(agentEvent('listCampaigns', {}, {}))).response.functionResponse.responseState).toBe('FAILURE');
  });
});

describe('tenant isolation', () => {
  it("a session of tenant A cannot see tenant B's campaign, whatever the model asks for", async () => {
    const response = await handler(agentEvent('getCampaign', { campaignId: 'cmp-g1', tenantId: 'globex' }));
    expect(response.response.functionResponse.responseState).toBe('REPROMPT');
    expect(response.response.functionResponse.responseBody.TEXT.body).toMatch(/not found/);
    const listed = bodyOf(await handler(agentEvent('listCampaigns', {})));
    expect(listed.campaigns.map((c: { campaignId: string }) => c.campaignId).sort()).toEqual(['cmp-a1', 'shared-id']);
  });

  it("does not report tenant B's Workfront project for tenant A's campaign of the same ID", async () => {
    const created = await handler(agentEvent('createWorkfrontProject', { campaignId: 'shared-id' }, { tenantId: 'globex' }));
    expect(bodyOf(created)).toMatchObject({ created: true });
    const other = await handler(agentEvent('getWorkfrontProjectStatus', { campaignId: 'shared-id' }));
    expect(other.response.functionResponse.responseState).toBe('REPROMPT');
  });
});

describe('Workfront functions', () => {
  it('creates the project once, reports its status as Workfront changes it, and adds tasks to it', async () => {
    const first = bodyOf(await handler(agentEvent('createWorkfrontProject', { campaignId: 'cmp-a1' })));
    const again = bodyOf(await handler(agentEvent('createWorkfrontProject', { campaignId: 'cmp-a1' })));
    expect(first).toMatchObject({ created: true, status: 'CUR', url: expect.stringContaining(`/project/${first.projectId}`) });
    expect(again).toMatchObject({ created: false, projectId: first.projectId });
    expect(sandbox.store.list('PROJ').filter((p) => p.extRefID === 'cmp-a1')).toHaveLength(1);
    expect(await repo.findWorkfrontLink('acme', 'PROJ', first.projectId)).toMatchObject({ campaignId: 'cmp-a1' });

    sandbox.setProjectStatus(first.projectId, 'CPL');
    expect(bodyOf(await handler(agentEvent('getWorkfrontProjectStatus', { campaignId: 'cmp-a1' })))).toMatchObject({ status: 'CPL' });

    const task = bodyOf(await handler(agentEvent('createWorkfrontTask', { campaignId: 'cmp-a1', name: 'Book the webinar room', plannedDate: '2027-02-01' })));
    expect(sandbox.store.objects.get(task.taskId)).toMatchObject({ projectID: first.projectId, plannedStartDate: '2027-02-01' });
    const badDate = await handler(agentEvent('createWorkfrontTask', { campaignId: 'cmp-a1', name: 'x', plannedDate: 'next Tuesday' }));
    expect(badDate.response.functionResponse.responseState).toBe('REPROMPT');
  });

  it('FAILs when Workfront stays unavailable', async () => {
    sandbox.failNext({ status: 503 }, 10);
    const response = await handler(agentEvent('createWorkfrontProject', { campaignId: 'shared-id' }));
    expect(response.response.functionResponse.responseState).toBe('FAILURE');
  });
});
