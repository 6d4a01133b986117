// timers-list-order: overdue timers run list by list: every due timer of the 10 ms list before the 5 ms list, though B is due after C
// family: timer order
'use strict';
const { say, busy } = require('../lib.js');
setTimeout(() => say('A (10 ms list, due at 10)'), 10);
busy(8);
setTimeout(() => say('B (10 ms list, due at 18)'), 10);
busy(1);
setTimeout(() => say('C (5 ms list, due at 14)'), 5);
busy(40);
