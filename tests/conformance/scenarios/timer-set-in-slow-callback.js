// timer-set-in-slow-callback: a timeout set after slow work inside a timer counts from then, not from the timers phase start
// family: timer start
'use strict';
const { say, busy } = require('../lib.js');
setTimeout(() => {
  say('slow timer');
  busy(30);
  setTimeout(() => say('X: 10 ms, set after the work'), 10);
}, 5);
setTimeout(() => say('Y: 45 ms, set at the start'), 45);
