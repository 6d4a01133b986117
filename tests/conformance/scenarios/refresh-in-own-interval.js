// refresh-in-own-interval: an interval that refreshes itself inside its callback is re-armed from the reading taken before the callback all the same
// family: refresh
'use strict';
const { say, busy } = require('../lib.js');
let n = 0;
const iv = setInterval(() => {
  say('interval ' + ++n);
  busy(8);
  iv.refresh();
  if (n === 2) clearInterval(iv);
}, 20);
setTimeout(() => say('timeout 45'), 45);
