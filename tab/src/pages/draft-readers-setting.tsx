/**
 * The council's setting for who reads unjusterade draft minutes (minutesDraftReaders): the secretary chooses
 * between the secretary, chair and justerare only, and everyone who reads the council's minutes. Offered only
 * to those the server lets change the council (roster.manage); the server checks it again on save.
 */
import { Button, Field, Radio, RadioGroup } from '@fluentui/react-components';
import { useState } from 'react';
import { can, type Body, type MinutesDraftReaders } from '../../../shared/domain';
import type { Api } from '../api/client';
import { useT } from '../i18n/locale';
import { ErrorBox, Notice, useAction, useAsync } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';

export function DraftReadersSetting({ api, body, onSaved }: { api: Api; body: Body; onSaved: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  const me = useAsync(() => api.me(), [api]);
  const current: MinutesDraftReaders = body.minutesDraftReaders ?? 'leads';
  const [choice, setChoice] = useState<MinutesDraftReaders | null>(null);
  const [saved, setSaved] = useState(false);
  if (!me.data) return null;
  const roles = me.data.roles.filter((r) => r.bodyId === body.id).map((r) => r.role);
  if (!can({ personId: me.data.person?.id ?? null, tenantId: '', isAdmin: me.data.isAdmin }, 'roster.manage', { roles }).allowed) return null;
  const value = choice ?? current;
  return (
    <Section title={t('draftReadersTitle')} id="draft-readers">
      <form
        style={{ display: 'flex', flexDirection: 'column', gap: 8, minWidth: 0 }}
        data-draft-readers={current}
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          void act.run(() => api.updateBody(body.id, { version: body.version, minutesDraftReaders: value }), () => (setChoice(null), setSaved(true), onSaved()));
        }}
      >
        <Field label={t('draftReadersLabel')} hint={t('draftReadersHint')}>
          <RadioGroup value={value} onChange={(_, d) => (setSaved(false), setChoice(d.value as MinutesDraftReaders))}>
            <Radio value="leads" label={t('draftReaders_leads')} />
            <Radio value="members" label={t('draftReaders_members')} />
          </RadioGroup>
        </Field>
        <div className={s.row}>
          <Button type="submit" appearance="primary" disabled={value === current || act.busy}>
            {t('draftReadersSave')}
          </Button>
        </div>
        {saved && !act.error ? <Notice>{t('draftReadersSaved')}</Notice> : null}
        {act.error ? <ErrorBox error={act.error} /> : null}
      </form>
    </Section>
  );
}
