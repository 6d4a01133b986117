// clear-and-reset-list: a timer clears the rest of its list and sets a new timer of the same delay
// family: clears
'use strict';
const { say } = require('../lib.js');
let b;
setTimeout(() => {
  say('A clears B, sets C');
  clearTimeout(b);
  setTimeout(() => say('C'), 10);
}, 10);
b = setTimeout(() => say('B (never)'), 10);
setTimeout(() => say('D: 15 ms'), 15);
