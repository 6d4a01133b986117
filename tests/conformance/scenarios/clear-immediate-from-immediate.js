// clear-immediate-from-immediate: an immediate clears a later one of the same check phase
// family: clears
'use strict';
const { say } = require('../lib.js');
let b;
setImmediate(() => {
  say('A clears B');
  clearImmediate(b);
});
b = setImmediate(() => say('B (never)'));
setImmediate(() => say('C'));
