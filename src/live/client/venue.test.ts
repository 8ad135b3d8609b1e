import { Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { readResponseMeta } from './response-meta.ts';
import { VenueObserver } from './venue.ts';

describe('VenueObserver', () => {
  it('is undefined before an answer, null after answers without the header, and keeps a label once seen', () => {
    const v = new VenueObserver();
    expect(v.get()).toBeUndefined();
    v.observe(readResponseMeta(new Headers({ 'x-tracking-id': 't1' })));
    expect(v.get()).toBeNull();
    const md = new Metadata();
    md.set('x-tlab-venue', 'emulator:synthetic seed 2');
    v.observe(readResponseMeta(md));
    expect(v.get()).toBe('emulator:synthetic seed 2');
    v.observe(readResponseMeta(new Metadata()));
    expect(v.get()).toBe('emulator:synthetic seed 2');
  });
});
