import { Field, Int, ObjectType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { fundBalancesOf } from '../funds/ledger.service.js';
import { DecimalScalar } from '../graphql/decimal.js';
import { percentOf } from '../loans/loan.service.js';
import { OLDER_AGE } from '../members/member.types.js';

@ObjectType({ description: 'One item of the national quality standard for a club.' })
export class QualityItem {
  @Field(() => String, { description: 'MEMBERS, WOMEN, OLDER, VOLUNTEERS, BORROWED or FUNDS.' })
  code: string;

  @Field(() => Boolean, { description: 'Whether the club meets it.' })
  met: boolean;

  @Field(() => DecimalScalar, { description: 'The club’s value: a count, or a percent for WOMEN, OLDER and BORROWED; for FUNDS the number of funds holding money.' })
  value: string;

  @Field(() => String, { description: 'What the standard asks, e.g. "50-70", "60-70%", ">=5", ">=50%", "2".' })
  expected: string;
}

@ObjectType({ description: 'A club against the national quality standard (Decision 1336/QĐ-TTg).' })
export class QualityChecklist {
  @Field(() => [QualityItem], { description: 'Each item of the standard.' })
  items: QualityItem[];

  @Field(() => Int, { description: 'Items met.' })
  metCount: number;

  @Field(() => Boolean, { description: 'Whether every item is met.' })
  meetsStandard: boolean;
}

function share(part: number, whole: number): string {
  return percentOf(BigInt(part), BigInt(whole));
}

function between(value: string, low: number, high: number): boolean {
  const number = Number(value);
  return number >= low && number <= high;
}

/**
 * The standard: 50–70 members; 60–70% women; 60–70% older people; at least 5 home-care
 * volunteers; at least half the members have borrowed from the fund; both funds hold money.
 */
export async function qualityOf(db: EntityManager, clubIds: readonly string[], asOf: string): Promise<Map<string, QualityChecklist>> {
  const rows: Array<{ club_id: string; members: number; women: number; older: number; volunteers: number; borrowed: number }> = await db.query(
    `select member.club_id, count(*)::int as members,
            count(*) filter (where member.sex = 'FEMALE')::int as women,
            count(*) filter (where member.birth_year <= $3)::int as older,
            count(*) filter (where member.home_care_volunteer)::int as volunteers,
            count(*) filter (where exists (select 1 from loan where loan.member_id = member.id and loan.disbursed_on <= $2))::int as borrowed
       from member
      where member.club_id = any($1) and member.joined_on <= $2 and (member.left_on is null or member.left_on > $2)
      group by member.club_id`,
    [clubIds, asOf, Number(asOf.slice(0, 4)) - OLDER_AGE],
  );
  const balances = await fundBalancesOf(db, clubIds, asOf);
  const byClub = new Map(rows.map((row) => [row.club_id, row]));
  const result = new Map<string, QualityChecklist>();
  for (const clubId of clubIds) {
    const counts = byClub.get(clubId) ?? { members: 0, women: 0, older: 0, volunteers: 0, borrowed: 0 };
    const funds = balances.get(clubId)!;
    const fundsHolding = (funds.incomeGeneration > 0n ? 1 : 0) + (funds.activity > 0n ? 1 : 0);
    const women = share(counts.women, counts.members);
    const older = share(counts.older, counts.members);
    const borrowed = share(counts.borrowed, counts.members);
    const items = [
      { code: 'MEMBERS', met: counts.members >= 50 && counts.members <= 70, value: String(counts.members), expected: '50-70' },
      { code: 'WOMEN', met: counts.members > 0 && between(women, 60, 70), value: women, expected: '60-70%' },
      { code: 'OLDER', met: counts.members > 0 && between(older, 60, 70), value: older, expected: '60-70%' },
      { code: 'VOLUNTEERS', met: counts.volunteers >= 5, value: String(counts.volunteers), expected: '>=5' },
      { code: 'BORROWED', met: counts.members > 0 && Number(borrowed) >= 50, value: borrowed, expected: '>=50%' },
      { code: 'FUNDS', met: fundsHolding === 2, value: String(fundsHolding), expected: '2' },
    ].map((item) => Object.assign(new QualityItem(), item));
    const metCount = items.filter((item) => item.met).length;
    result.set(clubId, Object.assign(new QualityChecklist(), { items, metCount, meetsStandard: metCount === items.length }));
  }
  return result;
}
