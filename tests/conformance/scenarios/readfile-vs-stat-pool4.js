// readfile-vs-stat-pool4: on a pool of four, a stat queued after a readFile
// family: files
// pool: 4
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

readFile('big.bin');
stat('small.txt');
