// pool-callback-queues: a pool completion callback that queues a tick, a promise, an immediate and a due 0 ms timeout
// family: pool vs timers
'use strict';
const crypto = require('crypto');
const { say, busy } = require('../lib.js');
crypto.pbkdf2('secret', 'salt', 1000, 32, 'sha256', () => {
  say('pbkdf2 done');
  setTimeout(() => say('timeout 0'), 0);
  setImmediate(() => say('immediate'));
  Promise.resolve().then(() => say('promise'));
  process.nextTick(() => say('tick'));
  busy(3);
});
