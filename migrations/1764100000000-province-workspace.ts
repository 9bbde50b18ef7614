import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A province's workspace: the national phases and the indicator catalogue all provinces share,
 * and per province its schemes with targets, budget lines, spending, the club plan, reference
 * figures and field surveys.
 */
export class ProvinceWorkspace1764100000000 implements MigrationInterface {
  name = 'ProvinceWorkspace1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- National reference data: written only by national administration, read by everyone,
      -- so every province's scheme points at the same phases and indicators.
      create table national_phase (
        id uuid primary key default gen_random_uuid(),
        decision_number text not null unique check (length(btrim(decision_number)) between 1 and 60),
        decision_date date,
        decision_year smallint not null check (decision_year between 1990 and 2100),
        title text not null check (length(btrim(title)) between 1 and 500 and title = normalize(title, NFC)),
        first_year smallint not null check (first_year between 1990 and 2100),
        last_year smallint not null check (last_year between 1990 and 2100),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        check (last_year >= first_year),
        check (decision_date is null or extract(year from decision_date) = decision_year)
      );

      -- Percentages, counts or đồng, so one indicator compares across provinces.
      create table indicator (
        id uuid primary key default gen_random_uuid(),
        code text not null unique check (code ~ '^[A-Z][A-Z0-9_]{2,59}$'),
        name_vi text not null check (length(btrim(name_vi)) between 1 and 200 and name_vi = normalize(name_vi, NFC)),
        name_en text not null check (length(btrim(name_en)) between 1 and 200),
        unit text not null check (unit in ('COUNT', 'PERCENT', 'VND')),
        -- Additive indicators sum over units, so a breakdown by unit may not exceed the total.
        additive boolean not null,
        definition_vi text not null check (definition_vi = normalize(definition_vi, NFC)),
        definition_en text not null,
        sort_order smallint not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        check (not (unit = 'PERCENT' and additive))
      );

      create table national_phase_target (
        id uuid primary key default gen_random_uuid(),
        phase_id uuid not null references national_phase (id) on delete cascade,
        indicator_id uuid references indicator (id) on delete restrict,
        comparator text not null default 'AT_LEAST' check (comparator in ('AT_LEAST', 'MORE_THAN', 'EXACTLY')),
        target_value numeric(20, 2) check (target_value >= 0),
        by_year smallint check (by_year between 1990 and 2100),
        description_vi text not null check (description_vi = normalize(description_vi, NFC)),
        description_en text not null,
        sort_order smallint not null default 0,
        check ((indicator_id is null) = (target_value is null))
      );
      create index national_phase_target_phase on national_phase_target (phase_id, sort_order);

      grant select on national_phase, national_phase_target, indicator
        to ishc_province, ishc_club, ishc_national, ishc_national_admin;
      grant insert, update, delete on national_phase, national_phase_target, indicator to ishc_national_admin;
    `);

    await db.query(`
      -- A province's scheme (Đề án) for a period. Once approved, its targets and budget change
      -- only through a recorded revision with a reason (scheme_revision).
      create table scheme (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        title text not null check (length(btrim(title)) between 1 and 500 and title = normalize(title, NFC)),
        summary text check (summary = normalize(summary, NFC) and length(summary) <= 10000),
        national_phase_id uuid references national_phase (id) on delete restrict,
        first_year smallint not null check (first_year between 1990 and 2100),
        last_year smallint not null check (last_year between 1990 and 2100),
        decision_number text check (length(decision_number) <= 60),
        decision_date date,
        decision_body text check (length(decision_body) <= 300),
        managing_agency text check (length(managing_agency) <= 300),
        -- The total the approving decision states; budget lines must add up to it.
        stated_total bigint not null default 0 check (stated_total between 0 and 9007199254740991),
        status text not null default 'DRAFT' check (status in ('DRAFT', 'APPROVED', 'CLOSED')),
        approved_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        primary key (tenant_id, id),
        check (last_year >= first_year),
        check (status = 'DRAFT' or approved_at is not null),
        foreign key (tenant_id) references tenant (id) on delete restrict
      );
      create index scheme_by_period on scheme (tenant_id, first_year desc, id);

