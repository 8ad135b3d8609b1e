/**
 * @module Cutting a call's connection from the server side, as a real network failure would: the
 * client sees UNAVAILABLE and no answer. grpc-js does not expose the HTTP/2 session of a call, so
 * this walks its interceptor chain to the stream; if that ever fails, the call is cancelled instead.
 */
import type { ServerUnaryCall, ServerWritableStream } from '@grpc/grpc-js';
import type { ServerHttp2Stream } from 'node:http2';

interface Chain {
  call?: Chain;
  nextCall?: Chain;
  stream?: Pick<ServerHttp2Stream, 'session' | 'close'>;
}

/** Destroys the HTTP/2 session carrying `call` (every call on that connection fails). */
export function dropConnection(
  call: ServerUnaryCall<unknown, unknown> | ServerWritableStream<unknown, unknown>,
): void {
  let link = (call as unknown as Chain).call;
  for (let i = 0; link && !link.stream && i < 10; i++) link = link.nextCall;
  const session = link?.stream?.session;
  if (session) session.destroy();
  else link?.stream?.close();
}
