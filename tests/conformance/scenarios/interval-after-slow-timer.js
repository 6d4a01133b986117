// interval-after-slow-timer: an interval followed in its list by a slow timer counts from the reading taken just before its own callback, so its next run (at about 40 ms) is not pushed back by the slow timer
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
setTimeout(() => say('timeout 60'), 60);
