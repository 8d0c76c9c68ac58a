import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { schemaDir } from './paths';

/** The SDL AppSync receives: Courier's API without AppSync's own declarations. */
export function readDeployableSchema(dir: string = schemaDir): string {
  return readFileSync(path.join(dir, 'schema.graphql'), 'utf8');
}

/**
 * AppSync's built-in scalars and directives as SDL (schema/appsync.graphql): the one list every
 * tool reads, the local engine included. Never deployed.
 */
export function readAppSyncDeclarations(dir: string = schemaDir): string {
  return readFileSync(path.join(dir, 'appsync.graphql'), 'utf8');
}

/** The full schema as tools see it: AppSync's scalars and directives plus Courier's API. */
export function loadSchema(dir: string = schemaDir): GraphQLSchema {
  return buildSchema(`${readAppSyncDeclarations(dir)}\n${readDeployableSchema(dir)}`);
}
