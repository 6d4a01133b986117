// clear-timer-from-immediate: an immediate clears a timeout that is already due
// family: clears
'use strict';
const { say, busy } = require('../lib.js');
const t = setTimeout(() => say('timeout (never)'), 15);
setTimeout(() => say('timeout 40'), 40);
setImmediate(() => {
  busy(20);
  clearTimeout(t);
  say('immediate cleared the timeout');
});
busy(5);
