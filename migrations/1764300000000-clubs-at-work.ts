import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clubs at work: members, activities with attendance, home-care visits, the two funds as an
 * append-only ledger, loans with their schedules and repayments, and monthly reports.
 *
 * Club staff read and write only rows of their own club (`app.club_id`); the province reads and
 * writes every club of its tenant; national roles read aggregates only: the columns that name a
 * person (name, citizen ID, phone, free-text notes) are not granted to them at all.
 */
export class ClubsAtWork1764300000000 implements MigrationInterface {
  name = 'ClubsAtWork1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Province settings: the day of the next month by which a club's monthly report is due.
      create table province_setting (
        tenant_id uuid not null default ishc.current_tenant_id() primary key,
        report_due_day smallint not null default 5 check (report_due_day between 1 and 28),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        foreign key (tenant_id) references tenant (id) on delete restrict
      );

      -- A club knows the scheme it was founded under, its rule on loans per member, and since when
      -- its status holds; every status change is kept.
      alter table club
        add column scheme_id uuid,
        add column status_since date,
        add column max_active_loans_per_member smallint not null default 1
          check (max_active_loans_per_member between 1 and 5),
        add foreign key (tenant_id, scheme_id) references scheme (tenant_id, id) on delete restrict;
      create index club_scheme on club (tenant_id, scheme_id) where scheme_id is not null;
      grant insert (scheme_id, status_since, max_active_loans_per_member),
        update (scheme_id, status_since, max_active_loans_per_member) on club to ishc_province;
      grant update (max_active_loans_per_member) on club to ishc_club;

