// refresh-postpones: refreshing a pending timeout makes it count again from now
// family: refresh
'use strict';
const { say } = require('../lib.js');
const a = setTimeout(() => say('A: 30 ms, refreshed at 20'), 30);
setTimeout(() => { a.refresh(); say('refresh A'); }, 20);
setTimeout(() => say('B: 40 ms'), 40);
