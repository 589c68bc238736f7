// Placeholder so the CDK app bundles; the handler itself lands with its own issue.
export async function handler(): Promise<never> {
  throw new Error('not implemented yet');
}
