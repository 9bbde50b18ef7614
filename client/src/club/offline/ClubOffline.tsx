import { useApolloClient } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Drawer, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCloudOff, IconCloudUpload } from '@tabler/icons-react';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { keepUser, OFFLINE_COPIES_FLAG, OFFLINE_USER } from '../../app/offline-flag';
import { sessionStore } from '../../app/session/session-store';
import { formatDateTime, formatVnd } from '../../app/format';
import { moneyForApi, moneyFromApi, parseMoney } from '../../app/money';
import { signOutSteps } from '../../app/session/sign-out-steps';
import { useSignedInUser } from '../../app/session/SessionProvider';
import { MoneyInput } from '../../app/ui/MoneyInput';
import { keepDraftForCorrection } from '../meeting/use-meeting-draft';
import type { MeetingDraft } from '../meeting/meeting-draft';
import { copiesShown } from './offline-copies';
import { deleteOfflineDatabase, type OutboxItem } from './offline-db';
import { isHeld, outbox, sendWaiting, setOutboxAuthor } from './outbox';
import { clearCorrection, keepForCorrection } from './outbox-correction';

/** "Cập nhật lúc 14:05 07/12/2026": the time first, as the staff say it. */
function updatedAt(iso: string): string {
  const [day, time] = formatDateTime(iso).split(' ');
  return `${time} ${day}`;
}

function useOutboxItems(): OutboxItem[] {
  return useSyncExternalStore(outbox.subscribe, outbox.items);
}

function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener('online', listener);
      window.addEventListener('offline', listener);
      return () => {
        window.removeEventListener('online', listener);
        window.removeEventListener('offline', listener);
      };
    },
    () => navigator.onLine,
  );
}

/** Everything this phone keeps for the signed-in person: the outbox, the copies, drafts and cached data. */
async function clearPhone(): Promise<void> {
  outbox.forget();
  clearCorrection();
  try {
    localStorage.removeItem(OFFLINE_COPIES_FLAG);
    localStorage.removeItem(OFFLINE_USER);
    localStorage.removeItem('ishc.meetingSheetDraft');
  } catch {
    // Nothing was stored then.
  }
  await deleteOfflineDatabase();
  // The app's own files stay (the sign-in page opens offline); anything cached at run time goes.
  if ('caches' in window) {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => !name.startsWith('workbox-precache')).map((name) => caches.delete(name)));
  }
}

/**
 * The club area on this phone: keeps its reads, sends what waits at start and whenever the connection
 * returns, and installs the service worker that opens its pages offline.
 */
