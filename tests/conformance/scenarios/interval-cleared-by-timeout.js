// interval-cleared-by-timeout: a timeout clears an interval between its runs
// family: intervals
'use strict';
const { say } = require('../lib.js');
let n = 0;
const id = setInterval(() => say('interval ' + ++n), 20);
setTimeout(() => {
  clearInterval(id);
  say('cleared after ' + n);
}, 70);
