import type * as BedrockHelpers from '@aws-appsync/utils/lib/bedrock-helpers';
import type {
  BedrockConverseRequest,
  BedrockInvokeModelRequest,
} from '@aws-appsync/utils/lib/resolver-return-types';
import type { RealmDeps } from '../deps';
import { describeReceived, isRecord, setOwn } from '../checks';

export type AiModule = typeof BedrockHelpers;

/**
 * `@aws-appsync/utils/ai`: builders of Bedrock data-source requests. Each returns the payload with
 * its `operation` set (first, and not overridable by the payload). Only what the request cannot do
 * without is checked here; the shape of messages, tools and bodies is Bedrock's to validate.
 */
export function createAiModule(_deps: RealmDeps): AiModule {
  return {
    invokeModel(payload: unknown): BedrockInvokeModelRequest {
      const request = buildRequest('invokeModel', 'InvokeModel', payload);
      if (request['body'] === undefined) {
        throw new Error(
          'invokeModel expects payload.body (the model request body), received undefined.',
        );
      }
      return request as BedrockInvokeModelRequest;
    },
    converse(payload: unknown): BedrockConverseRequest {
      const request = buildRequest('converse', 'Converse', payload);
      const messages = request['messages'];
      if (!Array.isArray(messages)) {
        throw new Error(
          `converse expects payload.messages to be an array of messages, received ${describeReceived(messages)}.`,
        );
      }
      return request as BedrockConverseRequest;
    },
  };
}

function buildRequest(
  helper: string,
  operation: string,
  payload: unknown,
): Record<string, unknown> {
  if (!isRecord(payload)) {
    throw new Error(`${helper} expects a payload object, received ${describeReceived(payload)}.`);
  }
  const modelId = payload['modelId'];
  if (typeof modelId !== 'string' || modelId === '') {
    throw new Error(
      `${helper} expects payload.modelId to be a model id or ARN string, received ${describeReceived(modelId)}.`,
    );
  }
  const request: Record<string, unknown> = { operation };
  for (const key of Object.keys(payload)) {
    const value = payload[key];
    // Undefined members are dropped, as they would be when the request is serialised.
    if (key !== 'operation' && value !== undefined) setOwn(request, key, value);
  }
  return request;
}
