// readfile-errors-pool1: on a pool of one, a directory (EISDIR after open, fstat and a read) loses to a missing file (ENOENT at open) queued after it
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

readFile('sub');
readFile('missing.txt');
readFile('empty.txt');
