import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import type { ClubMemberListItemFragment } from '../../gql/graphql';

/** What sets a member apart on the roster, as small labels. */
export function MemberBadges({ member }: { member: ClubMemberListItemFragment }) {
  const { t } = useTranslation();
  const badges: Array<{ key: string; color: string; label: string }> = [];
  if (member.leftOn) badges.push({ key: 'left', color: 'gray', label: t('clubArea.members.leftOn', { date: formatDate(member.leftOn) }) });
  if (member.duplicateStatus === 'POSSIBLE') badges.push({ key: 'duplicate', color: 'orange', label: t('clubArea.members.badges.duplicate') });
  if (member.boardRole) badges.push({ key: 'board', color: 'indigo', label: t(`clubArea.boardRole.${member.boardRole}`) });
  if (member.homeCareVolunteer) badges.push({ key: 'volunteer', color: 'teal', label: t('clubArea.members.badges.volunteer') });
  if (member.older) badges.push({ key: 'older', color: 'blue', label: t('clubArea.members.badges.older') });
  if (member.poorHousehold) badges.push({ key: 'poor', color: 'grape', label: t('clubArea.members.badges.poor') });
  if (member.nearPoorHousehold) badges.push({ key: 'nearPoor', color: 'grape', label: t('clubArea.members.badges.nearPoor') });
  if (member.needsHomeCare) badges.push({ key: 'care', color: 'pink', label: t('clubArea.members.badges.needsCare') });
  if (badges.length === 0) return null;
  return (
    <Group gap={6} wrap="wrap">
      {badges.map((badge) => (
        <Badge key={badge.key} color={badge.color} variant="light" tt="none" size="md" data-testid={`member-badge-${badge.key}`}>
          {badge.label}
        </Badge>
      ))}
    </Group>
  );
}
