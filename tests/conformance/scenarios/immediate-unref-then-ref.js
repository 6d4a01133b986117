// immediate-unref-then-ref: an immediate unreferenced and referenced again runs at once
// family: unref and ref
'use strict';
const { say } = require('../lib.js');
const i = setImmediate(() => say('immediate'));
i.unref();
i.ref();
setTimeout(() => say('timeout 20'), 20);
