import * as appsync from 'aws-cdk-lib/aws-appsync';
import type { Construct } from 'constructs';
import { codeUnits, type Manifest } from '../../resolvers/manifest';
import { constructId, splitCoordinate } from './ids';

/** The bundled code of every code unit, by code-unit id (`Type.field`, `Type.field/NN.step`). */
export type Bundles = Readonly<Record<string, string>>;

export interface ResolversProps {
  readonly manifest: Manifest;
  readonly api: appsync.GraphqlApi;
  readonly dataSources: ReadonlyMap<string, appsync.BaseDataSource>;
  readonly bundles: Bundles;
}

const runtime = appsync.FunctionRuntime.JS_1_0_0;

/** Refuses bundles that lack a code unit of the manifest, naming every missing one. */
export function checkBundles(manifest: Manifest, bundles: Bundles): void {
  const missing = codeUnits(manifest)
    .map((unit) => unit.id)
    .filter((id) => bundles[id] === undefined);
  if (missing.length > 0) {
    throw new Error(
      `No bundle for ${missing.join(', ')}: run \`npm run build\` before synthesizing.`,
    );
  }
}

/**
 * Every resolver of the manifest: UNIT and PIPELINE ones with their bundled APPSYNC_JS code,
 * pipeline functions likewise, and direct Lambda resolvers without code.
 */
export function createResolvers(scope: Construct, props: ResolversProps): appsync.Resolver[] {
  const { api } = props;
  const dataSource = (name: string): appsync.BaseDataSource => {
    const found = props.dataSources.get(name);
    if (!found) {
      throw new Error(
        `The manifest names data source ${JSON.stringify(name)}, which it does not declare.`,
      );
    }
    return found;
  };
  const code = (id: string): appsync.Code => {
    const bundle = props.bundles[id];
    if (bundle === undefined) {
      throw new Error(`No bundle for ${id}: run \`npm run build\` before synthesizing.`);
    }
    return appsync.Code.fromInline(bundle);
  };

  return Object.entries(props.manifest.resolvers).map(([coordinate, resolver]) => {
    const { typeName, fieldName } = splitCoordinate(coordinate);
    const id = constructId(coordinate);
    if (resolver.kind === 'UNIT') {
      return new appsync.Resolver(scope, `${id}Resolver`, {
        api,
        typeName,
        fieldName,
        dataSource: dataSource(resolver.dataSource),
        ...(resolver.maxBatchSize === undefined ? {} : { maxBatchSize: resolver.maxBatchSize }),
        // A direct Lambda resolver has no code: AppSync hands the Lambda the whole context.
        ...(resolver.direct ? {} : { runtime, code: code(coordinate) }),
      });
    }
    const pipelineConfig = resolver.functions.map(
      (fn) =>
        new appsync.AppsyncFunction(scope, `${id}${constructId(fn.name)}Function`, {
          api,
          name: `${id}_${constructId(fn.name)}`,
          dataSource: dataSource(fn.dataSource),
          ...(fn.maxBatchSize === undefined ? {} : { maxBatchSize: fn.maxBatchSize }),
          runtime,
          code: code(`${coordinate}/${fn.name}`),
        }),
    );
    return new appsync.Resolver(scope, `${id}Resolver`, {
      api,
      typeName,
      fieldName,
      pipelineConfig,
      runtime,
      code: code(coordinate),
    });
  });
}
