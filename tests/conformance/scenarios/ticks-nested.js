// ticks-nested: ticks queued by microtasks wait until the microtask queue is empty
// family: ticks
'use strict';
const { say } = require('../lib.js');
process.nextTick(() => {
  say('tick A');
  queueMicrotask(() => {
    say('microtask M');
    process.nextTick(() => say('tick from M'));
  });
  process.nextTick(() => say('tick A2'));
});
Promise.resolve().then(() => {
  say('promise P');
  process.nextTick(() => say('tick from P'));
});
