import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { CardDelivery } from '../../../shared/contracts/minutes-views';
import type { Api } from '../api/client';
import { useLocale, useT } from '../i18n/locale';
import { ErrorBox, useAction } from '../ui/common';
import { usePageStyles } from '../ui/page';

const useStyles = makeStyles({
  unreachable: { color: tokens.colorPaletteRedForeground1, margin: '2px 0 0', overflowWrap: 'anywhere' },
  note: { margin: '2px 0 0' },
  form: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: '8px', marginTop: '4px' },
});

/** Today in the meeting's time zone, as YYYY-MM-DD (what the date input and the API use). */
function today(timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(new Date());
}

/**
 * What the secretary needs under a justerare who has not signed: whether the card reached
 * them in Teams, and if not, why and what to do; and the justering made outside Teams, recorded with its date.
 */
export function PendingJusterareControls(props: { api: Api; meetingId: string; version: number; timeZone: string; personId: string; name: string; delivery: CardDelivery | null | undefined; onChanged: () => void }) {
  const { api, meetingId, version, personId, name, delivery, onChanged } = props;
  const t = useT();
  const locale = useLocale();
  const s = usePageStyles();
  const js = useStyles();
  const [date, setDate] = useState(() => today(props.timeZone));
  const record = useAction();
  return (
    <div>
      {delivery?.state === 'unreachable' ? (
        <p className={js.unreachable} data-delivery="unreachable">
          {t('deliveryUnreachable', { reason: locale === 'sv' ? delivery.reasonSv : delivery.reasonEn })}
        </p>
      ) : delivery?.state === 'delivered_in_channel' ? (
        <p className={`${s.muted} ${js.note}`} data-delivery="delivered_in_channel">
          {t('deliveryInChannel', { reason: locale === 'sv' ? delivery.reasonSv : delivery.reasonEn })}
        </p>
      ) : delivery ? (
        <p className={`${s.muted} ${js.note}`} data-delivery={delivery.state}>
          {t(delivery.state === 'delivered' ? 'deliveryDelivered' : 'deliverySending')}
        </p>
      ) : null}
      <div className={js.form}>
        <Field label={t('externalDateFor', { name })}>
          <Input type="date" value={date} max={today(props.timeZone)} onChange={(_, d) => setDate(d.value)} />
        </Field>
        <Button size="small" disabled={record.busy || !date} onClick={() => record.run(() => api.recordExternalJustering(meetingId, version, { personId, date, method: 'email' }), onChanged)}>
          {t('recordEmailJustering')}
        </Button>
      </div>
      {record.error ? <ErrorBox error={record.error} /> : null}
    </div>
  );
}
