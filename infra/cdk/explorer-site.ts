import { RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { explorerStampFile } from '../explorer/build';
import type { ExplorerConfig } from '../explorer/src/config';

export interface ExplorerSiteProps {
  /** The built page (dist/explorer): index.html and its hashed script and style. */
  readonly explorerDir: string;
  /** Written beside the page as config.json; may hold tokens, resolved at deployment. */
  readonly config: ExplorerConfig;
}

/** Refuses a directory without a built page, rather than deploying an empty site. */
export function checkExplorerBuilt(explorerDir: string): void {
  if (!existsSync(path.join(explorerDir, 'index.html'))) {
    throw new Error(
      `The explorer page is not built: ${path.join(explorerDir, 'index.html')} is missing. Run \`npm run build\` first.`,
    );
  }
}

/**
 * The explorer on a private bucket that only CloudFront reads (origin access control), served
 * over HTTPS, with config.json pointing it at this stack's API.
 */
export class ExplorerSite extends Construct {
  readonly bucket: s3.IBucket;
  readonly distribution: cloudfront.Distribution;
  readonly deployment: s3deploy.BucketDeployment;
  /** `https://<distribution domain>/`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ExplorerSiteProps) {
    super(scope, id);
    checkExplorerBuilt(props.explorerDir);

    // Whatever the stage, the bucket holds only build output, so it goes with the stack.
    const bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    // Bucket declares `isWebsite?: boolean`, which `exactOptionalPropertyTypes` sees as
    // incompatible with IBucket's `boolean | undefined`; the two are the same at run time.
    this.bucket = bucket as unknown as s3.IBucket;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Courier explorer',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
      },
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    });
    this.url = `https://${this.distribution.distributionDomainName}/`;

    // One deployment, every file revalidated (no-cache): the hashed script and style then cost a
    // 304 per load, and the page, its files and config.json can never be out of step.
    this.deployment = new s3deploy.BucketDeployment(this, 'Files', {
      sources: [
        s3deploy.Source.asset(props.explorerDir, { exclude: [explorerStampFile] }),
        s3deploy.Source.jsonData('config.json', props.config),
      ],
      destinationBucket: this.bucket,
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
  }
}
