// delay-negative: a negative delay is 1 ms (Node 24 warns on stderr, Node 20 does not; stderr is not compared)
// family: delay coercion
'use strict';
const { say } = require('../lib.js');
setTimeout(() => say('A: -10 ms, so 1 ms'), -10);
setTimeout(() => say('B: 20 ms'), 20);
