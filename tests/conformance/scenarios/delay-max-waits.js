// delay-max-waits: a delay of exactly 2^31-1 ms really waits
// family: delay coercion
'use strict';
const { say } = require('../lib.js');
setTimeout(() => say('A (never)'), 2 ** 31 - 1).unref();
setTimeout(() => say('B: 5 ms'), 5);
