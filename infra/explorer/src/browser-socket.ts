// The browser's WebSocket behind the realtime client's small socket interface.
import type { OpenRealtimeSocket } from './realtime';

/** Opens a browser WebSocket; text frames only (AppSync sends no binary ones). */
export const openBrowserSocket: OpenRealtimeSocket = (url, protocols, handlers) => {
  const socket = new WebSocket(url, [...protocols]);
  socket.addEventListener('open', () => handlers.open());
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') handlers.message(event.data);
  });
  socket.addEventListener('close', (event) => handlers.close(event.code, event.reason));
  socket.addEventListener('error', () => handlers.error());
  return {
    send: (text) => socket.send(text),
    close: (code, reason) => socket.close(code, reason),
  };
};
