// Import boundaries between the layers of functions/ (functions/README.md):
// one `no-restricted-imports` block per folder, saying what that folder may
// not import. ESLint's own rule rather than eslint-plugin-boundaries: the
// layers are plain folders, a regex per forbidden target says it all, and it
// needs no plugin, settings or resolver. (Each block repeats the rules common
// to all of functions/, since a later block for a file replaces an earlier
// block's options for the same rule.)

/** @param {string} folders alternation of folder names, e.g. 'adapters|handlers' */
const into = (folders) => `^(\\.\\./)+(${folders})/`;

const NOT_DEPLOYED = { regex: into('local|lib|bin|test|bench|scripts'), message: 'Lambda code runs unchanged deployed and locally: it never imports the local runtime, the CDK app or tests.' };
const NO_CDK = { regex: '^(aws-cdk-lib|constructs)(/|$)', message: 'CDK is for lib/, never bundled into a function.' };
const NO_HANDLERS = { regex: into('handlers'), message: 'Handlers are entry points; nothing imports them.' };
const NO_SDK = { regex: '^@aws-sdk/', message: 'This layer sees repositories and ports, never an SDK client or `doc`: put the call behind a port (ports/) with an adapter (adapters/), or a repository (data/).' };
const NO_LAMBDA_TYPES = { regex: '^aws-lambda$', message: 'Only handlers (and the shared Step Functions wrapper) know Lambda event types.' };

/** @param {string} folder @param {Array<{regex: string, message: string}>} patterns */
const layer = (folder, patterns) => ({
  files: [`functions/${folder}/**/*.ts`],
  rules: { 'no-restricted-imports': ['error', { patterns: [NOT_DEPLOYED, NO_CDK, ...patterns] }] },
});

export const importBoundaries = [
  layer('domain', [
    { regex: '^(\\.\\./)', message: 'domain/ holds the rules and imports only itself (and zod).' },
    NO_SDK,
    NO_LAMBDA_TYPES,
  ]),
  layer('workflow', [{ regex: into('data|shared|ports|adapters|use-cases|graphql|approval|workfront|knowledge'), message: 'The workflow contract depends on the domain only.' }, NO_SDK, NO_LAMBDA_TYPES]),
  layer('ports', [
    { regex: into('data|shared|adapters|graphql|approval|workfront|knowledge'), message: 'A port is an interface over the domain; implementations live in adapters/.' },
    // Known exception (issue 13's assistant): the Classification types live in that use case; they belong in domain/.
    { regex: `${into('use-cases')}(?!classify-campaign\\.ts$)`, message: 'A port is an interface over the domain; implementations live in adapters/.' },
    NO_SDK,
    NO_LAMBDA_TYPES,
  ]),
  layer('data', [{ regex: into('shared|ports|adapters|use-cases|graphql|approval|workfront|knowledge|handlers'), message: 'Repositories depend on the domain and the DynamoDB SDK only.' }, NO_LAMBDA_TYPES]),
  layer('use-cases', [
    NO_HANDLERS,
    { regex: into('adapters'), message: 'Use cases get adapters injected as ports; they never import one.' },
    // #13 moves the conversation agent to ports/; until then it is the one graphql/ module a use case may name.
    { regex: `${into('graphql')}(?!conversation-agent\\.ts$)`, message: 'GraphQL is an adapter over the use cases, not below them.' },
    { regex: `${into('data')}(?!(\\w|-)+-(repository|store)\\.ts$)`, message: 'Use cases reach the table through repositories (data/*-repository.ts, *-store.ts) only, never `doc`, `tableName` or key helpers.' },
    NO_SDK,
    NO_LAMBDA_TYPES,
  ]),
  layer('adapters', [
    NO_HANDLERS,
    { regex: into('graphql'), message: 'Adapters implement ports; they do not call use cases.' },
    // Known exception (issue 13's local assistant): it checks a draft with the brief rules of createCampaign and
    // names the Classification type; both belong in domain/. Any other use case is off limits.
    { regex: `${into('use-cases')}(?!(create|classify)-campaign\\.ts$)`, message: 'Adapters implement ports; they do not call use cases.' },
    NO_LAMBDA_TYPES,
  ]),
  layer('shared', [NO_HANDLERS, { regex: into('use-cases|graphql'), message: 'shared/ sits below the use cases.' }]),
  layer('approval', [NO_HANDLERS, { regex: into('use-cases|adapters|graphql|data'), message: 'approval/ holds rendering and token rules the use cases call.' }, NO_SDK, NO_LAMBDA_TYPES]),
  layer('knowledge', [NO_HANDLERS, { regex: into('use-cases|adapters|graphql|data'), message: 'knowledge/ holds content rules the agents and use cases call.' }, NO_SDK, NO_LAMBDA_TYPES]),
  layer('workfront', [NO_HANDLERS, { regex: into('use-cases|graphql'), message: 'The Workfront client sits below the use cases.' }, NO_LAMBDA_TYPES]),
  layer('graphql', [NO_HANDLERS]),
  layer('handlers', []),
];
