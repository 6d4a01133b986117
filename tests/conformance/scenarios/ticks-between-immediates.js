// ticks-between-immediates: the queues drain after each immediate
// family: ticks
'use strict';
const { say } = require('../lib.js');
setImmediate(() => {
  say('immediate 1');
  process.nextTick(() => say('tick 1'));
  Promise.resolve().then(() => say('promise 1'));
});
setImmediate(() => say('immediate 2'));
