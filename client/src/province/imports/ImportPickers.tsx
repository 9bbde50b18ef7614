import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Select, type ComboboxItem } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../app/format';
import { ImportClubDocument, ImportClubSearchDocument, ImportSurveysDocument, type ImportClubOptionFragment } from '../../gql/graphql';

function clubLabel(club: ImportClubOptionFragment): string {
  return club.commune ? `${club.name} — ${club.commune.fullName}` : club.name;
}

const keepServerOrder = ({ options }: { options: ComboboxItem[] | unknown[] }) => options as ComboboxItem[];

/** A club of the province, found by name as it is typed (accents ignored by the server); empty means every row names its own. */
export function ImportClubPicker({ value, onChange }: { value: string | null; onChange: (clubId: string | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const { data: chosen } = useQuery(ImportClubDocument, { variables: { id: value ?? '' }, skip: !value });
  const chosenLabel = chosen?.club ? clubLabel(chosen.club) : null;
  // The chosen club's own label, shown in the field, is not a search.
  const [debounced] = useDebouncedValue((search === chosenLabel ? '' : search).normalize('NFC').trim(), 250);
  const { data, previousData } = useQuery(ImportClubSearchDocument, { variables: { search: debounced || null } });
  const found = (data ?? previousData)?.clubs.edges.map((edge) => edge.node) ?? [];
  const items = useMemo(() => {
    const clubs = [...found];
    const current = chosen?.club;
    if (current && !clubs.some((club) => club.id === current.id)) clubs.unshift(current);
    return clubs.map((club) => ({ value: club.id, label: clubLabel(club) }));
  }, [found, chosen]);
  return (
    <Select
      label={t('imports.file.club')}
      description={t('imports.file.clubHint')}
      placeholder={t('imports.file.clubPlaceholder')}
      nothingFoundMessage={t('imports.file.clubNone')}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      data={items}
      filter={keepServerOrder}
      value={value}
      onChange={onChange}
      data-testid="import-club"
    />
  );
}

/** The survey whose visits the file holds; a province without surveys is sent to make one first. */
export function ImportSurveyPicker({ value, onChange }: { value: string | null; onChange: (surveyId: string | null) => void }) {
  const { t } = useTranslation();
  const { data } = useQuery(ImportSurveysDocument);
  const surveys = data?.surveys.edges.map((edge) => edge.node) ?? [];
  if (data && surveys.length === 0) {
    return (
      <Alert color="orange" data-testid="import-no-surveys">
        {t('imports.file.noSurveys')}{' '}
        <Anchor component={Link} to="/province/surveys" inherit>
          {t('imports.file.openSurveys')}
        </Anchor>
      </Alert>
    );
  }
  return (
    <Select
      label={t('imports.file.survey')}
      description={t('imports.file.surveyHint')}
      placeholder={t('imports.file.surveyPlaceholder')}
      withAsterisk
      searchable
      data={surveys.map((survey) => ({ value: survey.id, label: `${survey.title} (${formatDate(survey.startedOn)})` }))}
      value={value}
      onChange={onChange}
      data-testid="import-survey"
    />
  );
}
