// unref-timer-alone: an unreferenced timeout does not keep the loop alive
// family: unref and ref
'use strict';
const { say } = require('../lib.js');
setTimeout(() => say('timeout (never)'), 30).unref();
say('main done');
