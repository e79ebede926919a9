// A tiny MCP stdio server for llmux's tests, misbehaving on purpose: node misbehaving-server.js MODE
// MODE: crash-on-call (exits while a call is open), garbage-on-call (answers a call with non-JSON
// lines), hang-on-call (never answers a call), hang-on-init (never answers initialize),
// garbage-on-init (prints non-JSON instead of the initialize answer).
const mode = process.argv[2] || 'crash-on-call';
const readline = require('readline');
const rl = readline.createInterface({ input: process.stdin });
const send = (m) => process.stdout.write(JSON.stringify(m) + '\n');
rl.on('line', (line) => {
  let msg;
  try { msg = JSON.parse(line); } catch (e) { return; }
  if (msg.method === 'initialize') {
    if (mode === 'hang-on-init') return;
    if (mode === 'garbage-on-init') { process.stdout.write('this is not JSON-RPC\n{{{\n'); return; }
    send({ jsonrpc: '2.0', id: msg.id, result: {
      protocolVersion: msg.params.protocolVersion,
      capabilities: { tools: {} },
      serverInfo: { name: 'misbehaving', version: '0.0.1' } } });
  } else if (msg.method === 'tools/list') {
    send({ jsonrpc: '2.0', id: msg.id, result: { tools: [{
      name: 'echo', description: 'Echoes its text.',
      inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } }] } });
  } else if (msg.method === 'tools/call') {
    process.stderr.write('misbehaving server: ' + mode + '\n');
    if (mode === 'crash-on-call') process.exit(7);
    if (mode === 'garbage-on-call') { process.stdout.write('garbage line 1\n<html>not json</html>\n'); return; }
    if (mode === 'hang-on-call') return;
    send({ jsonrpc: '2.0', id: msg.id, result: { content: [{ type: 'text', text: msg.params.arguments.text }] } });
  } else if (msg.id !== undefined) {
    send({ jsonrpc: '2.0', id: msg.id, result: {} });
  }
});
