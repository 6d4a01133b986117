// fs-steps-and-immediates: open, read and close, each started from the previous callback, with an immediate from each: the check phase runs before the next completion
// family: files
'use strict';
const fs = require('fs');
const { say, confPath } = require('../lib.js');
const buf = Buffer.alloc(64);
fs.open(confPath('small.txt'), 'r', (err, fd) => {
  say('open ' + (err ? err.code : 'ok'));
  setImmediate(() => say('immediate after open'));
  fs.read(fd, buf, 0, 64, 0, (err2, n) => {
    say('read ' + n);
    setImmediate(() => say('immediate after read'));
    fs.close(fd, (err3) => {
      say('close ' + (err3 ? err3.code : 'ok'));
      setImmediate(() => say('immediate after close'));
    });
  });
});
