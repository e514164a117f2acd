import { useTranslation } from 'react-i18next';
import { studioItemId } from '../../../shared/protocol/authoring-wire';
import { StudioEditorFrame } from './StudioEditorFrame';
import { StudioItemList } from './StudioItemList';
import { StudioItemTabs } from './StudioItemTabs';
import type { AuthoringList, StudioDesk, StudioKind } from './studio-kind';
import { StudioSplit } from './StudioSplit';
import { useAuthoringStudio, type AuthoringDetail } from './use-authoring-studio';

interface AuthoringStudioProps<
  C,
  D extends AuthoringDetail<C>,
  L extends AuthoringList,
  V,
  P,
  Issue,
  R,
> {
  kind: StudioKind<C, D, L, V, P, Issue, R>;
  desk: Omit<StudioDesk, 'centers' | 'uiLanguage'>;
}

/**
 * One kind's studio (scripts, approved answers): its items on the left with a new item's id
 * field, the open item on the right in the frame every kind shares (save, lint, publish,
 * rollback) around the kind's own tabs.
 */
export function AuthoringStudio<
  C,
  D extends AuthoringDetail<C>,
  L extends AuthoringList,
  V,
  P,
  Issue,
  R,
>({ kind, desk }: AuthoringStudioProps<C, D, L, V, P, Issue, R>) {
  const { i18n } = useTranslation();
  const uiLanguage = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const text = kind.useText();
  const lintMessage = kind.useLintMessage();
  const studio = useAuthoringStudio(kind.api);
  const list = studio.list.status === 'success' ? studio.list.value : null;
  const items = list ? kind.items(list) : [];

  return (
    <StudioSplit
      testId={kind.testIds.page}
      text={text}
      newTestIds={kind.testIds.new}
      error={studio.error}
      isNewIdValid={(id) => studioItemId.safeParse(id).success && !items.some((i) => i.id === id)}
      onCreate={(id) => studio.create(id, kind.emptyContent())}
      list={
        list && (
          <StudioItemList
            items={items}
            selected={studio.open?.id ?? null}
            uiLanguage={uiLanguage}
            emptyText={text.empty}
            testIdPrefix={kind.testIds.list}
            onSelect={(id) => void studio.load(id)}
          />
        )
      }
      editor={
        studio.open && (
          <StudioEditorFrame
            key={studio.open.id}
            studio={studio}
            open={studio.open}
            lintMessages={studio.issues.map(lintMessage)}
            testIds={kind.testIds.editor}
          >
            {(rollback) =>
              studio.open && (
                <StudioItemTabs
                  kind={kind}
                  open={studio.open}
                  issues={studio.issues}
                  edit={studio.edit}
                  desk={{ ...desk, uiLanguage, centers: list?.centers ?? [] }}
                  rollback={rollback}
                />
              )
            }
          </StudioEditorFrame>
        )
      }
    />
  );
}