function useOfflineClub(): void {
  const client = useApolloClient();
  const user = useSignedInUser();
  useEffect(() => {
    try {
      localStorage.setItem(OFFLINE_COPIES_FLAG, '1');
    } catch {
      // Without storage the club area simply needs a connection.
    }
    const token = sessionStore.token();
    if (token) keepUser(token, user);
    setOutboxAuthor({ userId: user.id, displayName: user.displayName });
    const send = () => void sendWaiting(client);
    send();
    window.addEventListener('online', send);
    const removeStep = signOutSteps.add({ unsent: () => outbox.items().length, clear: clearPhone });
    if (import.meta.env.PROD && 'serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
    return () => {
      window.removeEventListener('online', send);
      removeStep();
      setOutboxAuthor(null);
    };
  }, [client, user]);
}

function AmountEditor({ item, onSent }: { item: OutboxItem; onSent: () => void }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const input = item.variables.input;
  const [principal, setPrincipal] = useState(moneyFromApi(input.principal as string | number | undefined));
  const [interest, setInterest] = useState(moneyFromApi(input.interest as string | number | undefined));
  const [amount, setAmount] = useState(moneyFromApi(input.amount as string | number | undefined));

  async function resend() {
    const changed =
      item.kind === 'repayment'
        ? { principal: moneyForApi(parseMoney(principal) ?? 0n) ?? 0, interest: moneyForApi(parseMoney(interest) ?? 0n) ?? 0 }
        : { amount: moneyForApi(parseMoney(amount) ?? 0n) ?? 0 };
    const total = item.kind === 'repayment' ? (parseMoney(principal) ?? 0n) + (parseMoney(interest) ?? 0n) : (parseMoney(amount) ?? 0n);
    await outbox.update(item.id, {
      variables: { input: { ...input, ...changed } },
      amount: total.toString(),
      state: 'waiting',
      message: null,
    });
    onSent();
    void sendWaiting(client);
  }

  return (
    <Stack gap="xs">
      {item.kind === 'repayment' ? (
        <>
          <MoneyInput label={t('offline.principal')} value={principal} onChange={setPrincipal} data-testid="outbox-principal" />
          <MoneyInput label={t('offline.interest')} value={interest} onChange={setInterest} data-testid="outbox-interest" />
        </>
      ) : (
        <MoneyInput label={t('offline.amount')} value={amount} onChange={setAmount} data-testid="outbox-amount" />
      )}
      <Button onClick={() => void resend()} data-testid="outbox-resend">
        {t('offline.resend')}
      </Button>
    </Stack>
  );
}

function OutboxEntry({ item, onDiscard, onClose }: { item: OutboxItem; onDiscard: (item: OutboxItem) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useSignedInUser();
  const [editing, setEditing] = useState(false);
  const held = isHeld(item);
  const stateColor = held ? 'gray' : item.state === 'refused' ? 'red' : item.state === 'sending' ? 'blue' : 'yellow';

  async function correct() {
    if (item.kind === 'meetingSheet') {
      // The sheet opens again as it was written, with its key: it was refused, so nothing was recorded under it.
      keepDraftForCorrection(user.id, item.draft as MeetingDraft);
      await outbox.remove(item.id);
      onClose();
      void navigate('/club/meeting');
      return;
    }
    if (item.kind === 'member' || item.kind === 'homeCareVisit') {
      // Opened in its form as it was written, with its key; the item stays here until the form saves it.
      keepForCorrection({ itemId: item.id, kind: item.kind, userId: user.id, input: item.variables.input, message: item.message });
      onClose();
      void navigate(item.kind === 'member' ? '/club/members/new' : '/club/home-care');
      return;
    }
    setEditing((current) => !current);
  }

  // A visit or a new member goes back to its form, and only once the server refused it.
  const correctable = item.kind === 'meetingSheet' || item.kind === 'repayment' || item.kind === 'fundEntry' || item.state === 'refused';
  return (
    <Card withBorder radius="md" padding="sm" data-testid="outbox-item" data-state={held ? 'held' : item.state} data-kind={item.kind}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600}>{item.title}</Text>
          <Badge color={stateColor} variant="light" style={{ flexShrink: 0 }}>
            {held ? t('offline.states.held') : t(`offline.states.${item.state}`)}
          </Badge>
        </Group>
        {held && (
          <Text size="sm" data-testid="outbox-held">
            {t('offline.heldFor', { name: item.author?.displayName ?? '' })}
          </Text>
        )}
        {item.amount && <Text>{formatVnd(item.amount)}</Text>}
        <Text size="sm" c="dimmed">
          {t('offline.recordedAt', { time: updatedAt(item.createdAt) })}
        </Text>
        {item.message && (
          <Text c="red.8" size="sm" role="alert" data-testid="outbox-message">
            {item.message}
          </Text>
        )}
        {item.state !== 'sending' && !held && (
          <Group gap="xs">
            {correctable && (
              <Button size="sm" variant="light" onClick={() => void correct()} data-testid="outbox-correct">
                {t('offline.correct')}
              </Button>
            )}
            <Button size="sm" variant="subtle" color="red" onClick={() => onDiscard(item)} data-testid="outbox-discard">
              {t('offline.discard')}
            </Button>
          </Group>
        )}
        {editing && <AmountEditor item={item} onSent={() => setEditing(false)} />}
      </Stack>
    </Card>
  );
}

/** The header's count of what waits on the phone, opening the list of it; shown on every club page. */
export function ClubOutboxButton() {
  const { t } = useTranslation();
  const client = useApolloClient();
  useOfflineClub();
  const items = useOutboxItems();
  const online = useOnline();
  const [opened, setOpened] = useState(false);
  const [discarding, setDiscarding] = useState<OutboxItem | null>(null);
  const refused = items.filter((item) => item.state === 'refused').length;

  useEffect(() => {
    void outbox.load();
  }, []);

  // Everything sent or discarded: the list closes with the count.
  useEffect(() => {
    if (items.length === 0) setOpened(false);
  }, [items.length]);

  if (items.length === 0 && online) return null;
  return (
    <>
      <Button
        variant="light"
        color={refused ? 'red' : 'yellow'}
        size="compact-md"
        leftSection={online ? <IconCloudUpload size={18} /> : <IconCloudOff size={18} />}
        onClick={() => setOpened(true)}
        aria-label={t('offline.openOutbox')}
        data-testid="outbox-count"
        data-refused={refused > 0 || undefined}
      >
        {items.length ? t('offline.waitingCount', { count: items.length }) : t('offline.offline')}
      </Button>
      <Drawer opened={opened} onClose={() => setOpened(false)} position="right" title={t('offline.outboxTitle')} data-testid="outbox">
        <Stack gap="sm">
          <Text size="sm">{t('offline.outboxIntro')}</Text>
          {refused > 0 && <Text c="red.8">{t('offline.refusedCount', { count: refused })}</Text>}
          {items.length === 0 && <Text c="dimmed">{t('offline.outboxEmpty')}</Text>}
          {items.map((item) => (
            <OutboxEntry key={item.id} item={item} onDiscard={setDiscarding} onClose={() => setOpened(false)} />
          ))}
          {online && items.some((item) => item.state === 'waiting' && !isHeld(item)) && (
            <Button variant="light" onClick={() => void sendWaiting(client)}>
              {t('offline.sendNow')}
            </Button>
          )}
        </Stack>
      </Drawer>
      <Modal opened={discarding !== null} onClose={() => setDiscarding(null)} title={t('offline.discardTitle')} centered>
        <Stack>
          <Text>{t('offline.discardBody', { title: discarding?.title ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDiscarding(null)}>
              {t('offline.keep')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                if (discarding) void outbox.remove(discarding.id);
                // A correction of it left open in its form has nothing to replace any more.
                if (discarding) clearCorrection(discarding.id);
                setDiscarding(null);
              }}
              data-testid="outbox-discard-confirm"
            >
              {t('offline.discardConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Above a club page shown from the phone's copies: since when it is as shown. */
export function OfflineCopiesNote() {
  const { t } = useTranslation();
  const since = useSyncExternalStore(copiesShown.subscribe, copiesShown.since);
  if (!since) return null;
  return (
    <Alert color="yellow" variant="light" icon={<IconCloudOff />} mb="md" data-testid="offline-copies">
      {t('offline.shownFromPhone')} {t('offline.updatedAt', { time: updatedAt(since) })}
    </Alert>
  );
}
