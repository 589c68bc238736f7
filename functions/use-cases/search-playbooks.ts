// searchPlaybooks: passages of the company's playbooks, guidelines and
// templates for a question, from the agent port's retrieval (the Bedrock
// knowledge base, or the local index over the same documents). Shared by the
// assistant (#13) and the MCP tool search_playbooks (#18) with the signature
// both agreed on.
import { ValidationError } from '../domain/errors.ts';
import type { Agent, Passage } from '../ports/agent.ts';

export interface SearchPlaybooksRequest {
  readonly query: string;
  /** 1–20; defaults to 5. */
  readonly maxResults?: number;
}

export async function searchPlaybooks(knowledge: Pick<Agent, 'retrieve'>, request: SearchPlaybooksRequest): Promise<Passage[]> {
  const query = request.query.trim();
  const issues = [
    ...(query.length === 0 ? [{ field: 'query', message: 'must not be empty' }] : []),
    ...(query.length > 1000 ? [{ field: 'query', message: 'must be at most 1000 characters' }] : []),
    ...(request.maxResults !== undefined && (!Number.isInteger(request.maxResults) || request.maxResults < 1 || request.maxResults > 20)
      ? [{ field: 'maxResults', message: 'must be a whole number from 1 to 20' }]
      : []),
  ];
  if (issues.length > 0) throw new ValidationError('playbook search', issues);
  return knowledge.retrieve({ query, maxResults: request.maxResults ?? 5 });
}
