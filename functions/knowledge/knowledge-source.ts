// Where the local agent reads its knowledge documents from: a port, so the
// deployed-shaped path (an S3 bucket, read at cold start) and tests (a
// directory, or s3rver) feed the same index.
export interface KnowledgeFile {
  /** Path under knowledge-content/, e.g. `playbooks/campaign-tiers.md` (the S3 key). */
  readonly id: string;
  readonly text: string;
}

export interface KnowledgeSource {
  /** Every Markdown knowledge document, in a stable order. */
  load(): Promise<KnowledgeFile[]>;
}
