import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../app/errors';
import { formatDate } from '../../app/format';
import { parseDisplayDate } from '../../app/local-date';
import { useErrorMessage } from '../../app/ui/use-error-message';
import {
  ClubCommuneSearchDocument,
  ClubFormSchemesDocument,
  ClubCommuneHamletsDocument,
  CreateClubDocument,
  ProvinceClubsDocument,
  UpdateClubDocument,
  type ProvinceClubListItemFragment,
} from '../../gql/graphql';
import { formProblemsOf } from '../schemes/scheme-messages';
import { communeWithDistrict } from './club-format';
import { ClubConflictAlert } from './club-conflict';
import { useClubProblems } from './club-messages';
import { submitShowingFirstError } from '../../app/ui/focus-first-error';

const COMMUNE_LEVEL = 3;
const HAMLET_LEVEL = 4;
const formFields = new Set(['communeId', 'clubPlanEntryId', 'hamletId', 'name', 'foundedOn', 'schemeId', 'maxActiveLoansPerMember']);

interface ClubFormValues {
  communeId: string | null;
  clubPlanEntryId: string | null;
  hamletId: string | null;
  name: string;
  foundedOn: string;
  schemeId: string | null;
  maxActiveLoansPerMember: number | string;
}

interface Commune {
  id: string;
  label: string;
  fullName: string;
}

/** "Thị trấn Kiên Lương" → "thị trấn Kiên Lương", as it reads inside a club's name. */
function inName(fullName: string): string {
  return fullName.charAt(0).toLocaleLowerCase('vi') + fullName.slice(1);
}

interface ClubFormProps {
  /** The club to edit; none to add one. */
  club?: ProvinceClubListItemFragment;
  onSaved: (club: ProvinceClubListItemFragment) => void;
  onCancel: () => void;
}

