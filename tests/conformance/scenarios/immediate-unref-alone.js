// immediate-unref-alone: an unreferenced immediate does not keep the loop alive and never runs
// family: unref and ref
'use strict';
const { say } = require('../lib.js');
setImmediate(() => say('immediate (never)')).unref();
say('main done');
