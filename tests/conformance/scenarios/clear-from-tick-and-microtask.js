// clear-from-tick-and-microtask: a next tick clears a timeout, a microtask clears an immediate
// family: clears
'use strict';
const { say } = require('../lib.js');
const t = setTimeout(() => say('timeout (never)'), 1);
const i = setImmediate(() => say('immediate (never)'));
setTimeout(() => say('timeout 5'), 5);
process.nextTick(() => { clearTimeout(t); say('tick cleared the timeout'); });
queueMicrotask(() => { clearImmediate(i); say('microtask cleared the immediate'); });
