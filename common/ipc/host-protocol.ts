/**
 * The browser test host's wire format: one request per WebSocket message,
 * `{ id, channel, request }`, answered with `{ id, result }`. The host
 * validates requests with its own schema (main/browser-host); this file holds
 * only what the page's bridge needs too, so no zod reaches the page.
 */
export const HOST_BRIDGE_PATH = '/__host/bridge.js';
export const HOST_SOCKET_PATH = '/__host/socket';
