// close-order: close callbacks of three handles closed in order run last-closed first (libuv's closing list)
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
    s.on('close', () => say('close ' + (i + 1)));
    s.destroy();
  });
  say('closed all three');
}
