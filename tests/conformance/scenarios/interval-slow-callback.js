// interval-slow-callback: an interval whose callback takes longer than its delay
// family: intervals
'use strict';
const { say, busy } = require('../lib.js');
setTimeout(() => say('timeout 5'), 5);
let n = 0;
const id = setInterval(() => {
  say('interval ' + ++n);
  busy(15);
  if (n === 3) clearInterval(id);
}, 10);
