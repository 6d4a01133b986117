// io-immediate-before-timeout: inside an fs callback an immediate fires before a 0 ms timeout
// family: immediate vs timeout
'use strict';
const fs = require('fs');
const { say, confPath, busy } = require('../lib.js');
fs.stat(confPath('small.txt'), () => {
  say('stat');
  setTimeout(() => say('timeout 0'), 0);
  setImmediate(() => say('immediate'));
  busy(3);
});
