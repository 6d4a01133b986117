// delay-overflow: a delay above 2^31-1 ms is 1 ms (with a warning on stderr)
// family: delay coercion
'use strict';
const { say } = require('../lib.js');
setTimeout(() => say('A: 2^31 ms, so 1 ms'), 2 ** 31);
setInterval(function () { say('interval of 2^32 ms, so 1 ms'); clearInterval(this); }, 2 ** 32);
setTimeout(() => say('B: 20 ms'), 20);
