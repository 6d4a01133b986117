// top-timeout-vs-immediate: a 0 ms timeout and an immediate set at top level
// family: immediate vs timeout
// different-on-purpose: tickloop's start-up rule (docs/runtime.md): tl_run sets the loop's time 1 ms ahead before its first timers phase, so a 0 ms timeout set before tl_run always fires before an immediate set there; Node leaves this order to how long start-up took (Node 20 varies, Node 24 mostly puts the immediate first)
'use strict';
const { say } = require('../lib.js');
setTimeout(() => say('timeout 0'), 0);
setImmediate(() => say('immediate'));
