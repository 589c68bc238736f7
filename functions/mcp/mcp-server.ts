// One MCP server for one request (stateless Streamable HTTP): the SDK's
// low-level Server, which owns the protocol (initialize, version negotiation,
// ping, JSON-RPC framing), with MCC's tools, resources and prompts bound to
// the verified caller. The low-level Server rather than McpServer so that bad
// arguments and unknown tools are JSON-RPC errors (-32602), which McpServer
// would turn into tool results.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { PersonCaller } from '../graphql/identity.ts';
import { correlate, logger } from '../shared/observability.ts';
import { noElicitationValidator } from './no-elicitation-validator.ts';
import { getPrompt, PROMPTS } from './prompts.ts';
import { listResources, readResource, RESOURCE_TEMPLATES, type ResourceDeps } from './resources.ts';
import { invalidParams, toToolError } from './tool-errors.ts';
import { TOOLS, type ToolDeps, type ToolDefinition } from './tools.ts';
import { ValidationError } from '../domain/errors.ts';
import { toFieldIssues } from '../domain/validate.ts';

export const SERVER_INFO = { name: 'marketing-command-center', title: 'Marketing Command Center', version: '0.1.0' };

const INSTRUCTIONS =
  'Plan, follow and approve marketing campaigns of your organisation. Ground briefs in search_playbooks and classify_campaign; ' +
  'create_campaign previews until called with confirm: true; campaigns are resources at mcc://campaigns/{id}.';

export type McpDeps = ToolDeps & ResourceDeps;

function jsonSchemaOf(tool: ToolDefinition): Record<string, unknown> {
  const schema = z.toJSONSchema(tool.input, { io: 'input' }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

// Tool schemas do not change between requests: render them once per instance.
let toolList: { name: string; title: string; description: string; inputSchema: Record<string, unknown>; annotations: ToolDefinition['annotations'] }[] | undefined;
const BY_NAME = new Map(TOOLS.map((t) => [t.name, t]));

export function createMcpServer(deps: McpDeps, caller: PersonCaller): Server {
  const server = new Server(SERVER_INFO, {
    capabilities: { tools: {}, resources: {}, prompts: {} },
    instructions: INSTRUCTIONS,
    jsonSchemaValidator: noElicitationValidator,
  });
  server.setRequestHandler(ListToolsRequestSchema, () => {
    toolList ??= TOOLS.map((t) => ({ name: t.name, title: t.title, description: t.description, inputSchema: jsonSchemaOf(t) as { type: 'object' }, annotations: t.annotations }));
    return { tools: toolList as never };
  });
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = BY_NAME.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
    const parsed = tool.input.safeParse(request.params.arguments ?? {});
    if (!parsed.success) throw invalidParams(new ValidationError(`arguments for ${tool.name}`, toFieldIssues(parsed.error)));
    logger.appendKeys({ tool: tool.name });
    try {
      const out = await tool.run(deps, caller, parsed.data);
      const id = (out.structuredContent?.campaign as { campaignId?: unknown } | undefined)?.campaignId;
      if (typeof id === 'string') correlate({ campaignId: id });
      logger.info(`${tool.name} answered`, { isError: out.isError ?? false });
      return out;
    } catch (error) {
      return toToolError(tool.name, error);
    }
  });
  server.setRequestHandler(ListResourcesRequestSchema, () => listResources(deps, caller));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({ resourceTemplates: RESOURCE_TEMPLATES }));
  server.setRequestHandler(ReadResourceRequestSchema, (request) => readResource(deps, caller, request.params.uri));
  server.setRequestHandler(ListPromptsRequestSchema, () => ({ prompts: PROMPTS.map((p) => ({ ...p, arguments: [...p.arguments] })) }));
  server.setRequestHandler(GetPromptRequestSchema, (request) => getPrompt(deps, caller, request.params.name, request.params.arguments));
  return server;
}
