// ConsoleSite construct: a private bucket reached only through CloudFront's
// origin access control, security headers, SPA routing, a Cognito client with
// the code flow only whose callback and sign-out are the distribution's URL,
// and config.json written at deploy. Plus: the Web stack depends on the
// GraphQL stack and nothing depends back (no cycle).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { describe, expect, it } from 'vitest';
import { ConsoleSite } from '../../lib/constructs/console-site.ts';
import { buildMcc } from '../../lib/mcc-app.ts';
import { cdkApp } from '../support/cdk-app.ts';
import { mccApp } from './mcc-synth.ts';

function synth(): Template {
  // GIVEN a throwaway stack with a user pool and a built console of one file
  const app = cdkApp({ 'aws:cdk:bundling-stacks': [] });
  const stack = new Stack(app, 'ConsoleTest');
  const userPool = new cognito.UserPool(stack, 'Pool');
  const distDir = mkdtempSync(join(tmpdir(), 'console-dist-'));
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><div id="root"></div>');
  // WHEN
  new ConsoleSite(stack, 'Console', { distDir, userPool, graphqlUrl: 'https://example.appsync-api.us-east-1.amazonaws.com/graphql', domainPrefix: 'mcc-test' });
  return Template.fromStack(stack);
}

describe('ConsoleSite', () => {
  const template = synth();
  const distributionDomain = { 'Fn::GetAtt': [Match.stringLikeRegexp('^ConsoleDistribution'), 'DomainName'] };

  it('THEN the bucket is private and encrypted, and only CloudFront (origin access control) may read it', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: Match.anyValue(),
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'console/' }),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' })]) },
    });
  });

  it('THEN the distribution answers unknown paths with index.html (SPA routing), over HTTPS, with security headers', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        CustomErrorResponses: [
          { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
          { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
        ],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }),
      }),
    });
    const [policy] = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy')) as { Properties: { ResponseHeadersPolicyConfig: { SecurityHeadersConfig: Record<string, Record<string, unknown>> } } }[];
    const headers = policy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig ?? {};
    expect(headers.FrameOptions?.FrameOption).toBe('DENY');
    expect(headers.StrictTransportSecurity?.AccessControlMaxAgeSec).toBe(31_536_000);
    expect(headers.ContentTypeOptions).toBeDefined();
    const csp = JSON.stringify(headers.ContentSecurityPolicy?.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('THEN the Cognito client is public, code flow only (no implicit grant), its callback and sign-out the distribution URL', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(['openid']),
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', distributionDomain, '/']] }],
      LogoutURLs: [{ 'Fn::Join': ['', ['https://', distributionDomain, '/']] }],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'mcc-test' });
  });

  it('THEN the console and its config.json are deployed into the bucket, invalidating index.html and config.json', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', { Prune: true, DistributionPaths: ['/index.html', '/config.json'] });
    const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment')) as { Properties: { SourceObjectKeys: unknown[]; SourceMarkers: Record<string, unknown>[] } }[];
    // Two sources: the built console, and config.json whose deploy-time values (client ID, URLs) are markers the handler fills in.
    expect(deployment?.Properties.SourceObjectKeys).toHaveLength(2);
    const markers = JSON.stringify(deployment?.Properties.SourceMarkers);
    expect(markers).toContain('ConsoleConsoleClient');
    expect(markers).toContain('ConsoleDistribution');
  });
});

describe('the Web stack in the app', () => {
  it('GIVEN the whole app, THEN Web depends on Graphql and no stack depends on Web; the old client has no OAuth (no implicit flow, no example.com)', () => {
    const app = mccApp();
    const stacks = buildMcc(app);
    app.synth(); // cross-stack references become dependencies when the app is prepared
    expect(stacks.web.dependencies.map((s) => s.stackName)).toContain(stacks.graphql.stackName);
    for (const stack of [stacks.data, stacks.graphql, stacks.workflow, stacks.api, stacks.monitoring]) {
      expect(stack.dependencies.map((s) => s.stackName)).not.toContain(stacks.web.stackName);
    }
    const clients = Object.values(Template.fromStack(stacks.graphql).findResources('AWS::Cognito::UserPoolClient')) as { Properties: Record<string, unknown> }[];
    for (const client of clients) {
      expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
      expect(JSON.stringify(client.Properties)).not.toContain('example.com');
    }
    const webClients = Object.values(Template.fromStack(stacks.web).findResources('AWS::Cognito::UserPoolClient')) as { Properties: Record<string, unknown> }[];
    expect(webClients.map((c) => c.Properties.AllowedOAuthFlows)).toEqual([['code']]);
    // Synthesizes all stacks (and builds the console when stale): as long as the cdk-nag test's synth.
  }, 120_000);
});
