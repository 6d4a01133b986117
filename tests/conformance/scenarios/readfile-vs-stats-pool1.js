// readfile-vs-stats-pool1: on a pool of one, three stats queued after a readFile all finish before it
// family: files
// pool: 1
'use strict';
const fs = require('fs');
const { say, confPath } = require('../lib.js');
function readFile(name) {
  fs.readFile(confPath(name), (err, data) =>
    say(err ? `readFile ${name}: ${err.code}` : `readFile ${name}: ${data.length} bytes`));
}
function stat(name) {
  fs.stat(confPath(name), (err) => say(`stat ${name}: ${err ? err.code : 'ok'}`));
}

readFile('small.txt');
stat('small.txt');
stat('empty.txt');
stat('missing.txt');
