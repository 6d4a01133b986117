// writefile-vs-stat-pool1: on a pool of one, a stat queued after a writeFile finishes first (writeFile is open, write, close: three pool trips)
// family: files
// pool: 1
'use strict';
const fs = require('fs');
const { say, confPath } = require('../lib.js');
fs.writeFile(confPath('written.txt'), 'written by the scenario\n', (err) => {
  say('writeFile ' + (err ? err.code : 'ok'));
  fs.readFile(confPath('written.txt'), 'utf8', (err2, data) => say('read back ' + data.length));
});
fs.stat(confPath('small.txt'), (err) => say('stat ' + (err ? err.code : 'ok')));
fs.writeFile(confPath('sub/missing/x.txt'), 'x', (err) => say('writeFile into a missing dir ' + err.code));
