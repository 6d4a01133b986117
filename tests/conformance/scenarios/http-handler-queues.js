// http-handler-queues: a request handler queues a tick, a promise, an immediate and a 0 ms timeout; the timeout answers
// family: http
'use strict';
const http = require('http');
const { say, httpGet, confPath } = require('../lib.js');
const fs = require('fs');

const server = http.createServer((req, res) => {
  say('handler ' + req.url);
  process.nextTick(() => say('tick'));
  Promise.resolve().then(() => say('promise'));
  setImmediate(() => say('immediate'));
  setTimeout(() => { say('timeout 0, answering'); res.end('ok'); }, 0);
});
server.listen(0, '127.0.0.1', () => httpGet(server.address().port, '/hello', () => server.close()));
