import { adaptiveCard, safeTextBlock, type AdaptiveCardJson } from './card-kit';
import { cardText, type CardLocale } from './card-strings';
import { escapeCardText } from './escape-card-text';
import { formatMessage, type ErrorCode, type ErrorParams } from '../../../shared/errors/catalog';
import { POLICY_REASON_TEXT, type PolicyReason } from '../../../shared/domain/policy';

export interface ErrorCardModel {
  locale: CardLocale;
  code: ErrorCode;
  params?: ErrorParams;
  /** For a refused action: the policy's reason, said in the user's language. */
  policyReason?: PolicyReason | null;
  correlationId?: string | null;
}

/** Why an action was refused or failed, in the user's language, with the catalog code. */
export function errorCard(vm: ErrorCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const params: ErrorParams = { ...vm.params, ...(vm.correlationId ? { correlationId: vm.correlationId } : {}) };
  const message = vm.policyReason
    ? capitalise(POLICY_REASON_TEXT[vm.policyReason][l]) + '.'
    : formatMessage(vm.code, l, params);
  return adaptiveCard([
    safeTextBlock(cardText(l, 'errorTitle'), { weight: 'Bolder', color: 'Attention' }),
    // The catalog message can carry user input through {detail}: escape it like any user text.
    safeTextBlock(escapeCardText(message)),
    safeTextBlock(cardText(l, 'errorCode', { code: vm.code }), { isSubtle: true, size: 'Small' }),
  ]);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
