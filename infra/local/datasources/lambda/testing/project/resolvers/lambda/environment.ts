/** Returns the environment it runs with. */
export async function handler(): Promise<Record<string, string | undefined>> {
  return { ...process.env };
}
