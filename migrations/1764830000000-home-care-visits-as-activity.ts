import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A club's month of activity from the activities held only: as the live figures first wrote it. */
const ACTIVITIES_ONLY = `
      create or replace function ishc.refresh_club_activity(p_tenant uuid, p_club uuid, p_month date) returns void
        language plpgsql
        as $$
        begin
          perform pg_advisory_xact_lock(1764401, hashtext(p_club::text));
          delete from club_month_activity where tenant_id = p_tenant and club_id = p_club and month = p_month;
          insert into club_month_activity (tenant_id, club_id, month, activities, meetings, meeting_attendance, areas)
          select p_tenant, p_club, p_month, count(*), count(*) filter (where activity.monthly_meeting),
                 coalesce(sum(present.members) filter (where activity.monthly_meeting), 0),
                 coalesce(bit_or(ishc.activity_area_bit(activity.area)), 0)
            from activity
            left join lateral (select count(*)::int as members from attendance
                                where attendance.tenant_id = activity.tenant_id and attendance.activity_id = activity.id) present on true
           where activity.tenant_id = p_tenant and activity.club_id = p_club
             and activity.held_on >= p_month and activity.held_on < p_month + interval '1 month'
          having count(*) > 0;
        end
        $$;
`;

/**
 * Home-care visits are the club's work in area 3 (volunteer home care): a month with visits covers
 * that area, whether or not an activity of the area was also held. The club's month of activity
 * (what the health score reads for the areas covered) takes the visits in, and a visit recorded,
 * moved to another day or removed refreshes its months as an activity does. A month with visits and
 * no activity gets its row, with no activity or meeting counted.
 */
export class HomeCareVisitsAsActivity1764830000000 implements MigrationInterface {
  name = 'HomeCareVisitsAsActivity1764830000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create or replace function ishc.refresh_club_activity(p_tenant uuid, p_club uuid, p_month date) returns void
        language plpgsql
        as $$
        begin
          perform pg_advisory_xact_lock(1764401, hashtext(p_club::text));
          delete from club_month_activity where tenant_id = p_tenant and club_id = p_club and month = p_month;
          insert into club_month_activity (tenant_id, club_id, month, activities, meetings, meeting_attendance, areas)
          select p_tenant, p_club, p_month, held.activities, held.meetings, held.attendance,
                 held.areas | case when visited.any then ishc.activity_area_bit('HOME_CARE') else 0 end
            from (select count(*) as activities, count(*) filter (where activity.monthly_meeting) as meetings,
                         coalesce(sum(present.members) filter (where activity.monthly_meeting), 0) as attendance,
                         coalesce(bit_or(ishc.activity_area_bit(activity.area)), 0) as areas
                    from activity
                    left join lateral (select count(*)::int as members from attendance
                                        where attendance.tenant_id = activity.tenant_id and attendance.activity_id = activity.id) present on true
                   where activity.tenant_id = p_tenant and activity.club_id = p_club
                     and activity.held_on >= p_month and activity.held_on < p_month + interval '1 month') held
           cross join (select exists (select 1 from home_care_visit visit
                                       where visit.tenant_id = p_tenant and visit.club_id = p_club
                                         and visit.visited_on >= p_month and visit.visited_on < p_month + interval '1 month') as any) visited
           where held.activities > 0 or visited.any;
        end
        $$;

      create function ishc.refresh_visited_months() returns trigger
        language plpgsql
        security definer set search_path = pg_catalog, public
        as $$
        begin
          if tg_op in ('UPDATE', 'DELETE') then
            perform ishc.refresh_club_activity(old.tenant_id, old.club_id, date_trunc('month', old.visited_on)::date);
          end if;
          if tg_op in ('INSERT', 'UPDATE') then
            perform ishc.refresh_club_activity(new.tenant_id, new.club_id, date_trunc('month', new.visited_on)::date);
          end if;
          return null;
        end
        $$;

      create trigger home_care_visit_figures after insert or update of visited_on, club_id or delete on home_care_visit
        for each row execute function ishc.refresh_visited_months();

      -- The months already visited.
      select ishc.refresh_club_activity(month.tenant_id, month.club_id, month.month)
        from (select distinct tenant_id, club_id, date_trunc('month', visited_on)::date as month from home_care_visit) month;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      drop trigger home_care_visit_figures on home_care_visit;
      drop function ishc.refresh_visited_months();
      ${ACTIVITIES_ONLY}
      delete from club_month_activity;
      select ishc.refresh_club_activity(month.tenant_id, month.club_id, month.month)
        from (select distinct tenant_id, club_id, date_trunc('month', held_on)::date as month from activity) month;
    `);
  }
}
