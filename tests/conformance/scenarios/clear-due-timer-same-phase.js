// clear-due-timer-same-phase: a timer clears another that is due in the same timers phase, of its list and of another list
// family: clears
'use strict';
const { say, busy } = require('../lib.js');
let b, c;
setTimeout(() => {
  say('A clears B and C');
  clearTimeout(b);
  clearTimeout(c);
}, 10);
b = setTimeout(() => say('B (never)'), 10);
c = setTimeout(() => say('C (never)'), 12);
setTimeout(() => say('D'), 12);
busy(20);
