// microtask-in-timer-sets: a promise callback inside a timer sets a 0 ms timeout and an immediate: the immediate comes first
// family: immediate vs timeout
'use strict';
const { say, busy } = require('../lib.js');
setTimeout(() => {
  say('timer');
  Promise.resolve().then(() => {
    say('promise');
    setTimeout(() => say('timeout 0'), 0);
    setImmediate(() => say('immediate'));
    process.nextTick(() => say('tick from the promise'));
    busy(3);
  });
}, 5);
