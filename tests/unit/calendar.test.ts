import { afterEach, describe, expect, it, vi } from 'vitest';
import { todayInVietnam } from '../../server/src/calendar.js';

describe('todayInVietnam', () => {
  it('turns the day at midnight in Vietnam, 17:00 UTC, whatever the machine’s time zone', () => {
    expect(todayInVietnam(new Date('2026-11-30T16:59:59.999Z'))).toBe('2026-11-30');
    expect(todayInVietnam(new Date('2026-11-30T17:00:00.000Z'))).toBe('2026-12-01');
    expect(todayInVietnam(new Date('2026-12-31T17:00:00.000Z'))).toBe('2027-01-01');
    expect(todayInVietnam(new Date('2028-02-28T17:30:00.000Z'))).toBe('2028-02-29');
  });

  it('agrees with the time zone database all year', () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let hour = 0; hour < 366 * 24; hour += 7) {
      const moment = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000 + 59 * 60_000);
      expect(todayInVietnam(moment)).toBe(zone.format(moment));
    }
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('moves on to the next day when the clock passes midnight in Vietnam, and back when it is set back', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-30T16:59:59.000Z'));
    expect(todayInVietnam()).toBe('2026-11-30');
    vi.setSystemTime(new Date('2026-11-30T17:00:01.000Z'));
    expect(todayInVietnam()).toBe('2026-12-01');
    vi.setSystemTime(new Date('2026-11-29T10:00:00.000Z'));
    expect(todayInVietnam()).toBe('2026-11-29');
  });
});
