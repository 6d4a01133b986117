// pool4-jobs-in-parallel: on a pool of four threads a fast job queued second finishes first
// family: pool vs timers
// pool: 4
'use strict';
const crypto = require('crypto');
const { say } = require('../lib.js');
crypto.pbkdf2('secret', 'salt', 300000, 32, 'sha256', () => say('slow job (queued first)'));
crypto.pbkdf2('secret', 'salt', 1000, 32, 'sha256', () => say('fast job (queued second)'));
