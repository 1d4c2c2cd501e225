import { Button, Field, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import { useT } from '../i18n/locale';
import { ErrorBox, Notice, useAction } from '../ui/common';
import { usePageStyles } from '../ui/page';

/**
 * Rättelse of justerade minutes, for the secretary (the server checks the role too): the lock message tells
 * her to make one, so here it is. She says what is corrected and why (that line heads the new version and its
 * hash); the lock lifts for her edits; "Skapa rättelseversion" writes version N+1 and locks again. The
 * justerade version stays as it was, and both steps are audited on the server.
 */
export function MinutesCorrection({ api, meetingId, locked, correctionOpen, onChanged }: { api: Api; meetingId: string; locked: boolean; correctionOpen: boolean; onChanged: (message: string) => void }) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  if (!locked && !correctionOpen) return null;
  return (
    <div data-correction={correctionOpen ? 'open' : 'closed'}>
      {correctionOpen ? (
        <>
          <Notice intent="warning">{t('correctionOpenNotice')}</Notice>
          <div className={s.row}>
            <Button appearance="primary" disabled={act.busy} onClick={() => act.run(() => api.writeCorrection(meetingId).then((v) => onChanged(t('correctionWritten', { n: v.number }))))}>
              {t('writeCorrection')}
            </Button>
          </div>
        </>
      ) : asking ? (
        <div className={s.card}>
          <Field label={t('correctionReason')} required>
            <Textarea value={reason} onChange={(_, d) => setReason(d.value)} resize="vertical" />
          </Field>
          <div className={s.row} style={{ marginTop: 8 }}>
            <Button appearance="primary" disabled={act.busy || !reason.trim()} onClick={() => act.run(() => api.openCorrection(meetingId, reason.trim()).then(() => (setAsking(false), setReason(''), onChanged(t('correctionOpenNotice')))))}>
              {t('openCorrection')}
            </Button>
            <Button disabled={act.busy} onClick={() => setAsking(false)}>
              {t('cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <div className={s.row}>
          <Button onClick={() => setAsking(true)}>{t('makeCorrection')}</Button>
        </div>
      )}
      {act.error ? <ErrorBox error={act.error} /> : null}
    </div>
  );
}
