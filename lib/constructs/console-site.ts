// The web console deployed: a private S3 bucket behind CloudFront with origin
// access control, security headers and SPA routing (every unknown path gets
// index.html), the built web/ uploaded with a config.json that points it at
// the GraphQL API and at Cognito's hosted UI (authorization code + PKCE, the
// callback and sign-out URL being the distribution's own).
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeManagedRoleWildcards } from '../nag.ts';

export interface ConsoleSiteProps {
  /** The built console (lib/console-build.ts, web/dist). */
  readonly distDir: string;
  readonly userPool: cognito.IUserPool;
  /** AppSync's GraphQL endpoint. */
  readonly graphqlUrl: string;
  /** Cognito hosted UI domain prefix; unique in the region. */
  readonly domainPrefix: string;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
  /** @default false */
  readonly autoDeleteObjects?: boolean;
}

export class ConsoleSite extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly distribution: cloudfront.Distribution;
  public readonly userPoolClient: cognito.UserPoolClient;
  public readonly domain: cognito.UserPoolDomain;
  /** https://<distribution domain>/ */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    const autoDeleteObjects = props.autoDeleteObjects ?? false;
    const bucketDefaults = { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED, removalPolicy, autoDeleteObjects };
    const logs = new s3.Bucket(this, 'AccessLogs', { ...bucketDefaults, lifecycleRules: [{ expiration: Duration.days(90) }] });
    acknowledge(logs, 'AwsSolutions-S1', 'This is the access-log destination of the console bucket; logging it into itself would loop.');
    this.bucket = new s3.Bucket(this, 'Bucket', { ...bucketDefaults, serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'console/' });

    const region = Aws.REGION;
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'MCC console: CSP limited to this site, AppSync and Cognito; HSTS; no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            `connect-src 'self' https://*.appsync-api.${region}.amazonaws.com wss://*.appsync-realtime-api.${region}.amazonaws.com https://cognito-idp.${region}.amazonaws.com https://*.auth.${region}.amazoncognito.com`,
            "frame-ancestors 'none'",
            "base-uri 'self'",
            `form-action 'self' https://*.auth.${region}.amazoncognito.com`,
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${Stack.of(this).stackName} web console`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      // SPA routing: the bucket answers 403 for a key it does not hold (no ListBucket); the app routes the path.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) })),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    });
    this.url = `https://${this.distribution.distributionDomainName}/`;

    // Both in this construct, not under the pool: they depend on the distribution, and the pool's stack must not.
    this.domain = new cognito.UserPoolDomain(this, 'HostedUi', { userPool: props.userPool, cognitoDomain: { domainPrefix: props.domainPrefix }, managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI });
    // A public client (no secret: a browser cannot keep one), code flow only; oidc-client-ts adds PKCE.
    this.userPoolClient = new cognito.UserPoolClient(this, 'ConsoleClient', {
      userPool: props.userPool,
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [this.url],
        logoutUrls: [this.url],
      },
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }).withCustomAttributes('tenantId'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [
        Source.asset(props.distDir, { exclude: ['.built'] }),
        // Written at deploy, when the distribution, pool and client exist (web/src/config.ts reads it).
        Source.jsonData('config.json', {
          graphqlUrl: props.graphqlUrl,
          // AppSync's real-time endpoint speaks its own protocol, not graphql-ws: the console refreshes instead.
          realtime: { kind: 'poll', intervalMs: 10_000 },
          auth: {
            kind: 'cognito',
            authority: `https://cognito-idp.${region}.amazonaws.com/${props.userPool.userPoolId}`,
            clientId: this.userPoolClient.userPoolClientId,
            domain: this.domain.baseUrl(),
            redirectUri: this.url,
            signOutUri: this.url,
          },
        }),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      prune: true,
      memoryLimit: 256,
    });

    this.#acknowledgeFindings(deployment);
    new CfnOutput(this, 'ConsoleUrl', { value: this.url, description: 'The web console' });
    new CfnOutput(this, 'ConsoleClientId', { value: this.userPoolClient.userPoolClientId, description: 'Cognito app client of the console (code flow + PKCE)' });
  }

  #acknowledgeFindings(deployment: BucketDeployment): void {
    acknowledge(this.distribution, 'AwsSolutions-CFR1', 'The console is for the tenant staff wherever they work; who may use it is decided by Cognito sign-in, not by country.');
    acknowledge(this.distribution, 'AwsSolutions-CFR2', 'The distribution serves only static files from a private bucket (no origin compute to protect); the API behind it is AppSync with Cognito auth. Attach a WAF web ACL per organisation policy.');
    acknowledge(this.distribution, 'AwsSolutions-CFR3', 'CloudFront standard logs need an ACL-enabled bucket; the origin bucket has S3 server access logs, and CloudFront metrics are on by default.');
    acknowledge(this.distribution, 'AwsSolutions-CFR4', 'The default *.cloudfront.net certificate is used (its security policy is fixed by CloudFront); attach a custom domain and certificate to set TLSv1.2_2021 as the minimum.');
    acknowledgeManagedRoleWildcards(deployment.handlerRole, "CDK's BucketDeployment copies the console asset from the bootstrap asset bucket into the console bucket (and prunes it) and invalidates the distribution; its grants are object-level wildcards on those buckets.");
    acknowledge(deployment.handlerRole, 'AwsSolutions-IAM4', "CDK's BucketDeployment handler logs through AWSLambdaBasicExecutionRole; it runs only during deployments.", [
      'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
    const stack = Stack.of(this);
    const handler = stack.node.findAll().find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) acknowledge(handler, 'AwsSolutions-L1', "The runtime of CDK's BucketDeployment handler (Python, with the AWS CLI layer) is pinned by aws-cdk-lib.");
  }
}
