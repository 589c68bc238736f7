// A local runtime in a process of its own, so a test can kill it with
// SIGKILL (a crash, `kill -9`) rather than stop it: options come as JSON in
// MCC_CHILD_OPTIONS, and one line `READY <urls JSON>` on stdout says it is up.
import { startLocalRuntime, type LocalRuntimeOptions } from '../../local/runtime.ts';

const options = JSON.parse(process.env.MCC_CHILD_OPTIONS ?? '{}') as LocalRuntimeOptions;
const runtime = await startLocalRuntime({ ...options, log: () => undefined, functionLog: () => undefined });
const names = {
  stateMachineArn: runtime.model.stateMachines.find((m) => m.logicalId.startsWith('CampaignBuild'))?.arn ?? '',
  tableName: runtime.model.tables.find((t) => t.logicalId.startsWith('CampaignTable'))?.name ?? '',
};
process.stdout.write(`READY ${JSON.stringify({ gateway: runtime.urls.gateway, ...names })}\n`);
process.once('SIGTERM', () => void runtime.stop().then(() => process.exit(0)));
