/** A module that fails while loading, before any invocation. */
const setting = process.env['REQUIRED_SETTING'];
if (!setting) {
  throw new Error('REQUIRED_SETTING is not set');
}

export async function handler(): Promise<string> {
  return setting ?? '';
}
