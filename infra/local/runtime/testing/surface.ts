import path from 'node:path';
import ts from 'typescript';

const utilsDir = path.dirname(require.resolve('@aws-appsync/utils/package.json'));

/** A module of @aws-appsync/utils and the declaration file whose exports make up its surface. */
const MODULE_FILES: Readonly<Record<string, string>> = {
  '@aws-appsync/utils/dynamodb': 'lib/dynamodb-helpers.d.ts',
  '@aws-appsync/utils/rds': 'lib/rds-helpers.d.ts',
  '@aws-appsync/utils/ai': 'lib/bedrock-helpers.d.ts',
};

function resolveAlias(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

function callablePaths(
  checker: ts.TypeChecker,
  type: ts.Type,
  prefix: string,
  depth: number,
): string[] {
  if (type.getCallSignatures().length > 0) {
    return [prefix];
  }
  if (depth > 4) {
    return [];
  }
  return checker.getPropertiesOfType(type).flatMap((property) => {
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    if (!declaration) {
      return [];
    }
    const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration);
    return callablePaths(checker, propertyType, `${prefix}.${property.name}`, depth + 1);
  });
}

/**
 * Every function @aws-appsync/utils declares, as dotted paths: `util.time.nowFormatted`,
 * `extensions.setSubscriptionFilter`, `runtime.earlyReturn`, `@aws-appsync/utils/dynamodb.put`,
 * `@aws-appsync/utils/dynamodb.operations.increment`... Read from the package's .d.ts files, so a
 * new version of the package with new functions makes the surface test fail until they exist.
 */
export function declaredSurface(): { module: string; path: string }[] {
  const files = [
    path.join(utilsDir, 'lib/index.d.ts'),
    ...Object.values(MODULE_FILES).map((file) => path.join(utilsDir, file)),
  ];
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const surface: { module: string; path: string }[] = [];

  const index = program.getSourceFile(files[0] as string);
  const indexSymbol = index && checker.getSymbolAtLocation(index);
  for (const name of ['util', 'extensions', 'runtime']) {
    const exported =
      indexSymbol &&
      checker.getExportsOfModule(indexSymbol).find((candidate) => candidate.name === name);
    const symbol = exported && resolveAlias(checker, exported);
    if (!symbol?.valueDeclaration) {
      throw new Error(`@aws-appsync/utils declares no ${name}`);
    }
    const type = checker.getTypeOfSymbolAtLocation(symbol, symbol.valueDeclaration);
    surface.push(
      ...callablePaths(checker, type, name, 0).map((p) => ({
        module: '@aws-appsync/utils',
        path: p,
      })),
    );
  }

  for (const [moduleName, file] of Object.entries(MODULE_FILES)) {
    const source = program.getSourceFile(path.join(utilsDir, file));
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    for (const exported of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
      const symbol = resolveAlias(checker, exported);
      const declaration = symbol.valueDeclaration;
      if (!declaration) {
        continue; // a type, not a value
      }
      const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
      surface.push(
        ...callablePaths(checker, type, exported.name, 0).map((p) => ({
          module: moduleName,
          path: p,
        })),
      );
    }
  }
  return surface;
}
