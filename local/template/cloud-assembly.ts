// Reads a synthesized CDK cloud assembly (`cdk.out`): each stack's template,
// in the manifest's order (dependencies first), and the file assets the stack
// publishes, so bundles and bucket-deployment sources can be found on disk.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly Condition?: string;
}

export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
  readonly Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  readonly Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
}

export interface StackArtifact {
  readonly stackName: string;
  readonly template: CfnTemplate;
  /** Asset hash → absolute path of the staged asset (a directory or a file) in the assembly. */
  readonly assets: ReadonlyMap<string, string>;
  /** The assembly directory the stack was read from (asset paths in Metadata are relative to it). */
  readonly directory: string;
}

interface Manifest {
  artifacts?: Record<string, { type: string; properties?: Record<string, unknown>; displayName?: string }>;
}

interface AssetManifest {
  files?: Record<string, { source?: { path?: string } }>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

export function readCloudAssembly(directory: string): StackArtifact[] {
  const dir = resolve(directory);
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`No cloud assembly at ${dir} (manifest.json is missing); run \`cdk synth\` first`);
  const manifest = readJson<Manifest>(manifestPath);
  const artifacts = Object.entries(manifest.artifacts ?? {});
  const assets = new Map<string, string>();
  for (const [, artifact] of artifacts) {
    if (artifact.type !== 'cdk:asset-manifest' || typeof artifact.properties?.file !== 'string') continue;
    const files = readJson<AssetManifest>(join(dir, artifact.properties.file)).files ?? {};
    for (const [hash, file] of Object.entries(files)) {
      if (file.source?.path) assets.set(hash, join(dir, file.source.path));
    }
  }
  const stacks: StackArtifact[] = [];
  for (const [id, artifact] of artifacts) {
    const props = artifact.properties ?? {};
    if (artifact.type === 'aws:cloudformation:stack' && typeof props.templateFile === 'string') {
      stacks.push({ stackName: typeof props.stackName === 'string' ? props.stackName : id, template: readJson(join(dir, props.templateFile)), assets, directory: dir });
    } else if (artifact.type === 'cdk:cloud-assembly' && typeof props.directoryName === 'string') {
      stacks.push(...readCloudAssembly(join(dir, props.directoryName)));
    }
  }
  return stacks;
}
