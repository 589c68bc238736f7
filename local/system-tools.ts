// System tools the local runtime and the tests need (a JRE now; Chromium and
// the AWS CLI for the end-to-end tier). A missing tool is installed with apt
// when running as root (fresh CI machines), otherwise the run stops with a
// message naming the tool and how to install it. Nothing is skipped for one.
import { spawnSync } from 'node:child_process';

export interface SystemTool {
  readonly name: string;
  /** Returns undefined when the tool is usable, or why it is not. */
  readonly problem: () => string | undefined;
  readonly aptPackages: readonly string[];
}

function run(command: string, args: readonly string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

const isRoot = () => process.getuid?.() === 0;
let aptUpdated = false;

export function ensureSystemTool(tool: SystemTool): void {
  const before = tool.problem();
  if (!before) return;
  const install = `apt-get install -y --no-install-recommends ${tool.aptPackages.join(' ')}`;
  if (!isRoot() || !run('sh', ['-c', 'command -v apt-get']).ok) {
    throw new Error(`MCC needs ${tool.name}: ${before}. Install it, e.g. \`sudo ${install}\`, and run again.`);
  }
  console.log(`[mcc] ${tool.name}: ${before}; installing with apt (${tool.aptPackages.join(', ')})…`);
  if (!aptUpdated) {
    const update = run('apt-get', ['update']);
    if (!update.ok) throw new Error(`apt-get update failed while installing ${tool.name}:\n${update.output}`);
    aptUpdated = true;
  }
  const installed = run('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${install}`]);
  if (!installed.ok) throw new Error(`Could not install ${tool.name} with \`${install}\`:\n${installed.output}`);
  const after = tool.problem();
  if (after) throw new Error(`${tool.name} is still unusable after installing it: ${after}`);
}

/** Java 17+, which DynamoDB Local needs. */
export const java: SystemTool = {
  name: 'Java 17+ (for DynamoDB Local)',
  aptPackages: ['openjdk-17-jre-headless'],
  problem: () => {
    const { ok, output } = run('sh', ['-c', 'java -version 2>&1']);
    if (!ok) return 'no `java` on PATH';
    const major = Number(/version "(?:1\.)?(\d+)/.exec(output)?.[1] ?? 0);
    return major >= 17 ? undefined : `found Java ${major || 'of an unknown version'}, need 17 or newer`;
  },
};

/** The AWS CLI, for the end-to-end tests that drive the local gateway the way a person would. */
export const awsCli: SystemTool = {
  name: 'the AWS CLI',
  aptPackages: ['awscli'],
  problem: () => {
    const { ok, output } = run('sh', ['-c', 'aws --version 2>&1']);
    if (!ok) return 'no `aws` on PATH';
    return /aws-cli\/\d/.test(output) ? undefined : `\`aws --version\` printed something unexpected: ${output.trim().slice(0, 80)}`;
  },
};

/** Chromium, which the end-to-end tests drive headless through playwright-core (never a downloaded browser). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const chromium: SystemTool = {
  name: 'Chromium (for the end-to-end browser checks)',
  aptPackages: ['chromium'],
  problem: () => {
    const { ok, output } = run(CHROMIUM_PATH, ['--version']);
    if (!ok) return `no usable ${CHROMIUM_PATH}`;
    return /Chromium \d+/.test(output) ? undefined : `\`chromium --version\` printed something unexpected: ${output.trim().slice(0, 80)}`;
  },
};
