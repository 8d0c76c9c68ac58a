/** Admin requests (createQueue needs group `admins`): a token from the data directory's issuer. */
import { openLocalIssuer } from '../../infra/local/auth/local-issuer';
import { dataDirLayout } from '../../infra/local/data-dir';
import { createGraphqlCaller } from './graphql-caller';
import { createQueue } from './queue-calls';

/** Creates each queue; throws with the API's answer when one is refused. */
export async function createQueues(
  url: string,
  dataDir: string,
  inputs: readonly Readonly<Record<string, unknown>>[],
): Promise<void> {
  const issuer = await openLocalIssuer(dataDirLayout(dataDir).issuer);
  const caller = createGraphqlCaller({
    url,
    headers: { authorization: issuer.mint({ username: 'stress', groups: ['admins'] }) },
  });
  try {
    for (const input of inputs) {
      const outcome = await createQueue(caller, input);
      if (outcome.kind !== 'ok') {
        throw new Error(`createQueue ${JSON.stringify(input)}: ${JSON.stringify(outcome)}`);
      }
    }
  } finally {
    caller.close();
  }
}
