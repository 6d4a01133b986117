// delay-negative: a negative delay is 1 ms
// family: delay coercion
'use strict';
const { say } = require('../lib.js');
setTimeout(() => say('B: 4 ms'), 4);
setTimeout(() => say('A: -10 ms, so 1 ms'), -10);
