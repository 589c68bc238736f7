// Lambda entry point for the MCP server (POST /mcp, GET
// /.well-known/oauth-protected-resource, 405 for GET/DELETE /mcp). The
// protocol work lives in functions/mcp/; this file is the composition root:
// configuration and clients, created once per instance.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { agentFromConfig, LocalAgentConfig } from '../adapters/agent-from-config.ts';
import { S3KnowledgeSource } from '../adapters/local-agent/s3-knowledge-source.ts';
import { EventBridgeBuildRequests } from '../adapters/eventbridge-build-requests.ts';
import { SchedulerReminderSchedules } from '../adapters/scheduler-reminder-schedules.ts';
import { SfnTaskCallbacks } from '../adapters/sfn-task-callbacks.ts';
import { ApprovalRepository } from '../data/approval-repository.ts';
import { CampaignRepository } from '../data/campaign-repository.ts';
import { DeduplicationStore } from '../data/deduplication-store.ts';
import { createDocumentClient } from '../data/dynamodb-document-client.ts';
import { ExecutionRepository } from '../data/execution-repository.ts';
import { PostVersionRepository } from '../data/post-version-repository.ts';
import { StageDecisionRepository } from '../data/stage-decision-repository.ts';
import { TeamRepository } from '../data/team-repository.ts';
import { bearerVerifier } from '../mcp/bearer-auth.ts';
import { serveMcp, type McpEndpoint } from '../mcp/http-adapter.ts';
import { authorizationServers, McpConfig } from '../mcp/mcp-config.ts';
import { cachedDocuments } from '../mcp/resources.ts';
import type { AgentDeps } from '../use-cases/agent-actions.ts';
import { CampaignUpdates } from '../shared/campaign-updates.ts';
import { CommonConfig, loadConfig } from '../shared/config.ts';
import { ReminderClearingConfig } from '../shared/reminder-config.ts';
import { flushMetrics, logger } from '../shared/observability.ts';
import { WorkfrontConfig, workfrontClient } from '../workfront/config.ts';

const config = loadConfig({ ...CommonConfig, ...ReminderClearingConfig, ...McpConfig, ...WorkfrontConfig, KNOWLEDGE_BUCKET: LocalAgentConfig.KNOWLEDGE_BUCKET, S3_FORCE_PATH_STYLE: LocalAgentConfig.S3_FORCE_PATH_STYLE });
const doc = createDocumentClient();
const events = new EventBridgeClient({});
const campaigns = new CampaignRepository(doc, config.TABLE_NAME);
const approvals = new ApprovalRepository(doc, config.TABLE_NAME);
const readers = { campaigns, approvals };
const now = () => new Date();
let workfront: AgentDeps | undefined;

const endpoint: McpEndpoint = {
  deps: {
    readers,
    builds: { builds: new EventBridgeBuildRequests(events, config.EVENT_BUS_NAME), deduplication: new DeduplicationStore(doc, config.TABLE_NAME), campaigns },
    approvals: {
      ...readers,
      // Staged approvals (issue 16): a decision counts toward its stage's quorum and snapshots the posts it decided.
      decisions: new StageDecisionRepository(doc, config.TABLE_NAME),
      postVersions: new PostVersionRepository(doc, config.TABLE_NAME),
      updates: new CampaignUpdates(events, config.EVENT_BUS_NAME),
      tasks: new SfnTaskCallbacks(new SFNClient({})),
      // A decision ends the wait: its reminder schedules go (issue 17), as on the link and GraphQL paths.
      reminders: new SchedulerReminderSchedules(new SchedulerClient({}), { groupPrefix: config.REMINDER_GROUP_PREFIX }),
    },
    workfront: () => (workfront ??= { repo: campaigns, workfront: workfrontClient(config), now }),
    // Retrieval only, on first use: no indexing of the knowledge bucket at cold start.
    knowledge: agentFromConfig(process.env, { warm: false }),
    // The documents behind mcc://playbooks/…: the knowledge bucket the knowledge base ingests.
    documents: cachedDocuments(new S3KnowledgeSource(new S3Client({ forcePathStyle: config.S3_FORCE_PATH_STYLE }), config.KNOWLEDGE_BUCKET)),
    schedule: { execution: new ExecutionRepository(doc, config.TABLE_NAME), team: new TeamRepository(doc, config.TABLE_NAME), now },
    now,
  },
  verify: bearerVerifier({ jwksUrl: config.AUTH_JWKS_URL, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE }),
  resource: { resource: config.MCP_RESOURCE_URL, authorizationServers: authorizationServers(config.AUTH_ISSUER) },
  allowedOrigins: config.MCP_ALLOWED_ORIGINS,
};

export async function handler(event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> {
  logger.addContext(context);
  try {
    return await serveMcp(endpoint, event);
  } finally {
    logger.resetKeys();
    flushMetrics();
  }
}
