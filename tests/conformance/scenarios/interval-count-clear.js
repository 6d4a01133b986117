// interval-count-clear: an interval that clears itself on its third run
// family: intervals
'use strict';
const { say } = require('../lib.js');
let n = 0;
const id = setInterval(() => {
  say('interval ' + ++n);
  if (n === 3) clearInterval(id);
}, 5);
