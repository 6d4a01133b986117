// interval-slow-before-timer: a slow timer before an interval in one pass: the interval re-arms from the reading taken just before its callback
// family: intervals
'use strict';
const { say, busy } = require('../lib.js');
setTimeout(() => {
  say('slow timer (20 ms list, before the interval)');
  busy(15);
}, 20);
let n = 0;
const id = setInterval(() => {
  say('interval ' + ++n);
  if (n === 2) clearInterval(id);
}, 20);
setTimeout(() => say('timeout 50'), 50);
