// immediate-sets-timeout-and-immediate: inside an immediate a due 0 ms timeout fires before the next immediate (timers come before the next check phase)
// family: immediate vs timeout
'use strict';
const { say, busy } = require('../lib.js');
setImmediate(() => {
  say('immediate 1');
  setTimeout(() => say('timeout 0'), 0);
  setImmediate(() => say('immediate 2'));
  busy(3);
});
