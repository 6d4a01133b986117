// http-handler-slow-timer: a handler works 30 ms, then sets a 10 ms timeout; a 35 ms timeout set just before the request was sent comes first, since the handler's counts from after the work
// family: http
'use strict';
const http = require('http');
const { say, busy, httpGet } = require('../lib.js');
const server = http.createServer((req, res) => {
  say('handler');
  busy(30);
  setTimeout(() => { say('handler timeout 10, answering'); res.end('late'); }, 10);
});
server.listen(0, '127.0.0.1', () => {
  setTimeout(() => say('timeout 35, set before the request'), 35);
  httpGet(server.address().port, '/', () => server.close());
});
