// server-close-callback: closing an HTTP server that has no connection, with an immediate set just after
// family: close callbacks
// different-on-purpose: Node emits a server's 'close' event from a next tick queued by server.close(), before the listening handle has really closed; tl_close's callback is the handle's close callback (libuv's), which runs in the close phase once the handle is closed and its memory may be reused, so it comes after the immediate
'use strict';
const http = require('http');
const { say } = require('../lib.js');
const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  server.close(() => say('server closed'));
  setImmediate(() => say('immediate'));
  process.nextTick(() => say('tick'));
});
