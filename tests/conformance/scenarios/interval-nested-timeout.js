// interval-nested-timeout: a timeout of the interval's delay set inside its callback fires before the interval's next run
// family: intervals
'use strict';
const { say } = require('../lib.js');
let n = 0;
const id = setInterval(() => {
  say('interval ' + ++n);
  if (n === 1) setTimeout(() => say('timeout set by interval 1'), 10);
  if (n === 3) clearInterval(id);
}, 10);
