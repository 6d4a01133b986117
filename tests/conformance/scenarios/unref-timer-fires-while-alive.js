// unref-timer-fires-while-alive: an unreferenced timeout still fires while a referenced one keeps the loop alive
// family: unref and ref
'use strict';
const { say } = require('../lib.js');
setTimeout(() => say('unref 10'), 10).unref();
setTimeout(() => say('ref 40'), 40);
setTimeout(() => say('unref 80 (never)'), 80).unref();
