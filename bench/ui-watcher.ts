/**
 * @module The dashboard side of bench/ui.bench.ts, in a process of its own as a user's would be:
 * `tlab ui`'s server over the journal a run is writing, with one page's worth of live stream
 * subscribed (the server-sent events read and parsed as a browser would). Prints `ready` once the
 * first snapshot arrived and, at SIGTERM, the number of messages it received.
 */
import http from 'node:http';
import path from 'node:path';
import { startUiServer } from '../src/ui/server/ui-server.ts';

const [journalFile, runId] = process.argv.slice(2);
const server = await startUiServer({
  cacheFile: path.join(path.dirname(journalFile), 'no-cache.sqlite'),
  journalFile,
});
let messages = 0;
let buffer = '';
http.get(`${server.url}/api/live/${runId}/stream`, (res) => {
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (data !== undefined) {
        JSON.parse(data.slice(6));
        if (messages++ === 0) process.stdout.write('ready\n');
      }
      end = buffer.indexOf('\n\n');
    }
  });
});
process.once('SIGTERM', () => {
  process.stdout.write(`messages ${messages}\n`);
  void server.close().then(() => process.exit(0));
});
