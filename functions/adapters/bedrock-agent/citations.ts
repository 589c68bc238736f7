// Bedrock's citation shapes (InvokeAgent chunk `attribution.citations[]` and
// Retrieve `retrievalResults[]`) turned into MCC citations and passages. The
// knowledge base's data source is the knowledge bucket, whose keys are the
// document paths, so the S3 key of a reference is its documentId.
import type { Attribution, KnowledgeBaseRetrievalResult, RetrievedReference } from '@aws-sdk/client-bedrock-agent-runtime';
import type { Citation } from '../../domain/citation.ts';
import type { Passage } from '../../ports/agent.ts';

/** `s3://bucket/playbooks/campaign-tiers.md` → `playbooks/campaign-tiers.md`. */
export function documentIdFromS3Uri(uri: string | undefined): string | undefined {
  const match = uri ? /^s3:\/\/[^/]+\/(.+)$/.exec(uri) : null;
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

function titleOf(documentId: string, metadata: Record<string, unknown> | undefined): string {
  const title = metadata?.title;
  return (typeof title === 'string' && title.trim() ? title.trim() : documentId).slice(0, 300);
}

function citationOf(reference: RetrievedReference): Citation | undefined {
  const documentId = documentIdFromS3Uri(reference.location?.s3Location?.uri);
  if (!documentId) return undefined;
  const excerpt = reference.content?.text?.slice(0, 300);
  return { documentId, title: titleOf(documentId, reference.metadata as Record<string, unknown> | undefined), ...(excerpt ? { excerpt } : {}) };
}

export function citationsFromAttribution(attribution: Attribution | undefined): Citation[] {
  return (attribution?.citations ?? []).flatMap((c) => (c.retrievedReferences ?? []).flatMap((r) => citationOf(r) ?? []));
}

export function passageFromResult(result: KnowledgeBaseRetrievalResult): Passage | undefined {
  const documentId = documentIdFromS3Uri(result.location?.s3Location?.uri);
  const text = result.content?.text;
  if (!documentId || !text) return undefined;
  return { documentId, title: titleOf(documentId, result.metadata as Record<string, unknown> | undefined), text, score: result.score ?? 0 };
}

export function uniqueByDocument(citations: readonly Citation[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const c of citations) if (!seen.has(c.documentId)) seen.set(c.documentId, c);
  return [...seen.values()];
}
