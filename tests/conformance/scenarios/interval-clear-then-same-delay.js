// interval-clear-then-same-delay: an interval that clears itself and sets a timeout of its own delay
// family: intervals
'use strict';
const { say } = require('../lib.js');
const id = setInterval(() => {
  say('interval');
  clearInterval(id);
  setTimeout(() => say('timeout of the same delay'), 10);
}, 10);
setTimeout(() => say('timeout 15'), 15);