export function ClubForm({ club, onSaved, onCancel }: ClubFormProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const clubProblems = useClubProblems();
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const nameTyped = useRef(Boolean(club));
  const [commune, setCommune] = useState<Commune | null>(
    club ? { id: club.commune.id, label: communeWithDistrict(club.commune), fullName: club.commune.fullName } : null,
  );
  const [communeSearch, setCommuneSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(communeSearch.normalize('NFC').trim(), 300);
  const communeResults = useQuery(ClubCommuneSearchDocument, { variables: { search: debouncedSearch }, skip: Boolean(club) || debouncedSearch.length < 2 });
  const schemes = useQuery(ClubFormSchemesDocument);
  const hamlets = useQuery(ClubCommuneHamletsDocument, { variables: { communeId: commune?.id ?? '' }, skip: !commune });
  const [createClub, creating] = useMutation(CreateClubDocument, { refetchQueries: [ProvinceClubsDocument] });
  const [updateClub, updating] = useMutation(UpdateClubDocument);

  const form = useForm<ClubFormValues>({
    initialValues: {
      communeId: club?.commune.id ?? null,
      clubPlanEntryId: null,
      hamletId: club?.hamlet?.id ?? null,
      name: club?.name ?? '',
      foundedOn: club?.foundedOn ? formatDate(club.foundedOn) : '',
      schemeId: club?.scheme?.id ?? null,
      maxActiveLoansPerMember: club?.maxActiveLoansPerMember ?? 1,
    },
    validate: {
      communeId: (value) => (value ? null : t('provinceClubs.messages.required')),
      name: (value) => (value.trim() ? null : t('provinceClubs.messages.required')),
      foundedOn: (value) => (parseDisplayDate(value) === undefined ? t('provinceClubs.form.dateInvalid') : null),
      maxActiveLoansPerMember: (value) => {
        const number = Number(value);
        return Number.isInteger(number) && number >= 1 && number <= 5 ? null : t('provinceClubs.messages.loansRange');
      },
    },
  });

  const communeOptions = (communeResults.data?.adminUnits.edges ?? [])
    .map((edge) => edge.node)
    .filter((unit) => unit.level === COMMUNE_LEVEL && !unit.retired)
    .map((unit) => ({ value: unit.id, label: communeWithDistrict(unit), fullName: unit.fullName }));
  if (commune && !communeOptions.some((option) => option.value === commune.id)) {
    communeOptions.unshift({ value: commune.id, label: commune.label, fullName: commune.fullName });
  }

  const hamletUnits = (hamlets.data?.adminUnit?.children ?? []).filter((unit) => unit.level === HAMLET_LEVEL && (!unit.retired || unit.id === club?.hamlet?.id));
  const allSchemes = schemes.data?.schemes.edges.map((edge) => edge.node) ?? [];
  const planEntries = allSchemes.flatMap((scheme) =>
    scheme.clubPlan
      .filter((entry) => entry.commune.id === commune?.id && entry.status === 'PLANNED' && !entry.club)
      .map((entry) => ({ entry, scheme })),
  );

  function suggestName(place: string | undefined) {
    if (nameTyped.current || !place) return;
    form.setFieldValue('name', `${t('provinceClubs.form.namePrefix')} ${inName(place)}`);
  }

  function chooseCommune(id: string | null) {
    const option = communeOptions.find((candidate) => candidate.value === id);
    setCommune(option ? { id: option.value, label: option.label, fullName: option.fullName } : null);
    form.setValues({ communeId: id, clubPlanEntryId: null, hamletId: null });
    suggestName(option?.fullName);
  }

  function chooseHamlet(id: string | null) {
    form.setFieldValue('hamletId', id);
    suggestName(hamletUnits.find((unit) => unit.id === id)?.fullName ?? commune?.fullName);
  }

  function choosePlanEntry(id: string | null) {
    form.setFieldValue('clubPlanEntryId', id);
    const chosen = planEntries.find(({ entry }) => entry.id === id);
    if (!chosen) return;
    form.setFieldValue('schemeId', chosen.scheme.id);
    if (chosen.entry.hamlet) chooseHamlet(chosen.entry.hamlet.id);
    else if (chosen.entry.hamletName) suggestName(chosen.entry.hamletName);
  }

  async function submit(values: ClubFormValues) {
    setFormError(null);
    setConflict(false);
    const fields = {
      name: values.name.trim().normalize('NFC'),
      hamletId: values.hamletId,
      foundedOn: parseDisplayDate(values.foundedOn) ?? null,
      schemeId: values.schemeId,
      maxActiveLoansPerMember: Number(values.maxActiveLoansPerMember),
    };
    try {
      if (club) {
        const { data } = await updateClub({ variables: { input: { ...fields, id: club.id, version: club.version } } });
        if (!data) return;
        notifications.show({ color: 'teal', message: t('provinceClubs.form.saved', { name: data.updateClub.name }) });
        onSaved(data.updateClub);
      } else {
        const { data } = await createClub({
          variables: { input: { ...fields, communeId: values.communeId ?? '', clubPlanEntryId: values.clubPlanEntryId } },
        });
        if (!data) return;
        notifications.show({ color: 'teal', message: t('provinceClubs.form.created', { name: data.createClub.name }) });
        onSaved(data.createClub);
      }
    } catch (error) {
      if (errorCodeOf(error) === 'CONFLICT') {
        setConflict(true);
        return;
      }
      const { fieldErrors, formError: rest } = formProblemsOf(clubProblems(error), formFields, () => errorMessage(error));
      form.setErrors(fieldErrors);
      if (rest) setFormError(rest);
    }
  }

  return (
    <form onSubmit={submitShowingFirstError(form, submit)} noValidate>
      <Stack gap="md">
        {formError && (
          <Alert color="red" icon={<IconAlertCircle />} title={t('common.saveFailed')} role="alert" data-testid="club-form-error">
            {formError}
          </Alert>
        )}
        {conflict && club && <ClubConflictAlert clubId={club.id} onReloaded={() => setConflict(false)} />}
        {club ? (
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {t('provinceClubs.form.commune')}
            </Text>
            <Text data-testid="club-form-commune-fixed">{communeWithDistrict(club.commune)}</Text>
            <Text size="xs" c="dimmed">
              {t('provinceClubs.form.communeFixed')}
            </Text>
          </Stack>
        ) : (
          <>
            <Select
              size="md"
              label={t('provinceClubs.form.commune')}
              placeholder={t('provinceClubs.form.communePlaceholder')}
              required
              searchable
              data={communeOptions}
              value={form.values.communeId}
              onChange={chooseCommune}
              searchValue={communeSearch}
              onSearchChange={setCommuneSearch}
              filter={({ options }) => options}
              nothingFoundMessage={debouncedSearch.length >= 2 && !communeResults.loading ? t('provinceClubs.form.communeEmpty') : undefined}
              error={form.errors.communeId}
              data-testid="club-form-commune"
            />
            <Select
              size="md"
              label={t('provinceClubs.form.planEntry')}
              description={t('provinceClubs.form.planEntryHint')}
              placeholder={commune ? t('provinceClubs.form.planEntryNone') : t('provinceClubs.form.planEntryNoCommune')}
              disabled={!commune || planEntries.length === 0}
              clearable
              data={planEntries.map(({ entry, scheme }) => ({
                value: entry.id,
                label: t('provinceClubs.form.planEntryLabel', {
                  scheme: scheme.title,
                  year: entry.plannedYear,
                  hamlet: entry.hamlet?.fullName || entry.hamletName ? `, ${entry.hamlet?.fullName ?? entry.hamletName}` : '',
                }),
              }))}
              value={form.values.clubPlanEntryId}
              onChange={choosePlanEntry}
              error={form.errors.clubPlanEntryId}
              data-testid="club-form-plan-entry"
            />
          </>
        )}
        <Select
          size="md"
          label={t('provinceClubs.form.hamlet')}
          description={t('provinceClubs.form.hamletHint')}
          placeholder={t('provinceClubs.form.hamletNone')}
          disabled={!commune}
          searchable
          clearable
          data={hamletUnits.map((unit) => ({ value: unit.id, label: unit.fullName }))}
          value={form.values.hamletId}
          onChange={chooseHamlet}
          error={form.errors.hamletId}
          data-testid="club-form-hamlet"
        />
        <TextInput
          label={t('provinceClubs.form.name')}
          description={t('provinceClubs.form.nameHint')}
          required
          {...form.getInputProps('name')}
          onChange={(event) => {
            nameTyped.current = true;
            form.setFieldValue('name', event.currentTarget.value);
          }}
          data-testid="club-form-name"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} style={{ alignItems: 'start' }}>
          <TextInput
            label={t('provinceClubs.form.foundedOn')}
            description={t('provinceClubs.form.foundedOnHint')}
            placeholder={t('provinceClubs.form.datePlaceholder')}
            inputMode="numeric"
            {...form.getInputProps('foundedOn')}
            data-testid="club-form-founded-on"
          />
          <NumberInput
            size="md"
            label={t('provinceClubs.form.maxLoans')}
            description={t('provinceClubs.form.maxLoansHint')}
            min={1}
            max={5}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('maxActiveLoansPerMember')}
            data-testid="club-form-max-loans"
          />
        </SimpleGrid>
        <Select
          size="md"
          label={t('provinceClubs.form.scheme')}
          placeholder={t('provinceClubs.form.schemeNone')}
          clearable
          data={allSchemes.map((scheme) => ({ value: scheme.id, label: `${scheme.title} (${scheme.firstYear}–${scheme.lastYear})` }))}
          {...form.getInputProps('schemeId')}
          data-testid="club-form-scheme"
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={creating.loading || updating.loading} data-testid="club-form-submit">
            {club ? t('provinceClubs.form.save') : t('provinceClubs.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
