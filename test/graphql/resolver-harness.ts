// The GraphQL resolver wired to DynamoDB Local and a recording EventBridge
// endpoint, plus builders for AppSync direct-resolver events.
import { EventBridgeBuildRequests } from '../../functions/adapters/eventbridge-build-requests.ts';
import { ApprovalRepository } from '../../functions/data/approval-repository.ts';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { DeduplicationStore } from '../../functions/data/deduplication-store.ts';
import { ConversationRepository } from '../../functions/data/conversation-repository.ts';
import { LocalAgent } from '../../functions/adapters/local-agent/local-agent.ts';
import { LocalAssistant } from '../../functions/adapters/local-assistant/local-assistant.ts';
import { DirectoryKnowledgeSource } from '../../functions/knowledge/directory-knowledge-source.ts';
import type { ConversationAgent } from '../../functions/ports/conversation-agent.ts';
import { assistantTools } from '../../functions/use-cases/assistant-tools.ts';
import { createResolver } from '../../functions/graphql/resolver.ts';
import type { TaskCallbacks } from '../../functions/ports/task-callbacks.ts';
import { CampaignUpdates } from '../../functions/shared/campaign-updates.ts';
import type { ApprovalOutcome } from '../../functions/workflow/contracts.ts';
import { stageRepositories } from '../support/approval-stages.ts';
import { createTestTable, type TestTable } from '../support/dynamodb.ts';
import { KNOWLEDGE_ROOT } from '../support/knowledge-bucket.ts';
import { startPutEventsRecorder, type PutEventsRecorder } from '../support/put-events-recorder.ts';

export const BUS = 'mcc';

export interface Harness {
  readonly table: TestTable;
  readonly events: PutEventsRecorder;
  readonly campaigns: CampaignRepository;
  readonly approvals: ApprovalRepository;
  readonly resumed: { taskToken: string; outcome: ApprovalOutcome }[];
  readonly resolve: (event: unknown) => Promise<unknown>;
}

/** Without an agent, the local assistant over knowledge-content/, its tools on the harness's table and bus. */
export async function startHarness(agent?: ConversationAgent): Promise<Harness> {
  const table = await createTestTable();
  const events = await startPutEventsRecorder();
  const campaigns = new CampaignRepository(table.doc, table.tableName);
  const knowledge = new LocalAgent(new DirectoryKnowledgeSource(KNOWLEDGE_ROOT));
  const assistant =
    agent ??
    new LocalAssistant((session) =>
      assistantTools({ campaigns, knowledge, builds: new EventBridgeBuildRequests(events.client, BUS), deduplication: new DeduplicationStore(table.doc, table.tableName), now: () => new Date() }, {
        tenantId: session.tenantId,
        ...(session.userEmail ? { userEmail: session.userEmail } : {}),
      }),
    );
  const approvals = new ApprovalRepository(table.doc, table.tableName);
  const resumed: Harness['resumed'] = [];
  const tasks: TaskCallbacks = {
    succeed: async (taskToken, outcome) => void resumed.push({ taskToken, outcome: outcome as ApprovalOutcome }),
    fail: async () => {
      throw new Error('decideApproval never fails a task');
    },
  };
  const resolve = createResolver({
    doc: table.doc,
    tableName: table.tableName,
    busName: BUS,
    events: events.client,
    campaigns,
    builds: new EventBridgeBuildRequests(events.client, BUS),
    deduplication: new DeduplicationStore(table.doc, table.tableName),
    approvals,
    ...stageRepositories(table),
    conversations: new ConversationRepository(table.doc, table.tableName),
    updates: new CampaignUpdates(events.client, BUS),
    tasks,
    agent: assistant,
  });
  return { table, events, campaigns, approvals, resumed, resolve };
}

export interface Person {
  readonly tenantId: string;
  readonly sub?: string;
  readonly groups?: readonly string[];
  readonly email?: string;
}

export function cognito(p: Person): Record<string, unknown> {
  const sub = p.sub ?? `user-${p.tenantId}`;
  const groups = [...(p.groups ?? ['marketers'])];
  return {
    sub,
    username: sub,
    issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test',
    claims: { sub, 'custom:tenantId': p.tenantId, 'cognito:groups': groups, email: p.email ?? `${sub}@example.com` },
    groups,
    sourceIp: ['203.0.113.7'],
    defaultAuthStrategy: 'ALLOW',
  };
}

export const IAM_BACKEND = {
  accountId: '123456789012',
  userArn: 'arn:aws:sts::123456789012:assumed-role/mcc-events-appsync/abc',
  username: 'AROAEXAMPLE:abc',
  sourceIp: ['198.51.100.1'],
  cognitoIdentityPoolId: null,
  cognitoIdentityId: null,
  cognitoIdentityAuthType: null,
  cognitoIdentityAuthProvider: null,
};

export function appsyncEvent(
  parentTypeName: string,
  fieldName: string,
  args: Record<string, unknown>,
  identity: unknown,
  selectionSetList: string[] = [],
): Record<string, unknown> {
  return {
    arguments: args,
    identity,
    source: null,
    request: { headers: { 'content-type': 'application/json' }, domainName: null },
    info: { fieldName, parentTypeName, variables: {}, selectionSetList, selectionSetGraphQL: '' },
    prev: null,
    stash: {},
  };
}
