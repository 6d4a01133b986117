// close-from-close: a handle closed inside a close callback waits for the next close phase, after the check phase
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
  socks[2].on('close', () => say('close 3'));
  socks[0].on('close', () => {
    say('close 1, closing 3');
    setImmediate(() => say('immediate'));
    socks[2].destroy();
  });
  socks[1].on('close', () => say('close 2'));
  socks[0].destroy();
  socks[1].destroy();
}
