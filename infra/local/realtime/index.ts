/** AppSync's realtime (WebSocket) endpoint for the local engine. */
export {
  attachRealtime,
  REALTIME_DEFAULTS,
  type RealtimeOptions,
  type RealtimeServer,
} from './server';
export { CLOSE_CODES } from './connection';
export { GRAPHQL_WS_PROTOCOL } from './connect-auth';
export { REALTIME_ERROR_TYPES, type ServerFrame, type RealtimeErrorEntry } from './protocol';
