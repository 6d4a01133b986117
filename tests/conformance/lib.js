// lib.js: what the conformance scripts share (tests/conformance/scenarios/
// NAME.js, each the oracle for its tickloop twin NAME.c); conf.c is the
// twins' side of the same helpers. Labels are written synchronously, one
// per line, so that their order on stdout is the order of the calls.
'use strict';
const fs = require('fs');
const path = require('path');
const http = require('http');

function say(label) {
  fs.writeSync(1, label + '\n');
}

// Holds the thread for `ms` milliseconds (synchronous work).
function busy(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

// $CONF_DIR/name: the fixtures the runner made.
function confPath(name) {
  return path.join(process.env.CONF_DIR || '.', name);
}

// A GET of 127.0.0.1:port/path that says "response STATUS BODY" once the
// whole body arrived, then calls then() (conf_http_get in conf.c).
function httpGet(port, p, then) {
  http.get({ host: '127.0.0.1', port, path: p, agent: false,
             headers: { connection: 'close' } }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (d) => { body += d; });
    res.on('end', () => {
      say(`response ${res.statusCode} ${body}`);
      if (then) then();
    });
  });
}

process.on('exit', () => say('exit'));

module.exports = { say, busy, confPath, httpGet };
