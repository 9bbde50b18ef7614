import { UnstyledButton } from '@mantine/core';
import { IconChevronRight, IconPointFilled } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HierarchyUnitFragment } from '../../gql/graphql';
import classes from './hierarchy.module.css';
import { UnitActions } from './UnitActions';
import { UnitChildren } from './UnitChildren';
import { UnitSummary } from './UnitSummary';

interface UnitTreeNodeProps {
  unit: HierarchyUnitFragment;
  initiallyExpanded?: boolean;
  canEdit?: boolean;
}

export function UnitTreeNode({ unit, initiallyExpanded = false, canEdit = false }: UnitTreeNodeProps) {
  const { t } = useTranslation();
  const childrenId = useId();
  const hasChildren = unit.childCount > 0;
  const [expanded, setExpanded] = useState(initiallyExpanded && hasChildren);
  const nodeAttributes = { 'data-testid': 'tree-node', 'data-unit-id': unit.id, 'data-level': unit.level };

  return (
    <li>
      <div className={classes.line}>
        {hasChildren ? (
          <UnstyledButton
            className={classes.row}
            onClick={() => setExpanded((value) => !value)}
            aria-expanded={expanded}
            aria-controls={childrenId}
            title={t(expanded ? 'hierarchy.collapse' : 'hierarchy.expand', { name: unit.name })}
            {...nodeAttributes}
          >
            <span className={classes.toggle} data-expanded={expanded || undefined} aria-hidden>
              <IconChevronRight size={20} />
            </span>
            <UnitSummary unit={unit} />
          </UnstyledButton>
        ) : (
          <div className={classes.row} {...nodeAttributes}>
            <span className={classes.toggle} aria-hidden>
              <IconPointFilled size={10} />
            </span>
            <UnitSummary unit={unit} />
          </div>
        )}
        {canEdit && <UnitActions unit={unit} />}
      </div>
      {expanded && (
        <ul id={childrenId} className={classes.children}>
          <UnitChildren parentId={unit.id} canEdit={canEdit} />
        </ul>
      )}
    </li>
  );
}
