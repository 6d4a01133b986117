// refresh-keeps-unref: a refreshed unreferenced timeout stays unreferenced
// family: refresh
'use strict';
const { say } = require('../lib.js');
const a = setTimeout(() => say('A (never)'), 30).unref();
setTimeout(() => { a.refresh(); say('refresh A'); }, 20);
