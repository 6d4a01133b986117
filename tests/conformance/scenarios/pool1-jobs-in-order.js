// pool1-jobs-in-order: on a pool of one thread jobs finish in the order they were queued
// family: pool vs timers
// pool: 1
'use strict';
const crypto = require('crypto');
const { say } = require('../lib.js');
crypto.pbkdf2('secret', 'salt', 300000, 32, 'sha256', () => say('slow job (queued first)'));
crypto.pbkdf2('secret', 'salt', 1000, 32, 'sha256', () => say('fast job (queued second)'));
