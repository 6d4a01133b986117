// ticks-chain-before-timer: a chain of 1000 next ticks runs to its end before a due timer
// family: ticks
'use strict';
const { say } = require('../lib.js');
setTimeout(() => say('timeout'), 0);
let n = 0;
function again() {
  if (++n < 1000) process.nextTick(again);
  else say('ticks done ' + n);
}
process.nextTick(again);
