// http-two-requests: two requests one after the other, the second sent once the first answer arrived
// family: http
'use strict';
const http = require('http');
const { say, httpGet, confPath } = require('../lib.js');
const fs = require('fs');

let n = 0;
const server = http.createServer((req, res) => {
  say('handler ' + req.url);
  res.end('answer ' + ++n);
});
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  httpGet(port, '/one', () => httpGet(port, '/two', () => server.close()));
});