      create table scheme_revision (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        scheme_id uuid not null,
        number integer not null check (number > 0),
        reason text not null check (length(btrim(reason)) between 3 and 2000 and reason = normalize(reason, NFC)),
        revised_by uuid default ishc.current_user_id(),
        revised_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, scheme_id, number),
        foreign key (tenant_id, scheme_id) references scheme (tenant_id, id) on delete cascade
      );

      create table scheme_target (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        scheme_id uuid not null,
        indicator_id uuid not null references indicator (id) on delete restrict,
        target_value numeric(20, 2) not null check (target_value >= 0),
        note text check (note = normalize(note, NFC) and length(note) <= 2000),
        sort_order smallint not null default 0,
        primary key (tenant_id, id),
        unique (tenant_id, scheme_id, indicator_id),
        foreign key (tenant_id, scheme_id) references scheme (tenant_id, id) on delete cascade
      );

      create table scheme_target_milestone (
        tenant_id uuid not null default ishc.current_tenant_id(),
        target_id uuid not null,
        year smallint not null check (year between 1990 and 2100),
        value numeric(20, 2) not null check (value >= 0),
        primary key (tenant_id, target_id, year),
        foreign key (tenant_id, target_id) references scheme_target (tenant_id, id) on delete cascade
      );

      create table scheme_target_breakdown (
        tenant_id uuid not null default ishc.current_tenant_id(),
        target_id uuid not null,
        unit_id uuid not null,
        value numeric(20, 2) not null check (value >= 0),
        primary key (tenant_id, target_id, unit_id),
        foreign key (tenant_id, target_id) references scheme_target (tenant_id, id) on delete cascade,
        foreign key (tenant_id, unit_id) references admin_unit (tenant_id, id) on delete restrict
      );
      create index scheme_target_breakdown_unit on scheme_target_breakdown (tenant_id, unit_id);

      -- Budget lines by source and purpose. A line stated per club is amount per club × planned
      -- clubs; the database keeps the product exact, the service checks it against the club plan.
      create table budget_line (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        scheme_id uuid not null,
        source text not null check (source in ('PROVINCE_BUDGET', 'CENTRAL_BUDGET', 'MOBILISED', 'CLUB_CONTRIBUTIONS', 'OTHER')),
        purpose text not null check (purpose in ('SEED_CAPITAL', 'TRAINING', 'COMMUNICATION', 'MANAGEMENT', 'OTHER')),
        year smallint check (year between 1990 and 2100),
        description text check (description = normalize(description, NFC) and length(description) <= 1000),
        amount bigint not null check (amount between 0 and 9007199254740991),
        per_club_amount bigint check (per_club_amount between 1 and 9007199254740991),
        planned_clubs integer check (planned_clubs between 1 and 100000),
        sort_order smallint not null default 0,
        primary key (tenant_id, id),
        check ((per_club_amount is null) = (planned_clubs is null)),
        check (per_club_amount is null or amount = per_club_amount * planned_clubs),
        foreign key (tenant_id, scheme_id) references scheme (tenant_id, id) on delete cascade
      );
      create index budget_line_scheme on budget_line (tenant_id, scheme_id, sort_order);

      -- Spending: an append-only ledger. A mistake is undone by a reversal entry, never an edit.
      create table disbursement (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        budget_line_id uuid not null,
        paid_on date not null,
        amount bigint not null check (amount between -9007199254740991 and 9007199254740991 and amount <> 0),
        description text not null check (length(btrim(description)) between 1 and 1000 and description = normalize(description, NFC)),
        recipient_unit_id uuid,
        recipient_club_id uuid,
        reverses_id uuid,
        -- The client's key for this entry: a retried request finds the entry it already made.
        idempotency_key text not null check (length(idempotency_key) between 8 and 100),
        recorded_by uuid default ishc.current_user_id(),
        recorded_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, idempotency_key),
        unique (tenant_id, reverses_id),
        check ((reverses_id is null and amount > 0) or (reverses_id is not null and amount < 0)),
        foreign key (tenant_id, budget_line_id) references budget_line (tenant_id, id) on delete restrict,
        foreign key (tenant_id, recipient_unit_id) references admin_unit (tenant_id, id) on delete restrict,
        foreign key (tenant_id, recipient_club_id) references club (tenant_id, id) on delete restrict,
        foreign key (tenant_id, reverses_id) references disbursement (tenant_id, id) on delete restrict
      );
      create index disbursement_line on disbursement (tenant_id, budget_line_id, paid_on);
    `);

    await db.query(`
      -- Field surveys (khảo sát) and their visits, whose findings can feed the club plan.
      create table survey (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        scheme_id uuid,
        title text not null check (length(btrim(title)) between 1 and 500 and title = normalize(title, NFC)),
        purpose text check (purpose = normalize(purpose, NFC) and length(purpose) <= 5000),
        conducted_by text check (conducted_by = normalize(conducted_by, NFC) and length(conducted_by) <= 500),
        started_on date not null,
        ended_on date,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        primary key (tenant_id, id),
        check (ended_on is null or ended_on >= started_on),
        foreign key (tenant_id, scheme_id) references scheme (tenant_id, id) on delete set null (scheme_id)
      );
      create index survey_by_date on survey (tenant_id, started_on desc, id);

      create table survey_visit (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        survey_id uuid not null,
        unit_id uuid not null,
        visited_on date,
        participants text check (participants = normalize(participants, NFC) and length(participants) <= 2000),
        clubs_found integer check (clubs_found between 0 and 10000),
        club_activity text check (club_activity = normalize(club_activity, NFC) and length(club_activity) <= 5000),
        difficulties text check (difficulties = normalize(difficulties, NFC) and length(difficulties) <= 5000),
        proposals text check (proposals = normalize(proposals, NFC) and length(proposals) <= 5000),
        ready_for_club boolean,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        primary key (tenant_id, id),
        unique (tenant_id, survey_id, unit_id),
        foreign key (tenant_id, survey_id) references survey (tenant_id, id) on delete cascade,
        foreign key (tenant_id, unit_id) references admin_unit (tenant_id, id) on delete restrict
      );
      create index survey_visit_unit on survey_visit (tenant_id, unit_id);

      -- The club plan: which commune gets a club in which year, in which hamlet.
      create table club_plan_entry (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        scheme_id uuid not null,
        commune_id uuid not null,
        hamlet_id uuid,
        hamlet_name text check (hamlet_name = normalize(hamlet_name, NFC) and length(hamlet_name) <= 200),
        planned_year smallint not null check (planned_year between 1990 and 2100),
        status text not null default 'PLANNED' check (status in ('PLANNED', 'FOUNDED', 'DROPPED')),
        club_id uuid,
        survey_visit_id uuid,
        note text check (note = normalize(note, NFC) and length(note) <= 2000),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        primary key (tenant_id, id),
        unique (tenant_id, scheme_id, commune_id),
        foreign key (tenant_id, scheme_id) references scheme (tenant_id, id) on delete cascade,
        foreign key (tenant_id, commune_id) references admin_unit (tenant_id, id) on delete restrict,
        foreign key (tenant_id, hamlet_id) references admin_unit (tenant_id, id) on delete restrict,
        foreign key (tenant_id, club_id) references club (tenant_id, id) on delete set null (club_id),
        foreign key (tenant_id, survey_visit_id) references survey_visit (tenant_id, id) on delete set null (survey_visit_id)
      );
      create index club_plan_entry_scheme on club_plan_entry (tenant_id, scheme_id, planned_year);
      create index club_plan_entry_club on club_plan_entry (tenant_id, club_id) where club_id is not null;

      -- Figures that normalise comparisons between provinces (older population, communes, poor
      -- households), per year, with where they come from.
      create table reference_figure (
        tenant_id uuid not null default ishc.current_tenant_id(),
        id uuid not null default gen_random_uuid(),
        year smallint not null check (year between 1990 and 2100),
        kind text not null check (kind in ('OLDER_POPULATION', 'COMMUNES', 'POOR_HOUSEHOLDS', 'NEAR_POOR_HOUSEHOLDS')),
        value bigint not null check (value between 0 and 9007199254740991),
        source text not null check (length(btrim(source)) between 1 and 500 and source = normalize(source, NFC)),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        primary key (tenant_id, id),
        unique (tenant_id, year, kind),
        foreign key (tenant_id) references tenant (id) on delete restrict
      );
    `);

    // The same policies for every workspace table: the province writes its own rows and the
    // national office reads all. Club staff see only what concerns their club (below).
    for (const table of [
      'scheme', 'scheme_revision', 'scheme_target', 'scheme_target_milestone', 'scheme_target_breakdown',
      'budget_line', 'survey', 'survey_visit', 'club_plan_entry', 'reference_figure',
    ]) {
      await db.query(`
        alter table ${table} enable row level security;
        alter table ${table} force row level security;
        create policy ${table}_province on ${table} for all to ishc_province
          using (tenant_id = ishc.current_tenant_id()) with check (tenant_id = ishc.current_tenant_id());
        create policy ${table}_national_read on ${table} for select to ishc_national, ishc_national_admin
          using (true);
        grant select on ${table} to ishc_province, ishc_national, ishc_national_admin;
        grant insert, update, delete on ${table} to ishc_province;
      `);
    }

    await db.query(`
      -- Club staff read the plan entry of their own club and the scheme it belongs to.
      create policy club_plan_entry_club_read on club_plan_entry for select to ishc_club
        using (tenant_id = ishc.current_tenant_id() and club_id = ishc.current_club_id());
      create policy scheme_club_read on scheme for select to ishc_club
        using (tenant_id = ishc.current_tenant_id() and id in (select scheme_id from club_plan_entry));
      grant select on club_plan_entry, scheme to ishc_club;
    `);

    await db.query(`
      -- The spending ledger is append-only: no update or delete for anyone; club staff do not see it.
      alter table disbursement enable row level security;
      alter table disbursement force row level security;
      create policy disbursement_province_read on disbursement for select to ishc_province
        using (tenant_id = ishc.current_tenant_id());
      create policy disbursement_province_insert on disbursement for insert to ishc_province
        with check (tenant_id = ishc.current_tenant_id());
      create policy disbursement_national_read on disbursement for select to ishc_national, ishc_national_admin
        using (true);
      grant select on disbursement to ishc_province, ishc_national, ishc_national_admin;
      grant insert (id, budget_line_id, paid_on, amount, description, recipient_unit_id, recipient_club_id,
        reverses_id, idempotency_key) on disbursement to ishc_province;

      -- Reference figures may also be entered by national administration, for any province.
      create policy reference_figure_national_write on reference_figure for all to ishc_national_admin
        using (true) with check (true);
      grant insert, update on reference_figure to ishc_national_admin;
    `);

    await this.seedNationalReference(db);
  }

  /** The national program's phases and the indicator catalogue exist in every installation. */
  private async seedNationalReference(db: QueryRunner): Promise<void> {
    await db.query(`
      insert into indicator (code, name_vi, name_en, unit, additive, definition_vi, definition_en, sort_order) values
      ('NEW_CLUBS', 'Số câu lạc bộ thành lập mới', 'New clubs founded', 'COUNT', true,
        'Số câu lạc bộ Liên thế hệ tự giúp nhau được thành lập mới trong kỳ.',
        'Intergenerational Self-Help Clubs founded during the period.', 10),
      ('CLUBS_MAINTAINED', 'Số câu lạc bộ được duy trì', 'Clubs maintained', 'COUNT', true,
        'Số câu lạc bộ đã thành lập trước kỳ và vẫn hoạt động đến cuối kỳ.',
        'Clubs founded before the period that are still running at its end.', 20),
      ('CLUBS_RUNNING', 'Số câu lạc bộ được duy trì và thành lập mới', 'Clubs maintained and founded', 'COUNT', true,
        'Tổng số câu lạc bộ hoạt động cuối kỳ: câu lạc bộ được duy trì cộng câu lạc bộ thành lập mới.',
        'Clubs running at the end of the period: those maintained plus those newly founded.', 30),
      ('COMMUNES_WITH_CLUB', 'Số xã, phường, thị trấn có câu lạc bộ', 'Communes with a club', 'COUNT', true,
        'Số xã, phường, thị trấn có ít nhất một câu lạc bộ đang hoạt động.',
        'Communes, wards and towns with at least one running club.', 40),
      ('MEMBERS', 'Số hội viên câu lạc bộ', 'Club members', 'COUNT', true,
        'Tổng số hội viên của các câu lạc bộ đang hoạt động.',
        'Members of all running clubs.', 50),
      ('OLDER_MEMBERS', 'Số hội viên là người cao tuổi', 'Older members', 'COUNT', true,
        'Số hội viên từ đủ 60 tuổi trở lên (theo Luật Người cao tuổi).',
        'Members aged 60 or over (Law on the Elderly).', 60),
      ('WOMEN_MEMBERS', 'Số hội viên là phụ nữ', 'Women members', 'COUNT', true,
        'Số hội viên là nữ.',
        'Members who are women.', 70),
      ('POOR_NEAR_POOR_MEMBERS', 'Số hội viên thuộc hộ nghèo, cận nghèo', 'Members from poor or near-poor households', 'COUNT', true,
        'Số hội viên thuộc hộ nghèo hoặc hộ cận nghèo theo danh sách của địa phương.',
        'Members of households on the local poor or near-poor list.', 80),
      ('CLUBS_MEETING_STANDARD_PCT', 'Tỷ lệ câu lạc bộ đạt chuẩn chất lượng', 'Clubs meeting the quality standard', 'PERCENT', false,
        'Tỷ lệ phần trăm câu lạc bộ đạt chuẩn: 50–70 hội viên, 60–70% là nữ, 60–70% là người cao tuổi, thực hiện đủ các hoạt động và quản lý tốt.',
        'Percent of clubs meeting the standard: 50–70 members, 60–70% women, 60–70% older people, running all activities and well managed.', 90),
      ('MEMBERS_BORROWED_PCT', 'Tỷ lệ hội viên được vay vốn', 'Members who have borrowed', 'PERCENT', false,
        'Tỷ lệ phần trăm hội viên được vay vốn từ quỹ tăng thu nhập để phát triển sinh kế.',
        'Percent of members who have borrowed from the income-generation fund for their livelihoods.', 100),
      ('CLUBS_WITH_BOTH_FUNDS_PCT', 'Tỷ lệ câu lạc bộ có quỹ tăng thu nhập và quỹ hoạt động', 'Clubs holding both funds', 'PERCENT', false,
        'Tỷ lệ phần trăm câu lạc bộ có cả quỹ tăng thu nhập và quỹ hoạt động.',
        'Percent of clubs holding both an income-generation fund and an activity fund.', 110),
      ('FUNDS_MOBILISED', 'Kinh phí vận động', 'Funds mobilised', 'VND', true,
        'Số tiền vận động được từ xã hội (tổ chức, doanh nghiệp, cá nhân) cho Đề án, tính bằng đồng.',
        'Money mobilised from society (organisations, businesses, people) for the scheme, in đồng.', 120),
      ('PROVINCES_WITH_CLUBS_PCT', 'Tỷ lệ tỉnh, thành phố có câu lạc bộ', 'Provinces with clubs', 'PERCENT', false,
        'Tỷ lệ phần trăm tỉnh, thành phố trực thuộc trung ương có câu lạc bộ (chỉ tiêu toàn quốc).',
        'Percent of provinces that have clubs (a national target).', 130);

      insert into national_phase (decision_number, decision_date, decision_year, title, first_year, last_year) values
      ('1533/QĐ-TTg', null, 2016,
        'Đề án nhân rộng mô hình Câu lạc bộ Liên thế hệ tự giúp nhau giai đoạn 2016–2020', 2016, 2020),
      ('1336/QĐ-TTg', '2020-08-31', 2020,
        'Đề án nhân rộng mô hình Câu lạc bộ Liên thế hệ tự giúp nhau đến năm 2025', 2021, 2025),
      ('1648/QĐ-TTg', '2025-08-01', 2025,
        'Đề án nhân rộng mô hình Câu lạc bộ Liên thế hệ tự giúp nhau đến năm 2035', 2025, 2035);

      insert into national_phase_target (phase_id, indicator_id, comparator, target_value, by_year, description_vi, description_en, sort_order)
      select phase.id, indicator.id, target.comparator, target.value, target.by_year, target.description_vi, target.description_en, target.sort_order
        from (values
          ('1533/QĐ-TTg', null, 'AT_LEAST', null::numeric, 2020,
            'Đề án nhân rộng đầu tiên của cả nước; các tỉnh xây dựng Đề án của tỉnh theo Đề án này.',
            'The first national replication scheme; provinces write their own schemes under it.', 10),
          ('1336/QĐ-TTg', 'PROVINCES_WITH_CLUBS_PCT', 'AT_LEAST', 95, 2025,
            'Ít nhất 95% tỉnh, thành phố có câu lạc bộ.', 'At least 95% of provinces have clubs.', 10),
          ('1336/QĐ-TTg', 'NEW_CLUBS', 'AT_LEAST', 3000, 2025,
            'Thành lập mới ít nhất 3.000 câu lạc bộ.', 'At least 3,000 new clubs.', 20),
          ('1336/QĐ-TTg', 'MEMBERS', 'AT_LEAST', 150000, 2025,
            'Các câu lạc bộ mới có 150.000 hội viên.', 'The new clubs have 150,000 members.', 30),
          ('1336/QĐ-TTg', 'OLDER_MEMBERS', 'MORE_THAN', 100000, 2025,
            'Trên 100.000 hội viên là người cao tuổi.', 'More than 100,000 of them older people.', 40),
          ('1336/QĐ-TTg', null, 'AT_LEAST', null, 2025,
            'Duy trì 100% câu lạc bộ đã thành lập giai đoạn 2016–2020.', 'Keep 100% of the 2016–2020 clubs running.', 50),
          ('1336/QĐ-TTg', 'CLUBS_MEETING_STANDARD_PCT', 'AT_LEAST', 70, 2025,
            'Ít nhất 70% câu lạc bộ thực hiện đủ các hoạt động và được quản lý tốt.',
            'At least 70% of clubs run all activities and are well managed.', 60),
          ('1336/QĐ-TTg', 'MEMBERS_BORROWED_PCT', 'AT_LEAST', 50, 2025,
            'Ít nhất 50% hội viên được vay vốn phát triển sinh kế.', 'At least 50% of members get loans for livelihoods.', 70),
          ('1336/QĐ-TTg', 'CLUBS_WITH_BOTH_FUNDS_PCT', 'EXACTLY', 100, 2025,
            '100% câu lạc bộ có quỹ tăng thu nhập và quỹ hoạt động.',
            '100% of clubs hold an income-generation fund and an activity fund.', 80),
          ('1648/QĐ-TTg', 'NEW_CLUBS', 'AT_LEAST', 12000, 2035,
            'Thành lập mới ít nhất 12.000 câu lạc bộ đến năm 2035.', 'At least 12,000 new clubs by 2035.', 10),
          ('1648/QĐ-TTg', 'NEW_CLUBS', 'AT_LEAST', 6000, 2030,
            'Trong đó ít nhất 6.000 câu lạc bộ trong giai đoạn 2025–2030.', 'At least 6,000 of them in 2025–2030.', 20),
          ('1648/QĐ-TTg', null, 'AT_LEAST', null, 2035,
            'Duy trì 100% câu lạc bộ đã thành lập, bảo đảm chất lượng.', 'Keep 100% of earlier clubs running with quality.', 30)
        ) as target (decision_number, indicator_code, comparator, value, by_year, description_vi, description_en, sort_order)
        join national_phase phase on phase.decision_number = target.decision_number
        left join indicator on indicator.code = target.indicator_code;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      drop table reference_figure;
      drop table club_plan_entry;
      drop table survey_visit;
      drop table survey;
      drop table disbursement;
      drop table budget_line;
      drop table scheme_target_breakdown;
      drop table scheme_target_milestone;
      drop table scheme_target;
      drop table scheme_revision;
      drop table scheme;
      drop table national_phase_target;
      drop table indicator;
      drop table national_phase;
    `);
  }
}
