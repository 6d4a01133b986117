// refresh-moves-to-end: a refreshed timeout goes to the end of its delay list
// family: refresh
'use strict';
const { say } = require('../lib.js');
const a = setTimeout(() => say('A'), 20);
setTimeout(() => say('B'), 20);
a.refresh();
setTimeout(() => say('C'), 20);
