// clear-timer-from-immediate: an immediate clears a timeout that is already due
// family: clears
'use strict';
const { say, busy } = require('../lib.js');
const t = setTimeout(() => say('timeout (never)'), 40);
setTimeout(() => say('timeout 80'), 80);
setImmediate(() => {
  busy(50);
  clearTimeout(t);
  say('immediate cleared the timeout');
});
busy(5);
