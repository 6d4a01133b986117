// refresh-fired-timeout: refreshing a timeout that already fired
// family: refresh
// different-on-purpose: Node's refresh() on a timeout that already fired schedules it again; a tickloop id ends when its timeout fires, so that a stale id can never reach a timer that reused its slot, and tl_timer_refresh returns -ENOENT (set a new timeout instead)
'use strict';
const { say } = require('../lib.js');
const a = setTimeout(() => say('A'), 5);
setTimeout(() => { a.refresh(); say('refresh A after it fired'); }, 20);
