// timers-different-delays: timeouts of different delays fire in due order
// family: timer order
'use strict';
const { say } = require('../lib.js');
setTimeout(() => say('30 ms'), 30);
setTimeout(() => say('10 ms'), 10);
setTimeout(() => say('20 ms'), 20);
