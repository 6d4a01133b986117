// readfile-vs-stat-pool1: on a pool of one, a stat queued after a readFile finishes first (readFile is four pool trips)
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
