// interval-unref: an unreferenced interval runs while a referenced timeout keeps the loop alive, then the loop ends
// family: unref and ref
'use strict';
const { say } = require('../lib.js');
let n = 0;
setInterval(() => say('interval ' + ++n), 20).unref();
setTimeout(() => say('timeout 70'), 70);
