// immediate-unref-with-timer: an unreferenced immediate does not stop the poll phase from waiting: it runs when a 30 ms timer wakes the loop
// family: unref and ref
'use strict';
const { say } = require('../lib.js');
const start = Date.now();
setImmediate(() => say('immediate after ' + (Date.now() - start >= 25 ? 'the wait' : 'no wait'))).unref();
setTimeout(() => say('timeout 30'), 30);
