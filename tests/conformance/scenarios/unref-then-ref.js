// unref-then-ref: a timeout unreferenced and referenced again keeps the loop alive
// family: unref and ref
'use strict';
const { say } = require('../lib.js');
const t = setTimeout(() => say('timeout 10'), 10);
t.unref();
t.ref();
