// searchPlaybooks: knowledge-base passages for a question, through the agent
// port's retrieval (Bedrock's Retrieve, or the local index). The query is
// validated and the number of results bounded, whoever asks (assistant, MCP).
import { ValidationError } from '../domain/errors.ts';
import type { Agent, Passage } from '../ports/agent.ts';

export const MAX_QUERY_LENGTH = 1000;
export const MAX_SEARCH_RESULTS = 10;
const DEFAULT_RESULTS = 5;

export interface SearchPlaybooksRequest {
  readonly query: string;
  readonly maxResults?: number;
}

export async function searchPlaybooks(knowledge: Pick<Agent, 'retrieve'>, request: SearchPlaybooksRequest): Promise<Passage[]> {
  const query = typeof request.query === 'string' ? request.query.replace(/\s+/g, ' ').trim() : '';
  const issues = [];
  if (query.length === 0 || query.length > MAX_QUERY_LENGTH) issues.push({ field: 'query', message: `must be 1-${MAX_QUERY_LENGTH} characters` });
  const maxResults = request.maxResults ?? DEFAULT_RESULTS;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_SEARCH_RESULTS) {
    issues.push({ field: 'maxResults', message: `must be a whole number from 1 to ${MAX_SEARCH_RESULTS}` });
  }
  if (issues.length > 0) throw new ValidationError('playbook search', issues);
  const passages = await knowledge.retrieve({ query, maxResults });
  return passages.slice(0, maxResults);
}
