// refresh-inside-own-timeout: a timeout that refreshes itself inside its own callback
// family: refresh
// different-on-purpose: Node's refresh() inside a timeout's own callback schedules it again; a tickloop timeout's id ends when it fires (before its callback), so tl_timer_refresh there returns -ENOENT: set a new timeout instead
'use strict';
const { say } = require('../lib.js');
let n = 0;
const t = setTimeout(() => {
  say('timeout run ' + ++n);
  if (n === 1) t.refresh();
}, 5);
setTimeout(() => say('timeout 30'), 30);
