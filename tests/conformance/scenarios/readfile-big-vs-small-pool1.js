// readfile-big-vs-small-pool1: on a pool of one, a small file read second finishes before a 1.5 MiB file (three 512 KiB reads) read first
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

readFile('big.bin');
readFile('small.txt');
