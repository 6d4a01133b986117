// stat-fifo-pool1: on a pool of one, single-trip requests finish in the order queued
// family: files
// pool: 1
'use strict';
const fs = require('fs');
const { say, confPath } = require('../lib.js');
for (const name of ['small.txt', 'missing.txt', 'sub', 'empty.txt']) {
  fs.stat(confPath(name), (err) => {
    say(`stat ${name}: ${err ? err.code : 'ok'}`);
  });
}
