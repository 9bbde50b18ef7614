import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Autocomplete, Button, Group, NativeSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../../app/errors';
import { useErrorMessage } from '../../../app/ui/use-error-message';
import { CommuneHamletsDocument, CommuneSearchDocument, SaveClubPlanEntryDocument, type SchemeDetailFragment } from '../../../gql/graphql';
import { formProblemsOf, problemsByField, useSchemeProblems } from '../scheme-messages';
import { submitShowingFirstErrorOf } from '../../../app/ui/focus-first-error';

type Entry = SchemeDetailFragment['clubPlan'][number];

/** Communes are the third level: province, district, commune. */
const COMMUNE_LEVEL = 3;
const formFields = new Set(['communeId', 'plannedYear', 'hamletId', 'hamletName', 'note']);

const folded = (text: string) => text.normalize('NFC').trim().toLocaleLowerCase('vi');

interface ClubPlanEntryFormProps {
  scheme: SchemeDetailFragment;
  /** The entry being changed; none to add a commune. */
  entry?: Entry;
  onSaved: () => void;
  onCancel: () => void;
  onReload: () => Promise<unknown>;
}

/**
 * A commune of the club plan: its hamlet (one of the commune's hamlets in the hierarchy, or a
 * name typed when it is not there), year and note. Changing an entry sends the version read;
 * on a conflict what was typed stays while the plan is reloaded.
 */
export function ClubPlanEntryForm({ scheme, entry, onSaved, onCancel, onReload }: ClubPlanEntryFormProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const schemeProblems = useSchemeProblems();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.normalize('NFC').trim(), 300);
  const communes = useQuery(CommuneSearchDocument, { variables: { search: debouncedSearch }, skip: Boolean(entry) || debouncedSearch.length < 2 });
  const [communeId, setCommuneId] = useState<string | null>(entry?.commune.id ?? null);
  const hamlets = useQuery(CommuneHamletsDocument, { variables: { communeId: communeId ?? '' }, skip: !communeId });
  const [save, { loading }] = useMutation(SaveClubPlanEntryDocument);
  const [plannedYear, setPlannedYear] = useState(String(entry?.plannedYear ?? scheme.firstYear));
  const [hamlet, setHamlet] = useState(entry?.hamlet?.fullName ?? entry?.hamletName ?? '');
  const [note, setNote] = useState(entry?.note ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const current = entry ? (scheme.clubPlan.find((candidate) => candidate.id === entry.id) ?? entry) : undefined;
  const years = Array.from({ length: scheme.lastYear - scheme.firstYear + 1 }, (_, index) => String(scheme.firstYear + index));
  const options = (communes.data?.adminUnits.edges ?? [])
    .map((edge) => edge.node)
    .filter((unit) => unit.level === COMMUNE_LEVEL && !unit.retired)
    .map((unit) => ({ value: unit.id, label: unit.parent ? `${unit.fullName}, ${unit.parent.fullName}` : unit.fullName }));
  const hamletUnits = (hamlets.data?.adminUnits.edges ?? []).map((edge) => edge.node).filter((unit) => !unit.retired);

  /** The typed hamlet: a unit of the commune when the text names one, else a name kept as typed. */
  function hamletOf(text: string): { hamletId: string | null; hamletName: string | null } {
    const wanted = folded(text);
    if (!wanted) return { hamletId: null, hamletName: null };
    const unit = hamletUnits.find((candidate) => folded(candidate.fullName) === wanted || folded(candidate.name) === wanted);
    return unit ? { hamletId: unit.id, hamletName: null } : { hamletId: null, hamletName: text.normalize('NFC').trim() };
  }

  async function submit() {
    if (!communeId) {
      setErrors({ communeId: t('common.required') });
      return;
    }
    setErrors({});
    setFormError(null);
    try {
      await save({
        variables: {
          input: {
            id: current?.id ?? null,
            version: current?.version ?? null,
            schemeId: scheme.id,
            communeId,
            plannedYear: Number(plannedYear),
            ...hamletOf(hamlet),
            note: note.trim().normalize('NFC') || null,
            status: current?.status ?? 'PLANNED',
            clubId: current?.club?.id ?? null,
            surveyVisitId: current?.surveyVisit?.id ?? null,
          },
        },
      });
      notifications.show({ color: 'teal', message: t('clubPlan.saved') });
      onSaved();
    } catch (error) {
      if (errorCodeOf(error) === 'CONFLICT') {
        setConflict(true);
        return;
      }
      const { fieldErrors, formError } = formProblemsOf(problemsByField(schemeProblems(error)), formFields, () => errorMessage(error));
      setErrors({ ...fieldErrors, hamletName: fieldErrors.hamletName ?? fieldErrors.hamletId });
      if (formError) setFormError(formError);
    }
  }

  async function reload() {
    setReloading(true);
    try {
      await onReload();
      setConflict(false);
    } catch (error) {
      setFormError(errorMessage(error));
    } finally {
      setReloading(false);
    }
  }

  return (
    <form
      onSubmit={submitShowingFirstErrorOf(submit)}
      noValidate
    >
      <Stack gap="md" data-testid="club-plan-form">
        {conflict && (
          <Alert color="orange" icon={<IconAlertCircle />} role="alert" data-testid="club-plan-conflict">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{t('schemes.conflict')}</Text>
              <Button variant="white" color="orange" leftSection={<IconRefresh size={18} />} loading={reloading} onClick={() => void reload()} data-testid="club-plan-reload">
                {t('schemes.reload')}
              </Button>
            </Stack>
          </Alert>
        )}
        {formError && (
          <Alert color="red" title={t('common.saveFailed')} role="alert">
            {formError}
          </Alert>
        )}
        {entry ? (
          <TextInput label={t('clubPlan.commune')} value={entry.commune.fullName} readOnly variant="filled" />
        ) : (
          <Select
            label={t('clubPlan.commune')}
            placeholder={t('clubPlan.communeSearch')}
            searchable
            required
            data={options}
            value={communeId}
            onChange={(value) => {
              setCommuneId(value);
              setErrors((current) => ({ ...current, communeId: '' }));
            }}
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: all }) => all}
            nothingFoundMessage={debouncedSearch.length >= 2 && !communes.loading ? t('clubPlan.noCommune') : undefined}
            error={errors.communeId || undefined}
            data-testid="club-plan-commune"
          />
        )}
        <NativeSelect
          label={t('clubPlan.year')}
          data={years}
          value={plannedYear}
          error={errors.plannedYear || undefined}
          onChange={(event) => setPlannedYear(event.currentTarget.value)}
          data-testid="club-plan-year"
        />
        <Autocomplete
          label={t('clubPlan.hamlet')}
          description={hamletUnits.length ? t('clubPlan.hamletHint') : t('clubPlan.hamletFreeHint')}
          data={hamletUnits.map((unit) => unit.fullName)}
          value={hamlet}
          error={errors.hamletName || undefined}
          onChange={setHamlet}
          data-testid="club-plan-hamlet"
        />
        <TextInput label={t('clubPlan.note')} value={note} error={errors.note || undefined} onChange={(event) => setNote(event.currentTarget.value)} data-testid="club-plan-note" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="club-plan-submit">
            {t('clubPlan.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
