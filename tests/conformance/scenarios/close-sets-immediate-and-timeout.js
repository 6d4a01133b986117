// close-sets-immediate-and-timeout: a close callback sets a due 0 ms timeout and an immediate: timers come right after the close phase
// family: close callbacks
'use strict';
const net = require('net');
const { say, busy } = require('../lib.js');
const socks = [];
const server = net.createServer((s) => {
  socks.push(s);
  if (socks.length === 3) { server.close(); closeAll(); }
});
server.listen(0, '127.0.0.1', () => {
  for (let i = 0; i < 3; i++) net.connect(server.address().port, '127.0.0.1').resume();
});

function closeAll() {
  socks.forEach((s, i) => {
    s.on('close', () => {
      say('close ' + (i + 1));
      if (i !== 0) return;
      setImmediate(() => say('immediate'));
      setTimeout(() => say('timeout 0'), 0);
      busy(3);
    });
    s.destroy();
  });
}