      create table club_status_change (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        club_id uuid not null,
        status text not null check (status in ('PLANNED', 'ACTIVE', 'SUSPENDED', 'DISSOLVED')),
        effective_on date not null,
        reason text check (reason = normalize(reason, NFC) and length(reason) <= 2000),
        recorded_by uuid default ishc.current_user_id(),
        recorded_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, club_id) references club (tenant_id, id) on delete cascade
      );
      create index club_status_change_club on club_status_change (tenant_id, club_id, effective_on);
    `);

    await db.query(`
      -- Members. "Older" (60 and over) is computed from the birth year on the date in question.
      create table member (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        club_id uuid not null,
        full_name text not null check (length(btrim(full_name)) between 1 and 200 and full_name = normalize(full_name, NFC)),
        search_name text generated always as (ishc.search_text(full_name)) stored,
        sex text not null check (sex in ('FEMALE', 'MALE')),
        birth_year smallint not null check (birth_year between 1900 and 2100),
        citizen_id text check (citizen_id ~ '^[0-9]{12}$'),
        phone text check (phone ~ '^[0-9+][0-9 .-]{7,19}$'),
        hamlet_id uuid,
        joined_on date not null,
        left_on date,
        leave_reason text check (leave_reason = normalize(leave_reason, NFC) and length(leave_reason) <= 500),
        poor_household boolean not null default false,
        near_poor_household boolean not null default false,
        ethnic_minority text check (ethnic_minority = normalize(ethnic_minority, NFC) and length(btrim(ethnic_minority)) between 1 and 100),
        disability boolean not null default false,
        lives_alone boolean not null default false,
        needs_home_care boolean not null default false,
        board_role text check (board_role in ('HEAD', 'DEPUTY', 'TREASURER', 'SECRETARY')),
        home_care_volunteer boolean not null default false,
        -- A possible duplicate (same citizen ID, or same name and birth year, in a club of the
        -- province) is flagged for the staff to confirm, never blocked.
        duplicate_status text not null default 'NONE' check (duplicate_status in ('NONE', 'POSSIBLE', 'CONFIRMED_DISTINCT')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        primary key (tenant_id, id),
        unique (tenant_id, club_id, id),
        check (not (poor_household and near_poor_household)),
        check (left_on is null or left_on >= joined_on),
        check ((left_on is null) = (leave_reason is null)),
        foreign key (tenant_id, club_id) references club (tenant_id, id) on delete restrict,
        foreign key (tenant_id, hamlet_id) references admin_unit (tenant_id, id) on delete restrict
      );
      create index member_club on member (tenant_id, club_id, search_name, id);
      create index member_search on member using gin (search_name gin_trgm_ops);
      create index member_citizen on member (tenant_id, citizen_id) where citizen_id is not null;
      create index member_name_year on member (tenant_id, search_name, birth_year);
      -- One head, one treasurer, one secretary per club among members who have not left.
      create unique index member_board_role on member (tenant_id, club_id, board_role)
        where board_role in ('HEAD', 'TREASURER', 'SECRETARY') and left_on is null;

      -- Activities in the eight areas; the monthly meeting is one of them.
      create table activity (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        club_id uuid not null,
        held_on date not null,
        area text not null check (area in ('LIVELIHOOD', 'HEALTH', 'HOME_CARE', 'SELF_HELP', 'RIGHTS', 'LEARNING', 'CULTURE', 'RESOURCE_MOBILISATION')),
        monthly_meeting boolean not null default false,
        title text not null check (length(btrim(title)) between 1 and 300 and title = normalize(title, NFC)),
        notes text check (notes = normalize(notes, NFC) and length(notes) <= 5000),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        primary key (tenant_id, id),
        unique (tenant_id, club_id, id),
        foreign key (tenant_id, club_id) references club (tenant_id, id) on delete restrict
      );
      create index activity_club on activity (tenant_id, club_id, held_on desc, id);

      create table attendance (
        tenant_id uuid not null default ishc.current_tenant_id(),
        club_id uuid not null,
        activity_id uuid not null,
        member_id uuid not null,
        primary key (tenant_id, activity_id, member_id),
        -- Both keys carry the club, so a member of another club can never be marked present.
        foreign key (tenant_id, club_id, activity_id) references activity (tenant_id, club_id, id) on delete cascade,
        foreign key (tenant_id, club_id, member_id) references member (tenant_id, club_id, id) on delete restrict
      );
      create index attendance_member on attendance (tenant_id, member_id);
      create index attendance_club on attendance (tenant_id, club_id, activity_id);

      create table home_care_visit (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        club_id uuid not null,
        volunteer_id uuid not null,
        member_id uuid not null,
        visited_on date not null,
        kinds text[] not null check (cardinality(kinds) between 1 and 5
          and kinds <@ array['HOUSEWORK', 'PERSONAL_CARE', 'HEALTH_CHECK', 'EMOTIONAL_SUPPORT', 'OTHER']),
        notes text check (notes = normalize(notes, NFC) and length(notes) <= 2000),
        recorded_by uuid default ishc.current_user_id(),
        recorded_at timestamptz not null default now(),
        primary key (tenant_id, id),
        check (volunteer_id <> member_id),
        foreign key (tenant_id, club_id, volunteer_id) references member (tenant_id, club_id, id) on delete restrict,
        foreign key (tenant_id, club_id, member_id) references member (tenant_id, club_id, id) on delete restrict
      );
      create index home_care_visit_club on home_care_visit (tenant_id, club_id, visited_on desc, id);
    `);

    await db.query(`
      -- Loans from the income-generation fund, with the board's decisions kept on the loan.
      create table loan (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        club_id uuid not null,
        member_id uuid not null,
        principal bigint not null check (principal between 1 and 9007199254740991),
        term_months smallint not null check (term_months between 1 and 60),
        -- Interest per month on the principal lent, in percent (0 for none), or one flat fee.
        monthly_rate numeric(6, 3) check (monthly_rate between 0 and 10),
        flat_fee bigint check (flat_fee between 0 and 9007199254740991),
        purpose text not null check (purpose in ('CROPS', 'LIVESTOCK', 'AQUACULTURE', 'SMALL_TRADE', 'HANDICRAFT', 'SERVICES', 'OTHER')),
        purpose_note text check (purpose_note = normalize(purpose_note, NFC) and length(purpose_note) <= 500),
        status text not null default 'REQUESTED'
          check (status in ('REQUESTED', 'APPROVED', 'REJECTED', 'DISBURSED', 'CLOSED', 'WRITTEN_OFF')),
        requested_on date not null,
        decided_on date,
        decision_note text check (decision_note = normalize(decision_note, NFC) and length(decision_note) <= 1000),
        disbursed_on date,
        first_due_on date,
        closed_on date,
        schedule_version smallint not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        primary key (tenant_id, id),
        unique (tenant_id, club_id, id),
        check ((monthly_rate is null) <> (flat_fee is null)),
        check ((status in ('DISBURSED', 'CLOSED', 'WRITTEN_OFF')) = (disbursed_on is not null)),
        foreign key (tenant_id, club_id, member_id) references member (tenant_id, club_id, id) on delete restrict
      );
      create index loan_club on loan (tenant_id, club_id, status, requested_on desc, id);
      create index loan_member on loan (tenant_id, member_id);

      -- The equal-instalment schedule. A reschedule writes a new version; earlier ones stay.
      create table loan_instalment (
        tenant_id uuid not null default ishc.current_tenant_id(),
        club_id uuid not null,
        loan_id uuid not null,
        schedule_version smallint not null,
        -- Number 0 of a rescheduled loan stands for what was paid before the reschedule.
        number smallint not null check (number >= 0),
        due_on date not null,
        principal bigint not null check (principal >= 0),
        interest bigint not null check (interest >= 0),
        primary key (tenant_id, loan_id, schedule_version, number),
        foreign key (tenant_id, club_id, loan_id) references loan (tenant_id, club_id, id) on delete cascade
      );

      create table loan_event (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        club_id uuid not null,
        loan_id uuid not null,
        action text not null check (action in ('REQUESTED', 'APPROVED', 'REJECTED', 'DISBURSED', 'RESCHEDULED', 'WRITTEN_OFF', 'CLOSED', 'REOPENED')),
        happened_on date not null,
        reason text check (reason = normalize(reason, NFC) and length(reason) <= 1000),
        recorded_by uuid default ishc.current_user_id(),
        recorded_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, club_id, loan_id) references loan (tenant_id, club_id, id) on delete cascade
      );
      create index loan_event_loan on loan_event (tenant_id, loan_id, recorded_at);

      create table repayment (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        club_id uuid not null,
        loan_id uuid not null,
        paid_on date not null,
        principal bigint not null check (principal between -9007199254740991 and 9007199254740991),
        interest bigint not null check (interest between -9007199254740991 and 9007199254740991),
        reverses_id uuid,
        recorded_by uuid default ishc.current_user_id(),
        recorded_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, reverses_id),
        check ((reverses_id is null and principal >= 0 and interest >= 0 and principal + interest > 0)
            or (reverses_id is not null and principal <= 0 and interest <= 0)),
        foreign key (tenant_id, club_id, loan_id) references loan (tenant_id, club_id, id) on delete restrict,
        foreign key (tenant_id, reverses_id) references repayment (tenant_id, id) on delete restrict
      );
      create index repayment_loan on repayment (tenant_id, loan_id, paid_on);
      create index repayment_club on repayment (tenant_id, club_id, paid_on);

      -- The two funds of a club as one append-only ledger: a balance is the sum of its entries;
      -- a mistake is undone by a reversing entry, never an edit.
      create table ledger_entry (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        club_id uuid not null,
        fund text not null check (fund in ('INCOME_GENERATION', 'ACTIVITY')),
        kind text not null check (kind in ('SEED_CAPITAL', 'CONTRIBUTION', 'LOAN_DISBURSED', 'PRINCIPAL_REPAID', 'INTEREST', 'EXPENSE', 'CORRECTION')),
        entry_on date not null,
        amount bigint not null check (amount between -9007199254740991 and 9007199254740991 and amount <> 0),
        member_id uuid,
        loan_id uuid,
        repayment_id uuid,
        description text check (description = normalize(description, NFC) and length(description) <= 1000),
        reverses_id uuid,
        recorded_by uuid default ishc.current_user_id(),
        recorded_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, reverses_id),
        check (case kind
          when 'SEED_CAPITAL' then amount > 0
          when 'CONTRIBUTION' then amount > 0
          when 'PRINCIPAL_REPAID' then amount > 0 and fund = 'INCOME_GENERATION' and loan_id is not null
          when 'INTEREST' then amount > 0 and fund = 'INCOME_GENERATION' and loan_id is not null
          when 'LOAN_DISBURSED' then amount < 0 and fund = 'INCOME_GENERATION' and loan_id is not null
          when 'EXPENSE' then amount < 0
          when 'CORRECTION' then reverses_id is not null
        end),
        foreign key (tenant_id, club_id, member_id) references member (tenant_id, club_id, id) on delete restrict,
        foreign key (tenant_id, club_id, loan_id) references loan (tenant_id, club_id, id) on delete restrict,
        foreign key (tenant_id, repayment_id) references repayment (tenant_id, id) on delete restrict,
        foreign key (tenant_id, reverses_id) references ledger_entry (tenant_id, id) on delete restrict
      );
      create index ledger_entry_club on ledger_entry (tenant_id, club_id, fund, entry_on, recorded_at, id);
      create index ledger_entry_loan on ledger_entry (tenant_id, loan_id) where loan_id is not null;

      -- A retried request finds what the first attempt did: one row per client-generated key.
      create table client_request (
        tenant_id uuid not null default ishc.current_tenant_id(),
        club_id uuid not null,
        key text not null check (key ~ '^[A-Za-z0-9._:-]{8,100}$'),
        operation text not null,
        fingerprint text not null,
        result jsonb,
        recorded_at timestamptz not null default now(),
        primary key (tenant_id, club_id, key),
        foreign key (tenant_id, club_id) references club (tenant_id, id) on delete cascade
      );

      -- The monthly report: figures computed live while a draft, frozen when submitted.
      create table monthly_report (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        club_id uuid not null,
        month date not null check (extract(day from month) = 1),
        status text not null default 'DRAFT' check (status in ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED')),
        narrative text check (narrative = normalize(narrative, NFC) and length(narrative) <= 5000),
        figures jsonb,
        due_on date not null,
        submitted_at timestamptz,
        -- Lateness is judged on the first submission, not on a resubmission after a return.
        first_submitted_at timestamptz,
        submitted_by uuid,
        decided_at timestamptz,
        decided_by uuid,
        return_comment text check (return_comment = normalize(return_comment, NFC) and length(return_comment) <= 2000),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        primary key (tenant_id, id),
        unique (tenant_id, club_id, month),
        check ((status in ('SUBMITTED', 'APPROVED')) <= (figures is not null and submitted_at is not null)),
        foreign key (tenant_id, club_id) references club (tenant_id, id) on delete restrict
      );
      create index monthly_report_status on monthly_report (tenant_id, status, month);

      create table monthly_report_event (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        club_id uuid not null,
        report_id uuid not null,
        action text not null check (action in ('SUBMITTED', 'APPROVED', 'RETURNED', 'REOPENED')),
        comment text check (comment = normalize(comment, NFC) and length(comment) <= 2000),
        recorded_by uuid default ishc.current_user_id(),
        recorded_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, report_id) references monthly_report (tenant_id, id) on delete cascade
      );
      create index monthly_report_event_report on monthly_report_event (tenant_id, report_id, recorded_at);
    `);

    await db.query(`
      alter table province_setting enable row level security;
      alter table province_setting force row level security;
      create policy province_setting_province on province_setting for all to ishc_province
        using (tenant_id = ishc.current_tenant_id()) with check (tenant_id = ishc.current_tenant_id());
      create policy province_setting_club_read on province_setting for select to ishc_club
        using (tenant_id = ishc.current_tenant_id());
      create policy province_setting_national_read on province_setting for select to ishc_national, ishc_national_admin
        using (true);
      grant select on province_setting to ishc_province, ishc_club, ishc_national, ishc_national_admin;
      grant insert, update on province_setting to ishc_province;
    `);

    // Every club table: the province has all of its tenant, club staff their own club.
    // What club staff may change is narrowed by the grants below.
    const clubTables = [
      'club_status_change', 'member', 'activity', 'attendance', 'home_care_visit', 'loan', 'loan_instalment',
      'loan_event', 'repayment', 'ledger_entry', 'client_request', 'monthly_report', 'monthly_report_event',
    ];
    for (const table of clubTables) {
      await db.query(`
        alter table ${table} enable row level security;
        alter table ${table} force row level security;
        create policy ${table}_province on ${table} for all to ishc_province
          using (tenant_id = ishc.current_tenant_id()) with check (tenant_id = ishc.current_tenant_id());
        create policy ${table}_club on ${table} for all to ishc_club
          using (tenant_id = ishc.current_tenant_id() and club_id = ishc.current_club_id())
          with check (tenant_id = ishc.current_tenant_id() and club_id = ishc.current_club_id());
        create policy ${table}_national_read on ${table} for select to ishc_national, ishc_national_admin
          using (true);
        grant select on ${table} to ishc_province, ishc_club;
      `);
    }

    await db.query(`
      -- Ledgers and histories are append-only for everyone: insert, never update or delete.
      grant insert on club_status_change, loan_event, repayment, ledger_entry, monthly_report_event
        to ishc_province, ishc_club;
      grant insert, update on member to ishc_province, ishc_club;
      grant insert, update, delete on activity, attendance, home_care_visit to ishc_province, ishc_club;
      grant insert, update on loan, monthly_report to ishc_province, ishc_club;
      grant insert on loan_instalment, client_request to ishc_province, ishc_club;
      grant update (result) on client_request to ishc_province, ishc_club;

      -- Club staff write their report but never decide on it: approving and returning is the province's.
      create policy monthly_report_club_insert_draft on monthly_report as restrictive for insert to ishc_club
        with check (status = 'DRAFT');
      create policy monthly_report_club_not_approved on monthly_report as restrictive for update to ishc_club
        using (status <> 'APPROVED') with check (status <> 'APPROVED');

      -- National roles read what aggregates need and nothing that names a person.
      grant select (tenant_id, id, club_id, sex, birth_year, hamlet_id, joined_on, left_on, poor_household,
        near_poor_household, ethnic_minority, disability, lives_alone, needs_home_care, board_role,
        home_care_volunteer, created_at, updated_at, version) on member to ishc_national, ishc_national_admin;
      grant select (tenant_id, id, club_id, held_on, area, monthly_meeting, created_at) on activity
        to ishc_national, ishc_national_admin;
      grant select on attendance, loan_instalment, repayment, club_status_change to ishc_national, ishc_national_admin;
      grant select (tenant_id, id, club_id, volunteer_id, member_id, visited_on, kinds) on home_care_visit
        to ishc_national, ishc_national_admin;
      grant select (tenant_id, id, club_id, member_id, principal, term_months, monthly_rate, flat_fee, purpose, status,
        requested_on, decided_on, disbursed_on, first_due_on, closed_on, schedule_version) on loan
        to ishc_national, ishc_national_admin;
      grant select (tenant_id, id, club_id, fund, kind, entry_on, amount, loan_id, repayment_id, reverses_id, recorded_at)
        on ledger_entry to ishc_national, ishc_national_admin;
      grant select (tenant_id, id, club_id, month, status, figures, due_on, submitted_at, first_submitted_at, decided_at) on monthly_report
        to ishc_national, ishc_national_admin;

      -- Possible duplicates across the province's clubs. Club staff cannot read other clubs'
      -- members, so this narrow function answers with only what the staff need to decide.
      create function ishc.member_duplicates(p_citizen_id text, p_full_name text, p_birth_year integer, p_except uuid)
        returns table (member_id uuid, club_id uuid, club_name text, full_name text, birth_year smallint, matched_by text)
        language sql stable security definer set search_path = pg_catalog, public
        as $$
          select m.id, m.club_id, c.name, m.full_name, m.birth_year,
                 case when p_citizen_id is not null and m.citizen_id = p_citizen_id then 'CITIZEN_ID' else 'NAME_AND_BIRTH_YEAR' end
            from member m join club c on c.tenant_id = m.tenant_id and c.id = m.club_id
           where m.tenant_id = ishc.current_tenant_id()
             and m.left_on is null
             and (p_except is null or m.id <> p_except)
             and ((p_citizen_id is not null and m.citizen_id = p_citizen_id)
                  or (m.search_name = ishc.search_text(normalize(btrim(p_full_name), NFC)) and m.birth_year = p_birth_year))
           order by c.name, m.full_name
           limit 10
        $$;
      revoke all on function ishc.member_duplicates(text, text, integer, uuid) from public;
      grant execute on function ishc.member_duplicates(text, text, integer, uuid) to ishc_province, ishc_club;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      drop function ishc.member_duplicates(text, text, integer, uuid);
      drop table monthly_report_event, monthly_report, client_request, ledger_entry, repayment, loan_event,
        loan_instalment, loan, home_care_visit, attendance, activity, member, club_status_change, province_setting;
      alter table club drop column scheme_id, drop column status_since, drop column max_active_loans_per_member;
    `);
  }
}
