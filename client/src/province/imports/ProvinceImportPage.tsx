import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { DataImportPanel } from '../../app/imports/DataImportPanel';
import type { ImportDoneLink } from '../../app/imports/ImportPreview';
import { isImportKind, type ImportKind } from '../../app/imports/import-kinds';
import { BackLink } from '../../app/ui/BackLink';
import { PageHeader } from '../../app/ui/PageHeader';
import { NotFoundPage } from '../../app/NotFoundPage';
import { ImportClubPicker, ImportSurveyPicker } from './ImportPickers';

/** The kinds a file may bring in for one club, or for the province with each row naming its club. */
const CLUB_KINDS: readonly ImportKind[] = ['members', 'fund-balances', 'loans'];

const memberHref = (memberId: string) => `/province/members/${memberId}`;

/**
 * One kind of import for a province admin, at `/province/imports/<kind>`; the chosen club or
 * survey is kept in the address (`?clubId=`, `?surveyId=`), so a club's page links straight here.
 */
export function ProvinceImportPage() {
  const { t } = useTranslation();
  const { kind } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  if (!isImportKind(kind)) return <NotFoundPage />;
  const clubId = CLUB_KINDS.includes(kind) ? searchParams.get('clubId') : null;
  const surveyId = kind === 'survey-visits' ? searchParams.get('surveyId') : null;

  function choose(name: 'clubId' | 'surveyId', id: string | null) {
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (id) next.set(name, id);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  const doneLinks: ImportDoneLink[] =
    kind === 'clubs'
      ? [
          { to: '/province/clubs', label: t('imports.preview.links.clubs'), testId: 'import-link-clubs' },
          { to: '/province/dashboard', label: t('imports.preview.links.dashboard'), testId: 'import-link-dashboard' },
        ]
      : kind === 'survey-visits'
        ? [{ to: `/province/surveys/${surveyId}`, label: t('imports.preview.links.survey'), testId: 'import-link-survey' }]
        : [
            clubId
              ? { to: `/province/clubs/${clubId}`, label: t('imports.preview.links.club'), testId: 'import-link-club' }
              : { to: '/province/clubs', label: t('imports.preview.links.clubs'), testId: 'import-link-clubs' },
            { to: '/province/dashboard', label: t('imports.preview.links.dashboard'), testId: 'import-link-dashboard' },
          ];

  return (
    <>
      <BackLink to="/province/imports" testId="import-back">
        {t('imports.page.back')}
      </BackLink>
      <PageHeader title={`${t('imports.page.title')}: ${t(`imports.kinds.${kind}.title`)}`} description={t(`imports.kinds.${kind}.description`)} />
      <Stack maw={1100}>
        <DataImportPanel
          key={kind}
          kind={kind}
          clubId={clubId}
          surveyId={surveyId}
          notReady={kind === 'survey-visits' && !surveyId ? t('imports.file.surveyMissing') : null}
          pickers={
            CLUB_KINDS.includes(kind) ? (
              <ImportClubPicker value={clubId} onChange={(id) => choose('clubId', id)} />
            ) : kind === 'survey-visits' ? (
              <ImportSurveyPicker value={surveyId} onChange={(id) => choose('surveyId', id)} />
            ) : null
          }
          memberHref={memberHref}
          doneLinks={doneLinks}
        />
      </Stack>
    </>
  );
}
