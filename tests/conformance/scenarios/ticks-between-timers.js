// ticks-between-timers: the queues drain after each timer, before the next timer of the same phase
// family: ticks
'use strict';
const { say } = require('../lib.js');
setTimeout(() => {
  say('timer 1');
  process.nextTick(() => say('tick 1'));
  Promise.resolve().then(() => say('promise 1'));
}, 5);
setTimeout(() => say('timer 2'), 5);
setTimeout(() => {
  say('timer 3 (other list)');
  process.nextTick(() => say('tick 3'));
}, 5);
