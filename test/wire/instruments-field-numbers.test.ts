/**
 * Our instruments.proto against the public T-Invest contract (1.43) on disk: every field of every
 * message and enum we declare has the number (and every rpc the request and response types) the
 * contract gives it, so our client reads the real API. Skips with a reason when the contract's
 * checkout is absent (it is reference material on the build machine, not part of the repository).
 * Also one binary check that a Future's step value goes out under field 63.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Future } from '../../src/wire/generated/tinkoff/public/invest/api/contract/v1/instruments.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OURS = path.join(root, 'proto/tinkoff/public/invest/api/contract/v1/instruments.proto');
const MIRROR = '/work/.mirror/RussianInvestments+investAPI/repo';

function contractText(): string | undefined {
  if (!existsSync(MIRROR)) return undefined;
  try {
    return execFileSync(
      'git',
      ['-C', MIRROR, 'show', 'HEAD:src/docs/contracts/instruments.proto'],
      {
        encoding: 'utf8',
      },
    );
  } catch {
    return undefined;
  }
}

/** Top-level message and enum bodies by name: field name -> number. */
function declarations(text: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const clean = text.replace(/\/\/.*$/gm, '');
  for (const m of clean.matchAll(/^(?:message|enum)\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const fields = new Map<string, number>();
    for (const f of m[2].matchAll(/(\w+)\s*=\s*(\d+)\s*(?:\[[^\]]*\])?\s*;/g))
      fields.set(f[1], Number(f[2]));
    out.set(m[1], fields);
  }
  return out;
}

function rpcs(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/rpc\s+(\w+)\s*\(\s*(\w+)\s*\)\s*returns\s*\(\s*(\w+)\s*\)/g))
    out.set(m[1], `${m[2]} -> ${m[3]}`);
  return out;
}

const contract = contractText();

describe('our instruments.proto', () => {
  it.skipIf(!contract)(
    'numbers every field as the public contract does (contract checkout absent: skipped)',
    () => {
      const ours = declarations(readFileSync(OURS, 'utf8'));
      const theirs = declarations(contract!);
      const wrong: string[] = [];
      for (const [name, fields] of ours) {
        const real = theirs.get(name);
        if (!real) continue; // a message of ours the contract nests elsewhere is checked by its users
        for (const [field, n] of fields)
          if (real.get(field) !== n)
            wrong.push(`${name}.${field} = ${n} (contract: ${real.get(field)})`);
      }
      expect(wrong).toEqual([]);
      for (const name of [
        'Future',
        'Etf',
        'Bond',
        'Currency',
        'Coupon',
        'Dividend',
        'AccruedInterest',
        'GetFuturesMarginResponse',
      ])
        expect(ours.has(name), name).toBe(true);
    },
  );

  it.skipIf(!contract)('declares every rpc with the contract request and response types', () => {
    const ours = rpcs(readFileSync(OURS, 'utf8'));
    const theirs = rpcs(contract!);
    for (const [name, sig] of ours) expect(`${name}: ${sig}`).toBe(`${name}: ${theirs.get(name)}`);
    expect(ours.size).toBeGreaterThanOrEqual(16);
  });

  it('encodes a Future step value under field 63 (tag 63 << 3 | 2 = 506, varint FA 03)', () => {
    const bytes = Future.encode(
      Future.fromPartial({ minPriceIncrementAmount: { units: 1, nano: 0 } }),
    ).finish();
    expect([...bytes.slice(0, 2)]).toEqual([0xfa, 0x03]);
  });
});
