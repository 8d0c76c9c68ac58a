import path from 'node:path';

/** Where things live, from the project root; every tool resolves paths through here. */
export const projectRoot = path.resolve(__dirname, '..', '..');
export const schemaDir = path.join(projectRoot, 'schema');
export const resolversDir = path.join(projectRoot, 'resolvers');
export const defaultBundleDir = path.join(projectRoot, 'dist', 'resolvers');
