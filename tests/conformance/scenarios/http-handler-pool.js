// http-handler-pool: a request handler answers from a pool callback (fs.stat) and sets an immediate first
// family: http
'use strict';
const http = require('http');
const { say, httpGet, confPath } = require('../lib.js');
const fs = require('fs');

const server = http.createServer((req, res) => {
  say('handler');
  fs.stat(confPath('small.txt'), () => {
    say('stat done, answering');
    res.end('stat');
  });
  setImmediate(() => say('immediate'));
});
server.listen(0, '127.0.0.1', () => httpGet(server.address().port, '/', () => server.close()));
