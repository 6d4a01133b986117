// timer-sets-immediate-and-timeout: inside a timer an immediate fires before a 0 ms timeout (check comes before the next timers phase)
// family: immediate vs timeout
'use strict';
const { say, busy } = require('../lib.js');
setTimeout(() => {
  say('timer');
  setTimeout(() => say('timeout 0'), 0);
  setImmediate(() => say('immediate'));
  busy(3);
}, 5);
