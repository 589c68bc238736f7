// Global setup of `npm run test:aws`: refuse to start unless a stage and
// credentials are given, so the smoke test never half-runs against nothing.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export default async function requireStage(): Promise<void> {
  const stage = process.env.MCC_AWS_STAGE;
  if (!stage || !/^(dev|prod)$/.test(stage)) {
    throw new Error('npm run test:aws needs MCC_AWS_STAGE=dev|prod (the deployed stage to smoke-test) and AWS credentials in the environment');
  }
  try {
    await promisify(execFile)('aws', ['sts', 'get-caller-identity', '--output', 'json'], { timeout: 30_000 });
  } catch (error) {
    throw new Error(`npm run test:aws needs AWS credentials (aws sts get-caller-identity failed: ${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}
