// immediate-chain: an immediate set during the check phase waits for the next one
// family: immediate vs timeout
'use strict';
const { say } = require('../lib.js');
setImmediate(() => {
  say('A');
  setImmediate(() => say('C (set by A)'));
});
setImmediate(() => say('B'));
