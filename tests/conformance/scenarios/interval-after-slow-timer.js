// interval-after-slow-timer: an interval re-armed after a slow timer of its list counts from just before its callback, so a due timeout comes first
// family: intervals
'use strict';
const { say, busy } = require('../lib.js');
let n = 0;
const id = setInterval(() => {
  say('interval ' + ++n);
  if (n === 2) clearInterval(id);
}, 20);
setTimeout(() => {
  say('slow timer (20 ms list, after the interval)');
  busy(15);
}, 20);
setTimeout(() => say('timeout 45'), 45);
