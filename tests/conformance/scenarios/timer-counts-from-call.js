// timer-counts-from-call: a timeout counts from when it is set, not from the loop time before 30 ms of synchronous work
// family: timer start
'use strict';
const { say, busy } = require('../lib.js');
setTimeout(() => say('A: 40 ms, set first'), 40);
busy(30);
setTimeout(() => say('B: 20 ms, set after 30 ms of work'), 20);
