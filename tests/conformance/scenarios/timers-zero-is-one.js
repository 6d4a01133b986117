// timers-zero-is-one: a 0 ms timeout is a 1 ms one and joins the 1 ms list, in order
// family: delay coercion
'use strict';
const { say } = require('../lib.js');
setTimeout(() => say('A: 1 ms'), 1);
setTimeout(() => say('B: 0 ms'), 0);
setTimeout(() => say('C: 3 ms'), 3);
setTimeout(() => say('D: 1 ms'), 1);
