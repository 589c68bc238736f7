// The MCP stack's targeted assertions: its routes on the shared HTTP API, the
// function's configuration from the user pool (never a literal), and the one
// state machine it may resume.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildMcc } from '../../lib/mcc-app.ts';
import { mccApp } from './mcc-synth.ts';

describe('Mcp stack', () => {
  const stacks = buildMcc(mccApp());
  const template = Template.fromStack(stacks.mcp);

  it('routes POST, GET and DELETE /mcp and the protected-resource metadata to the MCP function', () => {
    // GIVEN the app, WHEN synthesized, THEN the HTTP API of the Api stack carries the MCP routes
    const keys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => (r.Properties as { RouteKey: string }).RouteKey);
    expect(keys.sort()).toEqual(['DELETE /mcp', 'GET /.well-known/oauth-protected-resource', 'GET /.well-known/oauth-protected-resource/mcp', 'GET /mcp', 'POST /mcp']);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
  });

  it('verifies ID tokens of the console user pool and its app client', () => {
    const fn = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'mcp' } } } }));
    expect(fn).toHaveLength(1);
    const vars = JSON.stringify((fn[0]?.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables);
    for (const name of ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'MCP_RESOURCE_URL', 'TABLE_NAME', 'EVENT_BUS_NAME', 'KNOWLEDGE_BUCKET', 'WORKFRONT_BASE_URL']) expect(vars).toContain(name);
    // Pool and client come from the GraphQL stack (imports), not from literals.
    expect(vars).toMatch(/Fn::ImportValue.*UserPool/);
    expect(vars).toContain('/.well-known/jwks.json');
  });

  it('may complete tasks of the campaign build only', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['states:SendTaskFailure', 'states:SendTaskSuccess']), Resource: { 'Fn::ImportValue': Match.stringLikeRegexp('Workflow:.*CampaignBuild') } })]) },
    });
  });
});
