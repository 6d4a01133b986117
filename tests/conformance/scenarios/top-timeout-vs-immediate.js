// top-timeout-vs-immediate: a 0 ms timeout and an immediate set at top level
// family: immediate vs timeout
'use strict';
const { say } = require('../lib.js');
setTimeout(() => say('timeout 0'), 0);
setImmediate(() => say('immediate'));
