import { describe, expect, it } from 'vitest';
import { throttledAddress } from '../../server/src/auth/sign-in-throttle.js';

describe('the address a sign-in is counted under', () => {
  it('is an IPv4 address as it is, also when written IPv4-mapped', () => {
    expect(throttledAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(throttledAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('is the /64 of an IPv6 address, however the address is written within it', () => {
    const network = '2001:db8:aa:1::/64';
    for (const address of ['2001:db8:aa:1::1', '2001:0db8:00aa:0001:ffff:1:2:3', '2001:DB8:AA:1:0:0:0:9', 'fe80::1%eth0'.replace('fe80::1', '2001:db8:aa:1::5')]) {
      expect(throttledAddress(address)).toBe(network);
    }
    expect(throttledAddress('2001:db8:aa:2::1')).toBe('2001:db8:aa:2::/64');
    expect(throttledAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttledAddress('2001:db8::')).toBe('2001:db8:0:0::/64');
  });
});
