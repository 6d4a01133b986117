// timers-equal-delay: timeouts of one delay fire in the order they were set
// family: timer order
'use strict';
const { say } = require('../lib.js');
setTimeout(() => say('A'), 10);
setTimeout(() => say('B'), 10);
setTimeout(() => say('C'), 10);
