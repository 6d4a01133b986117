// poll-callback-queues: an fs callback that queues a tick, a promise, an immediate and a 0 ms timeout
// family: immediate vs timeout
'use strict';
const fs = require('fs');
const { say, confPath } = require('../lib.js');
fs.readFile(confPath('small.txt'), 'utf8', (err, data) => {
  say('readFile ' + data.length);
  setTimeout(() => say('timeout 0'), 0);
  setImmediate(() => say('immediate'));
  Promise.resolve().then(() => say('promise'));
  process.nextTick(() => say('tick'));
});
