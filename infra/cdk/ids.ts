/** A construct id from a manifest name (`Mutation.createQueue` -> `MutationcreateQueue`). */
export function constructId(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '');
}

/** Splits a schema coordinate `Type.field`; the manifest check guarantees the shape. */
export function splitCoordinate(coordinate: string): { typeName: string; fieldName: string } {
  const [typeName, fieldName, ...rest] = coordinate.split('.');
  if (!typeName || !fieldName || rest.length > 0) {
    throw new Error(`${JSON.stringify(coordinate)} is not a schema coordinate (Type.field).`);
  }
  return { typeName, fieldName };
}
