// ticks-order: next ticks drain before microtasks, both after the synchronous code
// family: ticks
'use strict';
const { say } = require('../lib.js');
say('sync 1');
process.nextTick(() => say('tick 1'));
Promise.resolve().then(() => say('promise 1'));
queueMicrotask(() => say('microtask 1'));
process.nextTick(() => say('tick 2'));
say('sync 2');
