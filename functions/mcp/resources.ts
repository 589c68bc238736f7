// MCP resources: every knowledge document (`mcc://playbooks/<path under
// knowledge-content/>`, Markdown) and each campaign of the caller's tenant
// (`mcc://campaigns/{campaignId}`, JSON). A campaign URI of another tenant
// reads like one that does not exist.
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { Id } from '../domain/vocabulary.ts';
import { campaignView } from '../graphql/campaign-view.ts';
import type { PersonCaller } from '../graphql/identity.ts';
import type { KnowledgeFile, KnowledgeSource } from '../knowledge/knowledge-source.ts';
import { getCampaign, type CampaignReaders } from '../use-cases/get-campaign.ts';
import { listCampaigns } from '../use-cases/list-campaigns.ts';
import { RESOURCE_NOT_FOUND } from './tool-errors.ts';

export const PLAYBOOK_PREFIX = 'mcc://playbooks/';
export const CAMPAIGN_PREFIX = 'mcc://campaigns/';

export interface ResourceDeps {
  readonly readers: CampaignReaders;
  readonly documents: KnowledgeSource;
}

export const RESOURCE_TEMPLATES = [
  { uriTemplate: `${CAMPAIGN_PREFIX}{campaignId}`, name: 'campaign', title: 'A campaign', description: 'One campaign of your organisation: brief, tier, plan, posts, approval, Workfront link (JSON)', mimeType: 'application/json' },
  { uriTemplate: `${PLAYBOOK_PREFIX}{+path}`, name: 'knowledge-document', title: 'A knowledge document', description: 'A playbook, guideline or template from knowledge-content/ (Markdown)', mimeType: 'text/markdown' },
];

function titleOf(file: KnowledgeFile): string {
  const match = /^title:\s*"?(.+?)"?\s*$/m.exec(file.text.split(/^---\s*$/m)[1] ?? '');
  return match?.[1] ?? file.id;
}

/** Knowledge documents change only with a deploy: read them once per function instance. */
export function cachedDocuments(source: KnowledgeSource): KnowledgeSource {
  let loading: Promise<KnowledgeFile[]> | undefined;
  return {
    load: () => {
      loading ??= source.load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      return loading;
    },
  };
}

export async function listResources(deps: ResourceDeps, caller: PersonCaller) {
  const [documents, campaigns] = await Promise.all([deps.documents.load(), listCampaigns(deps.readers, { tenantId: caller.tenantId, limit: 50 })]);
  return {
    resources: [
      ...documents.map((d) => ({ uri: `${PLAYBOOK_PREFIX}${d.id}`, name: d.id, title: titleOf(d), mimeType: 'text/markdown' })),
      ...campaigns.items.map(({ campaign: c }) => ({ uri: `${CAMPAIGN_PREFIX}${c.campaignId}`, name: c.campaignId, title: `${c.brief.name} (${c.status})`, mimeType: 'application/json' })),
    ],
  };
}

const notFound = (uri: string) => new McpError(RESOURCE_NOT_FOUND, 'Resource not found', { uri });

export async function readResource(deps: ResourceDeps, caller: PersonCaller, uri: string) {
  if (uri.startsWith(CAMPAIGN_PREFIX)) {
    const id = Id.safeParse(decodeURIComponent(uri.slice(CAMPAIGN_PREFIX.length)));
    const details = id.success ? await getCampaign(deps.readers, caller.tenantId, id.data, { posts: true, approval: true }) : undefined;
    if (!details) throw notFound(uri);
    return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(campaignView(details)) }] };
  }
  if (uri.startsWith(PLAYBOOK_PREFIX)) {
    const id = uri.slice(PLAYBOOK_PREFIX.length);
    const document = (await deps.documents.load()).find((d) => d.id === id);
    if (!document) throw notFound(uri);
    return { contents: [{ uri, mimeType: 'text/markdown', text: document.text }] };
  }
  throw notFound(uri);
}
