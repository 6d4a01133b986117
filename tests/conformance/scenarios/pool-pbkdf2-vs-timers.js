// pool-pbkdf2-vs-timers: work on the pool (about 20 ms of PBKDF2) against a short and a long timeout
// family: pool vs timers
'use strict';
const crypto = require('crypto');
const { say } = require('../lib.js');
setTimeout(() => say('timeout 2'), 2);
crypto.pbkdf2('secret', 'salt', 100000, 32, 'sha256', () => say('pbkdf2 done'));
setTimeout(() => say('timeout 600'), 600);
